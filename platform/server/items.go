package server

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"jiangsupass/platform"
)

// ErrNoItem is returned when an item to change does not exist.
var ErrNoItem = errors.New("no such item")

// encodeItem validates an item and returns its canonical JSON.
func encodeItem(collection string, it platform.Item) ([]byte, error) {
	if !platform.IsCollection(collection) {
		return nil, fmt.Errorf("collection %q: %w", collection, ErrNoItem)
	}
	it.Normalize()
	if err := it.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(it)
}

// decodeItem reads JSON into a new item of the collection's type,
// refusing fields the type does not have.
func decodeItem(collection string, body []byte) (platform.Item, error) {
	it := platform.NewItem(collection)
	if it == nil {
		return nil, fmt.Errorf("collection %q: %w", collection, ErrNoItem)
	}
	dec := json.NewDecoder(bytesReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(it); err != nil {
		return nil, fmt.Errorf("%s item: %w", collection, err)
	}
	return it, nil
}

// writer writes changes inside one transaction, each with the next
// changelog number. Before its first change it takes the changelog's
// lock (on PostgreSQL), which the transaction holds until it ends, so
// that changes are numbered in the order they commit: a sync client that
// has read up to a number can never miss a change that commits later
// with a smaller one.
type writer struct {
	s      *Server
	tx     *sql.Tx
	now    string
	locked bool
	log    *sql.Stmt // prepared for a batch (dialect.prepareBatch)
	upsert *sql.Stmt
}

const (
	sqlLogChange  = "INSERT INTO changelog (collection, item_id, op, at) VALUES (?, ?, ?, ?) RETURNING seq"
	sqlUpsertItem = `INSERT INTO items (collection, id, seq, deleted, body) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (collection, id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, body = excluded.body`
)

func (w *writer) close() {
	if w.log != nil {
		w.log.Close()
		w.upsert.Close()
	}
}

// change logs a change of an item and stores its new state (body nil
// for a tombstone), returning its changelog number.
func (w *writer) change(ctx context.Context, collection, id string, body []byte) (platform.Cursor, error) {
	if !w.locked {
		if err := w.s.eng.lock(ctx, w.tx, "changelog"); err != nil {
			return 0, err
		}
		w.locked = true
		if w.s.sq.prepareBatch {
			var err error
			if w.log, err = w.tx.PrepareContext(ctx, sqlLogChange); err != nil {
				return 0, err
			}
			if w.upsert, err = w.tx.PrepareContext(ctx, sqlUpsertItem); err != nil {
				w.log.Close()
				w.log = nil
				return 0, err
			}
		}
	}
	op, deleted, text := "upsert", 0, any(nil)
	if body == nil {
		op, deleted = "delete", 1
	} else {
		text = string(body)
	}
	var seq platform.Cursor
	var err error
	if w.log != nil {
		err = w.log.QueryRowContext(ctx, collection, id, op, w.now).Scan(&seq)
	} else {
		err = w.tx.QueryRowContext(ctx, sqlLogChange, collection, id, op, w.now).Scan(&seq)
	}
	if err != nil {
		return 0, err
	}
	if w.upsert != nil {
		_, err = w.upsert.ExecContext(ctx, collection, id, seq, deleted, text)
	} else {
		_, err = w.tx.ExecContext(ctx, sqlUpsertItem, collection, id, seq, deleted, text)
	}
	return seq, err
}

// put stores an item's canonical JSON as its new state.
func (w *writer) put(ctx context.Context, collection, id string, body []byte) (platform.Cursor, error) {
	return w.change(ctx, collection, id, body)
}

// remove turns an item into a tombstone.
func (w *writer) remove(ctx context.Context, collection, id string) (platform.Cursor, error) {
	var deleted bool
	err := w.tx.QueryRowContext(ctx, "SELECT deleted FROM items WHERE collection = ? AND id = ?"+w.s.sq.forUpdate, collection, id).Scan(&deleted)
	if errors.Is(err, sql.ErrNoRows) || deleted {
		return 0, fmt.Errorf("%s %s: %w", collection, id, ErrNoItem)
	}
	if err != nil {
		return 0, err
	}
	return w.change(ctx, collection, id, nil)
}

// maxTries is how many times a transaction the engine may run again is
// run in all.
const maxTries = 5

// inTx runs f in a write transaction with a writer. A transaction that
// the engine undid whole (a deadlock PostgreSQL broke) is run again, up
// to maxTries times in all.
func (s *Server) inTx(ctx context.Context, f func(tx *sql.Tx, w *writer) error) error {
	return s.retry(ctx, func() error {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback() }()
		w := &writer{s: s, tx: tx, now: s.now().UTC().Format(time.RFC3339Nano)}
		defer w.close()
		if err := f(tx, w); err != nil {
			return err
		}
		return tx.Commit()
	})
}

// retry runs a transaction, and again while the engine says it took
// nothing and may be run again, up to maxTries times in all, with a short
// random pause between.
func (s *Server) retry(ctx context.Context, run func() error) error {
	for try := 1; ; try++ {
		err := run()
		if err == nil || try == maxTries || !s.eng.retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(rand.Int64N(int64(try) * int64(5*time.Millisecond)))):
		}
	}
}

