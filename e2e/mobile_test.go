//go:build e2e

package e2e

import (
	"fmt"
	"image"
	"image/color"
	"testing"
	"time"
)

// TestMobileWalk walks the phone build, on Fyne's mobile driver, in each
// theme: Home is read; on the Map a finger's drag moves the map and opens
// nothing; the Humble Administrator's Garden is opened from the map's
// list of attractions; and the journey planner from its "Get there", with
// the garden as the destination and the start to choose.
func TestMobileWalk(t *testing.T) {
	for _, theme := range []string{"light", "dark", "system"} {
		t.Run(theme, func(t *testing.T) {
			t.Parallel()
			mobileWalk(t, theme)
		})
	}
}

func mobileWalk(t *testing.T, theme string) {
	en := Words(t, "en")
	s := StartScreen(t, "mobile-"+theme, 390, 844)
	StartMobileApp(t, s, "--lang", "en", "--theme", theme)
	s.ReadUntil("home", 90*time.Second, en.T("TabHome"), en.T("AttractionsTitle"), en.T("TransportTitle"))

	s.ClickLowest("home", en.T("TabMap")) // the tab, at the bottom
	s.ReadUntil("map", 60*time.Second, en.T("NearbyTitle"), en.T("AttractionsTitle"))
	before := s.Shot("map-before-drag")
	s.Drag(220, 620, 110, 440)
	// A loaded machine can take seconds to draw the moved map.
	moved := false
	for deadline := time.Now().Add(15 * time.Second); !moved && time.Now().Before(deadline); {
		moved = !sameImage(before, s.Shot("map-after-drag"))
		if !moved {
			time.Sleep(time.Second)
		}
	}
	if !moved {
		t.Fatal("the map did not move under the finger in 15 s")
	}
	s.ClickText("map-dragged", en.T("AttractionsTitle")) // still the map: its list of attractions
	s.ClickText("attractions", "Classical Gardens of Suzhou")
	s.ReadUntil("garden", 40*time.Second, "Humble Administrator", en.T("AttractionShowOnMap"))

	// The page's actions are below how busy the area is: a finger
	// scrolls up to them.
	s.Drag(200, 650, 200, 250)
	s.ReadUntil("garden-actions", 40*time.Second, en.T("AttractionGetThere"))
	s.ClickText("garden-actions", en.T("AttractionGetThere"))
	s.ReadUntil("planner", 40*time.Second, en.T("PlannerTitle"), en.T("PlannerFrom"), en.T("PlannerChooseFrom"), en.T("PlannerTo"))
}

// mobileStarts and mobileStartTime: the phone build is started this many
// times, and each start runs at least this long, under the race detector.
const (
	mobileStarts    = 10
	mobileStartTime = 20 * time.Second
)

// TestMobileStarts starts the phone build mobileStarts times, side by
// side, in the five languages and the three themes, each for at least
// mobileStartTime with the race detector: a data race, a panic or an end
// before the test's fails it (StartMobileApp). Each must have drawn its
// window by then.
func TestMobileStarts(t *testing.T) {
	langs := []string{"zh-Hans", "en", "ja", "ko", "zh-Hant"}
	themes := []string{"system", "light", "dark"}
	for i := range mobileStarts {
		lang, theme := langs[i%len(langs)], themes[i%len(themes)]
		t.Run(fmt.Sprintf("%02d-%s-%s", i+1, lang, theme), func(t *testing.T) {
			t.Parallel()
			s := StartScreen(t, fmt.Sprintf("mobile-start-%02d", i+1), 390, 844)
			begun := time.Now()
			StartMobileApp(t, s, "--lang", lang, "--theme", theme)
			time.Sleep(time.Until(begun.Add(mobileStartTime)))
			if n := colours(s.Shot("after-start")); n < 16 {
				t.Errorf("after %v the window shows %d colours: nothing drawn", mobileStartTime, n)
			}
		})
	}
}

// colours counts the distinct colours of img, up to 1,000.
func colours(img image.Image) int {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y && len(seen) < 1000; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}] = true
		}
	}
	return len(seen)
}
