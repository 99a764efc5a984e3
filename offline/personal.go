package offline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"jiangsupass/platform"
)

// Names of the personal records.
const (
	recSession   = "session"
	recCard      = "card"
	recInsurance = "insurance"
	recDevice    = "device"
	recCredPfx   = "credential/" // + platform.CredentialService or CredentialCard
)

// Session is the signed-in resident: the tokens with the server that
// issued them, the masked profile and how far the device's clock is from
// the platform's.
type Session struct {
	Tokens      platform.Tokens
	Origin      string // the server that issued the tokens (platform.Origin); they go to no other
	Profile     platform.Profile
	SignedInAt  time.Time
	ClockOffset time.Duration // platform's clock minus the device's, at the last sync
}

// CardRecord is the resident's card as last fetched.
type CardRecord struct {
	Card      platform.Card
	FetchedAt time.Time
}

// InsuranceRecord is the medical-insurance account as last fetched.
type InsuranceRecord struct {
	Insurance platform.Insurance
	FetchedAt time.Time
}

// putPersonal seals v under name and stores it, making the key when there
// is none.
func (s *Store) putPersonal(ctx context.Context, name string, v any) error {
	s.vault.gate.Lock()
	defer s.vault.gate.Unlock()
	return s.writePersonal(ctx, name, v)
}

// putPersonalIn is putPersonal for work that began in sign-in epoch: after
// a sign-out it writes nothing and returns ErrSignedOut.
func (s *Store) putPersonalIn(ctx context.Context, epoch uint64, name string, v any) error {
	s.vault.gate.Lock()
	defer s.vault.gate.Unlock()
	if epoch != s.vault.epoch {
		return ErrSignedOut
	}
	return s.writePersonal(ctx, name, v)
}

// personalEpoch is the number of sign-outs so far.
func (s *Store) personalEpoch() uint64 {
	s.vault.gate.Lock()
	defer s.vault.gate.Unlock()
	return s.vault.epoch
}

// writePersonal does the work of putPersonal; the caller holds the gate.
func (s *Store) writePersonal(ctx context.Context, name string, v any) error {
	aead, err := s.personalAEAD(true)
	if err != nil {
		return err
	}
	return putSealed(ctx, s.db, aead, name, v, s.now())
}

// getPersonal opens the record name into v. A missing record is
// ErrNotFound; a missing key, ErrSignedOut.
func (s *Store) getPersonal(ctx context.Context, name string, v any) error {
	return s.getPersonalIn(ctx, s.db, name, v)
}

// getPersonalIn is getPersonal inside a transaction (or not).
func (s *Store) getPersonalIn(ctx context.Context, q querier, name string, v any) error {
	var sealed []byte
	err := q.QueryRowContext(ctx, "SELECT sealed FROM personal_records WHERE name = ?", name).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", name, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	aead, err := s.personalAEAD(false)
	if err != nil {
		return err
	}
	plain, err := unseal(aead, name, sealed)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if err := json.Unmarshal(plain, v); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

// Session returns the signed-in resident, or ErrSignedOut.
func (s *Store) Session(ctx context.Context) (Session, error) {
	var v Session
	err := s.getPersonal(ctx, recSession, &v)
	if errors.Is(err, ErrNotFound) {
		return Session{}, ErrSignedOut
	}
	return v, err
}

// SaveSession stores the signed-in resident's session.
func (s *Store) SaveSession(ctx context.Context, v Session) error {
	return s.putPersonal(ctx, recSession, v)
}

// Card returns the card as last fetched (ErrNotFound before the first
// sync).
func (s *Store) Card(ctx context.Context) (CardRecord, error) {
	var v CardRecord
	return v, s.getPersonal(ctx, recCard, &v)
}

// SaveCard stores the card.
func (s *Store) SaveCard(ctx context.Context, v CardRecord) error {
	return s.putPersonal(ctx, recCard, v)
}

// Insurance returns the insurance account as last fetched.
func (s *Store) Insurance(ctx context.Context) (InsuranceRecord, error) {
	var v InsuranceRecord
	return v, s.getPersonal(ctx, recInsurance, &v)
}

// SaveInsurance stores the insurance account.
func (s *Store) SaveInsurance(ctx context.Context, v InsuranceRecord) error {
	return s.putPersonal(ctx, recInsurance, v)
}

// DeviceKey returns the private key of this device's codes.
func (s *Store) DeviceKey(ctx context.Context) ([]byte, error) {
	var v []byte
	return v, s.getPersonal(ctx, recDevice, &v)
}

// SaveDeviceKey stores the private key of this device's codes.
func (s *Store) SaveDeviceKey(ctx context.Context, key []byte) error {
	return s.putPersonal(ctx, recDevice, key)
}

// Credential returns the credential of kind (platform.CredentialService
// or CredentialCard).
func (s *Store) Credential(ctx context.Context, kind string) ([]byte, error) {
	var v []byte
	return v, s.getPersonal(ctx, recCredPfx+kind, &v)
}

// SaveCredential stores the credential of kind.
func (s *Store) SaveCredential(ctx context.Context, kind string, cred []byte) error {
	return s.putPersonal(ctx, recCredPfx+kind, cred)
}
