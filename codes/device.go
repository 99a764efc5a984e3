package codes

import (
	"bytes"
	"compress/zlib"
	"crypto/ecdsa"
	"crypto/rand"
	"fmt"
	"time"
)

// Device holds the key of the phone a credential is bound to, and makes the
// codes it shows.
type Device struct {
	key *ecdsa.PrivateKey
	kid []byte
}

// NewDevice makes a device with a new random key.
func NewDevice() (*Device, error) {
	key, err := ecdsa.GenerateKey(p256, rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("new device key: %w", err)
	}
	return deviceFromKey(key)
}

// DeviceFromBytes restores a device from the bytes of [Device.Bytes].
func DeviceFromBytes(b []byte) (*Device, error) {
	key, err := ecdsa.ParseRawPrivateKey(p256, b)
	if err != nil {
		return nil, fmt.Errorf("device key: %w", err)
	}
	return deviceFromKey(key)
}

func deviceFromKey(key *ecdsa.PrivateKey) (*Device, error) {
	kid, err := KeyID(&key.PublicKey)
	if err != nil {
		return nil, err
	}
	return &Device{key: key, kid: kid}, nil
}

// Bytes is the device's private key, for keeping it (encrypted) at rest.
func (d *Device) Bytes() []byte {
	b, _ := d.key.Bytes()
	return b
}

// PublicKey is the device's public key as an uncompressed SEC 1 point: what
// an issuer binds a credential to.
func (d *Device) PublicKey() []byte {
	b, _ := d.key.PublicKey.Bytes()
	return b
}

// presentation is what the device signs: the time step and the credential.
type presentation struct {
	Step       int64  `cbor:"1,keyasint"`
	Credential []byte `cbor:"2,keyasint"`
}

// Present makes the code to show at time now: the credential wrapped with
// now's time step, signed by the device, compressed, base45-encoded and
// prefixed with the credential's kind.
func (d *Device) Present(credential []byte, now time.Time) (string, error) {
	c, err := ReadCredential(credential)
	if err != nil {
		return "", fmt.Errorf("present: %w", err)
	}
	if !bytes.Equal(c.DeviceKey, d.PublicKey()) {
		return "", fmt.Errorf("present: the credential is bound to another device")
	}
	code, err := d.wrap(c.Kind, credential, now)
	if err != nil {
		return "", fmt.Errorf("present: %w", err)
	}
	return code, nil
}

// wrap makes a code of kind from a credential as it stands, unread:
// Present after its checks, and the tests for what a thief with a copied
// credential, or an old app, would make.
func (d *Device) wrap(kind Kind, credential []byte, now time.Time) (string, error) {
	payload, err := encMode.Marshal(presentation{Step: Step(now), Credential: credential})
	if err != nil {
		return "", err
	}
	msg, err := signSign1(d.key, d.kid, payload)
	if err != nil {
		return "", err
	}
	return kind.Prefix() + Base45Encode(deflate(msg)), nil
}

// deflate compresses b with zlib at the best compression.
func deflate(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}
