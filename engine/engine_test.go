package main

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// stallingTarget answers like Qdrant's query API, except that it holds every request arriving in
// [stallFrom, stallTo) for hold before answering. Times count from the run's start, which it
// takes from its first request (intended at firstHit).
type stallingTarget struct {
	*httptest.Server
	stallFrom, stallTo, hold, firstHit time.Duration

	mu        sync.Mutex
	began     time.Time
	arrivals  []time.Duration
	apiKeys   map[string]int
	fragments int
}

func newStallingTarget(t *testing.T, firstHit, stallFrom, stallTo, hold time.Duration) *stallingTarget {
	s := &stallingTarget{firstHit: firstHit, stallFrom: stallFrom, stallTo: stallTo, hold: hold, apiKeys: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *stallingTarget) serve(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	s.mu.Lock()
	now := time.Now()
	if s.began.IsZero() {
		s.began = now.Add(-s.firstHit)
	}
	at := now.Sub(s.began)
	s.arrivals = append(s.arrivals, at)
	s.apiKeys[r.Header.Get("api-key")]++
	if strings.Contains(r.RequestURI, "#") || r.URL.Fragment != "" {
		s.fragments++
	}
	s.mu.Unlock()
	if at >= s.stallFrom && at < s.stallTo {
		time.Sleep(s.hold)
	}
	qdrantOK(w)
}

// arrivalsIn counts the requests that reached the target in [from, to).
func (s *stallingTarget) arrivalsIn(from, to time.Duration) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, at := range s.arrivals {
		if at >= from && at < to {
			n++
		}
	}
	return n
}

func TestOpenModel_AStalledTargetShowsInLatencyFromTheIntendedTime(t *testing.T) {
	t.Parallel()
	// 100 req/s for 4 s; every request reaching the target in second 1 is held 2 s. Enough
	// connections and in-flight room that nothing queues or drops: only the stall is measured.
	target := newStallingTarget(t, 10*time.Millisecond, time.Second, 2*time.Second, 2*time.Second)
	plan := planOf("open", Limits{MaxConnections: 512, MaxInFlight: 1000, TimeoutMs: 5000}, [3]float64{4, 100, 100})
	corpus := testCorpus()
	corpus.RecallEvery = 5
	const apiKey = "test-key-9f8e7d"
	out, stderr := runInProcess(t, plan, corpus, target.URL, apiKey)

	if out.end.Reason != "completed" || out.end.Totals != (totals{Scheduled: 400, Sent: 400, Completed: 400}) {
		t.Fatalf("end %+v", out.end)
	}
	scheduled := out.bySecond(func(w windowLine) int64 { return w.Scheduled })
	for s := range 4 {
		if scheduled[s] != 100 {
			t.Errorf("second %d scheduled %d, want 100", s, scheduled[s])
		}
	}
	// Open model: the requests of the stalled second still went out on time...
	if n := target.arrivalsIn(time.Second, 2*time.Second); n < 90 {
		t.Errorf("%d requests reached the target during the stall, want about 100", n)
	}
	// ...and their latency, counted from the intended time, shows the stall.
	stalled := out.latencyOf(t, 1)
	if stalled.ValueAtQuantile(50) < 1_000_000 || stalled.ValueAtQuantile(99) < 1_000_000 {
		t.Errorf("stalled second: p50 %d µs, p99 %d µs, want both >= 1 s", stalled.ValueAtQuantile(50), stalled.ValueAtQuantile(99))
	}
	for _, s := range []int{0, 3} {
		if p99 := out.latencyOf(t, s).ValueAtQuantile(99); p99 >= 1_000_000 {
			t.Errorf("second %d: p99 %d µs, want well under the stall", s, p99)
		}
	}
	var alpha, beta, checked int64
	var recall float64
	for _, w := range out.windows {
		if w.Sent != w.Scheduled || w.Completed != w.Sent || w.OK != w.Completed || w.Codes[200] != w.OK {
			t.Errorf("window %d/%s: scheduled %d sent %d completed %d ok %d", w.Second, w.Collection, w.Scheduled, w.Sent, w.Completed, w.OK)
		}
		if w.Latency.Count != w.Completed || w.Service.Count != w.Completed || w.Server.Max != 250 {
			t.Errorf("window %d/%s: histograms %+v %+v %+v", w.Second, w.Collection, w.Latency.Count, w.Service.Count, w.Server)
		}
		if w.BytesOut != uint64(w.Sent)*uint64(len(corpus.Collections[0].Requests[0].Body)) {
			t.Errorf("window %d/%s: bytesOut %d", w.Second, w.Collection, w.BytesOut)
		}
		if w.Collection == "alpha" {
			alpha += w.Scheduled
		} else {
			beta += w.Scheduled
		}
		if w.RecallSum != nil {
			checked += w.RecallChecked
			recall += *w.RecallSum
		}
	}
	if alpha != 300 || beta != 100 {
		t.Errorf("alpha %d, beta %d: want the 3:1 weights exactly", alpha, beta)
	}
	// Only alpha's first request has ground truth (ids 1, 2, 3; the target returns 1, 2, 4).
	if checked < 5 || recall/float64(checked) < 0.666 || recall/float64(checked) > 0.667 {
		t.Errorf("recall: %d checked, mean %v, want recall@3 = 2/3", checked, recall/float64(checked))
	}
	if len(out.ticks) < 4 || out.ticks[1].Goal != 100 || out.ticks[1].InFlightMax < 50 {
		t.Errorf("ticks %+v", out.ticks)
	}
	target.mu.Lock()
	defer target.mu.Unlock()
	if target.fragments != 0 {
		t.Errorf("%d requests carried a URL fragment to the target", target.fragments)
	}
	if target.apiKeys[apiKey] != 400 {
		t.Errorf("api-key headers %v, want the key on all 400", target.apiKeys)
	}
	if strings.Contains(out.raw, apiKey) || strings.Contains(stderr, apiKey) {
		t.Error("the API key reached the output")
	}
}

