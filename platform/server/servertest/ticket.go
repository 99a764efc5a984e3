package servertest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"time"

	"jiangsupass/codes"
	"jiangsupass/platform"
)

// TicketHolder books quantity adult tickets of a slot through c, signed
// in as a resident, for visitors with made-up passport numbers, the
// e-ticket bound to a new device key. It returns the order and what the
// phone shows at any instant: the e-ticket's code a gate scans (valid
// within the slot).
func TicketHolder(ctx context.Context, c *platform.Client, slotID, productID string, quantity int) (platform.Order, func(now time.Time) (string, error), error) {
	dev, err := codes.NewDevice()
	if err != nil {
		return platform.Order{}, nil, err
	}
	req := platform.OrderRequest{SlotID: slotID, ProductID: productID, Quantity: int64(quantity), DeviceKey: dev.PublicKey()}
	for range quantity {
		n, err := rand.Int(rand.Reader, big.NewInt(1e8))
		if err != nil {
			return platform.Order{}, nil, err
		}
		req.Visitors = append(req.Visitors, platform.OrderVisitor{Name: "游客", DocKind: "passport",
			DocNumber: fmt.Sprintf("E%08d", n.Int64()), ProductID: productID})
	}
	body, err := json.Marshal(req)
	if err != nil {
		return platform.Order{}, nil, err
	}
	key := make([]byte, 16)
	_, _ = rand.Read(key)
	res, err := c.Mutate(ctx, platform.Orders, hex.EncodeToString(key), body)
	if err != nil {
		return platform.Order{}, nil, fmt.Errorf("book %s: %w", slotID, err)
	}
	var o platform.Order
	if err := json.Unmarshal(res.Body, &o); err != nil || len(o.Ticket) == 0 {
		return platform.Order{}, nil, fmt.Errorf("book %s: no e-ticket in %s (%v)", slotID, res.Body, err)
	}
	return o, func(now time.Time) (string, error) { return dev.Present(o.Ticket, now) }, nil
}
