package offline

// schemaTickets holds what a ticket order adds to an order: its slot's date
// and times, the masked visitors, the signed e-ticket once confirmed, and a
// refund's progress.
const schemaTickets = `
CREATE TABLE ticket_orders (
	local_id         INTEGER PRIMARY KEY REFERENCES orders(local_id),
	attraction_id    TEXT NOT NULL,
	date             TEXT NOT NULL,
	start_time       TEXT NOT NULL,
	end_time         TEXT NOT NULL,
	total_cents      INTEGER NOT NULL DEFAULT 0,
	visitors         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(visitors)),
	ticket           BLOB,
	refund_state     TEXT NOT NULL DEFAULT '' CHECK (refund_state IN ('', 'pending', 'refunded', 'rejected')),
	refund_outbox_id INTEGER,
	refund_message   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ticket_orders_by_date ON ticket_orders (date, start_time);
`
