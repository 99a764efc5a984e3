package assets

import _ "embed"

// Icon is the app icon (512×512 PNG), drawn by tools/icon/make-icon.sh.
//
//go:embed icon.png
var Icon []byte
