package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jiangsupass/platform"
)

// ErrStalePage is returned by ApplyPage for a page that does not start at
// the collection's cursor (another run moved it, or the page was
// repeated): nothing of it is applied.
var ErrStalePage = errors.New("sync: page does not start at the replica's cursor")

// ApplyPage applies a page of a collection's changes and advances the
// collection's cursor to the page's next cursor, in one transaction: a
// crash leaves the replica before the page or after it. Items that a
// pending outbox request has changed locally are left alone and noted,
// to be fetched again once the request is settled. A page with any
// malformed item changes nothing. It returns the number of changes
// applied.
func (s *Store) ApplyPage(ctx context.Context, collection string, page *platform.SyncPage) (int, error) {
	return s.applyPage(ctx, collection, page, nil)
}

// applyPage is ApplyPage with the page's upserts already decoded (nil:
// decode them here), so that the engine can decode the next page while
// this one is written.
func (s *Store) applyPage(ctx context.Context, collection string, page *platform.SyncPage, items []platform.Item) (int, error) {
	since, err := platform.ParseCursor(page.Since)
	if err != nil {
		return 0, fmt.Errorf("sync %s: %w", collection, err)
	}
	next, err := platform.ParseCursor(page.Next)
	if err != nil {
		return 0, fmt.Errorf("sync %s: %w", collection, err)
	}
	if next < since {
		return 0, fmt.Errorf("sync %s: %w: next cursor %d is before %d", collection, platform.ErrBadAnswer, next, since)
	}
	n := 0
	err = s.applyChanges(ctx, collection, page, items, func(ctx context.Context, tx *sql.Tx) error {
		have, err := cursorOf(ctx, tx, collection)
		if err != nil {
			return err
		}
		if have != since {
			return fmt.Errorf("sync %s: %w (page since %d, cursor %d)", collection, ErrStalePage, since, have)
		}
		epoch, err := s.syncEpoch(ctx, tx, collection)
		if err != nil {
			return err
		}
		if epoch != "" && epoch != page.Epoch {
			return fmt.Errorf("sync %s: %w", collection, ErrEpochChanged)
		}
		return nil
	}, func(ctx context.Context, tx *sql.Tx, applied int) error {
		n = applied
		if err := setMeta(ctx, tx, epochKey(collection), page.Epoch); err != nil {
			return err
		}
		return s.setCursor(ctx, tx, collection, next)
	})
	return n, err
}

