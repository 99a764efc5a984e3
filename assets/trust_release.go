//go:build release

package assets

import _ "embed" // the anchors file

// Anchors are the trust anchors, as PEM, that this build trusts unless its
// configuration names an anchors file: a release build embeds
// trust/release-anchors.pem, which a deployment replaces with its own.
//
//go:embed trust/release-anchors.pem
var Anchors []byte

// Release reports whether this is a release build (-tags release). A
// release build refuses to start with the demo anchors unless it is told
// it is a demo; a development build starts with them.
const Release = true
