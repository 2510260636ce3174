package main

import (
	"encoding/json"
	"flag"
	"os"
	"strconv"
	"testing"
	"time"

	hdr "github.com/HdrHistogram/hdrhistogram-go"
)

// updateFixtures rewrites testdata/histogram-sample.json: go test -run Histogram -update
var updateFixtures = flag.Bool("update", false, "rewrite the test fixtures")

// histogramSample is testdata/histogram-sample.json: a histogram encoded here and what it holds.
// src/runfolder/go-histogram.test.ts decodes it with hdr-histogram-js and expects the same, so
// Node reads what Go writes.
type histogramSample struct {
	Comment   string           `json:"comment"`
	ValuesUs  []int64          `json:"valuesUs"`
	Encoded   encodedHistogram `json:"encoded"`
	Quantiles map[string]int64 `json:"quantiles"`
	Min       int64            `json:"min"`
}

// sampleValues spans the whole range: sub-ms, ms, seconds, and both clamped ends.
var sampleValues = []int64{0, 1, 2, 150, 999, 1000, 1001, 2500, 12_345, 250_000, 1_000_000, 1_500_000, 59_999_999, 75_000_000}

func TestDurationHistogram_EncodingRoundTrips(t *testing.T) {
	var d durationHistogram
	defer d.release()
	for _, us := range sampleValues {
		d.recordUs(us)
	}
	d.record(3 * time.Millisecond)
	encoded, err := d.encode()
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := hdr.Decode([]byte(encoded.Hist))
	if err != nil {
		t.Fatal(err)
	}
	if !decoded.Equals(d.h) {
		t.Fatal("decoded histogram differs from the one encoded")
	}
	if encoded.Count != int64(len(sampleValues)+1) || decoded.TotalCount() != encoded.Count {
		t.Fatalf("count %d (decoded %d), want %d", encoded.Count, decoded.TotalCount(), len(sampleValues)+1)
	}
	if encoded.Max != histogramHighestUs {
		t.Fatalf("max %d: 75 s must clamp to the 60 s ceiling", encoded.Max)
	}
	if decoded.Min() != histogramLowestUs {
		t.Fatalf("min %d: 0 µs must clamp to 1 µs", decoded.Min())
	}
	if decoded.LowestTrackableValue() != histogramLowestUs || decoded.HighestTrackableValue() != histogramHighestUs || decoded.SignificantFigures() != histogramDigits {
		t.Fatal("the encoded range or precision differ from the histogram constants")
	}
}

func TestHistogramRange_FollowsTheSharedVector(t *testing.T) {
	var vector struct {
		LowestUs          int64 `json:"lowestUs"`
		HighestUs         int64 `json:"highestUs"`
		SignificantDigits int   `json:"significantDigits"`
	}
	readVector(t, "histogram.json", &vector)
	if vector.LowestUs != histogramLowestUs || vector.HighestUs != histogramHighestUs || vector.SignificantDigits != histogramDigits {
		t.Fatalf("histogram.json says %+v; the engine records %d..%d µs with %d digits", vector, histogramLowestUs, histogramHighestUs, histogramDigits)
	}
}

func TestDurationHistogram_EmptyEncodesToNothing(t *testing.T) {
	var d durationHistogram
	if encoded, err := d.encode(); encoded != nil || err != nil {
		t.Fatalf("got %v, %v; an empty histogram is left out of the window", encoded, err)
	}
}

func TestHistogramFixture_IsWhatThisEngineWrites(t *testing.T) {
	var d durationHistogram
	defer d.release()
	for _, us := range sampleValues {
		d.recordUs(us)
	}
	encoded, err := d.encode()
	if err != nil {
		t.Fatal(err)
	}
	sample := histogramSample{
		Comment:   "Written by engine/histogram_test.go (go test -run HistogramFixture -update); read by src/runfolder/go-histogram.test.ts.",
		ValuesUs:  sampleValues,
		Encoded:   *encoded,
		Quantiles: map[string]int64{},
		Min:       d.h.Min(),
	}
	for _, q := range []float64{50, 90, 99, 100} {
		sample.Quantiles[strconv.FormatFloat(q, 'f', -1, 64)] = d.h.ValueAtQuantile(q)
	}
	const path = "testdata/histogram-sample.json"
	if *updateFixtures {
		data, _ := json.MarshalIndent(sample, "", "  ")
		if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stored histogramSample
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (write it with -update)", err)
	}
	if err := json.Unmarshal(data, &stored); err != nil {
		t.Fatal(err)
	}
	decoded, err := hdr.Decode([]byte(stored.Encoded.Hist))
	if err != nil {
		t.Fatal(err)
	}
	if !decoded.Equals(d.h) || stored.Encoded.Count != encoded.Count || stored.Encoded.Max != encoded.Max {
		t.Fatal("testdata/histogram-sample.json is stale: rerun with -update")
	}
	for q, v := range stored.Quantiles {
		if sample.Quantiles[q] != v {
			t.Fatalf("quantile %s: fixture %d, engine %d: rerun with -update", q, v, sample.Quantiles[q])
		}
	}
}
