package app

import (
	"fmt"
	"image"
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// FirstFrameEnv names the environment variable that makes the app print
// "first-frame" when its window first paints, and quit. The start-up
// benchmark sets it; nothing else does.
const FirstFrameEnv = "JSP_FIRST_FRAME_PROBE"

// withFirstFrameProbe stacks a one-pixel raster over content when the
// probe is asked for. The painter calls a raster's generator only while it
// draws a frame, so its first call marks the first frame on screen.
func withFirstFrameProbe(a fyne.App, content fyne.CanvasObject) fyne.CanvasObject {
	if os.Getenv(FirstFrameEnv) == "" {
		if content == nil {
			return container.NewStack()
		}
		return content
	}
	var once sync.Once
	probe := canvas.NewRaster(func(w, h int) image.Image {
		once.Do(func() {
			fmt.Println("first-frame")
			go fyne.Do(a.Quit)
		})
		return image.NewNRGBA(image.Rect(0, 0, w, h))
	})
	probe.SetMinSize(fyne.NewSquareSize(1))
	probe.Resize(fyne.NewSquareSize(1))
	if content == nil {
		return container.NewStack(probe)
	}
	return container.NewStack(content, container.NewWithoutLayout(probe))
}
