package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrEpochChanged is returned by ApplyPage for a page from a server whose
// changelog is not the one the collection's cursor points into (the
// server's data was rebuilt): nothing is applied, and the collection must
// start over (see resetCollection).
var ErrEpochChanged = errors.New("sync: the server's changelog has changed; the collection starts over")

// epochKey is the meta key of a collection's changelog epoch.
func epochKey(collection string) string { return "sync_epoch:" + collection }

// syncEpoch returns the epoch of the changelog the collection's cursor
// points into; "" before its first page.
func (s *Store) syncEpoch(ctx context.Context, q querier, collection string) (string, error) {
	v, _, err := getMeta(ctx, q, epochKey(collection))
	if err != nil {
		return "", fmt.Errorf("epoch of %s: %w", collection, err)
	}
	return v, nil
}

// resetCollection starts a collection over for a new changelog: in one
// transaction it drops the collection's rows (except those a pending
// request has changed, which are fetched again once it is settled), its
// cursor, and records the new epoch. The next pull fetches everything.
func (s *Store) resetCollection(ctx context.Context, collection, epoch string) error {
	rep, err := replicaOf(collection)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		key := rep.columns[0]
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+rep.table+" WHERE CAST("+key+` AS TEXT) NOT IN
			(SELECT r.item_id FROM outbox_rows r JOIN outbox o ON o.id = r.outbox_id
			 WHERE o.state = 'pending' AND r.collection = ?)`, collection); err != nil {
			return fmt.Errorf("reset %s: %w", collection, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO sync_deferred (collection, item_id) SELECT collection, item_id FROM outbox_rows r JOIN outbox o ON o.id = r.outbox_id WHERE o.state = 'pending' AND r.collection = ?", collection); err != nil {
			return fmt.Errorf("reset %s: %w", collection, err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sync_cursors WHERE collection = ?", collection); err != nil {
			return fmt.Errorf("reset %s: %w", collection, err)
		}
		return setMeta(ctx, tx, epochKey(collection), epoch)
	})
}
