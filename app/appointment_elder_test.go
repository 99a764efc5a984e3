package app

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens"
)

// TestElderReachesBook: in 长辈版 on a 390×844 phone, Book (预约) is in
// view without scrolling, on the service's page and on the booking form,
// in Chinese and in English.
func TestElderReachesBook(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "en"} {
		for _, r := range []screens.Route{{Screen: screens.ServiceItemID, Param: "7"}, {Screen: screens.AppointmentID, Param: "7"}} {
			s, w := elderPhone(t, lang)
			showAt(s, w, r)
			var book *widget.Button
			for _, b := range find[*widget.Button](w.Content()) {
				if b.Text == s.Localizer().T("AppointmentBook") {
					book = b
					break
				}
			}
			if book == nil {
				t.Errorf("%s %s: no Book button", lang, r.Screen)
				continue
			}
			if in, where := inView(w, book); !in {
				t.Errorf("%s %s: Book is not in view without scrolling: %s", lang, r.Screen, where)
			}
		}
	}
}
