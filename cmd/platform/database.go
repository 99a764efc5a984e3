package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	"jiangsupass/platform/server"
)

// sharedOptions adds to opt what every node over one database must share
// when dbPath is a PostgreSQL URL: the code key, read from keyFile (made,
// 32 random bytes readable by its owner only, when it does not exist;
// default: code-key in the per-user data folder), and the admin token's
// file (default: postgres.admin-token there). Nodes on several machines
// are each given a copy of the one key file. A SQLite database needs
// neither unless keyFile is named: the server makes its own key then.
func sharedOptions(dbPath, keyFile string, opt *server.Options) error {
	if !server.IsPostgres(dbPath) && keyFile == "" {
		return nil
	}
	dir := ""
	if keyFile == "" || opt.AdminTokenFile == "" {
		var err error
		if dir, err = server.DataDir(); err != nil {
			return fmt.Errorf("the per-user data folder: %w (name the key with --code-key-file)", err)
		}
	}
	if keyFile == "" {
		keyFile = filepath.Join(dir, "code-key")
	}
	key, err := codeKey(keyFile)
	if err != nil {
		return err
	}
	opt.CodeKey = key
	if opt.AdminTokenFile == "" && server.IsPostgres(dbPath) {
		opt.AdminTokenFile = filepath.Join(dir, "postgres"+server.AdminTokenSuffix)
	}
	return nil
}

// codeKey reads the code key from file, first writing a new random one
// (0600) when there is none.
func codeKey(file string) ([]byte, error) {
	b, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		b = make([]byte, 32)
		_, _ = rand.Read(b) // never fails (crypto/rand)
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			_, err = f.Write(b)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if errors.Is(err, fs.ErrExist) { // another node made it first
			return codeKey(file)
		}
		if err != nil {
			return nil, fmt.Errorf("code key %s: %w", file, err)
		}
		return b, nil
	}
	if err != nil {
		return nil, fmt.Errorf("code key: %w", err)
	}
	if len(b) < 32 {
		return nil, fmt.Errorf("code key %s: %d bytes, at least 32 wanted", file, len(b))
	}
	return b, nil
}

// shownDB is the database as the start-up line names it: a PostgreSQL
// URL without its password.
func shownDB(dbPath string) string {
	if !server.IsPostgres(dbPath) {
		return dbPath
	}
	if u, err := url.Parse(dbPath); err == nil {
		return u.Redacted()
	}
	return "PostgreSQL"
}
