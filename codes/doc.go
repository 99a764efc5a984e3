// Package codes makes and checks the signed codes a resident shows and a
// terminal scans: the service code (苏服码, prefix "JSP1:"), the
// social-security card code ("JSC1:") and the e-ticket ("JST1:").
//
// The format follows the EU Digital COVID Certificate stack: a CBOR payload
// signed as COSE_Sign1 with ES256 (RFC 9052), compressed with zlib, encoded
// in base45 (RFC 9285) and prefixed with the kind. Two signatures nest:
//
//   - the platform's issuer signs a [Credential] that names the holder
//     (masked), its validity (days) and the public key of one device;
//   - the device wraps that credential with the current 30-second time step
//     and signs the wrapper with its own key ([Device.Present]).
//
// A [Verifier] checks a scanned code with no network, against a signed
// [TrustList] (several issuers — Jiangsu, Shanghai, Zhejiang, Anhui — with
// key rotation, and a revocation list) and a clock it is given: both
// signatures, the time step within ±1, the credential's validity, revocation,
// and a replay cache that refuses a second scan of the same step. Every
// failure is an [*Error] whose [Reason] a screen can name.
//
// The package does not import Fyne.
package codes
