package main

import (
	"errors"
	"time"
)

// secondClock writes a tick line as each second of the run ends, then the windows that are due.
// It is the only writer of stdout while the run goes, so it is the one to find out when the reader
// is gone.
type secondClock struct {
	s    *session
	next int
	quit chan struct{}
	// failed closes when a write fails: the run should stop, since nothing it measures from then on
	// can be recorded (stop returns the error).
	failed  chan struct{}
	stopped chan struct{}
	err     error
}

func startSecondClock(s *session) *secondClock {
	c := &secondClock{s: s, quit: make(chan struct{}), failed: make(chan struct{}), stopped: make(chan struct{})}
	go c.loop()
	return c
}

func (c *secondClock) loop() {
	defer close(c.stopped)
	wall := runClock{began: c.s.began, stop: c.quit}
	for wall.sleepUntil(time.Duration(c.next+1) * time.Second) {
		if c.err = errors.Join(c.tick(), c.s.rec.emitDue(wall.since())); c.err != nil {
			close(c.failed)
			return
		}
	}
}

func (c *secondClock) tick() error {
	err := c.s.rec.emitTick(c.next, c.goal(c.next), c.s.gauges)
	c.next++
	return err
}

// goal is the plan's goal in the middle of second: for the open model, the arrivals the plan
// gives that second (the rate is linear inside it); zero past the plan's end.
func (c *secondClock) goal(second int) float64 {
	if float64(second) >= c.s.plan.DurationSeconds {
		return 0
	}
	return goalAt(c.s.plan.Stages, float64(second)+0.5)
}

// stop ends the loop and writes the tick of the second in progress, so completions counted in it
// are not lost.
func (c *secondClock) stop() error {
	close(c.quit)
	<-c.stopped
	if c.err != nil {
		return c.err
	}
	if time.Since(c.s.began) > time.Duration(c.next)*time.Second {
		return c.tick()
	}
	return nil
}
