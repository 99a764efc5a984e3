package codes

import (
	"image"
	"image/color"
)

// fit is g brought down by averaging to at most side pixels on its
// longer side, or g itself when it fits.
func fit(g *image.Gray, side int) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	if long := max(w, h); long > side {
		return shrink(g, max(1, w*side/long), max(1, h*side/long))
	}
	return g
}

// luma is img's luminance (ITU-R BT.601, as color.GrayModel) over white,
// at (0, 0). The usual decoded images (JPEG's YCbCr, PNG's grey, RGBA and
// NRGBA) are read directly, with no call per pixel: a 12-megapixel photo
// takes some tens of milliseconds.
func luma(img image.Image) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	switch src := img.(type) {
	case *image.Gray:
		for y := 0; y < h; y++ {
			copy(out.Pix[y*out.Stride:y*out.Stride+w], src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.YCbCr:
		for y := 0; y < h; y++ {
			copy(out.Pix[y*out.Stride:y*out.Stride+w], src.Y[src.YOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.RGBA: // premultiplied: over white, each channel gains 255 − alpha
		for y := 0; y < h; y++ {
			row := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < w; x++ {
				p := row[4*x : 4*x+4]
				bg := 255 - uint32(p[3])
				out.Pix[y*out.Stride+x] = grey8(uint32(p[0])+bg, uint32(p[1])+bg, uint32(p[2])+bg)
			}
		}
	case *image.NRGBA:
		for y := 0; y < h; y++ {
			row := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < w; x++ {
				p := row[4*x : 4*x+4]
				a, bg := uint32(p[3]), 255-uint32(p[3])
				out.Pix[y*out.Stride+x] = grey8((uint32(p[0])*a+127)/255+bg, (uint32(p[1])*a+127)/255+bg, (uint32(p[2])*a+127)/255+bg)
			}
		}
	default:
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				r, g, bl, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				bg := 0xFFFF - a
				out.Pix[y*out.Stride+x] = color.GrayModel.Convert(color.RGBA64{uint16(r + bg), uint16(g + bg), uint16(bl + bg), 0xFFFF}).(color.Gray).Y
			}
		}
	}
	return out
}

// grey8 is the BT.601 luminance of 8-bit red, green and blue, with
// color.GrayModel's weights.
func grey8(r, g, b uint32) uint8 {
	return uint8((19595*r*0x101 + 38470*g*0x101 + 7471*b*0x101 + 1<<15) >> 24)
}

// shrink is g brought down to w×h (no larger than g) by averaging the
// source pixels that fall in each target pixel.
func shrink(g *image.Gray, w, h int) *image.Gray {
	sw, sh := g.Bounds().Dx(), g.Bounds().Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	sums := make([]uint32, w)
	counts := make([]uint32, w)
	x0 := make([]int, w+1)
	for x := range x0 {
		x0[x] = x * sw / w
	}
	for y := 0; y < h; y++ {
		clear(sums)
		clear(counts)
		for sy := y * sh / h; sy < (y+1)*sh/h; sy++ {
			row := g.Pix[sy*g.Stride:]
			for x := 0; x < w; x++ {
				for sx := x0[x]; sx < x0[x+1]; sx++ {
					sums[x] += uint32(row[sx])
				}
				counts[x] += uint32(x0[x+1] - x0[x])
			}
		}
		for x := 0; x < w; x++ {
			out.Pix[y*out.Stride+x] = uint8((sums[x] + counts[x]/2) / max(1, counts[x]))
		}
	}
	return out
}
