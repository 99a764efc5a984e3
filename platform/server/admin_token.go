package server

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
)

// AdminTokenSuffix is added to the database's path to name the file the
// admin token is written to, unless Options.AdminTokenFile names another.
const AdminTokenSuffix = ".admin-token"

// writeAdminToken makes a new admin token and writes it, with a newline,
// to a file only its owner can read (0600). The file is written beside
// and then renamed over the old one, so that a reader never sees half a
// token and a link put in its place is replaced, not followed.
func writeAdminToken(path string) (string, error) {
	token := rand.Text()
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("admin token: %w", err)
	}
	f, err := os.CreateTemp(dir, ".admin-token-*") // mode 0600
	if err != nil {
		return "", fmt.Errorf("admin token: %w", err)
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
		return "", fmt.Errorf("admin token %s: %w", path, err)
	}
	return token, nil
}

// AdminTokenFile is the file holding the token the admin API asks for
// (Authorization: Bearer <token>). A new token is written at every start.
func (s *Server) AdminTokenFile() string { return s.adminTokenFile }
