package main

import (
	"math"
	"testing"
	"time"
)

// fakeClock advances only when the pacer sleeps; each advance lets onAdvance finish the requests
// due by then, as a real target would.
type fakeClock struct {
	now       time.Duration
	onAdvance func(now time.Duration)
}

func (c *fakeClock) since() time.Duration { return c.now }

func (c *fakeClock) sleepUntil(at time.Duration) bool {
	if at > c.now {
		c.now = at
	}
	if c.onAdvance != nil {
		c.onAdvance(c.now)
	}
	return true
}

// arrivalLog records the pacer's decisions.
type arrivalLog struct{ sent, dropped []intent }

func (l *arrivalLog) arrival(it intent, accepted bool) {
	if accepted {
		l.sent = append(l.sent, it)
	} else {
		l.dropped = append(l.dropped, it)
	}
}

// pace runs the pacer the way vegeta's attack loop does, until it stops; requests take service
// each, and inFlightLimit bounds them.
func pace(plan *Plan, service time.Duration) (*arrivalLog, *fakeClock) {
	var (
		inFlight gauge
		ends     []time.Duration // completion times of the requests in flight
		log      = &arrivalLog{}
		ready    = make(chan intent, plan.Limits.MaxInFlight)
	)
	clock := &fakeClock{onAdvance: func(now time.Duration) {
		kept := ends[:0]
		for _, end := range ends {
			if end <= now {
				inFlight.add(-1)
			} else {
				kept = append(kept, end)
			}
		}
		ends = kept
	}}
	pacer := newOpenPacer(plan, clock, &inFlight, newPicker(testCorpus(), plan.seed32()), log, ready)
	for {
		if wait, stop := pacer.Pace(0, 0); stop {
			break
		} else if wait != 0 {
			panic("the pacer sleeps itself and always returns a zero wait")
		}
		it := <-ready
		ends = append(ends, it.at+service)
	}
	return log, clock
}

func times(intents []intent) []float64 {
	out := make([]float64, len(intents))
	for i, it := range intents {
		out[i] = it.at.Seconds()
	}
	return out
}

func seconds_(intents []intent) []int {
	out := make([]int, len(intents))
	for i, it := range intents {
		out[i] = it.second
	}
	return out
}

func sameTimes(got, want []float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-6 {
			return false
		}
	}
	return true
}

