// Package widgets holds the pieces several screens share: navigation
// buttons, Home tiles, section headers and the empty/loading/error message.
// Widgets report what the user wants through callbacks; they hold no
// business logic.
//
// Two rules hold every widget here, and are what the package offers the
// screens:
//
//   - Colours follow the theme at every moment. A renderer reads its
//     colours in Refresh, never once when it is made, so a theme change, or
//     the system turning dark, repaints it with no rebuild. Painted wraps a
//     canvas object (a rectangle, a text) for a screen that needs one in a
//     theme colour; Palette is the theme as a renderer reads it.
//   - Everything fits a 320-unit phone in 长辈版. Labels wrap rather than
//     push the screen wider (WrappedLabel, WrapButton, WrapCheck); a tab's
//     label shrinks, then shortens, to its tab; a head over a list takes at
//     most its share of the height and is dragged within it (NewHeadOver);
//     a form puts labels above fields where a field would be too narrow
//     (NewFormRows); a message scrolls where it is too tall.
package widgets
