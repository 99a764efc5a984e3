package codes

import (
	"crypto/sha256"
	"sync"
	"time"
)

// Result is what a verified code says.
type Result struct {
	Kind       Kind
	Credential *Credential
	Issuer     *TrustedIssuer
	Step       int64
}

// Verifier checks scanned codes. It keeps a replay cache, so a terminal
// uses one Verifier for all its scans. It is safe for concurrent use.
type Verifier struct {
	replay *replayCache

	mu       sync.Mutex
	verified map[[32]byte]struct{} // issuer signatures already checked
}

// maxVerified bounds the cache of checked issuer signatures.
const maxVerified = 4096

// NewVerifier makes a verifier with an empty replay cache.
func NewVerifier() *Verifier {
	return &Verifier{replay: newReplayCache(), verified: map[[32]byte]struct{}{}}
}

// Verify checks code against trust at time now: the prefix and encoding,
// the issuer's signature on the credential (its key must be in trust for
// the credential's issue date), the device's signature on the code (by the
// key the credential names), the credential's validity (no longer than
// its kind's [Kind.LongestValidity], and running at now), revocation, the
// time step (within one step of now) and that this credential was not
// already scanned in this step. A refusal is an *Error; see [ReasonOf].
func (v *Verifier) Verify(code string, trust *TrustList, now time.Time) (*Result, error) {
	res, err := check(code, trust, now, v)
	if err != nil {
		return nil, err
	}
	if !v.replay.mark(res.Credential.ID, res.Step, Step(now)) {
		return nil, fail(ReasonReplayed, "this code was already scanned in this 30-second step")
	}
	return res, nil
}

// Check is Verify without the replay cache and without remembering
// checked signatures: everything about the code itself.
func Check(code string, trust *TrustList, now time.Time) (*Result, error) {
	return check(code, trust, now, nil)
}

func (v *Verifier) issuerSignatureKnown(key [32]byte) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	_, ok := v.verified[key]
	return ok
}

func (v *Verifier) rememberIssuerSignature(key [32]byte) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.verified) >= maxVerified {
		clear(v.verified)
	}
	v.verified[key] = struct{}{}
}

// check does the work of Check; v, when not nil, remembers checked issuer
// signatures so that a credential scanned again costs one signature check.
func check(code string, trust *TrustList, now time.Time, v *Verifier) (*Result, error) {
	kind, msg, err := unwrap(code)
	if err != nil {
		return nil, err
	}
	d, err := decodeMessage(msg)
	if err != nil {
		return nil, err
	}
	outer, pres, inner, cred := d.outer, d.pres, d.inner, d.cred
	entry, ok := trust.keys[string(inner.kid)]
	if !ok {
		return nil, fail(ReasonUnknownIssuer, "no issuer key %x in the trust list", inner.kid)
	}
	if entry.issuer.ID != cred.Issuer {
		return nil, fail(ReasonUnknownIssuer, "key %x belongs to %s, not %s", inner.kid, entry.issuer.ID, cred.Issuer)
	}
	if cred.IssuedAt < entry.from || (entry.until != 0 && cred.IssuedAt >= entry.until) {
		return nil, fail(ReasonUnknownIssuer, "key %x did not sign credentials at %s", inner.kid, time.Unix(cred.IssuedAt, 0).UTC())
	}
	if err := checkSignatures(outer, inner, entry, cred, v); err != nil {
		return nil, err
	}
	if cred.Kind != kind {
		return nil, fail(ReasonBadPrefix, "prefix %s on a %s credential", kind.Prefix(), cred.Kind)
	}
	if err := cred.checkLength(); err != nil {
		return nil, &Error{Reason: ReasonValidityTooLong, Err: err}
	}
	unix := now.Unix()
	if unix < cred.NotBefore {
		return nil, fail(ReasonNotYetValid, "valid from %s", cred.ValidFrom().UTC())
	}
	if unix >= cred.Expires {
		return nil, fail(ReasonExpired, "expired at %s", cred.ValidUntil().UTC())
	}
	if trust.IsRevoked(cred.ID) {
		return nil, fail(ReasonRevoked, "credential %x is revoked", cred.ID)
	}
	if d := pres.Step - Step(now); d < -1 || d > 1 {
		return nil, fail(ReasonStepOutOfRange, "code made %d steps from the verifier's clock", d)
	}
	return &Result{Kind: kind, Credential: cred, Issuer: entry.issuer, Step: pres.Step}, nil
}

// checkIssuerSignature checks the credential's signature, or finds it
// already checked in v's cache.
func checkIssuerSignature(inner *parsedSign1, entry keyEntry, v *Verifier) error {
	key, known := issuerSignatureKey(inner, entry, v)
	if known {
		return nil
	}
	if !inner.verify(entry.pub) {
		return fail(ReasonBadSignature, "the issuer's signature does not match the credential")
	}
	if v != nil {
		v.rememberIssuerSignature(key)
	}
	return nil
}

// issuerSignatureKey is the key under which v remembers the credential's
// checked signature, and whether v already has it. With no v, nothing is
// remembered.
func issuerSignatureKey(inner *parsedSign1, entry keyEntry, v *Verifier) (key [32]byte, known bool) {
	if v == nil {
		return key, false
	}
	h := sha256.New()
	h.Write(entry.raw)
	h.Write(inner.msg.Protected)
	h.Write(inner.msg.Payload)
	h.Write(inner.msg.Signature)
	h.Sum(key[:0])
	return key, v.issuerSignatureKnown(key)
}

// decoded is a code's message taken apart, before any signature check.
type decoded struct {
	outer *parsedSign1 // signed by the device
	pres  presentation
	inner *parsedSign1 // signed by the issuer
	cred  *Credential
}

// decodeMessage takes apart the COSE message under a code's zlib layer:
// the device's COSE_Sign1, the presentation in it, the issuer's COSE_Sign1
// and the credential in that.
func decodeMessage(msg []byte) (*decoded, error) {
	var d decoded
	var err error
	if d.outer, err = decodeSign1(msg); err != nil {
		return nil, err
	}
	if err := decMode.Unmarshal(d.outer.msg.Payload, &d.pres); err != nil {
		return nil, cborFailure("presentation", err)
	}
	if d.inner, err = decodeSign1(d.pres.Credential); err != nil {
		return nil, err
	}
	if d.cred, err = decodeCredential(d.inner.msg.Payload); err != nil {
		return nil, err
	}
	return &d, nil
}
