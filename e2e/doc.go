// Package e2e checks the app as a person meets it: the real binary on the
// real drivers under Xvfb (GLFW, and the phone build's mobile driver, whose
// X11 window takes the mouse for a finger), driven with xdotool (clicks,
// drags, typing, and a scanner that types a code fast and ends with Enter),
// and read back by readers that share nothing with the app: tesseract's OCR
// for words and zbarimg for QR codes, on screenshots taken by xwd.
//
// The journeys are tests under the build tag e2e (`make e2e`); the pieces
// here (the XWD decoder, the OCR reader, the processes) are plain Go with
// unit tests of their own. Expected words come from translations/, never
// retyped. Every step's screenshot is kept in the folder the harness names
// at its start (E2E_SHOTS, default e2e-shots/ at the repository's root).
package e2e