func TestOpenModel_DropsAtTheInFlightBoundInsteadOfSendingLate(t *testing.T) {
	t.Parallel()
	// The same stall with at most 20 requests in flight: 20 arrivals of second 1 fill the bound
	// until they are answered (about 3 s), and every arrival due meanwhile is dropped.
	target := newStallingTarget(t, 10*time.Millisecond, time.Second, 2*time.Second, 2*time.Second)
	plan := planOf("open", Limits{MaxConnections: 64, MaxInFlight: 20, TimeoutMs: 5000}, [3]float64{4, 100, 100})
	out, _ := runInProcess(t, plan, testCorpus(), target.URL, "")

	end := out.end.Totals
	if end.Scheduled != 400 || end.Sent+end.Dropped != 400 || end.Dropped < 150 || end.Completed != end.Sent {
		t.Fatalf("end %+v: want 400 scheduled, about 180 dropped, the rest sent and completed", end)
	}
	for _, w := range out.windows {
		if w.Scheduled != w.Sent+w.Dropped {
			t.Errorf("window %d/%s: scheduled %d != sent %d + dropped %d", w.Second, w.Collection, w.Scheduled, w.Sent, w.Dropped)
		}
	}
	dropped := out.bySecond(func(w windowLine) int64 { return w.Dropped })
	if dropped[0] != 0 || dropped[1] < 60 || dropped[2] < 90 {
		t.Errorf("dropped by second %v: want none in 0, most of 1, nearly all of 2", dropped)
	}
	var ticked int64
	for _, tick := range out.ticks {
		ticked += tick.Dropped
		if tick.InFlightMax > 20 {
			t.Errorf("tick %d: %d in flight, past the bound of 20", tick.Second, tick.InFlightMax)
		}
	}
	if ticked != end.Dropped {
		t.Errorf("ticks count %d dropped, the end line %d", ticked, end.Dropped)
	}
	// When the bound frees up, sending resumes at the planned rate: no burst of late requests.
	for from := 2 * time.Second; from < 4*time.Second; from += 100 * time.Millisecond {
		if n := target.arrivalsIn(from, from+100*time.Millisecond); n > 30 {
			t.Errorf("%d requests reached the target in the 100 ms from %v: a catch-up burst", n, from)
		}
	}
}

