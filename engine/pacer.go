package main

import (
	"math"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// arrivalLedger records what the pacer decided about each arrival of the schedule.
type arrivalLedger interface {
	arrival(it intent, accepted bool)
}

// openPacer is the open model's vegeta.Pacer. Its hits' intended times follow the plan's schedule
// exactly (hit k is due when the integral of the rate reaches k+1), and it bounds requests in
// flight the way k6's arrival-rate executors bound VUs: a hit that falls due while the bound is
// reached is dropped and counted, so the hits a slow target holds back are never sent late in a
// catch-up burst.
//
// A hit that goes is sent at its intended time only while the engine keeps up. When the engine
// itself falls behind (starved of CPU, a GC pause), the hits already overdue are not dropped: each
// goes as soon as Pace gets to it, back to back, within the bound. Their latency still counts from
// the intended time (outcome.go), so the delay shows in the results instead of being hidden (no
// coordinated omission); service, from the actual send, does not include it.
//
// vegeta sleeps for the wait Pace returns and then hands out a hit unconditionally, so the bound
// could only be checked a whole interval early. Pace therefore sleeps until the hit is due itself,
// checks the bound then, and returns a zero wait for a hit that goes. It ignores vegeta's elapsed
// and hit count: drops make vegeta's count differ from the schedule's, and the clock is the run's.
// (v12.13.0's PacerFunc lacks the Rate method its Pacer interface asks for, hence a type.)
type openPacer struct {
	stages   []Stage
	total    uint64
	end      time.Duration
	clock    clock
	inFlight *gauge
	limit    int64
	pick     *picker
	ledger   arrivalLedger
	// ready passes each accepted intent to the targeter. An intent waits there only from the
	// moment vegeta hands out its hit until a worker calls the targeter, so a small buffer does.
	ready chan<- intent

	next       uint64
	second     int
	secondEnds uint64
}

var _ vegeta.Pacer = (*openPacer)(nil)

func newOpenPacer(plan *Plan, clock clock, inFlight *gauge, pick *picker, ledger arrivalLedger, ready chan<- intent) *openPacer {
	return &openPacer{
		stages:     plan.Stages,
		total:      totalArrivals(plan),
		end:        seconds(plan.DurationSeconds),
		clock:      clock,
		inFlight:   inFlight,
		limit:      int64(plan.Limits.MaxInFlight),
		pick:       pick,
		ledger:     ledger,
		ready:      ready,
		secondEnds: dueBy(plan.Stages, 1),
	}
}

// Pace waits for the next hit that goes, dropping those that fall due at the bound.
func (p *openPacer) Pace(time.Duration, uint64) (time.Duration, bool) {
	for p.next < p.total {
		k := p.next
		p.next++
		at := p.hitTime(k)
		// For a hit already overdue this returns at once: it goes now, late, if under the bound.
		if !p.clock.sleepUntil(at) {
			return 0, true
		}
		it := p.intentFor(k, at)
		accepted := p.inFlight.tryAcquire(p.limit)
		p.ledger.arrival(it, accepted)
		if accepted {
			p.ready <- it
			return 0, false
		}
	}
	// Run to the plan's end even when its last seconds schedule nothing, so every second is ticked.
	p.clock.sleepUntil(p.end)
	return 0, true
}

// Rate is the plan's rate at elapsed.
func (p *openPacer) Rate(elapsed time.Duration) float64 {
	return goalAt(p.stages, elapsed.Seconds())
}

func (p *openPacer) hitTime(k uint64) time.Duration {
	t, ok := intendedSecondOfHit(p.stages, k)
	if !ok { // rounding at the very last hit: it is due at the end
		return p.end
	}
	return seconds(t)
}

// intentFor builds hit k's intent. Its window is the second s with dueBy(s) <= k < dueBy(s+1), the
// hits due in (s, s+1]: a second's window holds exactly the arrivals the plan gives that second,
// and none falls past the plan's last second.
func (p *openPacer) intentFor(k uint64, at time.Duration) intent {
	for k >= p.secondEnds {
		p.second++
		p.secondEnds = dueBy(p.stages, float64(p.second+1))
	}
	collection, request := p.pick.next()
	return intent{at: at, second: p.second, stage: stageAt(p.stages, float64(p.second)).Index, collection: collection, request: request}
}

// seconds converts float seconds to a Duration.
func seconds(s float64) time.Duration {
	return time.Duration(math.Round(s * float64(time.Second)))
}
