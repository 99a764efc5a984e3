package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"jiangsupass/clock"
	"jiangsupass/clock/clocktest"
	"jiangsupass/codes"
	"jiangsupass/platform"
)

// TestCheckIn: a resident who booked a visit to a hall (ahead, for the
// next workday) and comes on that day gets an A number there and the same
// number again; at another hall, a B number; a resident of Shanghai (长三角
// mutual recognition) a B number of their own; a ticket, a forged code and
// a hall that does not exist are refused.
func TestCheckIn(t *testing.T) {
	ctx := context.Background()
	clk := clocktest.NewSettable(clocktest.Now())
	_, hs, codesByPhone := openTest(t, Options{Now: clk.Now})
	c := signedInClient(t, hs.URL, codesByPhone)
	day := clocktest.Workday()
	book, _ := json.Marshal(platform.AppointmentRequest{HallID: "hall-320100", ItemID: 7, Date: day, Time: "09:30"})
	if _, err := c.Mutate(ctx, platform.Appointments, "booking-1", book); err != nil {
		t.Fatal(err)
	}
	// The day of the visit, twenty minutes before it.
	now, err := clock.At(day, "09:10")
	if err != nil {
		t.Fatal(err)
	}
	clk.Set(now)
	dev, err := codes.NewDevice()
	if err != nil {
		t.Fatal(err)
	}
	g, err := c.IssueCredential(ctx, platform.CredentialService, dev.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	show := func(cred []byte) string {
		code, err := dev.Present(cred, now)
		if err != nil {
			t.Fatal(err)
		}
		return code
	}
	kiosk := platform.NewClient(hs.URL, platform.Options{}) // a hall's terminal: nobody signed in

	first, err := kiosk.CheckIn(ctx, "hall-320100", show(g.Credential))
	if err != nil || first.Number != "A001" || first.Kind != platform.CheckInAppointment || first.Time != "09:30" ||
		first.ItemID != 7 || first.Date != day || first.Holder == "" {
		t.Fatalf("with a booking: %+v, %v", first, err)
	}
	again, err := kiosk.CheckIn(ctx, "hall-320100", show(g.Credential))
	if err != nil || again != first {
		t.Fatalf("again: %+v, %v; want %+v", again, err, first)
	}
	walkIn, err := kiosk.CheckIn(ctx, "hall-320500", show(g.Credential))
	if err != nil || walkIn.Number != "B001" || walkIn.Kind != platform.CheckInWalkIn {
		t.Fatalf("at another hall: %+v, %v", walkIn, err)
	}

	shanghai, err := codes.NewIssuer("CN-SH", codes.DemoIssuerKey("CN-SH", 1))
	if err != nil {
		t.Fatal(err)
	}
	visitor, err := shanghai.Issue(codes.Credential{Kind: codes.KindService, NotBefore: now.Add(-time.Hour).Unix(),
		Expires: now.Add(time.Hour).Unix(), DeviceKey: dev.PublicKey(), Holder: "李*"}, now)
	if err != nil {
		t.Fatal(err)
	}
	other, err := kiosk.CheckIn(ctx, "hall-320100", show(visitor))
	if err != nil || other.Number != "B001" || other.Holder != "李*" {
		t.Fatalf("a Shanghai resident: %+v, %v", other, err)
	}

	ticket, err := shanghai.Issue(codes.Credential{Kind: codes.KindTicket, NotBefore: now.Add(-time.Hour).Unix(),
		Expires: now.Add(time.Hour).Unix(), DeviceKey: dev.PublicKey(), Holder: "李*"}, now)
	if err != nil {
		t.Fatal(err)
	}
	forger, err := codes.NewIssuer("CN-JS", codes.DemoKey("forger"))
	if err != nil {
		t.Fatal(err)
	}
	forged, err := forger.Issue(codes.Credential{Kind: codes.KindService, NotBefore: now.Add(-time.Hour).Unix(),
		Expires: now.Add(time.Hour).Unix(), DeviceKey: dev.PublicKey(), Holder: "张*"}, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, hall, code string
		status           int
	}{
		{"a ticket", "hall-320100", show(ticket), http.StatusUnprocessableEntity},
		{"a forged issuer", "hall-320100", show(forged), http.StatusUnprocessableEntity},
		{"not a code", "hall-320100", "hello", http.StatusUnprocessableEntity},
		{"no such hall", "hall-000000", show(g.Credential), http.StatusNotFound},
	} {
		var pe *platform.Error
		if _, err := kiosk.CheckIn(ctx, tc.hall, tc.code); !errors.As(err, &pe) || pe.Status != tc.status {
			t.Errorf("%s: %v, want status %d", tc.name, err, tc.status)
		}
	}
}
