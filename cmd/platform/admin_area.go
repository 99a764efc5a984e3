package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"jiangsupass/platform"
)

// adminTarget is the running server an admin command talks to, and the
// file of its admin token.
type adminTarget struct {
	base, tokenFile string
}

// adminCommand is an admin command that has flags of its own.
type adminCommand func(t adminTarget, args []string, out io.Writer) error

// adminCommands are the admin commands with flags of their own, by name.
var adminCommands = map[string]adminCommand{
	"area-token":        areaTokenCommand,
	"revoke-area-token": revokeAreaTokenCommand,
	"simulate-day":      simulateDayCommand,
}

// call sends a request to the admin API with the admin token and decodes
// its JSON answer into v (when v is not nil).
func (t adminTarget) call(method, path string, body, v any) error {
	token, err := adminToken(t.tokenFile)
	if err != nil {
		return err
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, strings.TrimRight(t.base, "/")+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %s %s", method, path, resp.Status, strings.TrimSpace(string(got)))
	}
	if v == nil {
		return nil
	}
	return json.Unmarshal(got, v)
}

// issueAreaToken asks the server for an area token.
func (t adminTarget) issueAreaToken(area, gate, label string) (platform.AreaTokenGrant, error) {
	var g platform.AreaTokenGrant
	err := t.call(http.MethodPost, "/admin/v1/areas/"+area+"/tokens", platform.AreaTokenRequest{Gate: gate, Label: label}, &g)
	return g, err
}

// areaTokenCommand issues an area token: admin area-token --area 5a-002
// [--gate east] [--label …] [--out FILE]. With --out the token is written
// to a new file only its owner can read (0600), else printed once; for a
// gate it prints the lines of the gate kiosk's file.
func areaTokenCommand(t adminTarget, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("platform admin area-token", flag.ContinueOnError)
	area := fs.String("area", "", "the scenic area's attraction ID, such as 5a-002")
	gate := fs.String("gate", "", "the gate the token records admissions and exits for; none for a staff token")
	label := fs.String("label", "", "who holds it, for the log")
	file := fs.String("out", "", "write the token to this new file (0600) instead of printing it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *area == "" || fs.NArg() > 0 {
		return errors.New("usage: admin area-token --area ID [--gate GATE] [--label TEXT] [--out FILE]")
	}
	g, err := t.issueAreaToken(*area, *gate, *label)
	if err != nil {
		return err
	}
	kind := "staff token of " + g.AttractionID
	if g.Gate != "" {
		kind = "token of gate " + g.Gate + " of " + g.AttractionID
	}
	if *file != "" {
		if err := writeSecret(*file, g.Token); err != nil {
			return fmt.Errorf("%s (id %s) issued but not written: %w; revoke it with revoke-area-token", kind, g.ID, err)
		}
		fmt.Fprintf(out, "%s (id %s) written to %s\n", kind, g.ID, *file)
	} else {
		fmt.Fprintf(out, "%s (id %s); shown once, the server keeps only its hash:\n%s\n", kind, g.ID, g.Token)
	}
	if g.Gate == "" {
		return nil
	}
	exits, where := false, *file
	if where == "" {
		where = "a file holding the token above, readable by the kiosk's user only"
	}
	if rep, err := platform.NewClient(t.base, platform.Options{}).Crowd(context.Background()); err == nil {
		for _, l := range rep.Areas {
			exits = exits || l.ID == g.AttractionID && !l.Estimated
		}
	}
	fmt.Fprintf(out, "\nfor the gate kiosk's file:\nrole = \"gate\"\n\n[gate]\nattraction = %q\nid = %q\nserver = %q\ntoken_file = %q\nexits = %v\n",
		g.AttractionID, g.Gate, t.base, where, exits)
	return nil
}

// writeSecret writes a secret and a newline to a new file that only its
// owner can read.
func writeSecret(path, secret string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(secret + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// revokeAreaTokenCommand revokes an area token by its ID: admin
// revoke-area-token at-….
func revokeAreaTokenCommand(t adminTarget, args []string, out io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: admin revoke-area-token ID")
	}
	var g platform.AreaTokenGrant
	if err := t.call(http.MethodDelete, "/admin/v1/area-tokens/"+args[0], nil, &g); err != nil {
		return err
	}
	fmt.Fprintf(out, "revoked %s (%s, gate %q)\n", g.ID, g.AttractionID, g.Gate)
	return nil
}
