package offline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Saved visitors belong to a person: a tourist's entered signed out
// (owner "") and each resident's (owner: their server and user ID), all in
// the one sealed record recVisitors. Visitors shows only the list of the
// person using the device. A sign-in decides about the others as it does
// about the requests (SignInOffer): those entered signed out go with the
// requests made signed out (taken on, they are the resident's; removed;
// or left), and another resident's stay out of sight or are removed with
// that person's requests. A sign-out removes them all, with every
// personal record.

// visitorBook is each person's saved visitors, by owner.
type visitorBook map[string][]Visitor

// visitorRecord is how the book is sealed. A record written before
// visitors had owners is a bare list: it is the list of whoever uses the
// device when it is read, as a sign-in used to remove it.
type visitorRecord struct {
	Owners visitorBook `json:"owners"`
}

// visitorOwner is the owner of a resident's saved visitors.
func visitorOwner(sess Session) string { return sess.Origin + " " + sess.Profile.UserID }

// visitorBook reads, with q, the owner of the person using the device
// ("" signed out) and the book; an empty book when there is no record or
// no key to open it.
func (s *Store) visitorBook(ctx context.Context, q querier) (string, visitorBook, error) {
	owner := ""
	var sess Session
	switch err := s.getPersonalIn(ctx, q, recSession, &sess); {
	case err == nil:
		owner = visitorOwner(sess)
	case errors.Is(err, ErrNotFound) || errors.Is(err, ErrSignedOut):
	default:
		return "", nil, err
	}
	var raw json.RawMessage
	err := s.getPersonalIn(ctx, q, recVisitors, &raw)
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrSignedOut) {
		return owner, visitorBook{}, nil
	}
	if err != nil {
		return owner, nil, err
	}
	book, err := decodeVisitors(raw, owner)
	return owner, book, err
}

// handoverVisitors is the book as a sign-in finds it (see visitorBook); a
// record that no longer opens counts as none, since the sign-in removes
// it.
func (s *Store) handoverVisitors(ctx context.Context, q querier) (visitorBook, error) {
	_, book, err := s.visitorBook(ctx, q)
	if errors.Is(err, errSealed) {
		return visitorBook{}, nil
	}
	return book, err
}

// decodeVisitors reads a sealed book; a bare list is legacy's.
func decodeVisitors(raw []byte, legacy string) (visitorBook, error) {
	if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '[' {
		var list []Visitor
		if err := json.Unmarshal(t, &list); err != nil {
			return nil, fmt.Errorf("read %s: %w", recVisitors, err)
		}
		return visitorBook{legacy: list}, nil
	}
	var rec visitorRecord
	if err := json.Unmarshal(raw, &rec); err != nil {
		return nil, fmt.Errorf("read %s: %w", recVisitors, err)
	}
	if rec.Owners == nil {
		rec.Owners = visitorBook{}
	}
	return rec.Owners, nil
}

// handOverVisitors applies a sign-in's choice to the book, for the
// resident whose owner is own: those entered signed out take signedOut's
// fate (taken on: added to own's list, keeping their IDs so that a
// booking in progress still finds them), other residents' take others'.
// The resident's own list stays.
func handOverVisitors(book visitorBook, own string, signedOut, others Fate) visitorBook {
	for owner, list := range book {
		switch {
		case owner == own:
		case owner == "" && signedOut == Adopt:
			book[own] = addVisitors(book[own], list...)
			delete(book, "")
		case owner == "" && signedOut == Remove, owner != "" && others == Remove:
			delete(book, owner)
		}
	}
	for owner, list := range book {
		if len(list) == 0 {
			delete(book, owner)
		}
	}
	return book
}
