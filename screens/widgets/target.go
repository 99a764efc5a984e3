package widgets

import "fyne.io/fyne/v2/theme"

// TargetSize is the least width and height of anything tappable under the
// current theme: an inline icon plus inner padding on both sides. With
// 长辈版's sizes it is over 60 units.
func TargetSize() float32 {
	return theme.IconInlineSize() + 2*theme.InnerPadding()
}
