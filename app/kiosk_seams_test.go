package app

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"
	"fyne.io/fyne/v2/test"
)

// seamRecorder records what a public kiosk must never reach: the app's
// URL opener, and the file system through Fyne's storage (what a file
// dialog lists, and the folders its New Folder button makes).
type seamRecorder struct {
	mu   sync.Mutex
	seen []string
}

func (r *seamRecorder) note(what string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = append(r.seen, what)
}

// take returns what was recorded since the last take.
func (r *seamRecorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.seen
	r.seen = nil
	return out
}

// errRecorded is what the recorders answer: nothing is opened or listed.
var errRecorded = errors.New("recorded, not done")

// recordingApp is the test app with its URL opener replaced by a recorder.
type recordingApp struct {
	fyne.App
	rec *seamRecorder
}

func (a recordingApp) OpenURL(u *url.URL) error {
	a.rec.note("opened the URL " + u.String())
	return errRecorded
}

// fileRepository is what Fyne's file repository does.
type fileRepository interface {
	repository.AppendableRepository
	repository.ListableRepository
	repository.HierarchicalRepository
	repository.DeleteAllRepository
	repository.CopyableRepository
	repository.MovableRepository
}

// recordingFiles is Fyne's file repository with listing and making
// folders recorded and refused.
type recordingFiles struct {
	fileRepository
	rec *seamRecorder
}

func (f recordingFiles) CanList(u fyne.URI) (bool, error) {
	f.rec.note("asked to list the folder " + u.String())
	return false, errRecorded
}

func (f recordingFiles) List(u fyne.URI) ([]fyne.URI, error) {
	f.rec.note("listed the folder " + u.String())
	return nil, errRecorded
}

func (f recordingFiles) CreateListable(u fyne.URI) error {
	f.rec.note("made the folder " + u.String())
	return errRecorded
}

// recordSeams makes a test app whose URL opener and file storage are
// recorders, current for every widget, and returns it with its recorder.
func recordSeams(t *testing.T) (fyne.App, *seamRecorder) {
	t.Helper()
	rec := &seamRecorder{}
	base := test.NewTempApp(t) // registers a fresh file repository
	a := recordingApp{App: base, rec: rec}
	fyne.SetCurrentApp(a)
	orig, err := repository.ForScheme("file")
	if err != nil {
		t.Fatal(err)
	}
	files, ok := orig.(fileRepository)
	if !ok {
		t.Fatalf("Fyne's file repository %T does less than this test expects", orig)
	}
	repository.Register("file", recordingFiles{files, rec})
	t.Cleanup(func() {
		repository.Register("file", orig)
		fyne.SetCurrentApp(base)
	})
	return a, rec
}

// fileDialogShown reports whether an overlay of c holds a part of Fyne's
// file dialog (its items, the layout of its places): what the test driver
// shows of one, whatever the storage under it does.
func fileDialogShown(c fyne.Canvas) bool {
	shown := false
	for _, o := range c.Overlays().List() {
		walk(o, nil, func(v visit) {
			if isFileDialogPart(v.obj) {
				shown = true
			}
			if ct, ok := v.obj.(*fyne.Container); ok && ct.Layout != nil && isFileDialogPart(ct.Layout) {
				shown = true
			}
		})
	}
	return shown
}

// isFileDialogPart reports whether x is one of the dialog package's
// types for its file dialog.
func isFileDialogPart(x any) bool {
	t := reflect.TypeOf(x)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.PkgPath() != "fyne.io/fyne/v2/dialog" {
		return false
	}
	n := t.Name()
	return strings.HasPrefix(n, "file") || strings.HasPrefix(n, "favorite") || n == "iconPaddingLayout"
}
