package offline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"
)

// moveAside renames the file at path, and its SQLite companions, to
// <path>.unusable-<YYYYMMDD-HHMMSS> (with a counter if that name is taken).
// The main file goes first: if it cannot be moved nothing has changed.
func moveAside(path string, now func() time.Time, kind RecoveryKind, reason string) (Recovery, error) {
	base := path + ".unusable-" + now().Format("20060102-150405")
	target := base
	for i := 2; exists(target); i++ {
		target = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Rename(path, target); err != nil {
		return Recovery{}, fmt.Errorf("open store: %s, and it could not be moved aside: %w", reason, err)
	}
	rec := Recovery{MovedTo: target, Reason: reason, Kind: kind}
	var errs []string
	for _, suffix := range companions {
		err := os.Rename(path+suffix, target+suffix)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		// A stale -wal left beside the new database would be replayed
		// into it, so the store must not be created.
		return rec, fmt.Errorf("open store: %s; moved it to %s but not its companion files: %s",
			reason, target, strings.Join(errs, "; "))
	}
	return rec, nil
}

// exists reports whether anything is at path (or whether it cannot tell).
func exists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// moveBack undoes a moveAside that the repair could not finish, so that
// the store is left as it was: the file and its companions go back to
// path.
func moveBack(rec Recovery, path string) error {
	var errs []error
	for _, suffix := range companions {
		if err := os.Rename(rec.MovedTo+suffix, path+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	if err := os.Rename(rec.MovedTo, path); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// removeFileSet removes a database file and its companions; missing ones
// are no error.
func removeFileSet(path string) error {
	var errs []error
	for _, suffix := range append([]string{""}, companions...) {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
