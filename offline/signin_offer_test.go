package offline

import (
	"context"
	"testing"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// signInAdopting signs the store in through c as the first demo resident,
// taking on the requests made signed out, as a person who said yes to the
// question would.
func signInAdopting(t testing.TB, s *Store, ps *platformServer, c *platform.Client) {
	t.Helper()
	ctx := context.Background()
	phone := server.DemoAccounts[0].Phone
	if _, err := c.RequestCode(ctx, phone); err != nil {
		t.Fatal(err)
	}
	o, err := s.BeginSignIn(ctx, c, phone, ps.code(phone))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Finish(ctx, SignInChoice{SignedOut: Adopt}); err != nil {
		t.Fatal(err)
	}
}
