package offline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"jiangsupass/codes"
)

// ShownCode is a code ready to show: the text to draw as a QR code and
// what its credential says.
type ShownCode struct {
	Text       string
	Credential *codes.Credential
	Step       int64
}

// PresentCode makes the code of a credential kind for time now, with no
// network: this device wraps its credential with now's 30-second step and
// signs it. ErrNotFound means the device has no such credential yet;
// codes.ReasonExpired, that the one it has has ended.
func (s *Store) PresentCode(ctx context.Context, kind string, now time.Time) (ShownCode, error) {
	cred, err := s.Credential(ctx, kind)
	if err != nil {
		return ShownCode{}, err
	}
	raw, err := s.DeviceKey(ctx)
	if err != nil {
		return ShownCode{}, err
	}
	dev, err := codes.DeviceFromBytes(raw)
	if err != nil {
		return ShownCode{}, fmt.Errorf("present code: %w", err)
	}
	c, err := codes.ReadCredential(cred)
	if err != nil {
		return ShownCode{}, fmt.Errorf("present code: %w", err)
	}
	if !now.Before(c.ValidUntil()) {
		return ShownCode{}, &codes.Error{Reason: codes.ReasonExpired, Err: errors.New("the credential has ended")}
	}
	text, err := dev.Present(cred, now)
	if err != nil {
		return ShownCode{}, err
	}
	return ShownCode{Text: text, Credential: c, Step: codes.Step(now)}, nil
}

// TrustList returns the kept trust list, its signature checked again
// against the app's anchors; ErrNotFound before the first sync.
func (s *Store) TrustList(ctx context.Context) (*codes.TrustList, error) {
	_, signed, err := s.SignedTrustList(ctx)
	if err != nil {
		return nil, err
	}
	return s.openTrustList(signed)
}