func TestOpenModel_ATargetThatIsDownShowsAsRefused(t *testing.T) {
	t.Parallel()
	plan := planOf("open", Limits{MaxConnections: 4, MaxInFlight: 10, TimeoutMs: 1000}, [3]float64{1, 20, 20})
	out, stderr := runInProcess(t, plan, testCorpus(), closedPort(t), "")
	var refused int64
	for _, w := range out.windows {
		refused += w.Errors.Refused
		if w.OK != 0 || w.Codes[0] != w.Completed {
			t.Errorf("window %+v", w)
		}
	}
	if out.end.Reason != "completed" || refused != 20 || out.end.Totals.Completed != 20 {
		t.Fatalf("refused %d, end %+v", refused, out.end)
	}
	if !strings.Contains(stderr, "first refused error: dial tcp") || strings.Contains(stderr, "http://") || strings.Count(stderr, "refused error") != 1 {
		t.Errorf("stderr %q: want the first refused error once, without the URL", stderr)
	}
}

// errReaderGone is what failingWriter answers once its reader is gone.
var errReaderGone = errors.New("write |1: broken pipe")

// failingWriter accepts its first ok writes, then fails every one, like a pipe whose reader left.
type failingWriter struct {
	mu      sync.Mutex
	ok      int
	written strings.Builder
}

func (w *failingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ok == 0 {
		return 0, errReaderGone
	}
	w.ok--
	return w.written.Write(p)
}

func TestRun_AnOutputErrorStopsTheLoad(t *testing.T) {
	t.Parallel()
	for _, model := range []string{"open", "closed"} {
		t.Run(model, func(t *testing.T) {
			t.Parallel()
			var requests atomic.Int64
			target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				requests.Add(1)
				time.Sleep(10 * time.Millisecond)
				qdrantOK(w)
			}))
			defer target.Close()
			// 10 s of load, 100 req/s or 4 VUs (about 400 req/s): the start line goes out, the first
			// tick line (at 1 s) does not.
			plan := planOf(model, Limits{MaxConnections: 64, MaxInFlight: 100, TimeoutMs: 2000}, [3]float64{10, 100, 100})
			if model == "closed" {
				plan = planOf(model, Limits{MaxConnections: 64, MaxInFlight: 100, TimeoutMs: 2000}, [3]float64{10, 4, 4})
			}
			stdout := &failingWriter{ok: 1}
			var stderr strings.Builder
			began := time.Now()
			end := runEngine(engineConfig{plan: plan, corpus: testCorpus(), baseURL: target.URL, grace: 2 * time.Second}, make(chan struct{}), stdout, &stderr)
			took := time.Since(began)

			if end.Reason != "error" || !strings.Contains(end.Error, errReaderGone.Error()) {
				t.Fatalf("end %+v, want reason error with the write error", end)
			}
			if took > 3*time.Second {
				t.Errorf("the run took %v; its output failed at 1 s", took)
			}
			sent := requests.Load()
			if limit := int64(map[string]int{"open": 200, "closed": 800}[model]); sent > limit {
				t.Errorf("%d requests reached the target, want at most about one second's (%d)", sent, limit)
			}
			time.Sleep(300 * time.Millisecond)
			if later := requests.Load(); later != sent {
				t.Errorf("%d more requests reached the target after the run ended", later-sent)
			}
			if lines := strings.Count(stdout.written.String(), "\n"); lines != 1 {
				t.Errorf("stdout holds %d lines, want the start line only", lines)
			}
		})
	}
}
