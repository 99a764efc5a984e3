// Package servertest helps tests act as a resident's phone against the
// reference platform server: sign in, and hold a 苏服码 to show.
package servertest

import (
	"context"
	"fmt"
	"time"

	"jiangsupass/codes"
	"jiangsupass/platform"
)

// ServiceCodeHolder signs phone in through c with the one-time code the
// server sent, and has the platform issue a 苏服码 credential to a new
// device key. It returns what the phone shows at any instant: the code a
// visitor holds to a scanner.
func ServiceCodeHolder(ctx context.Context, c *platform.Client, phone, code string) (func(now time.Time) (string, error), error) {
	if _, err := c.SignIn(ctx, phone, code); err != nil {
		return nil, fmt.Errorf("sign in %s: %w", phone, err)
	}
	dev, err := codes.NewDevice()
	if err != nil {
		return nil, err
	}
	g, err := c.IssueCredential(ctx, platform.CredentialService, dev.PublicKey())
	if err != nil {
		return nil, fmt.Errorf("issue a service credential: %w", err)
	}
	return func(now time.Time) (string, error) { return dev.Present(g.Credential, now) }, nil
}
