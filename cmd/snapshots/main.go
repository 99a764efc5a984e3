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
	"path/filepath"

	"jiangsupass/app"
	"jiangsupass/demoworld"
	"jiangsupass/offline"
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
	open := func(name string) (*offline.Store, error) {
		s, _, err := offline.Open(ctx, filepath.Join(dir, name, "jiangsupass.db"), w.StoreOptions())
		return s, err
	}
	visitor, err := open("visitor")
	if err != nil {
		return err
	}
	defer visitor.Close()
	resident, err := open("resident")
	if err != nil {
		return err
	}
	defer resident.Close()
	r, err := w.Fill(ctx, visitor, resident)
	if err != nil {
		return err
	}
	return app.Snapshot(app.SnapshotWorld{Visitor: visitor, Resident: resident, Client: r.Client, StaleCode: r.StaleCode,
		DataDir: dir, Version: version, Only: only}, out)
}
