package platform

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// MutationPath is the API path of each mutation kind.
var MutationPath = map[string]string{
	Orders:       "/v1/orders",
	Appointments: "/v1/appointments",
	Feedback:     "/v1/feedback",
	CardLoss:     "/v1/card/loss",
	Refunds:      "/v1/refunds",
	// AppointmentCancels name the appointment in the path (see mutationTarget).
	AppointmentCancels: "/v1/appointments/{id}/cancel",
	Admissions:         "/v1/admissions",
	Exits:              "/v1/exits",
}

// MutationNeedsSignIn says which mutations are personal: all but
// feedback, which the 12345 hotline takes from anyone.
var MutationNeedsSignIn = map[string]bool{Orders: true, Appointments: true, CardLoss: true, Refunds: true,
	AppointmentCancels: true}

// mutationCarriesSignIn says which mutations that need no sign-in carry
// the bearer token when there is one: feedback, so that the platform can
// give the hotline the whole number behind a resident's masked one.
var mutationCarriesSignIn = map[string]bool{Feedback: true}

// Mutate sends a mutation with its idempotency key (and the area token for
// a gate's, MutationNeedsAreaToken). The platform applies a
// key once and answers a repeat of it the same way, so Mutate may be
// repeated until it gets an answer. A 4xx or 5xx answer comes back as an
// *Error (Permanent for the 4xx that repeating cannot change).
func (c *Client) Mutate(ctx context.Context, kind, key string, body json.RawMessage) (MutationResult, error) {
	path, body, err := mutationTarget(kind, body)
	if err != nil {
		return MutationResult{}, fmt.Errorf("mutation %q: %w", kind, err)
	}
	status, resp, err := c.do(ctx, call{method: http.MethodPost, path: path, body: body,
		headers: map[string]string{"Idempotency-Key": key}, auth: MutationNeedsSignIn[kind],
		area: MutationNeedsAreaToken[kind], maybeAuth: mutationCarriesSignIn[kind]})
	if err != nil {
		return MutationResult{Status: status, Body: resp}, fmt.Errorf("%s: %w", kind, err)
	}
	return MutationResult{Status: status, Body: resp}, nil
}
