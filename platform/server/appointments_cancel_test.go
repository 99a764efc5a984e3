package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"jiangsupass/clock"
	"jiangsupass/clock/clocktest"
	"jiangsupass/platform"
)

// bookVisit books a visit at hall-320100 on the next workday at hm with
// key, and returns it; it fails the test unless the answer is status.
func bookVisit(t *testing.T, c *platform.Client, api *apiContract, key, hm string, status int, code string) platform.Appointment {
	t.Helper()
	body, _ := json.Marshal(platform.AppointmentRequest{HallID: "hall-320100", ItemID: 7, Date: clocktest.Workday(), Time: hm})
	res := sendTwice(t, c, api, platform.Appointments, "/v1/appointments", key, body, status, code)
	var a platform.Appointment
	if status == http.StatusCreated {
		if err := json.Unmarshal(res.Body, &a); err != nil || a.ID == "" {
			t.Fatalf("booked %s: %v", res.Body, err)
		}
	}
	return a
}

// cancelBody is the outbox's body of a cancel of appointment id.
func cancelBody(id string) []byte {
	b, _ := json.Marshal(platform.AppointmentCancel{ID: id})
	return b
}

// TestCancelAppointment: a hall takes platform.HallSlotVisits visits at one
// time; the next is refused 409 slot_full until one of them is cancelled,
// which frees its place. The cancel is applied once per key (the repeat
// gets the first answer, and one cancel is stored); another key for the
// same appointment gets 409 already_cancelled, the same key for another
// appointment 422 idempotency_key_reused; another resident's appointment is
// 404 not_found, and so is one that does not exist; a visit whose time has
// come is 409 in_the_past. Every answer is the one openapi.yaml documents.
func TestCancelAppointment(t *testing.T) {
	api := loadContract(t)
	clk := clocktest.NewSettable(clocktest.Now())
	s, hs, codesByPhone := openTest(t, Options{Now: clk.Now})
	c := signedInClient(t, hs.URL, codesByPhone)
	other := signedInAs(t, hs.URL, codesByPhone, 2)
	const path = "/v1/appointments/{id}/cancel"

	var booked []platform.Appointment
	for i := range platform.HallSlotVisits {
		booked = append(booked, bookVisit(t, c, api, fmt.Sprintf("booking-%d", i), "10:00", http.StatusCreated, ""))
	}
	bookVisit(t, c, api, "booking-full", "10:00", http.StatusConflict, platform.CodeSlotFull)

	sendTwice(t, other, api, platform.AppointmentCancels, path, "cancel-theirs", cancelBody(booked[0].ID), http.StatusNotFound, platform.CodeNotFound)
	sendTwice(t, c, api, platform.AppointmentCancels, path, "cancel-none", cancelBody("a-0000000000000000"), http.StatusNotFound, platform.CodeNotFound)

	res := sendTwice(t, c, api, platform.AppointmentCancels, path, "cancel-first", cancelBody(booked[0].ID), http.StatusOK, "")
	var a platform.Appointment
	if err := json.Unmarshal(res.Body, &a); err != nil || a.ID != booked[0].ID || a.Status != platform.AppointmentCancelled {
		t.Errorf("cancelled: %s (%v)", res.Body, err)
	}
	if n, _ := taken(t, s, platform.AppointmentCancels); n != 1 {
		t.Errorf("%d cancels stored, want 1", n)
	}
	sendTwice(t, c, api, platform.AppointmentCancels, path, "cancel-second", cancelBody(booked[0].ID), http.StatusConflict, platform.CodeAlreadyCancelled)
	sendTwice(t, c, api, platform.AppointmentCancels, path, "cancel-first", cancelBody(booked[1].ID), http.StatusUnprocessableEntity, platform.CodeIdempotencyReuse)

	// The place is free again: one more visit at 10:00, then full.
	bookVisit(t, c, api, "booking-freed", "10:00", http.StatusCreated, "")
	bookVisit(t, c, api, "booking-full-again", "10:00", http.StatusConflict, platform.CodeSlotFull)

	// The day of the visit, at its time: too late to cancel.
	at, err := clock.At(clocktest.Workday(), "10:00")
	if err != nil {
		t.Fatal(err)
	}
	clk.Set(at)
	sendTwice(t, c, api, platform.AppointmentCancels, path, "cancel-late", cancelBody(booked[1].ID), http.StatusConflict, platform.CodeInThePast)
	if n, _ := taken(t, s, platform.AppointmentCancels); n != 1 {
		t.Errorf("%d cancels stored after the refusals, want 1", n)
	}
}
