package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// applied counts, in the platform's own records, the mutations of each
// kind that were applied, and how many keys were applied more than once.
// It reads the database through a server of its own (which changes
// nothing but the admin token's hash, and that only for its own file).
func applied(ctx context.Context, db, keyFile, dir string) (map[string]int, int, error) {
	opt := server.Options{Now: time.Now, Log: io.Discard, AdminTokenFile: filepath.Join(dir, "inspect.admin-token")}
	if server.IsPostgres(db) {
		key, err := os.ReadFile(keyFile)
		if err != nil {
			return nil, 0, err
		}
		opt.CodeKey = key
	}
	s, err := server.Open(ctx, db, opt)
	if err != nil {
		return nil, 0, fmt.Errorf("inspect the database: %w", err)
	}
	defer s.Close()
	count, twice := map[string]int{}, 0
	for _, kind := range []string{platform.Orders, platform.Appointments} {
		list, err := s.Applied(ctx, kind)
		if err != nil {
			return nil, 0, err
		}
		seen := map[string]int{}
		for _, a := range list {
			seen[a.UserID+" "+a.Key]++
			if seen[a.UserID+" "+a.Key] == 2 {
				twice++
			}
		}
		count[kind] = len(list)
	}
	return count, twice, nil
}
