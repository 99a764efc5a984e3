//go:build !release

package assets

// Anchors are the trust anchors, as PEM, that this build trusts unless its
// configuration names an anchors file: a development build trusts the
// reference platform's demo anchor.
var Anchors = DemoAnchors

// Release reports whether this is a release build (-tags release). A
// release build refuses to start with the demo anchors unless it is told
// it is a demo; a development build starts with them.
const Release = false
