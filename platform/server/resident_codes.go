package server

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"jiangsupass/codes"
	"jiangsupass/platform"
)

// homeIssuer signs the credentials of this platform's residents.
const homeIssuer = "CN-JS"

var errNoIssuer = errors.New("no such issuer")

// grant issues a credential of the asked kind bound to the asked device
// key, and records it so that it can be revoked.
func (s *Server) grant(ctx context.Context, u User, req platform.CredentialRequest) (platform.CredentialGrant, *platform.Error) {
	var kind codes.Kind
	switch req.Kind {
	case platform.CredentialService:
		kind = codes.KindService
	case platform.CredentialCard:
		kind = codes.KindCard
	default:
		return platform.CredentialGrant{}, badRequest("kind must be service or card")
	}
	card, err := s.cardOf(ctx, u)
	if err != nil {
		return platform.CredentialGrant{}, unavailable(err)
	}
	if kind == codes.KindCard && card.Status == platform.CardSuspended {
		return platform.CredentialGrant{}, &platform.Error{Status: http.StatusConflict, Code: platform.CodeConflict,
			Message: "the card is reported lost; its code is suspended until a new card is issued"}
	}
	iss, err := s.currentIssuer(ctx, homeIssuer)
	if err != nil {
		return platform.CredentialGrant{}, unavailable(err)
	}
	now := s.now()
	c := codes.Credential{Kind: kind, NotBefore: now.Add(-5 * time.Minute).Unix(), Expires: now.Add(credentialLife).Unix(),
		DeviceKey: req.DeviceKey, Holder: maskName(card.Name), Ref: maskNumber(card.SocialNo),
		Extra: map[string]string{"city": card.City}}
	signed, err := iss.Issue(c, now)
	if err != nil {
		return platform.CredentialGrant{}, badRequest("the device key is not an uncompressed P-256 point: " + err.Error())
	}
	got, _ := codes.ReadCredential(signed)
	_, err = s.db.ExecContext(ctx, "INSERT INTO issued_credentials (id, user_id, kind, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)",
		got.ID, u.ID, req.Kind, stamp(now), stamp(got.ValidUntil()))
	if err != nil {
		return platform.CredentialGrant{}, unavailable(err)
	}
	return platform.CredentialGrant{Kind: req.Kind, Credential: signed, ExpiresAt: got.ValidUntil().UTC().Format(time.RFC3339),
		ServerTime: now.UTC().Format(time.RFC3339Nano)}, nil
}

// maskNumber keeps the first four and the last four characters.
func maskNumber(n string) string {
	if len(n) <= 8 {
		return strings.Repeat("*", len(n))
	}
	return n[:4] + strings.Repeat("*", len(n)-8) + n[len(n)-4:]
}

// currentIssuer is the issuer with its newest key generation.
func (s *Server) currentIssuer(ctx context.Context, id string) (*codes.Issuer, error) {
	var gen int
	if err := s.db.QueryRowContext(ctx, "SELECT max(gen) FROM issuer_keys WHERE issuer = ?", id).Scan(&gen); err != nil {
		return nil, err
	}
	return codes.NewIssuer(id, codes.DemoIssuerKey(id, gen))
}

// RotateIssuerKey moves an issuer to a new key generation: the old key
// signs nothing from now on, but stays in the trust list so that the
// credentials it signed verify until they end. It returns the new
// generation.
func (s *Server) RotateIssuerKey(ctx context.Context, issuer string) (int, error) {
	var next int
	err := s.inTx(ctx, func(tx *sql.Tx, _ *writer) error {
		if err := s.eng.lock(ctx, tx, "issuer\x00"+issuer); err != nil {
			return err
		}
		var gen sql.NullInt64
		if err := tx.QueryRowContext(ctx, "SELECT max(gen) FROM issuer_keys WHERE issuer = ?", issuer).Scan(&gen); err != nil {
			return err
		}
		if !gen.Valid {
			return errNoIssuer
		}
		// The old key's window closes a second after now, so that what it
		// signed within this second still falls inside it.
		now := s.now().Unix()
		if _, err := tx.ExecContext(ctx, "UPDATE issuer_keys SET valid_until = ? WHERE issuer = ? AND gen = ?", now+1, issuer, gen.Int64); err != nil {
			return err
		}
		next = int(gen.Int64) + 1
		_, err := tx.ExecContext(ctx, "INSERT INTO issuer_keys (issuer, gen, valid_from) VALUES (?, ?, ?)", issuer, next, now)
		return err
	})
	return next, err
}

