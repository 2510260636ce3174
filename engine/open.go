package main

import (
	"runtime"
	"sync"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// readyBuffer bounds the pacer-to-targeter queue, which holds hits handed out to vegeta's workers
// and not yet built into requests: a few at a time.
const readyBuffer = 1024

// runOpen runs an arrival-rate plan on vegeta's attacker, paced by openPacer. MaxWorkers stays
// unset: vegeta then starts a worker whenever all are busy, so a slow target never holds a hit
// back (that would be coordinated omission); the pacer's in-flight bound is what limits them.
func runOpen(s *session, stop <-chan struct{}) <-chan struct{} {
	ready := make(chan intent, min(s.plan.Limits.MaxInFlight, readyBuffer))
	pacer := newOpenPacer(s.plan, runClock{began: s.began, stop: stop}, &s.gauges.inFlight, newPicker(s.corpus, s.plan.seed32()), s.rec, ready)
	attacker := vegeta.NewAttacker(vegeta.Client(s.client))
	results := attacker.Attack(newTargeter(s.baseURL, s.corpus, s.headers, ready, s.rec), pacer, 0, "")

	// vegeta's result channel is unbuffered: a slow reader blocks its workers and makes it start
	// more. Several readers evaluate results in parallel; the recorder's lock is held only to count.
	var readers sync.WaitGroup
	for range max(2, runtime.GOMAXPROCS(0)) {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for res := range results {
				if it, ok := intentFromURL(res.URL); ok {
					s.rec.completed(s.eval.evaluate(res, it))
				}
				s.gauges.inFlight.add(-1)
			}
		}()
	}
	drained := make(chan struct{})
	go func() {
		readers.Wait()
		close(drained)
	}()
	return drained
}
