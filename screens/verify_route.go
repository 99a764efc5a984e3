package screens

import "strings"

// verifyScanPrefix starts the parameter of a Verify route that carries a
// code scanned elsewhere in the app.
const verifyScanPrefix = "scan:"

// VerifyScanRoute verifies a code scanned elsewhere in the app (a kiosk
// hands its scans to this screen).
func VerifyScanRoute(code string) Route {
	return Route{Screen: VerifyID, Param: verifyScanPrefix + code}
}

// scannedCode is the code a Verify route carries, if it carries one.
func scannedCode(r Route) (code string, ok bool) {
	return strings.CutPrefix(r.Param, verifyScanPrefix)
}
