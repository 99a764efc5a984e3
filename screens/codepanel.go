package screens

import (
	"context"
	"image"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/codes"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// codePanel shows a code as a QR image that the device makes anew at every
// 30-second step, with a countdown to the next.
type codePanel struct {
	env     *Env
	kind    string
	present func(ctx context.Context, kind string, now time.Time) (offline.ShownCode, error)

	img       *canvas.Image
	countdown *widget.Label
	bar       *widgets.CountdownBar
	root      *fyne.Container

	step    int64
	shown   offline.ShownCode
	err     error
	onShown func(offline.ShownCode, error) // told of every new code or failure
}

// newCodePanel draws the code of kind at size×size units.
func newCodePanel(env *Env, kind string, size float32, present func(context.Context, string, time.Time) (offline.ShownCode, error), onShown func(offline.ShownCode, error)) *codePanel {
	p := &codePanel{env: env, kind: kind, present: present, onShown: onShown, step: -1}
	p.img = canvas.NewImageFromImage(nil)
	p.img.FillMode = canvas.ImageFillContain
	p.img.ScaleMode = canvas.ImageScalePixels
	p.img.SetMinSize(fyne.NewSquareSize(size))
	// A white quiet zone around the code, in dark mode too, so that
	// scanners find its edges.
	paper := canvas.NewRectangle(color.White)
	paper.CornerRadius = theme.InputRadiusSize()
	p.countdown = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	p.bar = widgets.NewCountdownBar()
	p.root = container.NewVBox(
		container.NewCenter(container.NewStack(paper, container.NewPadded(p.img))),
		p.countdown, widgets.NewColumn(size, p.bar))
	p.tick(env.Now())
	everyWhileShown(env, p.root, time.Second, func() bool {
		p.tick(p.env.Now())
		return true
	})
	return p
}

// tick shows the countdown at now, and a new code when the step changed.
func (p *codePanel) tick(now time.Time) {
	left := codes.StepLeft(now)
	secs := int((left + time.Second - 1) / time.Second)
	p.countdown.SetText(p.env.L.Tf("CodeRefreshIn", map[string]any{"Seconds": secs}))
	p.bar.SetValue(float64(left) / float64(codes.StepPeriod))
	step := codes.Step(now)
	if step == p.step {
		return
	}
	p.step = step
	var shown offline.ShownCode
	var img image.Image
	var err error
	p.env.Load(func(ctx context.Context) {
		shown, err = p.present(ctx, p.kind, now)
		if err == nil {
			img, err = codes.QR(shown.Text, 640)
		}
	}, func() {
		p.shown, p.err = shown, err
		p.img.Image = img
		p.img.Refresh()
		if p.onShown != nil {
			p.onShown(shown, err)
		}
	})
}
