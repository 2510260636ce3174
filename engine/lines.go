package main

import (
	"bufio"
	"encoding/json"
	"io"
	"sync"
)

// The lines of src/runfolder/engine-lines.ts, written one JSON object per line on stdout.

// Protocol 2 added okLatency and failedLatency to the window line.
const engineProtocolVersion = 2

// startLine opens the stream: who writes it, and second 0's wall-clock time.
type startLine struct {
	Type        string            `json:"type"`
	Protocol    int               `json:"protocol"`
	Engine      string            `json:"engine"`
	Version     string            `json:"version"`
	BuiltWith   map[string]string `json:"builtWith"`
	Model       string            `json:"model"`
	StartUnixMs int64             `json:"startUnixMs"`
}

// windowLine is one (second, collection) window; see window.go.
type windowLine struct {
	Type          string            `json:"type"`
	Second        int               `json:"second"`
	Collection    string            `json:"collection"`
	Pattern       string            `json:"pattern"`
	Stage         int               `json:"stage"`
	Scheduled     int64             `json:"scheduled"`
	Sent          int64             `json:"sent"`
	Dropped       int64             `json:"dropped"`
	Completed     int64             `json:"completed"`
	OK            int64             `json:"ok"`
	Codes         map[uint16]int64  `json:"codes"`
	Errors        errorCounts       `json:"errors"`
	Latency       *encodedHistogram `json:"latency,omitempty"`
	OKLatency     *encodedHistogram `json:"okLatency,omitempty"`
	FailedLatency *encodedHistogram `json:"failedLatency,omitempty"`
	Service       *encodedHistogram `json:"service,omitempty"`
	Server        *encodedHistogram `json:"server,omitempty"`
	BytesIn       uint64            `json:"bytesIn"`
	BytesOut      uint64            `json:"bytesOut"`
	RecallChecked int64             `json:"recallChecked,omitempty"`
	RecallSum     *float64          `json:"recallSum,omitempty"`
}

type errorCounts struct {
	Timeout   int64 `json:"timeout"`
	Refused   int64 `json:"refused"`
	Reset     int64 `json:"reset"`
	Status429 int64 `json:"status429"`
	Status4xx int64 `json:"status4xx"`
	Status5xx int64 `json:"status5xx"`
	Check     int64 `json:"check"`
	Other     int64 `json:"other"`
}

func newErrorCounts(byClass [errorClassCount]int64) errorCounts {
	return errorCounts{
		Timeout: byClass[classTimeout], Refused: byClass[classRefused], Reset: byClass[classReset],
		Status429: byClass[classStatus429], Status4xx: byClass[classStatus4xx], Status5xx: byClass[classStatus5xx],
		Check: byClass[classCheck], Other: byClass[classOther],
	}
}

// tickLine is the engine's state as one second ends, counted by completion time. Goal is the
// plan's rate or VUs for that second, written as the line's `target`.
type tickLine struct {
	Type        string  `json:"type"`
	Second      int     `json:"second"`
	Goal        float64 `json:"target"`
	InFlightMax int64   `json:"inFlightMax"`
	InFlight    int64   `json:"inFlight"`
	Connections int64   `json:"connections"`
	VUs         int64   `json:"vus"`
	Scheduled   int64   `json:"scheduled"`
	Sent        int64   `json:"sent"`
	Dropped     int64   `json:"dropped"`
	Completed   int64   `json:"completed"`
	Failed      int64   `json:"failed"`
	P95Us       int64   `json:"p95Us"`
}

// endLine closes the stream: why the run ended and its totals.
type endLine struct {
	Type      string `json:"type"`
	Reason    string `json:"reason"`
	Error     string `json:"error,omitempty"`
	EndUnixMs int64  `json:"endUnixMs"`
	Totals    totals `json:"totals"`
}

type totals struct {
	Scheduled int64 `json:"scheduled"`
	Sent      int64 `json:"sent"`
	Dropped   int64 `json:"dropped"`
	Completed int64 `json:"completed"`
	Abandoned int64 `json:"abandoned"`
}

// lineWriter writes whole lines from any goroutine, each flushed at once so the orchestrator
// sees the run as it goes.
type lineWriter struct {
	mu  sync.Mutex
	buf *bufio.Writer
	err error
}

func newLineWriter(w io.Writer) *lineWriter {
	return &lineWriter{buf: bufio.NewWriterSize(w, 64<<10)}
}

// write writes one line per value; the first write error is kept and returned from then on.
func (w *lineWriter) write(values ...any) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, v := range values {
		if w.err != nil {
			break
		}
		var data []byte
		if data, w.err = json.Marshal(v); w.err == nil {
			data = append(data, '\n')
			_, w.err = w.buf.Write(data)
		}
	}
	if w.err == nil {
		w.err = w.buf.Flush()
	}
	return w.err
}
