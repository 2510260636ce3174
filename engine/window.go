package main

// windowKey identifies a window: the second a request was intended in, and its collection.
type windowKey struct{ second, collection int }

// window accumulates what happened to the requests of one collection whose intended send time
// fell in one second; it becomes a WindowLine once they have all ended.
type window struct {
	key       windowKey
	stage     int
	scheduled int64
	sent      int64
	dropped   int64
	completed int64
	ok        int64
	// pending counts accepted requests that have not ended yet; the window is emitted at zero.
	pending int64
	codes   map[uint16]int64
	errors  [errorClassCount]int64
	// latency holds every completed request; okLatency and failedLatency split it by outcome, so
	// a fast refusal cannot pull the latency of what was served down.
	latency       durationHistogram
	okLatency     durationHistogram
	failedLatency durationHistogram
	service       durationHistogram
	server        durationHistogram
	bytesIn       uint64
	// bytesOut counts request bodies sent.
	bytesOut      uint64
	recallChecked int64
	recallSum     float64
}

func newWindow(key windowKey, stage int) *window {
	return &window{key: key, stage: stage, codes: map[uint16]int64{}}
}

func (w *window) arrival(accepted bool) {
	w.scheduled++
	if accepted {
		w.pending++
	} else {
		w.dropped++
	}
}

func (w *window) complete(o outcome) {
	w.completed++
	w.pending--
	w.codes[o.code]++
	if o.class == classNone {
		w.ok++
		w.okLatency.record(o.latency)
	} else {
		w.errors[o.class]++
		w.failedLatency.record(o.latency)
	}
	w.latency.record(o.latency)
	w.service.record(o.service)
	if o.serverUs >= 0 {
		w.server.recordUs(o.serverUs)
	}
	w.bytesIn += o.bytesIn
	w.bytesOut += o.bytesOut
	if o.recallChecked {
		w.recallChecked++
		w.recallSum += o.recall
	}
}

// line renders the window; collection names it, so no raw URL or id ever reaches the output.
func (w *window) line(collection *Collection) (windowLine, error) {
	line := windowLine{
		Type: "window", Second: w.key.second, Collection: collection.Name, Pattern: collection.Pattern, Stage: w.stage,
		Scheduled: w.scheduled, Sent: w.sent, Dropped: w.dropped, Completed: w.completed, OK: w.ok,
		Codes: w.codes, Errors: newErrorCounts(w.errors), BytesIn: w.bytesIn, BytesOut: w.bytesOut,
	}
	var err error
	for _, h := range []struct {
		from *durationHistogram
		to   **encodedHistogram
	}{{&w.latency, &line.Latency}, {&w.okLatency, &line.OKLatency}, {&w.failedLatency, &line.FailedLatency}, {&w.service, &line.Service}, {&w.server, &line.Server}} {
		if *h.to, err = h.from.encode(); err != nil {
			return line, err
		}
	}
	if w.recallChecked > 0 {
		sum := w.recallSum
		line.RecallChecked, line.RecallSum = w.recallChecked, &sum
	}
	return line, nil
}

func (w *window) release() {
	w.latency.release()
	w.okLatency.release()
	w.failedLatency.release()
	w.service.release()
	w.server.release()
}
