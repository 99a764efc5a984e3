package codes

import (
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
)

func TestRoundTripEachKind(t *testing.T) {
	f := newFixture(t)
	for _, kind := range Kinds {
		code := f.code(t, kind, t0)
		if !strings.HasPrefix(code, kind.Prefix()) {
			t.Fatalf("%s code %q lacks its prefix", kind, code[:10])
		}
		res, err := f.verifier.Verify(code, f.trust, t0)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if res.Kind != kind || res.Credential.Holder != "张*" || res.Issuer.ID != "CN-JS" || res.Step != Step(t0) {
			t.Errorf("%s: verified as %+v", kind, res)
		}
		t.Logf("%s code: %d characters", kind, len(code))
	}
}

// expectReason checks that verifying code fails with reason want.
func expectReason(t *testing.T, name string, v *Verifier, code string, trust *TrustList, now time.Time, want Reason) {
	t.Helper()
	_, err := v.Verify(code, trust, now)
	if got := ReasonOf(err); got != want {
		t.Errorf("%s: reason %v (%v), want %v", name, got, err, want)
	}
}

func TestTamperReasons(t *testing.T) {
	f := newFixture(t)
	good := f.code(t, KindService, t0)
	body := strings.TrimPrefix(good, "JSP1:")
	raw, _ := Base45Decode(body)
	msg, err := inflate(raw)
	if err != nil {
		t.Fatal(err)
	}
	other := mustDevice(t)
	cred := f.credential(t, f.issuer, f.device, KindService)
	wrongDevice, err := other.wrap(KindService, cred, t0)
	if err != nil {
		t.Fatal(err)
	}
	// A forger who knows a trusted key id but not its key.
	forger := mustIssuer(t, "CN-JS", DemoKey("forger"))
	forger.kid = f.issuer.kid
	forged, _ := f.device.Present(f.credential(t, forger, f.device, KindService), t0)
	stranger := mustIssuer(t, "CN-XX", DemoKey("stranger"))
	unknown, _ := f.device.Present(f.credential(t, stranger, f.device, KindService), t0)
	revokedCred := f.credential(t, f.issuer, f.device, KindService)
	revoked, _ := f.device.Present(revokedCred, t0)
	c, _ := ReadCredential(revokedCred)
	trustRevoking := withRevoked(t, c.ID)

	cases := []struct {
		name  string
		code  string
		trust *TrustList
		now   time.Time
		want  Reason
	}{
		{"wrong device key", wrongDevice, f.trust, t0, ReasonWrongDevice},
		{"wrong issuer key under a trusted key id", forged, f.trust, t0, ReasonBadSignature},
		{"unknown key id", unknown, f.trust, t0, ReasonUnknownIssuer},
		{"prefix of another kind", "JSC1:" + body, f.trust, t0, ReasonBadPrefix},
		{"unknown prefix", "HC1:" + body, f.trust, t0, ReasonBadPrefix},
		{"no prefix", body, f.trust, t0, ReasonBadPrefix},
		{"bad base45", "JSP1:" + strings.ToLower(body), f.trust, t0, ReasonBadBase45},
		{"bad zlib", "JSP1:" + Base45Encode([]byte("not a zlib stream at all")), f.trust, t0, ReasonBadZlib},
		{"bad zlib checksum", "JSP1:" + Base45Encode(flipLast(raw)), f.trust, t0, ReasonBadZlib},
		{"truncated to a lone character", "JSP1:" + body[:loneLength(len(body))], f.trust, t0, ReasonTruncated},
		{"truncated stream", "JSP1:" + Base45Encode(raw[:len(raw)/2]), f.trust, t0, ReasonTruncated},
		{"truncated message", "JSP1:" + Base45Encode(deflate(msg[:len(msg)-10])), f.trust, t0, ReasonTruncated},
		{"expired", f.code(t, KindService, t0.Add(72*time.Hour)), f.trust, t0.Add(72 * time.Hour), ReasonExpired},
		{"not yet valid", f.code(t, KindService, t0.Add(-2*time.Hour)), f.trust, t0.Add(-2 * time.Hour), ReasonNotYetValid},
		{"revoked", revoked, trustRevoking, t0, ReasonRevoked},
		{"two steps old", f.code(t, KindService, t0.Add(-2*StepPeriod)), f.trust, t0, ReasonStepOutOfRange},
		{"two steps ahead", f.code(t, KindService, t0.Add(2*StepPeriod)), f.trust, t0, ReasonStepOutOfRange},
		{"not CBOR", "JSP1:" + Base45Encode(deflate([]byte{0xA1, 0x01, 0x02})), f.trust, t0, ReasonMalformed},
	}
	for _, c := range cases {
		expectReason(t, c.name, NewVerifier(), c.code, c.trust, c.now, c.want)
	}

	// Replayed: the same code, and another code of the same step.
	v := NewVerifier()
	if _, err := v.Verify(good, f.trust, t0); err != nil {
		t.Fatal(err)
	}
	expectReason(t, "replayed", v, good, f.trust, t0, ReasonReplayed)
	again, _ := f.device.Present(cred, t0)
	if _, err := v.Verify(again, f.trust, t0); err != nil {
		t.Fatalf("another credential: %v", err)
	}
	expectReason(t, "same credential, same step, new signature", v, mustPresent(t, f.device, cred, t0), f.trust, t0, ReasonReplayed)
}

