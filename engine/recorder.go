package main

import (
	"sort"
	"sync"
	"time"
)

// recorder is where a run reports as it goes: arrivals from the pacer, sends from the targeter,
// outcomes from the result consumers. It keeps the open windows and the current second's tick
// counts, and writes lines once they are complete. Its methods do O(1) work under one lock; the
// costly part of a result (parsing the body) is done before, by the evaluator.
type recorder struct {
	mu      sync.Mutex
	windows map[windowKey]*window
	tick    tickCounts
	totals  totals
	closed  bool

	corpus *Corpus
	// settle is how long after its second ends a window may still receive results: the request
	// timeout, plus a second for results waiting in vegeta's channel.
	settle time.Duration
	out    *lineWriter
	log    *engineLog
}

// tickCounts counts by the time things happen, for the tick line of the current second.
type tickCounts struct {
	scheduled, sent, dropped, completed, failed int64
	latency                                     durationHistogram
}

func newRecorder(corpus *Corpus, timeout time.Duration, out *lineWriter, log *engineLog) *recorder {
	return &recorder{windows: map[windowKey]*window{}, corpus: corpus, settle: timeout + time.Second, out: out, log: log}
}

func (r *recorder) windowOf(it intent) *window {
	key := windowKey{it.second, it.collection}
	w := r.windows[key]
	if w == nil {
		w = newWindow(key, it.stage)
		r.windows[key] = w
	}
	return w
}

// record counts under the lock, unless the recorder is closed.
func (r *recorder) record(count func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed {
		count()
	}
}

// arrival records a scheduled request: accepted to be sent, or dropped at the in-flight bound.
func (r *recorder) arrival(it intent, accepted bool) {
	r.record(func() {
		r.windowOf(it).arrival(accepted)
		r.totals.Scheduled++
		r.tick.scheduled++
		if !accepted {
			r.totals.Dropped++
			r.tick.dropped++
		}
	})
}

// sent records that an accepted request went out.
func (r *recorder) sent(it intent) {
	r.record(func() {
		r.windowOf(it).sent++
		r.totals.Sent++
		r.tick.sent++
	})
}

// completed records a request that ended, whatever the way.
func (r *recorder) completed(o outcome) {
	r.record(func() {
		r.windowOf(o.intent).complete(o)
		r.totals.Completed++
		r.tick.completed++
		r.tick.latency.record(o.latency)
		if o.class != classNone {
			r.tick.failed++
			r.log.firstError(o.class, o.message)
		}
	})
}

// emitTick writes the tick line of second and starts counting the next one.
func (r *recorder) emitTick(second int, goal float64, g *loadGauges) error {
	r.mu.Lock()
	counts := r.tick
	r.tick = tickCounts{}
	r.mu.Unlock()
	defer counts.latency.release()
	return r.out.write(tickLine{
		Type: "tick", Second: second, Goal: goal,
		InFlightMax: g.inFlight.takePeak(), InFlight: g.inFlight.value(), Connections: g.connections.value(), VUs: g.vus.value(),
		Scheduled: counts.scheduled, Sent: counts.sent, Dropped: counts.dropped,
		Completed: counts.completed, Failed: counts.failed, P95Us: counts.latency.quantileUs(95),
	})
}

// emitDue writes the windows whose requests have all ended and whose second ended more than the
// settling time before elapsed. Windows are keyed by intended second, so they come out a few
// seconds late and not in order; readers sort.
func (r *recorder) emitDue(elapsed time.Duration) error {
	r.mu.Lock()
	var due []*window
	for key, w := range r.windows {
		if w.pending <= 0 && elapsed >= time.Duration(key.second+1)*time.Second+r.settle {
			due = append(due, w)
			delete(r.windows, key)
		}
	}
	r.mu.Unlock()
	return r.emit(due)
}

// close stops recording: results that arrive later are not counted, so a request still in flight
// counts as sent but not completed (abandoned). It writes every window left and returns the totals.
func (r *recorder) close() (totals, error) {
	r.mu.Lock()
	r.closed = true
	rest := make([]*window, 0, len(r.windows))
	for _, w := range r.windows {
		rest = append(rest, w)
	}
	r.windows = map[windowKey]*window{}
	t := r.totals
	r.mu.Unlock()
	t.Abandoned = t.Sent - t.Completed
	return t, r.emit(rest)
}

func (r *recorder) emit(windows []*window) error {
	sort.Slice(windows, func(i, j int) bool {
		a, b := windows[i].key, windows[j].key
		return a.second < b.second || (a.second == b.second && a.collection < b.collection)
	})
	lines := make([]any, 0, len(windows))
	for _, w := range windows {
		line, err := w.line(&r.corpus.Collections[w.key.collection])
		w.release()
		if err != nil {
			return err
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return nil
	}
	return r.out.write(lines...)
}
