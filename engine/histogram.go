package main

import (
	"sync"
	"time"

	hdr "github.com/HdrHistogram/hdrhistogram-go"
)

// Histograms hold microseconds from 1 µs to 60 s with 3 significant digits, the range and
// precision docs/run-folder.md fixes so that Node can merge windows exactly. src/histogram-range.ts
// has the same constants; test/vectors/histogram.json pins both.
const (
	histogramLowestUs  = 1
	histogramHighestUs = 60_000_000
	histogramDigits    = 3
)

// encodedHistogram is EncodedHistogram of src/runfolder/engine-lines.ts.
type encodedHistogram struct {
	Hist  string `json:"hist"`
	Count int64  `json:"count"`
	Max   int64  `json:"max"`
}

// histogramPool recycles histograms: each holds about 140 KB of counts, and a run opens three per
// window every second.
var histogramPool = sync.Pool{New: func() any {
	return hdr.New(histogramLowestUs, histogramHighestUs, histogramDigits)
}}

// durationHistogram records durations as microseconds and keeps the exact largest value.
type durationHistogram struct {
	h   *hdr.Histogram
	max int64
}

func (d *durationHistogram) record(v time.Duration) {
	d.recordUs(v.Microseconds())
}

// recordUs clamps to the histogram's range: a sub-microsecond value counts as histogramLowestUs,
// and anything past histogramHighestUs (longer than any timeout) as that ceiling.
func (d *durationHistogram) recordUs(us int64) {
	us = min(max(us, histogramLowestUs), histogramHighestUs)
	if d.h == nil {
		d.h = histogramPool.Get().(*hdr.Histogram)
	}
	_ = d.h.RecordValue(us) // cannot fail: us is inside the histogram's range
	d.max = max(d.max, us)
}

func (d *durationHistogram) count() int64 {
	if d.h == nil {
		return 0
	}
	return d.h.TotalCount()
}

// quantileUs returns the value at quantile q (0..100), 0 when empty.
func (d *durationHistogram) quantileUs(q float64) int64 {
	if d.h == nil {
		return 0
	}
	return d.h.ValueAtQuantile(q)
}

// encode returns the histogram in V2 compressed base64, or nil when nothing was recorded.
func (d *durationHistogram) encode() (*encodedHistogram, error) {
	if d.count() == 0 {
		return nil, nil
	}
	data, err := d.h.Encode(hdr.V2CompressedEncodingCookieBase)
	if err != nil {
		return nil, err
	}
	return &encodedHistogram{Hist: string(data), Count: d.h.TotalCount(), Max: d.max}, nil
}

// release returns the counts to the pool; the histogram is empty afterwards.
func (d *durationHistogram) release() {
	if d.h != nil {
		d.h.Reset()
		histogramPool.Put(d.h)
		d.h = nil
	}
	d.max = 0
}
