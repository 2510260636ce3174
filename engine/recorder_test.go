package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

func newTestRecorder(stdout io.Writer) *recorder {
	return newRecorder(testCorpus(), 2*time.Second, newLineWriter(stdout), newEngineLog(io.Discard))
}

func TestRecorder_KeysWindowsByIntendedSecondNotCompletion(t *testing.T) {
	var stdout bytes.Buffer
	rec := newTestRecorder(&stdout)
	gauges := &loadGauges{}
	// Intended in second 3, stalled, completed during second 7.
	it := intent{at: 3500 * time.Millisecond, second: 3, collection: 1}
	rec.arrival(it, true)
	rec.sent(it)
	for s := 3; s < 7; s++ {
		if err := rec.emitTick(s, 1, gauges); err != nil {
			t.Fatal(err)
		}
	}
	rec.completed(outcome{intent: it, code: 200, latency: 4 * time.Second, service: 4 * time.Second, serverUs: 250})
	if err := rec.emitTick(7, 1, gauges); err != nil {
		t.Fatal(err)
	}
	if _, err := rec.close(); err != nil {
		t.Fatal(err)
	}
	out := parseOutput(t, stdout.String()+`{"type":"end"}`+"\n")
	if len(out.windows) != 1 || out.windows[0].Second != 3 || out.windows[0].Collection != "beta" {
		t.Fatalf("windows %+v, want one for second 3, beta", out.windows)
	}
	if w := out.windows[0]; w.Completed != 1 || w.OK != 1 || w.Latency.Max != 4_000_000 || w.Server.Max != 250 || w.Codes[200] != 1 {
		t.Fatalf("window %+v", w)
	}
	// Ticks count by completion time: the completion shows in second 7's tick.
	for _, tick := range out.ticks {
		if want := map[bool]int64{true: 1}[tick.Second == 7]; tick.Completed != want {
			t.Fatalf("tick %d completed %d, want %d", tick.Second, tick.Completed, want)
		}
	}
}

func TestRecorder_EmitsAWindowOnlyOnceItsRequestsEndedAndTheTimeoutPassed(t *testing.T) {
	var stdout bytes.Buffer
	rec := newTestRecorder(&stdout) // timeout 2 s: second 0 settles at 1 + 2 + 1 = 4 s
	done := intent{second: 0, collection: 0}
	open := intent{second: 0, collection: 1}
	for _, it := range []intent{done, open} {
		rec.arrival(it, true)
		rec.sent(it)
	}
	rec.arrival(intent{second: 0, collection: 1}, false) // a drop: never pending
	rec.completed(outcome{intent: done, code: 200})
	mustEmit := func(elapsed time.Duration) int {
		stdout.Reset()
		if err := rec.emitDue(elapsed); err != nil {
			t.Fatal(err)
		}
		return bytes.Count(stdout.Bytes(), []byte("\n"))
	}
	if n := mustEmit(3900 * time.Millisecond); n != 0 {
		t.Fatalf("emitted %d windows before the timeout had passed", n)
	}
	if n := mustEmit(4 * time.Second); n != 1 {
		t.Fatalf("emitted %d windows, want only the one whose requests all ended", n)
	}
	rec.completed(outcome{intent: open, code: 0, class: classTimeout})
	if n := mustEmit(5 * time.Second); n != 1 {
		t.Fatalf("emitted %d windows, want the second one now", n)
	}
	out := parseOutput(t, stdout.String()+`{"type":"end"}`+"\n")
	if w := out.windows[0]; w.Scheduled != 2 || w.Sent != 1 || w.Dropped != 1 || w.Completed != 1 || w.Errors.Timeout != 1 || w.Codes[0] != 1 {
		t.Fatalf("window %+v", w)
	}
}

func TestRecorder_CloseFlushesEverythingAndCountsAbandoned(t *testing.T) {
	var stdout bytes.Buffer
	rec := newTestRecorder(&stdout)
	for s := range 3 {
		it := intent{second: s}
		rec.arrival(it, true)
		rec.sent(it)
		if s < 2 {
			rec.completed(outcome{intent: it, code: 200})
		}
	}
	got, err := rec.close()
	if err != nil {
		t.Fatal(err)
	}
	if got != (totals{Scheduled: 3, Sent: 3, Completed: 2, Abandoned: 1}) {
		t.Fatalf("totals %+v", got)
	}
	rec.completed(outcome{intent: intent{second: 2}, code: 200}) // too late: not counted
	out := parseOutput(t, stdout.String()+`{"type":"end"}`+"\n")
	if len(out.windows) != 3 || out.windows[2].Sent != 1 || out.windows[2].Completed != 0 {
		t.Fatalf("windows %+v", out.windows)
	}
}

func TestRecorder_KeepsTheLatencyOfOkAndFailedResponsesApart(t *testing.T) {
	var stdout bytes.Buffer
	rec := newTestRecorder(&stdout)
	it := intent{second: 0, collection: 0}
	for range 3 {
		rec.arrival(it, true)
		rec.sent(it)
	}
	rec.completed(outcome{intent: it, code: 200, class: classNone, latency: 30 * time.Millisecond})
	rec.completed(outcome{intent: it, code: 503, class: classStatus5xx, latency: time.Millisecond})
	rec.completed(outcome{intent: it, code: 503, class: classStatus5xx, latency: 2 * time.Millisecond})
	if _, err := rec.close(); err != nil {
		t.Fatal(err)
	}
	w := parseOutput(t, stdout.String()+`{"type":"end"}`+"\n").windows[0]
	if w.Latency.Count != 3 || w.OKLatency == nil || w.OKLatency.Count != 1 || w.OKLatency.Max != 30_000 {
		t.Fatalf("latency %+v, okLatency %+v: want all 3, and the one ok at 30 ms", w.Latency, w.OKLatency)
	}
	if w.FailedLatency == nil || w.FailedLatency.Count != 2 || w.FailedLatency.Max != 2_000 {
		t.Fatalf("failedLatency %+v: want the two 503s, at most 2 ms", w.FailedLatency)
	}
}

func TestRecorder_LeavesOutTheFailedLatencyOfAWindowWithoutFailures(t *testing.T) {
	var stdout bytes.Buffer
	rec := newTestRecorder(&stdout)
	it := intent{second: 0, collection: 0}
	rec.arrival(it, true)
	rec.sent(it)
	rec.completed(outcome{intent: it, code: 200, class: classNone, latency: 5 * time.Millisecond})
	if _, err := rec.close(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), `"okLatency"`) || strings.Contains(stdout.String(), `"failedLatency"`) {
		t.Fatalf("want okLatency and no failedLatency in %s", stdout.String())
	}
}
