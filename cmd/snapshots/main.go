// Command snapshots renders every screen of the app to PNG files, from
// stores filled through the sync path from a reference platform server it
// starts on loopback (package demoworld): a visitor's, synced with nobody
// signed in, and a resident's, signed in with their card, codes, orders
// and visits. `make snapshots` runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"jiangsupass/app"
	"jiangsupass/demoworld"
)

// version names the build in About, as main.version does the app's.
var version = "snapshots"

func main() {
	out := flag.String("out", "snapshots", "the folder the PNG files are written to")
	only := flag.String("only", "", "render only the files whose names begin with this, e.g. card- or verify")
	flag.Parse()
	if err := run(*out, *only); err != nil {
		fmt.Fprintln(os.Stderr, "snapshots:", err)
		os.Exit(1)
	}
}

// run fills the stores in a temporary folder and renders them into out.
func run(out, only string) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "jiangsupass-snapshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	w, err := demoworld.New(ctx, dir, app.SnapshotTime)
	if err != nil {
		return err
	}
	defer w.Close()
	visitor, resident, r, err := w.OpenAndFill(ctx, dir)
	if err != nil {
		return err
	}
	defer visitor.Close()
	defer resident.Close()
	return app.Snapshot(app.SnapshotWorld{Visitor: visitor, Resident: resident, Client: r.Client, StaleCode: r.StaleCode,
		DataDir: dir, Version: version, Only: only}, out)
}
