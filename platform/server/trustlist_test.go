package server

import (
	"context"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/codes"
)

// TestRetiredKeyLeavesTrustList: after a rotation the trust list holds
// both of Jiangsu's keys, for as long as a credential of the old one can
// still be valid; a second after that, the old key is gone and the list's
// sequence number has grown.
func TestRetiredKeyLeavesTrustList(t *testing.T) {
	ctx := context.Background()
	clk := clocktest.NewSettable(clocktest.Now())
	s, _, _ := openTest(t, Options{Now: clk.Now})
	if _, err := s.RotateIssuerKey(ctx, "CN-JS"); err != nil {
		t.Fatal(err)
	}
	jiangsuKeys := func() (int, int64) {
		t.Helper()
		signed, err := s.signedTrustList(ctx)
		if err != nil {
			t.Fatal(err)
		}
		tl, err := codes.OpenTrustList(signed.Signed, codes.DemoAnchors())
		if err != nil {
			t.Fatal(err)
		}
		iss, _ := tl.Issuer("CN-JS")
		return len(iss.Keys), tl.Seq
	}
	n, seq := jiangsuKeys()
	if n != 2 {
		t.Fatalf("%d Jiangsu keys after a rotation, want 2", n)
	}
	retired := clk.Now().Add(time.Second) // the old key's window closes a second after the rotation
	clk.Set(retired.Add(codes.LongestValidityOfAnyKind() - time.Second))
	if n, _ := jiangsuKeys(); n != 2 {
		t.Fatalf("%d Jiangsu keys a second before the old one's last credential ends, want 2", n)
	}
	clk.Set(retired.Add(codes.LongestValidityOfAnyKind()))
	if n, later := jiangsuKeys(); n != 1 || later <= seq {
		t.Fatalf("%d Jiangsu keys (list %d, before %d) when nothing the old one signed can be valid, want 1 in a newer list", n, later, seq)
	}
}
