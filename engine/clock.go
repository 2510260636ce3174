package main

import "time"

// clock is the run's time: elapsed time since second 0 of the plan, and sleeps that end early when
// the run stops. Tests drive the pacer with a fake one.
type clock interface {
	since() time.Duration
	// sleepUntil blocks until the elapsed time reaches at, and returns at once when it already has;
	// false means the run stopped first.
	sleepUntil(at time.Duration) bool
}

// runClock is the real clock of a run that began at began and stops when stop closes.
type runClock struct {
	began time.Time
	stop  <-chan struct{}
}

func (c runClock) since() time.Duration { return time.Since(c.began) }

func (c runClock) sleepUntil(at time.Duration) bool {
	if wait := at - time.Since(c.began); wait > 0 {
		return sleepOrQuit(wait, c.stop)
	}
	return !isClosed(c.stop)
}

func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// sleepOrQuit sleeps for d; false means quit closed first.
func sleepOrQuit(d time.Duration, quit <-chan struct{}) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-quit:
		return false
	}
}
