package main

import (
	"math"
	"sync"
	"time"
)

// vuPollInterval is how often the closed model compares running VUs with the plan's goal.
const vuPollInterval = 10 * time.Millisecond

// runClosed runs a VU plan: N virtual users each sending back to back, with the plan's think time
// between a response and the next request, N following the plan. vegeta's attacker is open-loop
// by design (a pacer hands hits to any free worker; workers never wait for "their" previous
// response, and it cannot shrink its worker pool), so the loop is the engine's own; it sends
// with the same client and yields the same vegeta.Result as the open model.
func runClosed(s *session, stop <-chan struct{}) <-chan struct{} {
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		var (
			running []chan struct{} // one quit channel per running VU
			users   sync.WaitGroup
			pick    = &sharedPicker{picker: newPicker(s.corpus, s.plan.seed32())}
			poll    = time.NewTicker(vuPollInterval)
			end     = seconds(s.plan.DurationSeconds)
		)
		defer poll.Stop()
		for {
			elapsed := time.Since(s.began)
			stopped := elapsed >= end || isClosed(stop)
			want := 0
			if !stopped {
				want = vusAt(s.plan.Stages, elapsed)
			}
			for len(running) < want {
				quit := make(chan struct{})
				running = append(running, quit)
				users.Add(1)
				s.gauges.vus.add(1)
				go func() {
					defer users.Done()
					s.virtualUser(pick, quit)
				}()
			}
			// A retired VU finishes the request it is sending (k6's graceful ramp-down), but no
			// longer counts as running.
			for len(running) > want {
				close(running[len(running)-1])
				running = running[:len(running)-1]
				s.gauges.vus.add(-1)
			}
			if stopped {
				break
			}
			select {
			case <-poll.C:
			case <-stop:
			}
		}
		users.Wait()
	}()
	return drained
}

// vusAt is the number of VUs the plan asks for at elapsed: its goal, rounded.
func vusAt(stages []Stage, elapsed time.Duration) int {
	return int(math.Round(goalAt(stages, elapsed.Seconds())))
}

// virtualUser sends requests back to back until quit closes.
func (s *session) virtualUser(pick *sharedPicker, quit <-chan struct{}) {
	think := time.Duration(s.plan.ThinkTimeMs * float64(time.Millisecond))
	for !isClosed(quit) {
		collection, request := pick.next()
		began := time.Now()
		at := began.Sub(s.began)
		second := int(at / time.Second)
		it := intent{at: at, second: second, stage: stageAt(s.plan.Stages, float64(second)).Index, collection: collection, request: request}
		s.rec.arrival(it, true)
		s.rec.sent(it)
		s.gauges.inFlight.add(1)
		res := send(s.client, s.corpus.buildRequest(s.baseURL, s.headers, it), began)
		s.rec.completed(s.eval.evaluate(res, it))
		s.gauges.inFlight.add(-1)
		if think > 0 && !sleepOrQuit(think, quit) {
			return
		}
	}
}

// sharedPicker lets VUs draw from one picker, so the mix is the same sequence as the open model's.
type sharedPicker struct {
	mu     sync.Mutex
	picker *picker
}

func (p *sharedPicker) next() (collection, request int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.picker.next()
}
