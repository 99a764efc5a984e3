package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// WrapCheck is a check box with a label that wraps where the row is
// narrower than it, as Fyne's check box's label never does: in 长辈版 on
// a narrow phone a long label would push the screen past its edge. A tap
// on the label toggles the box, as on Fyne's.
type WrapCheck struct {
	widget.BaseWidget
	box   *widget.Check
	label *WrappedLabel
}

// NewWrapCheck makes a check box labelled label that calls changed when
// it is toggled.
func NewWrapCheck(label string, changed func(bool)) *WrapCheck {
	c := &WrapCheck{box: widget.NewCheck("", changed), label: NewWrappedLabel(label)}
	c.ExtendBaseWidget(c)
	return c
}

// SetChecked ticks or clears the box, calling its change function when
// that changes it.
func (c *WrapCheck) SetChecked(on bool) { c.box.SetChecked(on) }

// SetOnChanged sets the function called when the box is toggled.
func (c *WrapCheck) SetOnChanged(changed func(bool)) { c.box.OnChanged = changed }

// Checked reports whether the box is ticked.
func (c *WrapCheck) Checked() bool { return c.box.Checked }

// Tapped toggles the box: a tap on the label.
func (c *WrapCheck) Tapped(*fyne.PointEvent) { c.box.SetChecked(!c.box.Checked) }

// AccessibilityLabel is what a screen reader says: the label.
func (c *WrapCheck) AccessibilityLabel() string { return c.label.Source() }

// AccessibilityRole is a button's: Fyne names no role for a check box.
func (c *WrapCheck) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleButton }

// CreateRenderer puts the box before the label.
func (c *WrapCheck) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewCenter(c.box), nil, c.label))
}
