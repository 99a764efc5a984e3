package codes

import (
	"image"
	"math"
)

// sharpen is g with an unsharp mask: each pixel pushed away from a
// Gaussian blur of its neighbourhood (sigma in pixels) by amount times the
// difference. It restores some of the edge a camera's or a resize's blur
// took from modules two or three pixels wide.
func sharpen(g *image.Gray, sigma, amount float64) *image.Gray {
	soft := gaussian(g, sigma)
	out := image.NewGray(g.Bounds())
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := float64(g.Pix[y*g.Stride+x])
			v += amount * (v - float64(soft.Pix[y*soft.Stride+x]))
			out.Pix[y*out.Stride+x] = uint8(math.Round(min(255, max(0, v))))
		}
	}
	return out
}

// gaussian is g blurred by a Gaussian of sigma pixels, one axis after the
// other, the edges clamped.
func gaussian(g *image.Gray, sigma float64) *image.Gray {
	r := int(math.Ceil(3 * sigma))
	kernel := make([]float64, 2*r+1)
	sum := 0.0
	for i := range kernel {
		d := float64(i - r)
		kernel[i] = math.Exp(-d * d / (2 * sigma * sigma))
		sum += kernel[i]
	}
	for i := range kernel {
		kernel[i] /= sum
	}
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	pass := func(src *image.Gray, dx, dy int) *image.Gray {
		dst := image.NewGray(src.Bounds())
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				v := 0.0
				for i, k := range kernel {
					sx := min(max(x+(i-r)*dx, 0), w-1)
					sy := min(max(y+(i-r)*dy, 0), h-1)
					v += k * float64(src.Pix[sy*src.Stride+sx])
				}
				dst.Pix[y*dst.Stride+x] = uint8(math.Round(v))
			}
		}
		return dst
	}
	return pass(pass(g, 1, 0), 0, 1)
}
