package main

import (
	"net/http"
	"time"
)

// session is what a load model needs to run: its inputs, the clock's origin, where to report.
type session struct {
	plan    *Plan
	corpus  *Corpus
	baseURL string
	headers http.Header
	began   time.Time
	client  *http.Client
	gauges  *loadGauges
	rec     *recorder
	eval    *evaluator
}

// loadGauges are the engine's own state, read by every tick.
type loadGauges struct {
	inFlight    gauge
	connections gauge
	vus         gauge
}

// loadModel starts sending and returns a channel closed once sending has stopped (at the plan's
// end, or when stop closes) and every request sent has ended.
type loadModel func(s *session, stop <-chan struct{}) (drained <-chan struct{})