// signedTrustList builds the trust list of every issuer key generation
// still needed (a retired key leaves once nothing it signed can be valid)
// and every revoked credential, and signs it with the trust anchor. Its
// sequence number counts key generations, keys dropped and revocations,
// so it grows with every change.
func (s *Server) signedTrustList(ctx context.Context) (platform.SignedTrustList, error) {
	now := s.now()
	tl := &codes.TrustList{IssuedAt: now.Unix(), NextUpdate: now.Add(24 * time.Hour).Unix()}
	rows, err := s.db.QueryContext(ctx, "SELECT issuer, gen, valid_from, valid_until FROM issuer_keys ORDER BY issuer, gen")
	if err != nil {
		return platform.SignedTrustList{}, err
	}
	keys := map[string][]codes.TrustedKey{}
	for rows.Next() {
		var issuer string
		var gen int
		var from, until int64
		if err := rows.Scan(&issuer, &gen, &from, &until); err != nil {
			rows.Close()
			return platform.SignedTrustList{}, err
		}
		k, err := codes.NewTrustedKey(&codes.DemoIssuerKey(issuer, gen).PublicKey, time.Unix(from, 0), unixOrZero(until))
		if err != nil {
			rows.Close()
			return platform.SignedTrustList{}, err
		}
		tl.Seq++
		if !k.Needed(now) { // retired, and nothing it signed is still valid: dropped, a change of its own
			tl.Seq++
			continue
		}
		keys[issuer] = append(keys[issuer], k)
	}
	rows.Close()
	for _, d := range codes.DeltaIssuers {
		tl.Issuers = append(tl.Issuers, codes.TrustedIssuer{ID: d.ID, Region: d.Region, Names: d.Names, Keys: keys[d.ID]})
	}
	revocations, err := s.revoked(ctx, now)
	if err != nil {
		return platform.SignedTrustList{}, err
	}
	tl.Revoked = revocations.current
	tl.Seq += int64(revocations.ever)
	signed, err := codes.SignTrustList(tl, codes.DemoKey(codes.DemoAnchorLabel))
	if err != nil {
		return platform.SignedTrustList{}, fmt.Errorf("sign trust list: %w", err)
	}
	return platform.SignedTrustList{Seq: tl.Seq, Signed: signed, ServerTime: now.UTC().Format(time.RFC3339Nano)}, nil
}

// revocations are the credentials a verifier must refuse though their
// signatures hold: card credentials issued before their holder reported
// the card lost, and credentials revoked one by one (refunded tickets).
// ever counts every revocation there has been; current holds those still
// within their validity (an ended credential needs no revoking).
type revocations struct {
	ever    int
	current [][]byte
}

func (s *Server) revoked(ctx context.Context, now time.Time) (revocations, error) {
	out := revocations{current: [][]byte{}}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.expires_at FROM issued_credentials c
		WHERE c.kind = ? AND EXISTS (SELECT 1 FROM mutations m WHERE m.user_id = c.user_id AND m.kind = ? AND m.created_at >= c.issued_at)
		UNION ALL SELECT id, expires_at FROM revoked_credentials
		ORDER BY 1`, platform.CredentialCard, platform.CardLoss)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var id []byte
		var expires string
		if err := rows.Scan(&id, &expires); err != nil {
			return out, err
		}
		out.ever++
		if expires > stamp(now) {
			out.current = append(out.current, id)
		}
	}
	return out, rows.Err()
}

// revokeCredential puts the signed credential on the trust list's
// revocation list from the next trust list on, for the given reason.
func revokeCredential(ctx context.Context, tx *sql.Tx, signed []byte, reason string) error {
	c, err := codes.ReadCredential(signed)
	if err != nil {
		return fmt.Errorf("revoke: %w", err)
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO revoked_credentials (id, expires_at, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
		c.ID, stamp(c.ValidUntil()), reason)
	return err
}

func unixOrZero(u int64) time.Time {
	if u == 0 {
		return time.Time{}
	}
	return time.Unix(u, 0)
}
