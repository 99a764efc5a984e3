package codes

import (
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"
)

// BenchmarkVerify measures full verifications per second beside bare ES256
// verifications (one crypto/ecdsa check of a 64-byte signature) timed in
// the same run, since this machine is noisy. Codes are verified one after
// another, as a terminal serving one queue does. Two workloads: "cold",
// where every code carries a credential the terminal has never seen (the
// issuer's signature checked through its key's table, the device's by
// crypto/ecdsa), and "warm", where the credentials were seen before (a
// hall's regulars: the issuer's signature is remembered, the device's is
// checked every time).
func BenchmarkVerify(b *testing.B) {
	const n, batch = 600, 10
	f := newFixture(b)
	creds := make([][]byte, n)
	codes := make([]string, n)
	for i := range creds {
		creds[i] = f.credential(b, f.issuer, f.device, KindService)
		codes[i] = mustPresent(b, f.device, creds[i], t0)
	}
	key := DemoIssuerKey("CN-JS", 1)
	msg := []byte("a message of about the size of a Sig_structure, signed once and checked n times")
	sig, err := signES256(key, msg)
	if err != nil {
		b.Fatal(err)
	}
	// The same credentials again in the next step: new codes, known
	// credentials.
	next := make([]string, n)
	for j := range next {
		next[j] = mustPresent(b, f.device, creds[j], t0.Add(StepPeriod))
	}
	for i := 0; i < b.N; i++ {
		// The three are interleaved in small batches so that load from
		// other processes falls on all of them alike, and each ratio is
		// the median of the batches' ratios, so that a burst of load on
		// one batch does not move it.
		var bare, cold, warm time.Duration
		var coldRatios, warmRatios []float64
		v := NewVerifier()
		for lo := 0; lo < n; lo += batch {
			tb := timeIt(lo, batch, func(int) {
				if !verifyES256(&key.PublicKey, msg, sig) {
					b.Fatal("bare check failed")
				}
			})
			tc := timeIt(lo, batch, func(j int) {
				if _, err := v.Verify(codes[j], f.trust, t0); err != nil {
					b.Fatal(err)
				}
			})
			tw := timeIt(lo, batch, func(j int) {
				if _, err := v.Verify(next[j], f.trust, t0.Add(StepPeriod)); err != nil {
					b.Fatal(err)
				}
			})
			bare, cold, warm = bare+tb, cold+tc, warm+tw
			coldRatios = append(coldRatios, tb.Seconds()/tc.Seconds())
			warmRatios = append(warmRatios, tb.Seconds()/tw.Seconds())
		}
		b.ReportMetric(float64(n)/bare.Seconds(), "ES256/s")
		b.ReportMetric(float64(n)/cold.Seconds(), "cold-verify/s")
		b.ReportMetric(median(coldRatios), "cold-x-vs-ES256(goal≥0.5)")
		b.ReportMetric(float64(n)/warm.Seconds(), "warm-verify/s")
		b.ReportMetric(median(warmRatios), "warm-x-vs-ES256")
	}
}

// BenchmarkVerifyAllCores measures cold verifications per second with
// one worker per core, beside bare ES256 checks with as many workers: the
// figure for a verifier that takes codes from many scanners at once.
func BenchmarkVerifyAllCores(b *testing.B) {
	const n = 1200
	workers := runtime.GOMAXPROCS(0)
	f := newFixture(b)
	codes := make([]string, n)
	for i := range codes {
		codes[i] = mustPresent(b, f.device, f.credential(b, f.issuer, f.device, KindService), t0)
	}
	key := DemoIssuerKey("CN-JS", 1)
	msg := []byte("a message of about the size of a Sig_structure, signed once and checked n times")
	sig, err := signES256(key, msg)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		var bareRatios []float64
		var bare, cold time.Duration
		v := NewVerifier()
		const rounds = 10
		for r := 0; r < rounds; r++ {
			lo, hi := r*n/rounds, (r+1)*n/rounds
			tb := inParallel(workers, lo, hi, func(int) {
				if !verifyES256(&key.PublicKey, msg, sig) {
					b.Error("bare check failed")
				}
			})
			tc := inParallel(workers, lo, hi, func(j int) {
				if _, err := v.Verify(codes[j], f.trust, t0); err != nil {
					b.Error(err)
				}
			})
			bare, cold = bare+tb, cold+tc
			bareRatios = append(bareRatios, tb.Seconds()/tc.Seconds())
		}
		b.ReportMetric(float64(workers), "cores")
		b.ReportMetric(float64(n)/bare.Seconds(), "ES256/s")
		b.ReportMetric(float64(n)/cold.Seconds(), "cold-verify/s")
		b.ReportMetric(median(bareRatios), "cold-x-vs-ES256")
	}
}

// inParallel runs f(lo..hi-1) spread over the given number of workers
// and returns how long they took together.
func inParallel(workers, lo, hi int, f func(int)) time.Duration {
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := lo + w; j < hi; j += workers {
				f(j)
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

// median is the middle value of xs (which it sorts).
func median(xs []float64) float64 {
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

// timeIt runs f(lo..lo+k-1) and returns how long it took.
func timeIt(lo, k int, f func(int)) time.Duration {
	start := time.Now()
	for j := lo; j < lo+k; j++ {
		f(j)
	}
	return time.Since(start)
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