// applyLookup applies the answer to a lookup of deferred rows: the rows
// are written (or deleted) and dropped from the deferred list, unless a
// request is still pending on them. The cursor does not move.
func (s *Store) applyLookup(ctx context.Context, collection string, page *platform.SyncPage) error {
	sameEpoch := func(ctx context.Context, tx *sql.Tx) error {
		epoch, err := s.syncEpoch(ctx, tx, collection)
		if err == nil && epoch != page.Epoch {
			err = fmt.Errorf("look up %s: %w", collection, ErrEpochChanged)
		}
		return err
	}
	return s.applyChanges(ctx, collection, page, nil, sameEpoch, func(ctx context.Context, tx *sql.Tx, _ int) error {
		ids := make([]string, 0, len(page.Tombstones)+len(page.Upserts))
		ids = append(ids, page.Tombstones...)
		items, err := decodeItems(collection, page.Upserts)
		if err != nil {
			return err
		}
		for _, it := range items {
			ids = append(ids, it.ItemID())
		}
		pending, err := pendingRows(ctx, tx, collection)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if pending[id] {
				continue
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM sync_deferred WHERE collection = ? AND item_id = ?", collection, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// applyChanges writes a page's upserts (decoded as items, or decoded here
// when items is nil) and tombstones in one transaction, with a check
// before and a step after, both inside it.
func (s *Store) applyChanges(ctx context.Context, collection string, page *platform.SyncPage, items []platform.Item,
	before func(context.Context, *sql.Tx) error, after func(context.Context, *sql.Tx, int) error) error {
	rep, err := replicaOf(collection)
	if err != nil {
		return err
	}
	if items == nil {
		if items, err = decodeItems(collection, page.Upserts); err != nil {
			return err
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sync %s: %w", collection, err)
	}
	defer func() { _ = tx.Rollback() }()
	if before != nil {
		if err := before(ctx, tx); err != nil {
			return err
		}
	}
	pending, err := pendingRows(ctx, tx, collection)
	if err != nil {
		return fmt.Errorf("sync %s: %w", collection, err)
	}
	applied, err := writeItems(ctx, tx, rep, items, page.Tombstones, pending, collection)
	if err != nil {
		return fmt.Errorf("sync %s: %w", collection, err)
	}
	if after != nil {
		if err := after(ctx, tx, applied); err != nil {
			return err
		}
	}
	if applied > 0 {
		if err := setMeta(ctx, tx, metaLastUpdated, formatTime(s.now())); err != nil {
			return fmt.Errorf("sync %s: %w", collection, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sync %s: commit: %w", collection, err)
	}
	return nil
}

// writeItems upserts and deletes rows, skipping (and deferring) the ones
// with a pending request.
func writeItems(ctx context.Context, tx *sql.Tx, rep replica, items []platform.Item, tombstones []string,
	pending map[string]bool, collection string) (int, error) {
	applied := 0
	defer_ := func(id string) error {
		_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO sync_deferred (collection, item_id) VALUES (?, ?)", collection, id)
		return err
	}
	if len(items) > 0 {
		stmt, err := tx.PrepareContext(ctx, upsertSQL(rep.table, rep.columns[0], rep.columns...))
		if err != nil {
			return 0, err
		}
		defer stmt.Close()
		for _, it := range items {
			if pending[it.ItemID()] {
				if err := defer_(it.ItemID()); err != nil {
					return 0, err
				}
				continue
			}
			if _, err := stmt.ExecContext(ctx, rep.row(it)...); err != nil {
				return 0, fmt.Errorf("item %s: %w", it.ItemID(), err)
			}
			applied++
		}
	}
	if len(tombstones) > 0 {
		stmt, err := tx.PrepareContext(ctx, "DELETE FROM "+rep.table+" WHERE "+rep.columns[0]+" = ?")
		if err != nil {
			return 0, err
		}
		defer stmt.Close()
		for _, id := range tombstones {
			if pending[id] {
				if err := defer_(id); err != nil {
					return 0, err
				}
				continue
			}
			if _, err := stmt.ExecContext(ctx, id); err != nil {
				return 0, fmt.Errorf("delete %s: %w", id, err)
			}
			applied++
		}
	}
	return applied, nil
}

// pendingRows returns the IDs of a collection's rows that a pending
// outbox request has changed locally.
func pendingRows(ctx context.Context, q querier, collection string) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.item_id FROM outbox_rows r JOIN outbox o ON o.id = r.outbox_id
		WHERE o.state = 'pending' AND r.collection = ?`, collection)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// deferredRows returns, by collection, the rows a pull left alone whose
// requests are no longer pending: they are fetched again.
func (s *Store) deferredRows(ctx context.Context) (map[string][]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.collection, d.item_id FROM sync_deferred d
		WHERE NOT EXISTS (SELECT 1 FROM outbox_rows r JOIN outbox o ON o.id = r.outbox_id
			WHERE o.state = 'pending' AND r.collection = d.collection AND r.item_id = d.item_id)
		ORDER BY d.collection, d.item_id`)
	if err != nil {
		return nil, fmt.Errorf("deferred rows: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var c, id string
		if err := rows.Scan(&c, &id); err != nil {
			return nil, fmt.Errorf("deferred rows: %w", err)
		}
		out[c] = append(out[c], id)
	}
	return out, rows.Err()
}

// ReplicaChecksum computes the checksum of a collection's rows in the same
// way the server does (see platform.Checksum), to compare the two.
func (s *Store) ReplicaChecksum(ctx context.Context, collection string) (platform.Checksum, error) {
	rep, err := replicaOf(collection)
	if err != nil {
		return platform.Checksum{}, err
	}
	order := rep.idOrder
	if order == "" {
		order = rep.columns[0]
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+joinColumns(rep)+" FROM "+rep.table+" ORDER BY "+order)
	if err != nil {
		return platform.Checksum{}, fmt.Errorf("checksum %s: %w", collection, err)
	}
	defer rows.Close()
	h := platform.NewChecksummer()
	for rows.Next() {
		it, err := rep.scan(rows)
		if err != nil {
			return platform.Checksum{}, fmt.Errorf("checksum %s: %w", collection, err)
		}
		it.Normalize()
		b, err := jsonMarshal(it)
		if err != nil {
			return platform.Checksum{}, err
		}
		h.Add(it.ItemID(), b)
	}
	if err := rows.Err(); err != nil {
		return platform.Checksum{}, fmt.Errorf("checksum %s: %w", collection, err)
	}
	c, err := s.Cursor(ctx, collection)
	if err != nil {
		return platform.Checksum{}, err
	}
	return h.Sum(collection, c), nil
}

// joinColumns is the column list that rep.scan reads.
func joinColumns(rep replica) string {
	if rep.table == "attractions" {
		return attractionColumns
	}
	return strings.Join(rep.columns, ", ")
}
