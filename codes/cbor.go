package codes

import "github.com/fxamacker/cbor/v2"

// encMode writes Core Deterministic CBOR (RFC 8949 §4.2): the same value
// always gives the same bytes, which a signed structure needs.
var encMode = func() cbor.EncMode {
	m, err := cbor.CoreDetEncOptions().EncMode()
	if err != nil {
		panic(err)
	}
	return m
}()

// decMode reads untrusted CBOR: duplicate map keys, indefinite lengths and
// deep or huge structures are refused, so a hostile code costs little.
var decMode = func() cbor.DecMode {
	m, err := cbor.DecOptions{
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		IndefLength:       cbor.IndefLengthForbidden,
		MaxNestedLevels:   8,
		MaxArrayElements:  4096,
		MaxMapPairs:       256,
		ExtraReturnErrors: cbor.ExtraDecErrorUnknownField,
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return m
}()
