package assets

import _ "embed" // the anchors files

// DemoAnchors is the reference platform's demo trust anchor, as PEM. Its
// private key is derived from a public label, so it protects nothing: a
// development build trusts it, and every build embeds it so that it can
// tell when it has been given it (see Release).
//
//go:embed trust/demo-anchors.pem
var DemoAnchors []byte
