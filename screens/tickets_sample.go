package screens

import (
	"context"
	"errors"
	"time"

	"jiangsupass/clock"
	"jiangsupass/codes"
	"jiangsupass/offline"
	"jiangsupass/platform"
)

// sampleOrders are made-up orders of every state, for snapshots: an
// upcoming confirmed one (its slot is running now, so its code verifies),
// one waiting to be sent, a past one and a refunded one.
func sampleOrders(now time.Time) []offline.TicketOrder {
	cst := clock.In(now)
	day := func(d int) string { return cst.AddDate(0, 0, d).Format(time.DateOnly) }
	// The running slot is from half an hour ago to an hour and a half on,
	// kept inside today.
	from, to := cst.Add(-30*time.Minute), cst.Add(90*time.Minute)
	if midnight := clock.Midnight(now); from.Before(midnight) {
		from = midnight
	} else if last := midnight.Add(24*time.Hour - time.Minute); to.After(last) {
		to = last
	}
	start, end := from.Format("15:04"), to.Format("15:04")
	visitors := []platform.OrderVisitor{
		{Name: "王*明", DocKind: "id_card", DocNumber: "3201**********1230", ProductID: "5a-002-adult"},
		{Name: "A*** S****", DocKind: "passport", DocNumber: "C0*****47", ProductID: "5a-002-child"},
	}
	mk := func(id int64, status, refund, date, s, e string) offline.TicketOrder {
		return offline.TicketOrder{Order: offline.Order{LocalID: id, Status: status, Quantity: 2, ServerID: "o-sample"},
			AttractionID: "5a-002", Date: date, Start: s, End: e, TotalCents: 12000, Visitors: visitors, RefundState: refund}
	}
	return []offline.TicketOrder{
		mk(1, "confirmed", "", day(0), start, end),
		mk(2, "pending", "", day(2), "09:00", "11:00"),
		mk(3, "confirmed", "", day(-3), "13:00", "15:00"),
		mk(4, "confirmed", "refunded", day(1), "11:00", "13:00"),
	}
}

// sampleTicketPresenter signs a sample e-ticket for an order with the demo
// issuer's key and a device made here, and presents it at any time.
func sampleTicketPresenter(o offline.TicketOrder) func(context.Context, string, time.Time) (offline.ShownCode, error) {
	dev, err := codes.NewDevice()
	if err != nil {
		return func(context.Context, string, time.Time) (offline.ShownCode, error) { return offline.ShownCode{}, err }
	}
	iss, err := codes.NewIssuer("CN-JS", codes.DemoIssuerKey("CN-JS", 1))
	var cred []byte
	if err == nil {
		cred, err = iss.Issue(codes.Credential{Kind: codes.KindTicket, NotBefore: o.SlotStart().Unix(), Expires: o.SlotEnd().Unix(),
			DeviceKey: dev.PublicKey(), Holder: "王*明、A*** S****", Ref: o.ServerID,
			Extra: map[string]string{"attraction": o.AttractionID, "date": o.Date, "slot": o.Start + "-" + o.End, "count": "2"}},
			o.SlotStart().Add(-24*time.Hour))
	}
	return func(_ context.Context, _ string, at time.Time) (offline.ShownCode, error) {
		if err != nil {
			return offline.ShownCode{}, err
		}
		if cred == nil {
			return offline.ShownCode{}, errors.New("no sample ticket")
		}
		return presentSample(dev, cred, at)
	}
}
