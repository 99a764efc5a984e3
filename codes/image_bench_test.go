package codes

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// BenchmarkDecodeImageRefusal times refusing a 12000×12000 PNG, beside
// decoding a 560×560 screenshot of a code in the same run: a refusal
// should cost a small part of reading an ordinary image.
func BenchmarkDecodeImageRefusal(b *testing.B) {
	huge := blankPNG(b, 12000, 12000)
	f := newFixture(b)
	shot, err := QRPNG(f.code(b, KindService, t0), 560)
	if err != nil {
		b.Fatal(err)
	}
	const n = 200
	for i := 0; i < b.N; i++ {
		var refuse, decode time.Duration
		for j := 0; j < n; j++ {
			start := time.Now()
			if _, err := DecodeImage(bytes.NewReader(huge), MaxImagePixels); !errors.Is(err, ErrImageTooLarge) {
				b.Fatal(err)
			}
			refuse += time.Since(start)
			start = time.Now()
			if _, err := DecodeImage(bytes.NewReader(shot), MaxImagePixels); err != nil {
				b.Fatal(err)
			}
			decode += time.Since(start)
		}
		b.ReportMetric(refuse.Seconds()/n*1e6, "refuse-12000²-µs")
		b.ReportMetric(decode.Seconds()/n*1e6, "decode-560²-µs")
		b.ReportMetric(refuse.Seconds()/decode.Seconds(), "refuse/decode")
	}
}
