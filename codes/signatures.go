package codes

import (
	"bytes"
	"crypto/ecdsa"
)

// checkSignatures checks both signatures a code carries: the issuer's on
// the credential, then the device's on the presentation, by the key the
// credential binds. The issuer's comes first, so a code with a forged
// credential is refused for that however its device part looks.
func checkSignatures(outer, inner *parsedSign1, entry keyEntry, cred *Credential, v *Verifier) error {
	if err := checkIssuerSignature(inner, entry, v); err != nil {
		return err
	}
	device, err := boundDeviceKey(outer, cred)
	if err != nil {
		return err
	}
	if !outer.verify(device) {
		return fail(ReasonBadSignature, "the device's signature does not match the code")
	}
	return nil
}

// boundDeviceKey reads the device key the credential names and checks
// that the code's outer signature claims that key.
func boundDeviceKey(outer *parsedSign1, cred *Credential) (*ecdsa.PublicKey, error) {
	device, err := parsePublicKey(cred.DeviceKey)
	if err != nil {
		return nil, fail(ReasonMalformed, "device key: %w", err)
	}
	if kid := keyIDOfPoint(cred.DeviceKey); !bytes.Equal(kid, outer.kid) {
		return nil, fail(ReasonWrongDevice, "code signed by key %x, credential bound to %x", outer.kid, kid)
	}
	return device, nil
}
