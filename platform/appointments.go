package platform

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// Appointment states, as the platform answers them.
const (
	AppointmentBooked    = "booked"
	AppointmentCancelled = "cancelled"
)

// HallSlotVisits is how many visits a service hall takes at one time on
// one day (its counters for booked visits); the platform refuses another
// with CodeSlotFull until one is cancelled.
const HallSlotVisits = 4

// AppointmentCancel asks the platform to cancel one of the resident's
// booked visits (POST /v1/appointments/{id}/cancel), freeing its place at
// the hall. It is what the app's outbox keeps; the ID goes in the path
// and the request's body is empty.
type AppointmentCancel struct {
	ID string `json:"id"` // the platform's ID of the appointment
}

// maxPathID bounds an ID put into a mutation's path.
const maxPathID = 200

// mutationTarget is where a mutation of kind is sent and with which body:
// the kind's path, and the body as the outbox keeps it; for a kind whose
// path names one thing ("{id}"), the ID comes from the body's "id" and
// the body sent is empty ({}).
func mutationTarget(kind string, body json.RawMessage) (string, json.RawMessage, error) {
	path, ok := MutationPath[kind]
	if !ok {
		return "", nil, &Error{Code: CodeBadRequest, Message: "unknown mutation"}
	}
	if !strings.Contains(path, "{id}") {
		return path, body, nil
	}
	var ref struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &ref); err != nil || ref.ID == "" || len(ref.ID) > maxPathID {
		return "", nil, &Error{Code: CodeBadRequest, Message: fmt.Sprintf("the request names no %s (an id of 1 to %d bytes)", kind, maxPathID)}
	}
	return strings.Replace(path, "{id}", url.PathEscape(ref.ID), 1), json.RawMessage("{}"), nil
}
