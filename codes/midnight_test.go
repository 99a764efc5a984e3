package codes

import (
	"testing"
	"time"
)

// TestCodeRotatesAcrossMidnight: a 苏服码 shown ten seconds before midnight
// in China verifies ten seconds after it, its step is the one before the
// first of the new day, a second scan after midnight is a replay, and a
// ticket valid until midnight stops at midnight, not at the device's.
func TestCodeRotatesAcrossMidnight(t *testing.T) {
	cst := time.FixedZone("UTC+8", 8*3600) // written out here, not the clock package's
	midnight := time.Date(2026, 12, 4, 0, 0, 0, 0, cst)
	before, after := midnight.Add(-10*time.Second), midnight.Add(10*time.Second)
	if Step(midnight)-Step(before) != 1 || Step(after) != Step(midnight) {
		t.Fatalf("steps around midnight: %d %d %d", Step(before), Step(midnight), Step(after))
	}
	f := newFixtureAt(t, before)
	tl := f.trust
	issue := func(kind Kind, until time.Time) []byte {
		b, err := f.issuer.Issue(Credential{Kind: kind, NotBefore: midnight.Add(-time.Hour).Unix(), Expires: until.Unix(),
			DeviceKey: f.device.PublicKey(), Holder: "张*", Ref: "3201**********1234"}, midnight.Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	code := mustPresent(t, f.device, issue(KindService, midnight.Add(24*time.Hour)), before)
	v := NewVerifier()
	if _, err := v.Verify(code, tl, after); err != nil {
		t.Fatalf("shown before midnight, scanned after: %v", err)
	}
	expectReason(t, "the same code scanned again after midnight", v, code, tl, after.Add(5*time.Second), ReasonReplayed)
	if _, err := Check(mustPresent(t, f.device, issue(KindService, midnight.Add(24*time.Hour)), after), tl, after); err != nil {
		t.Errorf("the code of the new day: %v", err)
	}

	// A ticket that runs out at midnight in China: a device in Los Angeles
	// (08:00 there) shows it too late all the same.
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	ticket := issue(KindTicket, midnight)
	last := midnight.Add(-time.Second).In(la)
	if _, err := Check(mustPresent(t, f.device, ticket, last), tl, last); err != nil {
		t.Errorf("a second before midnight: %v", err)
	}
	late := midnight.In(la)
	if _, err := Check(mustPresent(t, f.device, ticket, late), tl, late); ReasonOf(err) != ReasonExpired {
		t.Errorf("at midnight: %v, want expired", err)
	}
}
