package loadtest

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"jiangsupass/codes"
	"jiangsupass/idcard"
	"jiangsupass/platform"
)

// Device is one simulated phone running the app's own platform client,
// with its own account (a phone number of its own), its own cursor per
// collection, its own outbox of requests with their idempotency keys and
// its own device key.
type Device struct {
	N      int
	Phone  string
	Client *platform.Client

	cursors map[string]platform.Cursor
	outbox  []Intent
	key     *codes.Device
	// Answers are the final answers to the requests the outbox delivered.
	Answers []Answer
	// Changes counts the upserts and tombstones its syncs received.
	Changes int
}

// Intent is a request waiting in a device's outbox, with the key it is
// delivered with until the platform answers.
type Intent struct {
	Kind, Key string
	Body      json.RawMessage
}

// Answer is the platform's answer to a delivered intent.
type Answer struct {
	Kind, Key string
	Status    int
	Body      []byte
}

// NewDevice makes device n, which talks to the platform at base through
// the nodes in turn, recorded by rec.
func NewDevice(n int, base string, nodes *Nodes, rec *Recorder) (*Device, error) {
	key, err := codes.NewDevice()
	if err != nil {
		return nil, err
	}
	c := platform.NewClient(base, platform.Options{Version: "load", Timeout: 30 * time.Second, Retries: 3,
		RetryWait: 50 * time.Millisecond, RetryMaxWait: time.Second, Transport: DeviceTransport(n, nodes, rec)})
	return &Device{N: n, Phone: fmt.Sprintf("137%08d", n), Client: c, cursors: map[string]platform.Cursor{}, key: key}, nil
}

// SignIn asks for a one-time code and signs in with the code the
// platform sent, which code gives.
func (d *Device) SignIn(ctx context.Context, code func(ctx context.Context, phone string) (string, error)) error {
	if _, err := d.Client.RequestCode(ctx, d.Phone); err != nil {
		return fmt.Errorf("device %d: ask for a code: %w", d.N, err)
	}
	c, err := code(ctx, d.Phone)
	if err != nil {
		return fmt.Errorf("device %d: %w", d.N, err)
	}
	if _, err := d.Client.SignIn(ctx, d.Phone, c); err != nil {
		return fmt.Errorf("device %d: sign in: %w", d.N, err)
	}
	return nil
}

// pageLimit is the most changes a device asks for in one page.
const pageLimit = 1000

// Sync pulls every collection from the device's cursor until nothing
// more follows, as the app's sync engine does, and returns how many
// changes came.
func (d *Device) Sync(ctx context.Context) (int, error) {
	n := 0
	for _, coll := range platform.Collections {
		for first := true; ; first = false {
			pull := d.Client.PullMore
			if first {
				pull = d.Client.Pull
			}
			p, err := pull(ctx, coll, d.cursors[coll], pageLimit)
			if err != nil {
				return n, fmt.Errorf("device %d: %w", d.N, err)
			}
			next, err := platform.ParseCursor(p.Next)
			if err != nil {
				return n, fmt.Errorf("device %d: sync %s: %w", d.N, coll, err)
			}
			d.cursors[coll] = next
			n += len(p.Upserts) + len(p.Tombstones)
			if !p.HasMore {
				break
			}
		}
	}
	d.Changes += n
	return n, nil
}

// Renew renews the device's codes as the app does (RenewCodes), and its
// tokens with its refresh token.
func (d *Device) Renew(ctx context.Context) error {
	if err := d.RenewCodes(ctx); err != nil {
		return err
	}
	if err := d.Client.Refresh(ctx); err != nil {
		return fmt.Errorf("device %d: refresh: %w", d.N, err)
	}
	return nil
}

// RenewCodes renews the device's codes: a new 苏服码 and card credential
// bound to its device key, and the current trust list.
func (d *Device) RenewCodes(ctx context.Context) error {
	for _, kind := range []string{platform.CredentialService, platform.CredentialCard} {
		if _, err := d.Client.IssueCredential(ctx, kind, d.key.PublicKey()); err != nil {
			return fmt.Errorf("device %d: renew the %s code: %w", d.N, kind, err)
		}
	}
	if _, err := d.Client.TrustList(ctx); err != nil {
		return fmt.Errorf("device %d: trust list: %w", d.N, err)
	}
	return nil
}

// Queue puts a request in the device's outbox with a new idempotency key.
func (d *Device) Queue(kind string, body any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	d.outbox = append(d.outbox, Intent{Kind: kind, Key: fmt.Sprintf("load-%d-%s", d.N, rand.Text()), Body: b})
	return nil
}

// deliveries is how many times an intent is sent before the device gives
// up on it for this run (each send itself retries a failed request).
const deliveries = 5

// Deliver sends the outbox in order, each intent with its key until the
// platform answers (a 2xx, or a 4xx that repeating cannot change), and
// keeps the answers.
func (d *Device) Deliver(ctx context.Context) error {
	for len(d.outbox) > 0 {
		in := d.outbox[0]
		var res platform.MutationResult
		var err error
		for try := 0; try < deliveries; try++ {
			res, err = d.Client.Mutate(ctx, in.Kind, in.Key, in.Body)
			var pe *platform.Error
			if err == nil || errors.As(err, &pe) && pe.Status < http.StatusInternalServerError {
				err = nil
				break
			}
		}
		if err != nil {
			return fmt.Errorf("device %d: deliver %s: %w", d.N, in.Kind, err)
		}
		d.Answers = append(d.Answers, Answer{Kind: in.Kind, Key: in.Key, Status: res.Status, Body: res.Body})
		d.outbox = d.outbox[1:]
	}
	return nil
}

// ResidentID is a valid resident identity number (GB 11643) made from a
// serial, for the visitors of the devices' real-name orders.
func ResidentID(serial int) string {
	first := fmt.Sprintf("32010219850315%03d", serial%1000)
	c, _ := idcard.CheckDigit(first)
	return first + string(c)
}
