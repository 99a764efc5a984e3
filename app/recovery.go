package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"jiangsupass/offline"
	"jiangsupass/translations"
)

// recoveryNotice tells the user, in their language, that their local data
// file could not be used and where it was kept; for a damaged store, also
// what was kept of it and what comes back with the next sync.
func recoveryNotice(l *translations.Localizer, rec offline.Recovery) string {
	if rec.MovedTo == "" {
		return ""
	}
	path := map[string]any{"Path": rec.MovedTo}
	if rec.Kind != offline.Corrupt {
		return l.Tf("StoreRecovered", path)
	}
	kept := rec.Salvaged
	parts := []string{l.Tf("StoreRepaired", path)}
	if kept.Pending > 0 {
		parts = append(parts, l.N("StoreRepairedPending", kept.Pending, nil))
	}
	if kept.Personal > 0 {
		parts = append(parts, l.T("StoreRepairedPersonal"))
	}
	if kept.Rows["settings"] > 0 || kept.Rows["favourites"] > 0 {
		parts = append(parts, l.T("StoreRepairedSettings"))
	}
	parts = append(parts, l.T("StoreRepairedRest"))
	if len(kept.Unreadable) > 0 {
		parts = append(parts, l.T("StoreRepairedLost"))
	}
	sep := " "
	if l.Lang() == "zh-Hans" || l.Lang() == "zh-Hant" || l.Lang() == "ja" {
		sep = "" // sentences end in a full-width stop
	}
	return strings.Join(parts, sep)
}

// watchRepairs has the shell told of each repair of the store made while
// the app runs (offline/recovery_repair.go).
func (s *Shell) watchRepairs() {
	s.store.OnRepair(func(rec offline.Recovery, err error) {
		fyne.Do(func() { s.repaired(rec, err) })
	})
}

// repaired tells the user what a repair of the store kept, on Home and at
// once in a dialog, and builds the current screen again so that it reads
// the repaired store; or that the store could not be repaired now.
func (s *Shell) repaired(rec offline.Recovery, err error) {
	if err != nil {
		fyne.LogError("repair the local store", err)
	}
	switch {
	case rec.Happened():
		fyne.LogError("local store was damaged and was repaired", errors.New(rec.Reason+"; moved to "+rec.MovedTo))
		s.notice = recoveryNotice(s.loc, rec)
	case errors.Is(err, offline.ErrStoreDamaged):
		s.notice = s.loc.T("StoreRepairFailed")
	default:
		return
	}
	s.rebuild()
	if s.window != nil {
		dialog.ShowInformation(s.loc.T("StoreRepairTitle"), s.notice, s.window)
	}
}
