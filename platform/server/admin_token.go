package server

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"os"
	"path/filepath"
)

// AdminTokenSuffix is added to the database's path to name the file the
// admin token is written to, unless Options.AdminTokenFile names another.
const AdminTokenSuffix = ".admin-token"

// metaAdminToken is the meta key holding the SHA-256 of the admin token
// in force, so that every node over one database takes the token the
// newest of them wrote.
const metaAdminToken = "admin_token_sha256"

// writeAdminToken makes a new admin token, puts its hash in the
// database, and writes it, with a newline, to a file only its owner can
// read (0600). The file is written beside and then renamed over the old
// one, so that a reader never sees half a token and a link put in its
// place is replaced, not followed.
func (s *Server) writeAdminToken(ctx context.Context, path string) error {
	token := rand.Text()
	if err := setMeta(ctx, s.db, metaAdminToken, hashToken(token)); err != nil {
		return fmt.Errorf("admin token: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("admin token: %w", err)
	}
	f, err := os.CreateTemp(dir, ".admin-token-*") // mode 0600
	if err != nil {
		return fmt.Errorf("admin token: %w", err)
	}
	_, err = f.WriteString(token + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o600)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("admin token %s: %w", path, err)
	}
	s.log.Printf("admin API token written to %s", path)
	return nil
}

// isAdminToken reports whether token is the admin token in force.
func (s *Server) isAdminToken(ctx context.Context, token string) bool {
	want, err := getMeta(ctx, s.db, metaAdminToken)
	got := hashToken(token)
	return err == nil && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// AdminTokenFile is the file holding the token the admin API asks for
// (Authorization: Bearer <token>). A new token is written at every start.
func (s *Server) AdminTokenFile() string { return s.adminTokenFile }
