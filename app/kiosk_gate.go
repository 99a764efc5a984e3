package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/kiosk"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens"
)

// A gate kiosk (role "gate") records each ticket it admits and each exit
// it counts in its store's outbox, and sends them with the gate's area
// token to the platform that issued it. Those records must outlive a
// restart, so a gate's store is a file in the data folder (gateStoreFile),
// not memory: a gate keeps nothing of a visitor (no one signs in on it),
// and the kiosk's reset between visitors keeps the gate's records.

// gateStoreFile is a gate kiosk's store, in its data folder.
const gateStoreFile = "gate.db"

// openKioskStore opens a kiosk's store: in memory, or for a gate, the file
// gateStoreFile in dir.
func openKioskStore(ctx context.Context, dir string, kc kiosk.Config, opt offline.Options) (*offline.Store, error) {
	path := ""
	if kc.IsGate() {
		path = filepath.Join(dir, gateStoreFile)
	} else {
		opt.Memory = true
	}
	store, _, err := offline.Open(ctx, path, opt)
	if err != nil {
		return nil, fmt.Errorf("open the kiosk's store: %w", err)
	}
	return store, nil
}

// gateOf is where a gate kiosk stands, for the screens; nil for a kiosk
// that is not a gate.
func gateOf(kc kiosk.Config) *screens.Gate {
	if !kc.IsGate() {
		return nil
	}
	return &screens.Gate{GatePost: offline.GatePost{AttractionID: kc.Gate.Attraction, Gate: kc.Gate.ID}, Exits: kc.Gate.Exits}
}

// kioskAPI is the platform a kiosk syncs from: --api, else a gate's
// server. A gate told by --api to sync from another server than the one
// that issued its token does not start: its admissions could reach no
// platform that takes them.
func kioskAPI(cfg Config, kc kiosk.Config) (string, error) {
	api := strings.TrimSpace(cfg.API)
	if !kc.IsGate() {
		return api, nil
	}
	if api == "" {
		return kc.Gate.Server, nil
	}
	want, err1 := platform.Origin(kc.Gate.Server)
	got, err2 := platform.Origin(api)
	if err1 != nil || err2 != nil || want != got {
		return "", fmt.Errorf("--api %s: the gate's token was issued by %s (the kiosk file's gate.server); sync from it", api, kc.Gate.Server)
	}
	return api, nil
}

// startGate gives the syncer the gate's area token, for the server that
// issued it.
func startGate(sy *syncer, kc kiosk.Config) {
	if kc.IsGate() {
		sy.setAreaToken(kc.Gate.Server, kc.Gate.Token)
	}
}

// showStaffView opens the area's staff view over the kiosk, once the
// staff PIN is given (askPINFor); it closes with its Close button or the
// kiosk's reset.
func (k *kioskMode) showStaffView() {
	if k.window == nil {
		return
	}
	env := k.shell.env()
	var api screens.StaffPlatform
	if k.shell.syncer != nil {
		if c := k.shell.syncer.Client(); c != nil {
			api = c
		}
	}
	var pop *widget.PopUp
	view := screens.NewStaffView(env, api, func() {
		k.touch()
		if pop != nil {
			pop.Hide()
		}
	})
	size := k.window.Canvas().Size()
	pop = widget.NewModalPopUp(container.NewPadded(view), k.window.Canvas())
	pop.Resize(fyne.NewSize(size.Width*0.9, size.Height*0.9))
	pop.Show()
}

// setAreaToken installs a gate's area token, issued by the platform at
// server, on the running engine's client and on every client made later;
// the records waiting for it go at once.
func (s *syncer) setAreaToken(server, token string) {
	origin, err := platform.Origin(server)
	if err != nil {
		fyne.LogError("gate.server", err)
		return
	}
	s.mu.Lock()
	s.area.origin, s.area.token = origin, token
	eng := s.engine
	s.mu.Unlock()
	if eng == nil {
		return
	}
	if err := eng.Client().SetAreaToken(origin, token); err != nil {
		fyne.LogError("the gate's area token is another server's", err)
	}
	eng.SyncNow()
}
