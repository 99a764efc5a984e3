package offline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"jiangsupass/codes"
	"jiangsupass/platform"
)

// renewBefore is how long before its end a credential is renewed.
const renewBefore = 24 * time.Hour

// KeepTokens stores tokens that a refresh on the server at origin gave,
// in the signed-in session; it does nothing when no one is signed in, or
// the session is another server's. It suits platform.Options.OnTokens.
func (s *Store) KeepTokens(ctx context.Context, origin string, t platform.Tokens) error {
	epoch := s.personalEpoch()
	sess, err := s.Session(ctx)
	if errors.Is(err, ErrSignedOut) {
		return nil
	}
	if err != nil {
		return err
	}
	if sess.Origin != origin {
		return nil
	}
	sess.Tokens = t
	if err := s.putPersonalIn(ctx, epoch, recSession, sess); err != nil && !errors.Is(err, ErrSignedOut) {
		return err
	}
	return nil
}

// SyncPersonal brings the resident's side up to date: the signed trust
// list (for anyone), and for a resident signed in on the client's server
// the card, the insurance account and a credential of each kind bound to
// this device's key, renewed a day before it ends. A session of another
// server is not used (platform.ErrOtherServer). It returns the first
// failure after trying every part.
func (s *Store) SyncPersonal(ctx context.Context, c *platform.Client) error {
	epoch := s.personalEpoch()
	errs := []error{s.syncTrustList(ctx, c)}
	sess, err := s.Session(ctx)
	if errors.Is(err, ErrSignedOut) {
		return errors.Join(errs...)
	}
	if err != nil {
		return errors.Join(append(errs, err)...)
	}
	if err := c.ResumeTokens(sess.Origin, sess.Tokens); err != nil {
		return errors.Join(append(errs, err)...)
	}
	card, err := c.Card(ctx)
	if err == nil {
		err = s.putPersonalIn(ctx, epoch, recCard, CardRecord{Card: card, FetchedAt: s.now()})
		if t, perr := time.Parse(time.RFC3339Nano, card.ServerTime); perr == nil {
			sess.ClockOffset = t.Sub(s.now()).Round(time.Second)
		}
	}
	errs = append(errs, err)
	ins, err := c.Insurance(ctx)
	if err == nil {
		err = s.putPersonalIn(ctx, epoch, recInsurance, InsuranceRecord{Insurance: ins, FetchedAt: s.now()})
	}
	errs = append(errs, err)
	errs = append(errs, s.syncCredentials(ctx, c, epoch, card.Status))
	if cur, err := s.Session(ctx); err == nil {
		cur.ClockOffset = sess.ClockOffset
		errs = append(errs, s.putPersonalIn(ctx, epoch, recSession, cur))
	}
	s.noteChange(ChangePersonal)
	return errors.Join(errs...)
}

// syncTrustList fetches the signed trust list and keeps it when its
// signature checks against the app's anchors and it is not older than
// the one kept.
func (s *Store) syncTrustList(ctx context.Context, c *platform.Client) error {
	got, err := c.TrustList(ctx)
	if err != nil {
		return fmt.Errorf("trust list: %w", err)
	}
	tl, err := s.openTrustList(got.Signed)
	if err != nil {
		return fmt.Errorf("trust list: %w", err)
	}
	_, err = s.SaveSignedTrustList(ctx, tl.Seq, got.Signed)
	return err
}

// syncCredentials makes sure the device has a key and a current
// credential of each kind bound to it. A suspended card gets no card
// credential (the platform refuses one), and the old one is dropped.
func (s *Store) syncCredentials(ctx context.Context, c *platform.Client, epoch uint64, cardStatus string) error {
	dev, err := s.device(ctx, epoch)
	if err != nil {
		return err
	}
	var errs []error
	for _, kind := range []string{platform.CredentialService, platform.CredentialCard} {
		if kind == platform.CredentialCard && cardStatus == platform.CardSuspended {
			_, err := s.db.ExecContext(ctx, "DELETE FROM personal_records WHERE name = ?", recCredPfx+kind)
			errs = append(errs, err)
			continue
		}
		if cred, err := s.Credential(ctx, kind); err == nil && s.credentialCurrent(cred, dev) {
			continue
		}
		g, err := c.IssueCredential(ctx, kind, dev.PublicKey())
		if err == nil {
			err = s.putPersonalIn(ctx, epoch, recCredPfx+kind, g.Credential)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("credential %s: %w", kind, err))
		}
	}
	return errors.Join(errs...)
}

// credentialCurrent reports whether cred is bound to dev and has more than
// renewBefore to run.
func (s *Store) credentialCurrent(cred []byte, dev *codes.Device) bool {
	c, err := codes.ReadCredential(cred)
	if err != nil || !bytes.Equal(c.DeviceKey, dev.PublicKey()) {
		return false
	}
	return s.now().Add(renewBefore).Before(c.ValidUntil())
}

// device returns this device's key for codes, making and keeping one on
// first use.
func (s *Store) device(ctx context.Context, epoch uint64) (*codes.Device, error) {
	raw, err := s.DeviceKey(ctx)
	if err == nil {
		if d, err := codes.DeviceFromBytes(raw); err == nil {
			return d, nil
		}
	}
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	d, err := codes.NewDevice()
	if err != nil {
		return nil, err
	}
	if err := s.putPersonalIn(ctx, epoch, recDevice, d.Bytes()); err != nil {
		return nil, err
	}
	return d, nil
}
