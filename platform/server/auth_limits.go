package server

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"strconv"
	"time"

	"jiangsupass/platform"
)

// Limits per phone number, counted on the server's clock (README, "Sign-in
// limits"). With them an attacker gets at most codesPerDay × wrongPerLock
// guesses at a number a day, against 10⁶ possible codes.
const (
	codeTTL      = 5 * time.Minute
	codeGap      = time.Minute // between two codes to a number, while the first is unused
	codesPerHour = 5
	codesPerDay  = 10 // in any 24 hours
	wrongPerLock = 5  // wrong guesses in a row that lock the number…
	firstLock    = time.Minute
	longestLock  = 24 * time.Hour // …for firstLock, doubling with each lock of a streak, up to this
	streakMemory = 24 * time.Hour // a streak is forgotten this long after its last wrong guess
	pruneEvery   = time.Minute    // how often old sends and streaks are deleted
)

// streak is a number's wrong guesses in a row and the lock they earned.
type streak struct {
	wrong, locks int
	lastWrong    time.Time
	lockedUntil  time.Time
}

// loadStreak reads a number's streak as it stands at now: a streak whose
// last wrong guess is streakMemory old, and whose lock is over, is gone.
func loadStreak(ctx context.Context, q querier, phone string, now time.Time) (streak, error) {
	var st streak
	var last, until string
	err := q.QueryRowContext(ctx, "SELECT wrong, locks, last_wrong, locked_until FROM sign_in_streaks WHERE phone = ?", phone).
		Scan(&st.wrong, &st.locks, &last, &until)
	if errors.Is(err, sql.ErrNoRows) {
		return streak{}, nil
	}
	if err != nil {
		return streak{}, err
	}
	st.lastWrong, st.lockedUntil = unstamp(last), unstamp(until)
	if now.Sub(st.lastWrong) >= streakMemory && !now.Before(st.lockedUntil) {
		return streak{}, nil
	}
	return st, nil
}

// lockLeft is how long the number stays locked after now.
func (st streak) lockLeft(now time.Time) time.Duration { return max(st.lockedUntil.Sub(now), 0) }

// wrongGuess counts a wrong guess at now, locking the number at every
// wrongPerLock-th one in a row: firstLock, then twice as long each time.
func (st streak) wrongGuess(now time.Time) streak {
	st.wrong++
	st.lastWrong = now
	if st.wrong%wrongPerLock == 0 {
		st.locks++
		st.lockedUntil = now.Add(lockFor(st.locks))
	}
	return st
}

// lockFor is the length of the n-th lock of a streak.
func lockFor(n int) time.Duration {
	d := firstLock
	for i := 1; i < n && d < longestLock; i++ {
		d *= 2
	}
	return min(d, longestLock)
}

// saveStreak writes a number's streak.
func saveStreak(ctx context.Context, q querier, phone string, st streak) error {
	_, err := q.ExecContext(ctx, `INSERT INTO sign_in_streaks (phone, wrong, locks, last_wrong, locked_until)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (phone) DO UPDATE SET wrong = excluded.wrong, locks = excluded.locks,
		last_wrong = excluded.last_wrong, locked_until = excluded.locked_until`,
		phone, st.wrong, st.locks, stamp(st.lastWrong), stamp(st.lockedUntil))
	return err
}

// sendWait is how long after now a number must wait for another code, 0
// when one may go now; why names the limit that holds it longest.
func sendWait(ctx context.Context, q querier, phone string, now time.Time, st streak) (wait time.Duration, why string, err error) {
	rows, err := q.QueryContext(ctx, "SELECT sent_at FROM code_sends WHERE phone = ? AND sent_at > ? ORDER BY sent_at",
		phone, stamp(now.Add(-24*time.Hour)))
	if err != nil {
		return 0, "", err
	}
	var day, hour []time.Time
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return 0, "", err
		}
		t := unstamp(s)
		day = append(day, t)
		if t.After(now.Add(-time.Hour)) {
			hour = append(hour, t)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, "", err
	}
	var unused int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM codes WHERE phone = ?", phone).Scan(&unused); err != nil {
		return 0, "", err
	}
	longer := func(d time.Duration, reason string) {
		if d > wait {
			wait, why = d, reason
		}
	}
	longer(st.lockLeft(now), "this number is locked after too many wrong codes")
	if len(day) >= codesPerDay {
		longer(day[len(day)-codesPerDay].Add(24*time.Hour).Sub(now), "this number has had its codes for the day")
	}
	if len(hour) >= codesPerHour {
		longer(hour[len(hour)-codesPerHour].Add(time.Hour).Sub(now), "this number has had its codes for the hour")
	}
	if unused > 0 && len(day) > 0 {
		longer(day[len(day)-1].Add(codeGap).Sub(now), "a code was sent to this number a moment ago")
	}
	return wait, why, nil
}

// pruneLimits deletes, at most once every pruneEvery in this process, the
// sends older than a day, the streaks that are forgotten, the codes that
// have expired and the address buckets that are full again, so that the
// tables hold only what a limit can still use.
func (a *auth) pruneLimits(ctx context.Context, q querier, now time.Time) error {
	last := a.pruned.Load()
	if d := now.UnixNano() - last; d >= 0 && d < int64(pruneEvery) || !a.pruned.CompareAndSwap(last, now.UnixNano()) {
		return nil
	}
	for _, del := range []struct {
		query string
		args  []any
	}{
		{"DELETE FROM code_sends WHERE sent_at <= ?", []any{stamp(now.Add(-24 * time.Hour))}},
		{"DELETE FROM sign_in_streaks WHERE last_wrong <= ? AND locked_until <= ?", []any{stamp(now.Add(-streakMemory)), stamp(now)}},
		{"DELETE FROM codes WHERE expires_at < ?", []any{stamp(now)}},
		{"DELETE FROM address_limits WHERE full_at <= ?", []any{stamp(now)}},
	} {
		if _, err := q.ExecContext(ctx, del.query, del.args...); err != nil {
			return err
		}
	}
	return nil
}

// writeLimited answers 429 rate_limited with Retry-After: the whole
// seconds to wait, at least one.
func writeLimited(w http.ResponseWriter, wait time.Duration, message string) {
	secs := max(int64((wait+time.Second-1)/time.Second), 1)
	w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	writeError(w, http.StatusTooManyRequests, platform.CodeRateLimited, message+"; try again in "+strconv.FormatInt(secs, 10)+" s")
}
