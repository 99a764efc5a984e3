package mapview

import (
	"context"
	"sync"
	"testing"

	"jiangsupass/assets"
	"jiangsupass/clock/clocktest"
	"jiangsupass/maps"
	"jiangsupass/offline"
)

var (
	srcOnce sync.Once
	srcData maps.Data
	srcR    *maps.Renderer
	srcErr  error
)

// testSource is a real renderer over the seed's outline, lakes and rivers.
func testSource(tb testing.TB) *maps.Renderer {
	tb.Helper()
	srcOnce.Do(func() {
		ctx := context.Background()
		st, _, err := offline.Open(ctx, "", offline.Options{Memory: true, Now: clocktest.Fixed()})
		if err != nil {
			srcErr = err
			return
		}
		defer st.Close()
		var d maps.Data
		for name, dst := range map[string]*[]byte{"outline": &d.Outline, "lakes": &d.Lakes, "rivers": &d.Rivers} {
			if *dst, srcErr = st.Layer(ctx, name); srcErr != nil {
				return
			}
		}
		srcData = d
		srcR, srcErr = maps.NewRenderer(d, maps.LightStyle, assets.FontRegular, "test attribution")
	})
	if srcErr != nil {
		tb.Fatal(srcErr)
	}
	return srcR
}

// testSourceStyled is testSource's data drawn in style st.
func testSourceStyled(tb testing.TB, st maps.Style) *maps.Renderer {
	tb.Helper()
	testSource(tb)
	r, err := maps.NewRenderer(srcData, st, assets.FontRegular, "test attribution")
	if err != nil {
		tb.Fatal(err)
	}
	return r
}