// Put stores an item of a collection, adding it or replacing it, and
// returns the changelog number of the change.
func (s *Server) Put(ctx context.Context, collection string, it platform.Item) (platform.Cursor, error) {
	body, err := encodeItem(collection, it)
	if err != nil {
		return 0, err
	}
	var seq platform.Cursor
	err = s.inTx(ctx, func(_ *sql.Tx, w *writer) error {
		seq, err = w.put(ctx, collection, it.ItemID(), body)
		return err
	})
	return seq, err
}

// Patch changes some fields of an existing item: patch is a JSON object
// whose members replace the item's (a JSON merge patch of one level).
func (s *Server) Patch(ctx context.Context, collection, id string, patch []byte) (platform.Cursor, error) {
	var seq platform.Cursor
	err := s.inTx(ctx, func(tx *sql.Tx, w *writer) error {
		var cur sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT body FROM items WHERE collection = ? AND id = ? AND deleted = 0"+s.sq.forUpdate,
			collection, id).Scan(&cur)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%s %s: %w", collection, id, ErrNoItem)
		}
		if err != nil {
			return err
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal([]byte(cur.String), &fields); err != nil {
			return err
		}
		var changes map[string]json.RawMessage
		if err := json.Unmarshal(patch, &changes); err != nil {
			return fmt.Errorf("patch is not a JSON object: %w", err)
		}
		for k, v := range changes {
			if string(v) == "null" {
				delete(fields, k)
			} else {
				fields[k] = v
			}
		}
		merged, err := json.Marshal(fields)
		if err != nil {
			return err
		}
		it, err := decodeItem(collection, merged)
		if err != nil {
			return err
		}
		if it.ItemID() != id {
			return fmt.Errorf("a patch may not change the id of %s %s", collection, id)
		}
		body, err := encodeItem(collection, it)
		if err != nil {
			return err
		}
		seq, err = w.put(ctx, collection, id, body)
		return err
	})
	return seq, err
}

// Delete removes an item; clients learn of it as a tombstone.
func (s *Server) Delete(ctx context.Context, collection, id string) (platform.Cursor, error) {
	var seq platform.Cursor
	err := s.inTx(ctx, func(_ *sql.Tx, w *writer) error {
		var err error
		seq, err = w.remove(ctx, collection, id)
		return err
	})
	return seq, err
}

// Get returns the canonical JSON of a live item.
func (s *Server) Get(ctx context.Context, collection, id string) ([]byte, error) {
	var body sql.NullString
	err := s.db.QueryRowContext(ctx, "SELECT body FROM items WHERE collection = ? AND id = ? AND deleted = 0",
		collection, id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s %s: %w", collection, id, ErrNoItem)
	}
	return []byte(body.String), err
}

// Head returns the newest changelog number.
func (s *Server) Head(ctx context.Context) (platform.Cursor, error) {
	return head(ctx, s.db)
}

func head(ctx context.Context, q querier) (platform.Cursor, error) {
	var seq sql.NullInt64
	err := q.QueryRowContext(ctx, "SELECT max(seq) FROM changelog").Scan(&seq)
	return platform.Cursor(seq.Int64), err
}

// ItemState is an item as the server holds it, for tests and tools.
type ItemState struct {
	Seq     platform.Cursor
	Deleted bool
	Body    []byte // canonical JSON; nil for a tombstone
}

// Items returns every item of a collection, tombstones included, by ID.
func (s *Server) Items(ctx context.Context, collection string) (map[string]ItemState, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, seq, deleted, body FROM items WHERE collection = ?", collection)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]ItemState{}
	for rows.Next() {
		var id string
		var st ItemState
		var body sql.NullString
		if err := rows.Scan(&id, &st.Seq, &st.Deleted, &body); err != nil {
			return nil, err
		}
		if body.Valid {
			st.Body = []byte(body.String)
		}
		out[id] = st
	}
	return out, rows.Err()
}

// Checksum computes the checksum of a collection's live items (see
// platform.Checksum).
func (s *Server) Checksum(ctx context.Context, collection string) (platform.Checksum, error) {
	tx, err := s.beginRead(ctx)
	if err != nil {
		return platform.Checksum{}, err
	}
	defer func() { _ = tx.Rollback() }()
	at, err := head(ctx, tx)
	if err != nil {
		return platform.Checksum{}, err
	}
	rows, err := tx.QueryContext(ctx, "SELECT id, body FROM items WHERE collection = ? AND deleted = 0 ORDER BY id", collection)
	if err != nil {
		return platform.Checksum{}, err
	}
	defer rows.Close()
	h := platform.NewChecksummer()
	for rows.Next() {
		var id, body string
		if err := rows.Scan(&id, &body); err != nil {
			return platform.Checksum{}, err
		}
		h.Add(id, []byte(body))
	}
	if err := rows.Err(); err != nil {
		return platform.Checksum{}, err
	}
	return h.Sum(collection, at), nil
}

// hashBytes is the hex SHA-256 of b.
func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// PutMany stores many items of a collection in one transaction.
func (s *Server) PutMany(ctx context.Context, collection string, items []platform.Item) error {
	bodies := make([][]byte, len(items))
	for i, it := range items {
		b, err := encodeItem(collection, it)
		if err != nil {
			return err
		}
		bodies[i] = b
	}
	return s.inTx(ctx, func(_ *sql.Tx, w *writer) error {
		for i, it := range items {
			if _, err := w.put(ctx, collection, it.ItemID(), bodies[i]); err != nil {
				return err
			}
		}
		return nil
	})
}
