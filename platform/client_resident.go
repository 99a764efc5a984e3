package platform

import (
	"context"
	"net/http"
)

// Card returns the signed-in resident's social-security card.
func (c *Client) Card(ctx context.Context) (Card, error) {
	var v Card
	err := c.getJSON(ctx, "/v1/me/card", true, "card", &v)
	return v, err
}

// Insurance returns the resident's medical-insurance account.
func (c *Client) Insurance(ctx context.Context) (Insurance, error) {
	var v Insurance
	err := c.getJSON(ctx, "/v1/me/insurance", true, "insurance", &v)
	return v, err
}

// IssueCredential asks for a credential of kind bound to deviceKey.
func (c *Client) IssueCredential(ctx context.Context, kind string, deviceKey []byte) (CredentialGrant, error) {
	var g CredentialGrant
	_, body, err := c.do(ctx, call{method: http.MethodPost, path: "/v1/me/credentials", auth: true,
		body: CredentialRequest{Kind: kind, DeviceKey: deviceKey}})
	if err == nil {
		err = decode("credential", body, &g)
	}
	return g, err
}

// TrustList returns the signed trust list of code issuers. It needs no
// sign-in: verifying terminals fetch it too.
func (c *Client) TrustList(ctx context.Context) (SignedTrustList, error) {
	var v SignedTrustList
	err := c.getJSON(ctx, "/v1/trust-list", false, "trust list", &v)
	return v, err
}

// getJSON GETs path and decodes the answer into v.
func (c *Client) getJSON(ctx context.Context, path string, auth bool, what string, v any) error {
	_, body, err := c.do(ctx, call{method: http.MethodGet, path: path, auth: auth})
	if err != nil {
		return err
	}
	return decode(what, body, v)
}