func TestOpenPacer_WorkedExamples(t *testing.T) {
	unbounded := Limits{MaxConnections: 1, MaxInFlight: 1000, TimeoutMs: 1000}
	for _, row := range []struct {
		name    string
		spans   [][3]float64 // (duration, from, to) per stage
		times   []float64    // intended send times, s
		seconds []int        // window of each
	}{
		// 10 req/s: hit k at (k+1)/10, as vegeta's constant pacer; 1.0 s closes second 0.
		{"constant", [][3]float64{{1, 10, 10}}, []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
		// 2 req/s for 3 s: two hits a second, each second's last on its boundary.
		{"two a second", [][3]float64{{3, 2, 2}}, []float64{0.5, 1, 1.5, 2, 2.5, 3}, []int{0, 0, 1, 1, 2, 2}},
		// A ramp 0 → 4 req/s over 2 s: arrivals t², so hit k at √(k+1).
		{"ramp up", [][3]float64{{2, 0, 4}}, []float64{1, math.Sqrt2, math.Sqrt(3), 2}, []int{0, 1, 1, 1}},
		// A ramp 4 → 0 over 2 s: arrivals 4t − t², so hit k at 2 − √(3 − k).
		{"ramp down", [][3]float64{{2, 4, 0}}, []float64{2 - math.Sqrt(3), 2 - math.Sqrt2, 1, 2}, []int{0, 0, 0, 1}},
		// 1 req/s for 2 s then 3 req/s for 1 s: the rate changes at the boundary.
		{"step", [][3]float64{{2, 1, 1}, {1, 3, 3}}, []float64{1, 2, 2 + 1.0/3, 2 + 2.0/3, 3}, []int{0, 1, 2, 2, 2}},
		// Nothing for 1 s, then 2 req/s: the pacer sleeps through the silent stage.
		{"silent stage", [][3]float64{{1, 0, 0}, {1, 2, 2}}, []float64{1.5, 2}, []int{1, 1}},
		// 1.5 req/s for 2 s: 3 arrivals in all, one every ⅔ s.
		{"fractional rate", [][3]float64{{2, 1.5, 1.5}}, []float64{2.0 / 3, 4.0 / 3, 2}, []int{0, 1, 1}},
	} {
		t.Run(row.name, func(t *testing.T) {
			log, clock := pace(planOf("open", unbounded, row.spans...), 0)
			if len(log.dropped) != 0 {
				t.Fatalf("dropped %v with no bound reached", times(log.dropped))
			}
			if got := times(log.sent); !sameTimes(got, row.times) {
				t.Fatalf("times %v, want %v", got, row.times)
			}
			if got := seconds_(log.sent); len(got) != len(row.seconds) || !equalInts(got, row.seconds) {
				t.Fatalf("seconds %v, want %v", got, row.seconds)
			}
			plan := planOf("open", unbounded, row.spans...)
			if clock.now != seconds(plan.DurationSeconds) {
				t.Fatalf("stopped at %v, want the plan's end %vs", clock.now, plan.DurationSeconds)
			}
		})
	}
}

func TestOpenPacer_DropsAtTheBoundAndNeverSendsLate(t *testing.T) {
	// 10 req/s for 1 s, each request taking 0.25 s, at most 2 in flight:
	// 0.1 and 0.2 go; at 0.3 both are in flight (until 0.35, 0.45): dropped; 0.4 and 0.5 go
	// as those end; 0.6 finds 0.4 and 0.5 in flight: dropped; and so on.
	plan := planOf("open", Limits{MaxConnections: 2, MaxInFlight: 2, TimeoutMs: 1000}, [3]float64{1, 10, 10})
	log, _ := pace(plan, 250*time.Millisecond)
	if got, want := times(log.sent), []float64{0.1, 0.2, 0.4, 0.5, 0.7, 0.8, 1.0}; !sameTimes(got, want) {
		t.Fatalf("sent %v, want %v", got, want)
	}
	if got, want := times(log.dropped), []float64{0.3, 0.6, 0.9}; !sameTimes(got, want) {
		t.Fatalf("dropped %v, want %v", got, want)
	}
}

func TestOpenPacer_FollowsTheExactSchedule(t *testing.T) {
	var vector scheduleVector
	readVector(t, "schedule.json", &vector)
	last := vector.Stages[len(vector.Stages)-1]
	plan := &Plan{Model: "open", Stages: vector.Stages, DurationSeconds: last.StartSecond + last.DurationSeconds,
		Limits: Limits{MaxConnections: 1, MaxInFlight: 100000, TimeoutMs: 1000}}
	log, _ := pace(plan, 0)
	if uint64(len(log.sent)) != vector.Total {
		t.Fatalf("sent %d, want %d", len(log.sent), vector.Total)
	}
	perSecond := map[int]uint64{}
	for k, it := range log.sent {
		want, _ := intendedSecondOfHit(plan.Stages, uint64(k))
		if math.Abs(it.at.Seconds()-want) > 1e-6 {
			t.Fatalf("hit %d at %v, want at %vs", k, it.at, want)
		}
		if it.stage != stageAt(plan.Stages, float64(it.second)).Index {
			t.Fatalf("hit %d: stage %d, second %d", k, it.stage, it.second)
		}
		perSecond[it.second]++
	}
	for s := 0; s < int(plan.DurationSeconds); s++ {
		// Each second's window holds exactly the arrivals the plan gives it.
		if want := dueBy(plan.Stages, float64(s+1)) - dueBy(plan.Stages, float64(s)); perSecond[s] != want {
			t.Errorf("second %d: %d hits, want %d", s, perSecond[s], want)
		}
	}
	for _, hit := range vector.Hits {
		if hit.Second != nil && math.Abs(log.sent[hit.K].at.Seconds()-*hit.Second) > 1e-6 {
			t.Errorf("hit %d at %v, want %v", hit.K, log.sent[hit.K].at, *hit.Second)
		}
	}
}

func TestOpenPacer_StopsWhenTheRunStops(t *testing.T) {
	stop := make(chan struct{})
	close(stop)
	plan := planOf("open", Limits{MaxConnections: 1, MaxInFlight: 10, TimeoutMs: 1000}, [3]float64{60, 10, 10})
	log := &arrivalLog{}
	pacer := newOpenPacer(plan, runClock{began: time.Now(), stop: stop}, &gauge{}, newPicker(testCorpus(), 1), log, make(chan intent, 10))
	if _, stopped := pacer.Pace(0, 0); !stopped || len(log.sent)+len(log.dropped) != 0 {
		t.Fatalf("stopped %v after %d arrivals; want an immediate stop", stopped, len(log.sent)+len(log.dropped))
	}
}

func equalInts(a, b []int) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}
