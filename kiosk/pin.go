package kiosk

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The administrator's PIN is kept as PBKDF2-HMAC-SHA256 with a random
// salt: "pbkdf2-sha256$<iterations>$<salt>$<key>", salt and key in
// unpadded base64. PBKDF2 is in Go's standard library and is the
// FIPS-approved choice; a PIN has few digits, so the iteration count
// (OWASP's 600 000 for SHA-256) is what makes a stolen kiosk file slow to
// guess from, and the salt stops one table serving every kiosk.
const (
	pinScheme     = "pbkdf2-sha256"
	PINIterations = 600_000
	minIterations = 100_000
	pinSaltLen    = 16
	pinKeyLen     = 32
	minPINLen     = 6
)

type pinHash struct {
	iter      int
	salt, key []byte
}

// HashPIN makes the stored form of a PIN of at least six digits.
func HashPIN(pin string) (string, error) { return hashPINWith(pin, PINIterations) }

func hashPINWith(pin string, iter int) (string, error) {
	if err := checkPIN(pin); err != nil {
		return "", err
	}
	salt := make([]byte, pinSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key, err := pbkdf2.Key(sha256.New, pin, salt, iter, pinKeyLen)
	if err != nil {
		return "", err
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("%s$%d$%s$%s", pinScheme, iter, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// checkPIN wants digits only, at least six.
func checkPIN(pin string) error {
	if len(pin) < minPINLen {
		return fmt.Errorf("the PIN needs at least %d digits", minPINLen)
	}
	for _, r := range pin {
		if r < '0' || r > '9' {
			return errors.New("the PIN is digits only")
		}
	}
	return nil
}

func parsePINHash(s string) (pinHash, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 4 || parts[0] != pinScheme {
		return pinHash{}, fmt.Errorf("want %s$<iterations>$<salt>$<key>", pinScheme)
	}
	iter, err := strconv.Atoi(parts[1])
	if err != nil || iter < minIterations || iter > 100_000_000 {
		return pinHash{}, fmt.Errorf("iterations %q: want at least %d", parts[1], minIterations)
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[2])
	if err != nil || len(salt) < 8 {
		return pinHash{}, errors.New("salt: want at least 8 bytes of base64")
	}
	key, err := enc.DecodeString(parts[3])
	if err != nil || len(key) != pinKeyLen {
		return pinHash{}, fmt.Errorf("key: want %d bytes of base64", pinKeyLen)
	}
	return pinHash{iter: iter, salt: salt, key: key}, nil
}

// CheckPIN reports whether pin matches the stored hash, in constant time.
func CheckPIN(hash, pin string) bool {
	h, err := parsePINHash(hash)
	if err != nil {
		return false
	}
	key, err := pbkdf2.Key(sha256.New, pin, h.salt, h.iter, pinKeyLen)
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare(key, h.key) == 1
}
