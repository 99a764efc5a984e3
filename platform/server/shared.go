package server

import (
	"errors"
	"net/url"
)

// checkShared refuses to open a PostgreSQL database without what every
// node over it must share: the key the one-time codes are hashed with
// (a node with a key of its own could not check the codes another sent)
// and a file for the admin token (there is no database file to put it
// beside).
func checkShared(e engine, opt *Options) error {
	if e.Name() != "postgres" {
		return nil
	}
	switch {
	case len(opt.CodeKey) < 32:
		return errors.New("open platform server on PostgreSQL: give every node the same code key of at least 32 bytes (Options.CodeKey, cmd/platform --code-key-file)")
	case opt.AdminTokenFile == "":
		return errors.New("open platform server on PostgreSQL: name the admin token's file (Options.AdminTokenFile)")
	}
	return nil
}

// redactURL is a database URL without its password, for logs and
// errors.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(a PostgreSQL URL that does not parse)"
	}
	return u.Redacted()
}
