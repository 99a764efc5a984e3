package platform

import (
	"context"
	"fmt"
	"net/http"
)

// RequestCode asks the platform to send a one-time sign-in code to phone,
// a number as a person types it (see ParsePhone); it is sent in its kept
// form, and a number ParsePhone refuses is an error wrapping ErrBadPhone
// that reaches no platform. (The reference server writes the code to its
// log.)
func (c *Client) RequestCode(ctx context.Context, phone string) (CodeSent, error) {
	p, err := ParsePhone(phone)
	if err != nil {
		return CodeSent{}, fmt.Errorf("request code: %w", err)
	}
	var sent CodeSent
	_, body, err := c.do(ctx, call{method: http.MethodPost, path: "/v1/auth/code", body: CodeRequest{Phone: p.String()}})
	if err == nil {
		err = decode("request code", body, &sent)
	}
	return sent, err
}

// SignIn exchanges a phone, as RequestCode takes it, and its one-time code
// for tokens, and keeps them for the requests that follow.
func (c *Client) SignIn(ctx context.Context, phone, code string) (Tokens, error) {
	p, err := ParsePhone(phone)
	if err != nil {
		return Tokens{}, fmt.Errorf("sign in: %w", err)
	}
	_, body, err := c.do(ctx, call{method: http.MethodPost, path: "/v1/auth/token",
		body: SignInRequest{Phone: p.String(), Code: code}})
	if err != nil {
		return Tokens{}, fmt.Errorf("sign in: %w", err)
	}
	return c.keep("sign in", body)
}

// Refresh exchanges the refresh token for new tokens.
func (c *Client) Refresh(ctx context.Context) error {
	rt := c.Tokens().RefreshToken
	if rt == "" {
		return ErrNotSignedIn
	}
	_, body, err := c.once(ctx, call{method: http.MethodPost, path: "/v1/auth/refresh",
		body: RefreshRequest{RefreshToken: rt}})
	if err != nil {
		return fmt.Errorf("refresh token: %w", err)
	}
	_, err = c.keep("refresh token", body)
	return err
}

// SignOut ends the session at the platform: its refresh token and every
// access token issued with it stop working. The client forgets its tokens
// whatever the answer; an error says the platform could not be told (the
// session then ends by itself when its refresh token expires).
func (c *Client) SignOut(ctx context.Context) error {
	return c.EndSession(ctx, c.Forget())
}

// Forget drops the client's tokens at once and returns the refresh token
// they held ("" when signed out), for EndSession to end later, off the
// caller's goroutine.
func (c *Client) Forget() string {
	rt := c.Tokens().RefreshToken
	c.SetTokens(Tokens{})
	return rt
}

// EndSession ends, at the platform, the session of a refresh token the
// client has already forgotten (see Forget).
func (c *Client) EndSession(ctx context.Context, refreshToken string) error {
	if refreshToken == "" {
		return ErrNotSignedIn
	}
	if _, _, err := c.once(ctx, call{method: http.MethodPost, path: "/v1/auth/sign-out",
		body: RefreshRequest{RefreshToken: refreshToken}}); err != nil {
		return fmt.Errorf("sign out: %w", err)
	}
	return nil
}

// keep decodes tokens, installs them and reports them to OnTokens.
func (c *Client) keep(what string, body []byte) (Tokens, error) {
	var t Tokens
	if err := decode(what, body, &t); err != nil {
		return Tokens{}, err
	}
	if t.AccessToken == "" {
		return Tokens{}, fmt.Errorf("%s: %w: no access token", what, ErrBadAnswer)
	}
	c.SetTokens(t)
	if c.onTokens != nil {
		c.onTokens(t)
	}
	return t, nil
}

// Me returns the signed-in resident's profile.
func (c *Client) Me(ctx context.Context) (Profile, error) {
	var p Profile
	_, body, err := c.do(ctx, call{method: http.MethodGet, path: "/v1/me", auth: true})
	if err == nil {
		err = decode("profile", body, &p)
	}
	return p, err
}

// MyOrders returns the signed-in resident's ticket orders.
func (c *Client) MyOrders(ctx context.Context) (OrderList, error) {
	var l OrderList
	_, body, err := c.do(ctx, call{method: http.MethodGet, path: "/v1/me/orders", auth: true})
	if err == nil {
		err = decode("orders", body, &l)
	}
	return l, err
}
