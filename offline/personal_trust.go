package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jiangsupass/codes"
)

// SignedTrustList returns the signed trust list of code issuers kept on
// the device, with its sequence number; ErrNotFound before the first.
func (s *Store) SignedTrustList(ctx context.Context) (seq int64, signed []byte, err error) {
	err = s.db.QueryRowContext(ctx, "SELECT seq, signed FROM signed_trust_list WHERE id = 1").Scan(&seq, &signed)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, ErrNotFound
	}
	if err != nil {
		return 0, nil, fmt.Errorf("trust list: %w", err)
	}
	return seq, signed, nil
}

// SaveSignedTrustList keeps a trust list the caller has checked, unless
// the device already has one with a higher sequence number (an older list
// never replaces a newer: it could bring back a revoked credential). It
// reports whether the list was kept.
func (s *Store) SaveSignedTrustList(ctx context.Context, seq int64, signed []byte) (bool, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO signed_trust_list (id, seq, signed, fetched_at) VALUES (1, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, signed = excluded.signed, fetched_at = excluded.fetched_at
		WHERE excluded.seq >= signed_trust_list.seq`, seq, signed, formatTime(s.now()))
	if err != nil {
		return false, fmt.Errorf("save trust list: %w", err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// openTrustList checks a signed trust list against the store's trust
// anchors (Options.Anchors) and opens it; with no anchors it refuses every
// list.
func (s *Store) openTrustList(signed []byte) (*codes.TrustList, error) {
	if len(s.anchors) == 0 {
		return nil, codes.ErrNoAnchors
	}
	return codes.OpenTrustList(signed, s.anchors)
}

// schemaNoTrustCollection drops the trust-list collection that early
// builds synced unsigned beside the signed trust list. Nothing checked a
// code against it; a verifier trusts only what a trust anchor signed.
const schemaNoTrustCollection = `
DROP TABLE trust_lists;
DELETE FROM sync_cursors WHERE collection = 'trust_lists';
DELETE FROM sync_deferred WHERE collection = 'trust_lists';
DELETE FROM meta WHERE key = 'sync_epoch:trust_lists';
`
