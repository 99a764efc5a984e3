// Package widgets holds the pieces several screens share: navigation
// buttons, Home tiles, section headers and the empty/loading/error message.
// Widgets report what the user wants through callbacks; they hold no
// business logic.
package widgets
