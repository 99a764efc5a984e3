package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestCompactCardFace: in 长辈版 on a phone the card face shows the name
// alone; the eye shows the numbers, the city and the date of issue, and
// they fold away again when the reveal ends.
func TestCompactCardFace(t *testing.T) {
	env, _ := testEnv(t, "en")
	env.Elder = true
	card := testCard
	face := newCardFace(env, card, widget.NewLabel(""))
	w := test.NewTempWindow(t, face.root)
	w.Resize(fyne.NewSize(390, 600))
	folded := face.root.MinSize().Height
	details := []string{env.T("CardSocialNo"), env.T("CardNumber"), card.City, card.IssuedOn}
	s := shownTexts(face.root)
	for _, d := range details {
		if strings.Contains(s, d) {
			t.Errorf("the compact face shows %q before the eye is tapped:\n%s", d, s)
		}
	}
	if !strings.Contains(s, "张*") {
		t.Errorf("the compact face does not show the masked name:\n%s", s)
	}
	test.Tap(face.eye)
	s = shownTexts(face.root)
	for _, d := range append(details, card.SocialNo, card.CardNo, card.Name) {
		if !strings.Contains(s, d) {
			t.Errorf("the revealed face does not show %q:\n%s", d, s)
		}
	}
	if h := face.root.MinSize().Height; h <= folded {
		t.Errorf("the revealed face is %.0f high, no higher than folded (%.0f)", h, folded)
	}
	timersOf(t, env).fire()
	if s = shownTexts(face.root); strings.Contains(s, card.SocialNo) || strings.Contains(s, env.T("CardCity")) {
		t.Errorf("after the reveal the face still shows:\n%s", s)
	}
	if h := face.root.MinSize().Height; h != folded {
		t.Errorf("after the reveal the face is %.0f high, not %.0f as before", h, folded)
	}
}
