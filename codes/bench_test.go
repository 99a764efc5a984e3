package codes

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// BenchmarkVerify measures full verifications one after another, as a
// terminal serving one queue does, and reports how many a second and the
// 99th percentile of one. Two workloads: "cold", where every code carries
// a credential the terminal has never seen (two ES256 checks), and
// "warm", where the credentials were seen before (a hall's regulars: the
// issuer's signature is remembered, the device's is checked every time).
func BenchmarkVerify(b *testing.B) {
	const n = 600
	f := newFixture(b)
	creds := make([][]byte, n)
	codes := make([]string, n)
	for i := range creds {
		creds[i] = f.credential(b, f.issuer, f.device, KindService)
		codes[i] = mustPresent(b, f.device, creds[i], t0)
	}
	// The same credentials again in the next step: new codes, known
	// credentials.
	next := make([]string, n)
	for j := range next {
		next[j] = mustPresent(b, f.device, creds[j], t0.Add(StepPeriod))
	}
	for i := 0; i < b.N; i++ {
		v := NewVerifier()
		cold := timeEach(n, func(j int) {
			if _, err := v.Verify(codes[j], f.trust, t0); err != nil {
				b.Fatal(err)
			}
		})
		warm := timeEach(n, func(j int) {
			if _, err := v.Verify(next[j], f.trust, t0.Add(StepPeriod)); err != nil {
				b.Fatal(err)
			}
		})
		reportLatencies(b, "cold", cold)
		reportLatencies(b, "warm", warm)
	}
}

// BenchmarkVerifyAllCores measures cold verifications with one worker
// per core: the figure for a verifier that takes codes from many scanners
// at once.
func BenchmarkVerifyAllCores(b *testing.B) {
	const n = 1200
	workers := runtime.GOMAXPROCS(0)
	f := newFixture(b)
	codes := make([]string, n)
	for i := range codes {
		codes[i] = mustPresent(b, f.device, f.credential(b, f.issuer, f.device, KindService), t0)
	}
	for i := 0; i < b.N; i++ {
		v := NewVerifier()
		each := make([]time.Duration, n)
		var wg sync.WaitGroup
		start := time.Now()
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := w; j < n; j += workers {
					t := time.Now()
					if _, err := v.Verify(codes[j], f.trust, t0); err != nil {
						b.Error(err)
					}
					each[j] = time.Since(t)
				}
			}()
		}
		wg.Wait()
		total := time.Since(start)
		b.ReportMetric(float64(workers), "cores")
		b.ReportMetric(float64(n)/total.Seconds(), "cold-verify/s")
		b.ReportMetric(percentile(each, 0.99).Seconds()*1e6, "cold-p99-µs")
	}
}

// timeEach runs f(0..n-1) and returns how long each call took.
func timeEach(n int, f func(int)) []time.Duration {
	out := make([]time.Duration, n)
	for j := range out {
		start := time.Now()
		f(j)
		out[j] = time.Since(start)
	}
	return out
}

// reportLatencies reports verifications per second over the calls timed,
// and the 99th percentile of one, under name.
func reportLatencies(b *testing.B, name string, each []time.Duration) {
	var total time.Duration
	for _, d := range each {
		total += d
	}
	b.ReportMetric(float64(len(each))/total.Seconds(), name+"-verify/s")
	b.ReportMetric(percentile(each, 0.99).Seconds()*1e6, name+"-p99-µs")
}

// percentile is the value below which the fraction p of ds falls (it
// sorts ds).
func percentile(ds []time.Duration, p float64) time.Duration {
	slices.Sort(ds)
	return ds[min(len(ds)-1, int(p*float64(len(ds))))]
}

// BenchmarkPresent is what the phone does every 30 seconds.
func BenchmarkPresent(b *testing.B) {
	f := newFixture(b)
	cred := f.credential(b, f.issuer, f.device, KindService)
	for i := 0; i < b.N; i++ {
		if _, err := f.device.Present(cred, t0); err != nil {
			b.Fatal(err)
		}
	}
}
