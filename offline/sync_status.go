package offline

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"jiangsupass/platform"
)

// Keys of the meta table that hold the sync status.
const (
	metaSyncSuccess = "sync_last_success"
	metaSyncError   = "sync_last_error"    // a SyncProblem
	metaSyncErrorAt = "sync_last_error_at" // when it happened
	metaSyncDetail  = "sync_last_error_detail"
)

// SyncProblem is what went wrong with the last sync, in a word the UI
// turns into a sentence in the user's language.
type SyncProblem string

// The problems a sync can have. None means the last sync succeeded.
const (
	ProblemNone     SyncProblem = ""
	ProblemOffline  SyncProblem = "offline"     // the server could not be reached
	ProblemServer   SyncProblem = "server"      // the server answered with an error
	ProblemBadData  SyncProblem = "bad_data"    // the server sent something the app cannot use
	ProblemStorage  SyncProblem = "storage"     // the local database failed
	ProblemNotSetUp SyncProblem = "not_set_up"  // no API server is configured
	ProblemSignIn   SyncProblem = "sign_in"     // a request waits for the user to sign in
	ProblemRefused  SyncProblem = "refused"     // the platform refused a request (see the outbox)
	ProblemCanceled SyncProblem = "interrupted" // the sync was stopped
)

// problemOf says what kind of problem err is.
func problemOf(err error) SyncProblem {
	var pe *platform.Error
	var ne net.Error
	switch {
	case err == nil:
		return ProblemNone
	case errors.Is(err, context.Canceled):
		return ProblemCanceled
	case errors.Is(err, platform.ErrNotSignedIn):
		return ProblemSignIn
	case errors.Is(err, platform.ErrBadAnswer), errors.Is(err, ErrStalePage), errors.Is(err, ErrEpochChanged):
		return ProblemBadData
	case errors.As(err, &pe):
		if pe.Status == 401 {
			return ProblemSignIn
		}
		return ProblemServer
	case errors.As(err, &ne), errors.Is(err, context.DeadlineExceeded):
		return ProblemOffline
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return ProblemOffline
	}
	return ProblemStorage
}

// SyncStatus is what the Settings screen shows about syncing.
type SyncStatus struct {
	LastSuccess time.Time   // end of the last sync that finished; zero if none
	Problem     SyncProblem // of the last sync; ProblemNone if it succeeded
	ProblemAt   time.Time
	Detail      string // the error, in English, for logs and support
	Pending     int    // requests waiting in the outbox
	Failed      int    // requests the platform refused, not yet dismissed
	// FailedCode and FailedMessage are the platform's error code and
	// message about the newest refused request, which say what the user
	// can do.
	FailedCode, FailedMessage string
}

// SyncStatus reads the stored sync status.
func (s *Store) SyncStatus(ctx context.Context) (SyncStatus, error) {
	var st SyncStatus
	var err error
	read := func(key string) string {
		if err != nil {
			return ""
		}
		var v string
		v, _, err = getMeta(ctx, s.db, key)
		return v
	}
	success, problem, at, detail := read(metaSyncSuccess), read(metaSyncError), read(metaSyncErrorAt), read(metaSyncDetail)
	if err != nil {
		return SyncStatus{}, fmt.Errorf("sync status: %w", err)
	}
	st.Problem, st.Detail = SyncProblem(problem), detail
	if st.LastSuccess, err = parseTime(success); err == nil {
		st.ProblemAt, err = parseTime(at)
	}
	if err != nil {
		return SyncStatus{}, fmt.Errorf("sync status: %w", err)
	}
	if st.Pending, st.Failed, err = s.OutboxCounts(ctx); err != nil {
		return SyncStatus{}, err
	}
	if st.Failed > 0 {
		_ = s.db.QueryRowContext(ctx, "SELECT error_code, last_error FROM outbox WHERE state = 'failed' ORDER BY id DESC LIMIT 1").
			Scan(&st.FailedCode, &st.FailedMessage)
	}
	return st, nil
}

// recordSync stores the outcome of a sync run: pulled says the replica
// reached the server's head, which counts as a success even when err
// says some requests could not be sent.
func (s *Store) recordSync(ctx context.Context, err error, pulled bool) error {
	now := formatTime(s.now())
	problem := problemOf(err)
	values := map[string]string{metaSyncError: string(problem)}
	if pulled {
		values[metaSyncSuccess] = now
	}
	if problem == ProblemNone {
		values[metaSyncDetail] = ""
	} else {
		values[metaSyncErrorAt] = now
		values[metaSyncDetail] = err.Error()
	}
	for k, v := range values {
		if err := setMeta(ctx, s.db, k, v); err != nil {
			return fmt.Errorf("record sync: %w", err)
		}
	}
	return nil
}
