package offline

import (
	"context"
	"encoding/json"
	"errors"

	"jiangsupass/platform"
)

// Every request (an order with its visitors' names and document numbers,
// an appointment, a card-loss report, a refund, 12345 feedback with its
// contact number) is sealed with the personal key while it waits in the
// outbox, like every other personal record, and its body is dropped once
// the platform has answered: the database never holds it in clear. A
// sign-out that keeps requests not yet sent (anonymous feedback, or every
// pending request when the server changes) seals them again under a new
// key (personal_signout.go), so that they still open after it.

// schemaOutboxSeal adds the sealed body and drops the bodies of requests
// already answered.
const schemaOutboxSeal = `
ALTER TABLE outbox ADD COLUMN sealed BLOB;
UPDATE outbox SET body = '{}' WHERE state <> 'pending';
`

// emptyBody stands in the body column of a sealed or answered request.
const emptyBody = "{}"

// errOutboxUnreadable is a sealed request whose key is gone.
var errOutboxUnreadable = errors.New("offline: a waiting request does not open with this device's key")

// CodeUnreadable is the error code of a request that could not be sent
// because it no longer opens on this device; the user makes it again.
const CodeUnreadable = "unreadable_on_device"

// outboxSealName binds a sealed body to its request's idempotency key, so
// that it cannot be moved to another request.
func outboxSealName(key string) string { return "outbox " + key }

// sealOutboxBody returns what the body and sealed columns of a new request
// hold.
func (s *Store) sealOutboxBody(key string, body []byte) (string, []byte, error) {
	aead, err := s.personalAEAD(true)
	if err != nil {
		return "", nil, err
	}
	sealed, err := seal(aead, outboxSealName(key), body)
	if err != nil {
		return "", nil, err
	}
	return emptyBody, sealed, nil
}

// openOutboxBody returns a request's body, unsealing it when it is sealed
// (a request from before requests were sealed is in clear).
func (s *Store) openOutboxBody(key, body string, sealed []byte) (json.RawMessage, error) {
	if sealed == nil {
		return json.RawMessage(body), nil
	}
	aead, err := s.personalAEAD(false)
	if err != nil {
		return nil, errOutboxUnreadable
	}
	plain, err := unseal(aead, outboxSealName(key), sealed)
	if err != nil {
		return nil, errOutboxUnreadable
	}
	return plain, nil
}

// failUnreadable settles a request that no longer opens as failed, so
// that it neither blocks the requests behind it nor disappears unseen.
func (s *Store) failUnreadable(ctx context.Context, it OutboxItem) error {
	return s.settleOutbox(ctx, it, platform.MutationResult{}, &platform.Error{Code: CodeUnreadable,
		Message: "the request no longer opens on this device (its key is gone); make it again"})
}
