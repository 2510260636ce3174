package main

import "sync/atomic"

// gauge counts something that comes and goes (requests in flight, connections, VUs) and keeps the
// highest value seen since it was last read, so a tick reports the peak of its second.
type gauge struct {
	current atomic.Int64
	peak    atomic.Int64
}

func (g *gauge) add(n int64) {
	now := g.current.Add(n)
	g.raisePeak(now)
}

// tryAcquire adds one unless that would pass limit.
func (g *gauge) tryAcquire(limit int64) bool {
	for {
		now := g.current.Load()
		if now >= limit {
			return false
		}
		if g.current.CompareAndSwap(now, now+1) {
			g.raisePeak(now + 1)
			return true
		}
	}
}

func (g *gauge) raisePeak(v int64) {
	for {
		peak := g.peak.Load()
		if v <= peak || g.peak.CompareAndSwap(peak, v) {
			return
		}
	}
}

func (g *gauge) value() int64 { return g.current.Load() }

// takePeak returns the peak since the last call and starts the next period at the current value.
func (g *gauge) takePeak() int64 {
	return max(g.peak.Swap(g.current.Load()), g.current.Load())
}
