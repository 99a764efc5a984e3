package server

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
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
// changelog number.
type writer struct {
	tx     *sql.Tx
	now    string
	log    *sql.Stmt
	upsert *sql.Stmt
}

// newWriter prepares the statements of a batch of changes.
func newWriter(ctx context.Context, tx *sql.Tx, now time.Time) (*writer, error) {
	w := &writer{tx: tx, now: now.UTC().Format(time.RFC3339Nano)}
	var err error
	if w.log, err = tx.PrepareContext(ctx, "INSERT INTO changelog (collection, item_id, op, at) VALUES (?, ?, ?, ?)"); err != nil {
		return nil, err
	}
	if w.upsert, err = tx.PrepareContext(ctx, `INSERT INTO items (collection, id, seq, deleted, body) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (collection, id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, body = excluded.body`); err != nil {
		w.log.Close()
		return nil, err
	}
	return w, nil
}

func (w *writer) close() {
	w.log.Close()
	w.upsert.Close()
}

// put stores an item's canonical JSON as its new state.
func (w *writer) put(ctx context.Context, collection, id string, body []byte) (platform.Cursor, error) {
	res, err := w.log.ExecContext(ctx, collection, id, "upsert", w.now)
	if err != nil {
		return 0, err
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	_, err = w.upsert.ExecContext(ctx, collection, id, seq, 0, string(body))
	return platform.Cursor(seq), err
}

// remove turns an item into a tombstone.
func (w *writer) remove(ctx context.Context, collection, id string) (platform.Cursor, error) {
	var deleted bool
	err := w.tx.QueryRowContext(ctx, "SELECT deleted FROM items WHERE collection = ? AND id = ?", collection, id).Scan(&deleted)
	if errors.Is(err, sql.ErrNoRows) || deleted {
		return 0, fmt.Errorf("%s %s: %w", collection, id, ErrNoItem)
	}
	if err != nil {
		return 0, err
	}
	res, err := w.log.ExecContext(ctx, collection, id, "delete", w.now)
	if err != nil {
		return 0, err
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	_, err = w.upsert.ExecContext(ctx, collection, id, seq, 1, nil)
	return platform.Cursor(seq), err
}

// inTx runs f in a write transaction with a writer.
func (s *Server) inTx(ctx context.Context, f func(tx *sql.Tx, w *writer) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	w, err := newWriter(ctx, tx, s.now())
	if err != nil {
		return err
	}
	defer w.close()
	if err := f(tx, w); err != nil {
		return err
	}
	return tx.Commit()
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
		err := tx.QueryRowContext(ctx, "SELECT body FROM items WHERE collection = ? AND id = ? AND deleted = 0",
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
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
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
