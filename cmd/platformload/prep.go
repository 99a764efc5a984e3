package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"

	"jiangsupass/clock"
	"jiangsupass/platform"
	"jiangsupass/platform/loadtest"
)

// admin is the operator of a node: its admin API, with the token the
// node wrote, and a client of the API that nothing records.
type admin struct {
	n      *loadtest.Node
	token  string
	http   *http.Client
	client *platform.Client
}

func newAdmin(n *loadtest.Node) (*admin, error) {
	b, err := os.ReadFile(n.TokenFile)
	if err != nil {
		return nil, err
	}
	return &admin{n: n, token: strings.TrimSpace(string(b)), http: &http.Client{Timeout: time.Minute},
		client: platform.NewClient(n.URL, platform.Options{Version: "load-admin"})}, nil
}

// do sends an admin request and fails on anything but 2xx.
func (a *admin) do(ctx context.Context, method, path, body string) error {
	req, err := http.NewRequestWithContext(ctx, method, a.n.URL+path, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+a.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode >= 300 {
		return fmt.Errorf("admin %s %s: %s %s", method, path, resp.Status, bytes.TrimSpace(b))
	}
	return nil
}

// items pulls every item of a collection, decoded into out's element
// type by decode.
func (a *admin) items(ctx context.Context, coll string, each func(raw json.RawMessage) error) error {
	var since platform.Cursor
	for {
		p, err := a.client.Pull(ctx, coll, since, 5000)
		if err != nil {
			return err
		}
		for _, raw := range p.Upserts {
			if err := each(raw); err != nil {
				return err
			}
		}
		if since, err = platform.ParseCursor(p.Next); err != nil || !p.HasMore {
			return err
		}
	}
}

// hotSlots picks n slots of the last day on sale, the last of the day
// first, and sets each one's quota to quota.
func (a *admin) hotSlots(ctx context.Context, n int, quota int64) ([]platform.TicketSlot, error) {
	var all []platform.TicketSlot
	err := a.items(ctx, platform.TicketSlots, func(raw json.RawMessage) error {
		var s platform.TicketSlot
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		all = append(all, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Date+all[i].Start+all[i].ID > all[j].Date+all[j].Start+all[j].ID })
	if len(all) < n {
		return nil, fmt.Errorf("%d slots on sale, %d wanted", len(all), n)
	}
	hot := all[:n]
	for i := range hot {
		if err := a.do(ctx, http.MethodPatch, "/admin/v1/collections/ticket_slots/items/"+hot[i].ID,
			fmt.Sprintf(`{"quota":%d,"remaining":%d}`, quota, quota)); err != nil {
			return nil, err
		}
		hot[i].Quota, hot[i].Remaining = quota, quota
	}
	return hot, nil
}

// halls are the IDs of the first n service halls.
func (a *admin) halls(ctx context.Context, n int) ([]string, error) {
	var ids []string
	err := a.items(ctx, platform.ServiceHalls, func(raw json.RawMessage) error {
		var h platform.ServiceHall
		if err := json.Unmarshal(raw, &h); err != nil {
			return err
		}
		ids = append(ids, h.ID)
		return nil
	})
	sort.Strings(ids)
	if err == nil && len(ids) < n {
		err = fmt.Errorf("%d halls, %d wanted", len(ids), n)
	}
	if err != nil {
		return nil, err
	}
	return ids[:n], nil
}

// touchPercent changes pct percent of the items of every collection
// (every 100/pct-th item, as an empty patch that gives it a new changelog
// number), as the platform's data changes between two syncs, and returns
// how many it changed.
func (a *admin) touchPercent(ctx context.Context, pct int) (int, error) {
	n := 0
	for _, coll := range platform.Collections {
		i := 0
		var ids []string
		err := a.items(ctx, coll, func(raw json.RawMessage) error {
			var v struct {
				ID json.RawMessage `json:"id"`
			}
			if err := json.Unmarshal(raw, &v); err != nil {
				return err
			}
			if i%(100/pct) == 0 {
				ids = append(ids, strings.Trim(string(v.ID), `"`))
			}
			i++
			return nil
		})
		if err != nil {
			return n, err
		}
		for _, id := range ids {
			if err := a.do(ctx, http.MethodPatch, "/admin/v1/collections/"+coll+"/items/"+id, `{}`); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// visitDay is the first working day at least two days after now in
// China: a day on which the halls take visits and none has begun.
func visitDay(now time.Time) string {
	d := clock.Midnight(now).AddDate(0, 0, 2)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d.Format(clock.DateLayout)
}
