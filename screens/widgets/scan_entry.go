package widgets

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/kiosk"
)

// ScanEntry is a text field that a barcode scanner in keyboard mode types
// into: keys arriving at scanner speed and ending in Enter call OnScan with
// the code; Enter after typing by hand calls OnSubmitted as usual.
type ScanEntry struct {
	widget.Entry
	// OnScan receives a scanned code.
	OnScan func(code string)
	now    func() time.Time
	scan   kiosk.ScanClassifier
}

// NewScanEntry makes a scan field timed by the clock now.
func NewScanEntry(now func() time.Time) *ScanEntry {
	e := &ScanEntry{now: now}
	e.ExtendBaseWidget(e)
	return e
}

// TypedRune types the character and times it.
func (e *ScanEntry) TypedRune(r rune) {
	e.scan.Rune(r, e.now())
	e.Entry.TypedRune(r)
}

// TypedKey passes keys on; Enter ends a scan or submits what was typed,
// and Back goes to the window (PassBack).
func (e *ScanEntry) TypedKey(k *fyne.KeyEvent) {
	if PassBack(e, k) {
		return
	}
	if k.Name != fyne.KeyReturn && k.Name != fyne.KeyEnter {
		if k.Name == fyne.KeyBackspace || k.Name == fyne.KeyDelete {
			e.scan.Reset()
		}
		e.Entry.TypedKey(k)
		return
	}
	if code, ok := e.scan.Enter(e.now()); ok && e.OnScan != nil {
		e.OnScan(code)
		return
	}
	e.Entry.TypedKey(k)
}

// AccessibilityLabel is what a screen reader says: the field's hint, and
// what is in it.
func (e *ScanEntry) AccessibilityLabel() string { return fieldLabel(&e.Entry) }

// AccessibilityRole is a text's.
func (e *ScanEntry) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }
