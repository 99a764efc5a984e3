package offline

// schemaAppointmentCancel lets the resident cancel a hall visit.
// cancel_outbox_id is the request that cancels a booked visit at the
// platform (platform.AppointmentCancels), once queued; it is not a foreign
// key, as a request's row may go (sign-out) before its appointment's.
// cancel_wanted records that the resident cancelled the visit: a booking
// never sent is withdrawn (its outbox row dismissed, error_code
// outboxWithdrawn), and one whose answer is awaited is cancelled at the
// platform as soon as the platform has booked it.
const schemaAppointmentCancel = `
ALTER TABLE appointments ADD COLUMN cancel_outbox_id INTEGER;
ALTER TABLE appointments ADD COLUMN cancel_wanted INTEGER NOT NULL DEFAULT 0;
CREATE INDEX appointments_by_cancel ON appointments (cancel_outbox_id);
`