// TestEveryFlippedByteIsRefused flips each bit-0 of every byte of the
// signed message (recompressing, so the zlib layer passes) and changes
// every character of the base45 text: no variant verifies.
func TestEveryFlippedByteIsRefused(t *testing.T) {
	f := newFixture(t)
	good := f.code(t, KindCard, t0)
	raw, _ := Base45Decode(strings.TrimPrefix(good, "JSC1:"))
	msg, _ := inflate(raw)
	for i := range msg {
		b := append([]byte(nil), msg...)
		b[i] ^= 0x01
		code := "JSC1:" + Base45Encode(deflate(b))
		if _, err := Check(code, f.trust, t0); err == nil {
			t.Fatalf("flipping byte %d of %d: accepted", i, len(msg))
		}
	}
	for i := len("JSC1:"); i < len(good); i++ {
		b := []byte(good)
		b[i] = base45Alphabet[(strings.IndexByte(base45Alphabet, b[i])+1)%45]
		if _, err := Check(string(b), f.trust, t0); err == nil {
			t.Fatalf("changing character %d: accepted", i)
		}
	}
	// A change inside the holder's name is a bad signature, not a parse error.
	i := strings.Index(string(msg), "张*")
	b := append([]byte(nil), msg...)
	b[i+1] ^= 0x01
	expectReason(t, "changed holder name", NewVerifier(), "JSC1:"+Base45Encode(deflate(b)), f.trust, t0, ReasonBadSignature)
}

func TestStepWindow(t *testing.T) {
	f := newFixture(t)
	for _, d := range []time.Duration{-StepPeriod, 0, StepPeriod} {
		if _, err := Check(f.code(t, KindService, t0.Add(d)), f.trust, t0); err != nil {
			t.Errorf("code made %v from the verifier's clock: %v", d, err)
		}
	}
}

// TestMutualRecognition verifies a Shanghai credential on a Jiangsu
// terminal: the trust list holds all four Delta issuers.
func TestMutualRecognition(t *testing.T) {
	f := newFixture(t)
	for _, d := range DeltaIssuers {
		iss := mustIssuer(t, d.ID, DemoIssuerKey(d.ID, 1))
		code := mustPresent(t, f.device, f.credential(t, iss, f.device, KindService), t0)
		res, err := Check(code, f.trust, t0)
		if err != nil {
			t.Fatalf("%s: %v", d.ID, err)
		}
		if res.Issuer.Name("en") != d.Names["en"] || res.Issuer.Region != d.Region {
			t.Errorf("%s: issuer %+v", d.ID, res.Issuer)
		}
	}
}

