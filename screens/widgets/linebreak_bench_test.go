package widgets

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// wrapCorpus is text of the kinds the app wraps: Chinese with numbers
// and Latin in it, English with an address, Japanese, Korean, and a
// line with emoji.
var wrapCorpus = []string{
	"离线数据已就绪：38 个 5A 景区、412 个地铁站、1,286 项政务服务。",
	"本机数据文件已损坏或不属于本应用，已移到 /data/jiangsupass/broken-2025.db 保存，并用内置数据重建。您的设置已恢复为默认。",
	"江苏通把“一机游江苏”和居民办事服务放在一个应用里，离线可用，支持中文、英文、繁体中文、日文和韩文。",
	"The address of the platform server, such as http://127.0.0.1:8787 for a server on this device; a server on another machine needs https://. Leave it empty to use only the data on this device.",
	"1 timetable feed on this device couldn’t be loaded and is left out. Replace it with a valid GTFS feed: nanjing-metro-2025.zip",
	"チケットは払い戻されました。ご利用ありがとうございました（お問い合わせ：12345）。",
	"전자 티켓은 환불되었습니다. 문의 사항은 12345 로 연락해 주십시오.",
	"周一至周五 09:00–17:00 · 节假日休息 🎫👍🏽 扫码入园，凭身份证 🇨🇳 核验。",
}

// BenchmarkBreakLines breaks the corpus for a phone-wide label, measured
// with the theme's font as a label measures it, beside the baseline of
// measuring each text once on one line (what a label that does not wrap
// pays). A second run measures by runes, so that the breaking itself, not
// the font, is what is timed; its baseline is counting the runes once.
func BenchmarkBreakLines(b *testing.B) {
	test.NewTempApp(b)
	size := theme.TextSize()
	font := func(s string) float32 { return fyne.MeasureText(s, size, fyne.TextStyle{}).Width }
	for _, c := range []struct {
		name    string
		measure func(string) float32
		width   float32
	}{
		{"font", font, 358 - 2*theme.InnerPadding()},
		{"runes", runeWidth, 22},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				base := timeEach(func(s string) { c.measure(s) })
				wrap := timeEach(func(s string) { breakLines(s, c.width, c.measure) })
				b.ReportMetric(float64(wrap.Nanoseconds())/float64(len(wrapCorpus)), "ns/text")
				b.ReportMetric(float64(base.Nanoseconds())/float64(len(wrapCorpus)), "baseline-ns/text")
				b.ReportMetric(float64(wrap)/float64(base), "x-baseline")
			}
		})
	}
}

// timeEach is the least time, over several rounds, that f takes over the
// corpus (the least, since other work on the machine only adds time).
func timeEach(f func(string)) time.Duration {
	best := time.Duration(1<<63 - 1)
	for round := 0; round < 50; round++ {
		start := time.Now()
		for _, s := range wrapCorpus {
			f(s)
		}
		best = min(best, time.Since(start))
	}
	return best
}
