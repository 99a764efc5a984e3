package offline

import (
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
)

// errSealed is a sealed record that does not open: damaged, moved under
// another name, or sealed with a key that is gone.
var errSealed = errors.New("offline: a personal record does not open with this device's key")

// seal encrypts plain with AES-GCM under a fresh random nonce, binding it
// to name: nonce || ciphertext || tag.
func seal(aead cipher.AEAD, name string, plain []byte) ([]byte, error) {
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return aead.Seal(nonce, nonce, plain, []byte(name)), nil
}

// unseal opens what seal made under the same name.
func unseal(aead cipher.AEAD, name string, sealed []byte) ([]byte, error) {
	n := aead.NonceSize()
	if len(sealed) < n+aead.Overhead() {
		return nil, errSealed
	}
	plain, err := aead.Open(nil, sealed[:n], sealed[n:], []byte(name))
	if err != nil {
		return nil, errSealed
	}
	return plain, nil
}
