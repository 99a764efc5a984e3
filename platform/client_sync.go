package platform

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
)

// Pull fetches the page of a collection's changes after since, at most
// limit of them (0 lets the server choose). A page that is not valid
// JSON, or that answers another collection or cursor, is an error wrapping
// ErrBadAnswer: nothing of it may be applied.
func (c *Client) Pull(ctx context.Context, collection string, since Cursor, limit int) (*SyncPage, error) {
	return c.pull(ctx, collection, since, limit, true)
}

// PullMore is Pull for the pages after the first of a run: the server
// does not count the changes that follow, and Total holds only the
// changes of the page.
func (c *Client) PullMore(ctx context.Context, collection string, since Cursor, limit int) (*SyncPage, error) {
	return c.pull(ctx, collection, since, limit, false)
}

func (c *Client) pull(ctx context.Context, collection string, since Cursor, limit int, count bool) (*SyncPage, error) {
	q := map[string][]string{"since": {since.String()}}
	if !count {
		q["count"] = []string{"false"}
	}
	if limit > 0 {
		q["limit"] = []string{strconv.Itoa(limit)}
	}
	_, body, err := c.do(ctx, call{method: http.MethodGet, path: "/v1/sync/{collection}",
		params: map[string]string{"collection": collection}, query: q})
	if err != nil {
		return nil, fmt.Errorf("sync %s: %w", collection, err)
	}
	return checkPage(collection, since.String(), body)
}

// Lookup fetches the current state of some items of a collection: those
// that exist come back as upserts, the others as tombstones.
func (c *Client) Lookup(ctx context.Context, collection string, ids []string) (*SyncPage, error) {
	_, body, err := c.do(ctx, call{method: http.MethodGet, path: "/v1/sync/{collection}/items",
		params: map[string]string{"collection": collection}, query: map[string][]string{"id": ids}})
	if err != nil {
		return nil, fmt.Errorf("look up %s: %w", collection, err)
	}
	return checkPage(collection, "", body)
}

// checkPage decodes a page and checks that it answers the request.
func checkPage(collection, since string, body []byte) (*SyncPage, error) {
	var p SyncPage
	if err := decode("sync "+collection, body, &p); err != nil {
		return nil, err
	}
	if p.Collection != collection || p.Since != since {
		return nil, fmt.Errorf("sync %s since %q: %w: the page is for %s since %q",
			collection, since, ErrBadAnswer, p.Collection, p.Since)
	}
	if _, err := ParseCursor(p.Next); err != nil {
		return nil, fmt.Errorf("sync %s: %w: next cursor %q", collection, ErrBadAnswer, p.Next)
	}
	return &p, nil
}

// Checksum asks the server for the checksum of a collection's live items.
func (c *Client) Checksum(ctx context.Context, collection string) (Checksum, error) {
	var sum Checksum
	_, body, err := c.do(ctx, call{method: http.MethodGet, path: "/v1/sync/{collection}/checksum",
		params: map[string]string{"collection": collection}})
	if err == nil {
		err = decode("checksum "+collection, body, &sum)
	}
	return sum, err
}
