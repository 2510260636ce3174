package main

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// concurrencyTarget answers after delay and records the most requests it held at once in each
// half-second of the run.
type concurrencyTarget struct {
	*httptest.Server
	delay time.Duration

	mu      sync.Mutex
	began   time.Time
	current int
	peak    map[int]int // half-second → most requests at once
}

func newConcurrencyTarget(t *testing.T, delay time.Duration) *concurrencyTarget {
	c := &concurrencyTarget{delay: delay, peak: map[int]int{}}
	c.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		if c.began.IsZero() {
			c.began = time.Now()
		}
		c.current++
		half := int(time.Since(c.began) / (500 * time.Millisecond))
		c.peak[half] = max(c.peak[half], c.current)
		c.mu.Unlock()
		time.Sleep(c.delay)
		c.mu.Lock()
		c.current--
		c.mu.Unlock()
		qdrantOK(w)
	}))
	t.Cleanup(c.Close)
	return c
}

func TestClosedModel_VUsFollowThePlan(t *testing.T) {
	t.Parallel()
	// 2 VUs for 2 s, 5 VUs for 2 s, then a ramp 5 → 1 over 2 s, no think time: each VU keeps one
	// request at the target (held 50 ms) all the time.
	target := newConcurrencyTarget(t, 50*time.Millisecond)
	plan := planOf("closed", Limits{MaxConnections: 64, MaxInFlight: 64, TimeoutMs: 2000}, [3]float64{2, 2, 2}, [3]float64{2, 5, 5}, [3]float64{2, 5, 1})
	out, _ := runInProcess(t, plan, testCorpus(), target.URL, "")

	if out.end.Reason != "completed" || out.end.Totals.Abandoned != 0 || out.end.Totals.Dropped != 0 {
		t.Fatalf("end %+v", out.end)
	}
	// Ticks are written at whole seconds; read those away from a stage boundary (2 s, 4 s).
	// At 5 s the ramp's target is 3 (round(5 − 4·0.5)).
	want := map[int]int64{0: 2, 2: 5, 4: 3}
	for _, tick := range out.ticks {
		if w, ok := want[tick.Second]; ok && tick.VUs != w {
			t.Errorf("tick %d: %d VUs, want %d", tick.Second, tick.VUs, w)
		}
	}
	target.mu.Lock()
	defer target.mu.Unlock()
	for half, w := range map[int]int{1: 2, 2: 2, 5: 5, 6: 5} { // half-seconds inside each constant stage
		if target.peak[half] != w {
			t.Errorf("half-second %d: the target held %d at once, want %d", half, target.peak[half], w)
		}
	}
	// About 20 requests per VU-second: windows (by send second) grow with the VUs.
	sent := out.bySecond(func(w windowLine) int64 { return w.Sent })
	if ratio := float64(sent[2]) / float64(sent[0]); ratio < 1.8 || ratio > 3.2 {
		t.Errorf("sent per second %v: 5 VUs should send about 2.5× what 2 do", sent)
	}
	for _, w := range out.windows {
		if w.Scheduled != w.Sent || w.Completed != w.Sent || w.OK != w.Completed || w.Stage != stageAt(plan.Stages, float64(w.Second)).Index {
			t.Errorf("window %+v", w)
		}
	}
}

func TestClosedModel_ThinkTimeSpacesEachVUsRequests(t *testing.T) {
	t.Parallel()
	// 2 VUs for 2 s with 200 ms between a response and the next request: about 10 requests each.
	target := newConcurrencyTarget(t, 0)
	plan := planOf("closed", Limits{MaxConnections: 8, MaxInFlight: 8, TimeoutMs: 2000}, [3]float64{2, 2, 2})
	plan.ThinkTimeMs = 200
	out, _ := runInProcess(t, plan, testCorpus(), target.URL, "")
	if sent := out.end.Totals.Sent; sent < 16 || sent > 22 {
		t.Fatalf("sent %d, want about 20", sent)
	}
}
