package offline

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"

	"jiangsupass/idcard"
)

// recVisitors is the sealed record of the saved visitor list.
const recVisitors = "ticket_visitors"

// Visitor is a person the user books tickets for, kept (sealed, like every
// personal record) so that the next booking picks them from a list.
type Visitor struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	DocKind   string `json:"doc_kind"` // idcard.Kind
	DocNumber string `json:"doc_number"`
}

// JiangsuRegions returns the division codes of Jiangsu the replica holds,
// against which a Jiangsu identity number's region is checked.
func (s *Store) JiangsuRegions(ctx context.Context) (idcard.Regions, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT code FROM divisions")
	if err != nil {
		return nil, fmt.Errorf("regions: %w", err)
	}
	defer rows.Close()
	r := idcard.Regions{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("regions: %w", err)
		}
		r[c] = true
	}
	return r, rows.Err()
}

// CheckDocument normalizes a visitor's document at the store's now,
// checking it against the replica's divisions; an error wraps one of
// idcard's reasons.
func (s *Store) CheckDocument(ctx context.Context, d idcard.Document) (idcard.Document, error) {
	regions, err := s.JiangsuRegions(ctx)
	if err != nil {
		return d, err
	}
	return idcard.Normalize(d, regions, s.now())
}

// Visitors returns the saved visitors of the person using the device:
// the signed-in resident's, or, signed out, those entered signed out.
// None when there are none yet, or no key to open them.
func (s *Store) Visitors(ctx context.Context) ([]Visitor, error) {
	owner, book, err := s.visitorBook(ctx, s.db)
	return book[owner], err
}

// SaveVisitor checks a visitor's document and adds the visitor to the
// list, or replaces the one with the same ID or the same document. A bad
// document changes nothing.
func (s *Store) SaveVisitor(ctx context.Context, v Visitor) (Visitor, error) {
	d, err := s.CheckDocument(ctx, idcard.Document{Name: v.Name, Kind: idcard.Kind(v.DocKind), Number: v.DocNumber})
	if err != nil {
		return v, err
	}
	v.Name, v.DocNumber = d.Name, d.Number
	owner, book, err := s.visitorBook(ctx, s.db)
	if err != nil {
		return v, err
	}
	if v.ID == "" {
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		v.ID = hex.EncodeToString(b)
	}
	book[owner] = addVisitors(book[owner], v)
	return v, s.putPersonal(ctx, recVisitors, visitorRecord{Owners: book})
}

// RemoveVisitor deletes a saved visitor.
func (s *Store) RemoveVisitor(ctx context.Context, id string) error {
	owner, book, err := s.visitorBook(ctx, s.db)
	if err != nil {
		return err
	}
	book[owner] = slices.DeleteFunc(book[owner], func(o Visitor) bool { return o.ID == id })
	return s.putPersonal(ctx, recVisitors, visitorRecord{Owners: book})
}

// addVisitors adds vs to list, each in place of one with its ID or its
// document.
func addVisitors(list []Visitor, vs ...Visitor) []Visitor {
	for _, v := range vs {
		list = slices.DeleteFunc(list, func(o Visitor) bool {
			return o.ID == v.ID || o.DocKind == v.DocKind && o.DocNumber == v.DocNumber
		})
		list = append(list, v)
	}
	return list
}
