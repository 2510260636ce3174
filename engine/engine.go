package main

import (
	"errors"
	"io"
	"time"
)

// apiKeyHeader is where Qdrant expects its API key.
const apiKeyHeader = "api-key"

// engineConfig is a run's validated input.
type engineConfig struct {
	plan   *Plan
	corpus *Corpus
	// baseURL is the target's URL, without a trailing slash: request paths are appended to it.
	baseURL string
	apiKey  string
	// grace is how long an interrupted run waits for the requests in flight.
	grace time.Duration
}

// runEngine drives one run: the start line, the load, tick lines and windows as it goes, the end
// line. When interrupt closes it stops sending, waits up to cfg.grace for requests in flight,
// and still writes every window and the end line, so nothing gathered is lost. When writing to
// stdout fails it stops the same way and ends with reason "error": a run whose results cannot be
// recorded only loads the target for nothing.
func runEngine(cfg engineConfig, interrupt <-chan struct{}, stdout, stderr io.Writer) endLine {
	out := newLineWriter(stdout)
	log := newEngineLog(stderr)
	began := time.Now()
	if err := out.write(newStartLine(cfg.plan.Model, began)); err != nil {
		return endLine{Type: "end", Reason: "error", Error: err.Error(), EndUnixMs: time.Now().UnixMilli()}
	}
	headers := cfg.corpus.Headers.Clone()
	if cfg.apiKey != "" {
		headers.Set(apiKeyHeader, cfg.apiKey)
	}
	s := &session{
		plan: cfg.plan, corpus: cfg.corpus, baseURL: cfg.baseURL, headers: headers, began: began,
		gauges: &loadGauges{},
		rec:    newRecorder(cfg.corpus, time.Duration(cfg.plan.Limits.TimeoutMs)*time.Millisecond, out, log),
		eval:   &evaluator{began: began, corpus: cfg.corpus, recall: &recallSampler{every: cfg.corpus.RecallEvery}},
	}
	s.client = newClient(cfg.plan.Limits, &s.gauges.connections)
	defer s.client.CloseIdleConnections()
	var model loadModel = runClosed
	if cfg.plan.open() {
		model = runOpen
	}
	log.printf("%s model, %d stages over %vs, %d collections", cfg.plan.Model, len(cfg.plan.Stages), cfg.plan.DurationSeconds, len(cfg.corpus.Collections))

	// stop is the load model's: closed on an interrupt or when the output fails.
	stop := make(chan struct{})
	drained := model(s, stop)
	seconds := startSecondClock(s)
	reason := "completed"
	select {
	case <-drained:
	case <-interrupt:
		reason = "interrupted"
	case <-seconds.failed:
		reason = "error" // the error itself comes from seconds.stop
	}
	if reason != "completed" {
		close(stop)
		select {
		case <-drained:
		case <-time.After(cfg.grace):
		}
	}
	clockErr := seconds.stop()
	t, flushErr := s.rec.close()
	end := endLine{Type: "end", Reason: reason, EndUnixMs: time.Now().UnixMilli(), Totals: t}
	if err := errors.Join(clockErr, flushErr); err != nil {
		end.Reason, end.Error = "error", err.Error()
	}
	_ = out.write(end) // nothing is left to tell a reader that is gone
	return end
}

func newStartLine(model string, began time.Time) startLine {
	info := readBuildInfo()
	return startLine{
		Type: "start", Protocol: engineProtocolVersion, Engine: "vecstress-engine", Version: info.Version,
		BuiltWith: map[string]string{"go": info.Go, "vegeta": info.Vegeta, "hdrhistogram": info.HdrHistogram},
		Model:     model, StartUnixMs: began.UnixMilli(),
	}
}