// TestKeyRotation moves Jiangsu to a second key: credentials the first key
// signed before the rotation still verify, the first key cannot sign after
// it, and the second key's credentials verify.
func TestKeyRotation(t *testing.T) {
	f := newFixture(t)
	rotation := t0.Add(-30 * time.Minute)
	tl, _ := DemoTrustList(2, t0.Add(-365*24*time.Hour), t0)
	old, _ := NewTrustedKey(&DemoIssuerKey("CN-JS", 1).PublicKey, t0.Add(-365*24*time.Hour), rotation)
	next, _ := NewTrustedKey(&DemoIssuerKey("CN-JS", 2).PublicKey, rotation, time.Time{})
	tl.Issuers[0].Keys = []TrustedKey{old, next}
	trust := resign(t, tl)

	before := mustPresent(t, f.device, f.credential(t, f.issuer, f.device, KindService), t0) // issued t0-1h
	if _, err := Check(before, trust, t0); err != nil {
		t.Errorf("credential of the old key from before the rotation: %v", err)
	}
	late, err := f.issuer.Issue(Credential{Kind: KindService, NotBefore: t0.Unix(), Expires: t0.Add(time.Hour).Unix(), DeviceKey: f.device.PublicKey(), Holder: "李*"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	expectReason(t, "old key after rotation", NewVerifier(), mustPresent(t, f.device, late, t0), trust, t0, ReasonUnknownIssuer)
	gen2 := mustIssuer(t, "CN-JS", DemoIssuerKey("CN-JS", 2))
	fresh, _ := gen2.Issue(Credential{Kind: KindService, NotBefore: t0.Unix(), Expires: t0.Add(time.Hour).Unix(), DeviceKey: f.device.PublicKey(), Holder: "李*"}, t0)
	if _, err := Check(mustPresent(t, f.device, fresh, t0), trust, t0); err != nil {
		t.Errorf("credential of the new key: %v", err)
	}
	expectReason(t, "new key on the old list", NewVerifier(), mustPresent(t, f.device, fresh, t0), f.trust, t0, ReasonUnknownIssuer)
}

func TestTrustListRefusals(t *testing.T) {
	tl, _ := DemoTrustList(1, t0, t0)
	signed, _ := SignTrustList(tl, DemoKey(DemoAnchorLabel))
	if _, err := OpenTrustList(signed, nil); ReasonOf(err) != ReasonUnknownIssuer {
		t.Errorf("no anchors: %v", err)
	}
	bySomeone, _ := SignTrustList(tl, DemoKey("not an anchor"))
	if _, err := OpenTrustList(bySomeone, DemoAnchors()); ReasonOf(err) != ReasonUnknownIssuer {
		t.Errorf("unknown anchor: %v", err)
	}
	for i := 0; i < len(signed); i++ {
		b := append([]byte(nil), signed...)
		b[i] ^= 0x01
		if _, err := OpenTrustList(b, DemoAnchors()); err == nil {
			t.Fatalf("flipping byte %d of the trust list: accepted", i)
		}
	}
	tl.Issuers[1].Keys[0].Kid = tl.Issuers[0].Keys[0].Kid
	if _, err := SignTrustList(tl, DemoKey(DemoAnchorLabel)); err == nil {
		t.Error("signed a list whose key id does not match its key")
	}
}

func TestReplayCacheForgetsOldSteps(t *testing.T) {
	c := newReplayCache()
	for i := range 100 {
		c.mark([]byte{byte(i)}, 1000, 1000)
	}
	if !c.mark([]byte{1}, 1001, 1001) || c.mark([]byte{1}, 1001, 1001) {
		t.Fatal("a new step was refused, or a repeat accepted")
	}
	c.mark([]byte{2}, 1003, 1003)
	if n := c.len(); n != 1 {
		t.Errorf("%d scans remembered after the steps moved on, want 1", n)
	}
}

func mustPresent(t testing.TB, d *Device, cred []byte, at time.Time) string {
	t.Helper()
	c, err := d.Present(cred, at)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func withRevoked(t *testing.T, ids ...[]byte) *TrustList {
	t.Helper()
	tl, _ := DemoTrustList(2, t0.Add(-365*24*time.Hour), t0)
	tl.Revoked = ids
	return resign(t, tl)
}

func resign(t *testing.T, tl *TrustList) *TrustList {
	t.Helper()
	signed, err := SignTrustList(tl, DemoKey(DemoAnchorLabel))
	if err != nil {
		t.Fatal(err)
	}
	out, err := OpenTrustList(signed, DemoAnchors())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func flipLast(b []byte) []byte {
	out := append([]byte(nil), b...)
	out[len(out)-1] ^= 0xFF
	return out
}

// loneLength is the longest length under n that leaves one character after
// the last triplet.
func loneLength(n int) int {
	n--
	for n%3 != 1 {
		n--
	}
	return n
}

// TestSignatureRefusals: each forged signature is refused, the issuer's
// refusal comes first, and a refused credential is not remembered as
// checked.
func TestSignatureRefusals(t *testing.T) {
	f := newFixture(t)
	forger := mustIssuer(t, "CN-JS", DemoKey("forger"))
	forger.kid = f.issuer.kid
	forgedCred := f.credential(t, forger, f.device, KindService)
	goodCred := f.credential(t, f.issuer, f.device, KindService)
	v := NewVerifier()
	for i := 0; i < 2; i++ { // twice: nothing refused is remembered
		at := t0.Add(time.Duration(i) * StepPeriod)
		expectReason(t, "forged issuer", v, mustPresent(t, f.device, forgedCred, at), f.trust, at, ReasonBadSignature)
		expectReason(t, "forged issuer and device", v, withBadDeviceSignature(t, mustPresent(t, f.device, forgedCred, at)), f.trust, at, ReasonBadSignature)
		expectReason(t, "forged device", v, withBadDeviceSignature(t, mustPresent(t, f.device, goodCred, at)), f.trust, at, ReasonBadSignature)
	}
	_, err := v.Verify(withBadDeviceSignature(t, mustPresent(t, f.device, forgedCred, t0)), f.trust, t0)
	if !strings.Contains(err.Error(), "issuer") {
		t.Errorf("a code forged twice is refused for %q, want the issuer's signature", err)
	}
	if _, err := v.Verify(mustPresent(t, f.device, goodCred, t0), f.trust, t0); err != nil {
		t.Errorf("a good code: %v", err)
	}
}

// withBadDeviceSignature changes one bit of the device's signature on
// code and encodes it again.
func withBadDeviceSignature(t *testing.T, code string) string {
	t.Helper()
	kind, msg, err := unwrap(code)
	if err != nil {
		t.Fatal(err)
	}
	p, err := decodeSign1(msg)
	if err != nil {
		t.Fatal(err)
	}
	p.msg.Signature[10] ^= 1
	b, err := encMode.Marshal(cbor.Tag{Number: tagSign1, Content: p.msg})
	if err != nil {
		t.Fatal(err)
	}
	return kind.Prefix() + Base45Encode(deflate(b))
}
