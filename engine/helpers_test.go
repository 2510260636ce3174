package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	hdr "github.com/HdrHistogram/hdrhistogram-go"
)

// qdrantFixtures holds real Qdrant 1.19.0 responses, shared with the TypeScript tests.
const qdrantFixtures = "../test/fixtures/qdrant-1.19.0/"

// readVector reads a shared test vector of test/vectors/, the cases the TypeScript tests check too.
func readVector(t *testing.T, name string, into any) {
	t.Helper()
	data, err := os.ReadFile("../test/vectors/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		t.Fatal(err)
	}
}

// stage builds a plan stage; the executor follows from the model and whether the goal ramps.
func stage(index int, startSecond, durationSeconds, startGoal, endGoal float64, model string) Stage {
	kind := map[string]string{"open": "arrival-rate", "closed": "vus"}[model]
	executor := "constant-" + kind
	if startGoal != endGoal {
		executor = "ramping-" + kind
	}
	return Stage{Index: index, StartSecond: startSecond, DurationSeconds: durationSeconds, Executor: executor, StartGoal: startGoal, EndGoal: endGoal}
}

// planOf builds a valid plan from consecutive (duration, from, to) stages.
func planOf(model string, limits Limits, spans ...[3]float64) *Plan {
	plan := &Plan{SchemaVersion: 1, Profile: "test", Model: model, Seed: 42, Limits: limits}
	for i, s := range spans {
		plan.Stages = append(plan.Stages, stage(i, plan.DurationSeconds, s[0], s[1], s[2], model))
		plan.DurationSeconds += s[0]
	}
	return plan
}

// testCorpus has two query collections weighted 3:1, two requests each.
func testCorpus() *Corpus {
	body := []byte(`{"query":[0.1,0.2],"limit":3}`)
	return &Corpus{
		Headers: http.Header{"Content-Type": {"application/json"}},
		Collections: []Collection{
			{Name: "alpha", Pattern: "similarity_search", Weight: 3, Check: checkQuery, Requests: []Request{
				{Method: "POST", Path: "/collections/alpha/points/query", Body: body, Truth: []string{"n:1", "n:2", "n:3"}},
				{Method: "POST", Path: "/collections/alpha/points/query", Body: body},
			}},
			{Name: "beta", Pattern: "code_search", Weight: 1, Check: checkQuery, Requests: []Request{
				{Method: "POST", Path: "/collections/beta/points/query", Body: body},
				{Method: "POST", Path: "/collections/beta/points/query", Body: body},
			}},
		},
	}
}

// qdrantOK answers like Qdrant's query API, returning points 1, 2 and 4.
func qdrantOK(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"result":{"points":[{"id":1,"version":1,"score":0.9},{"id":2,"version":1,"score":0.8},{"id":4,"version":1,"score":0.7}]},"status":"ok","time":0.000250}`))
}

// engineOutput is a run's stdout, parsed.
type engineOutput struct {
	start   startLine
	windows []windowLine
	ticks   []tickLine
	end     *endLine
	raw     string
}

func parseOutput(t *testing.T, stdout string) engineOutput {
	t.Helper()
	out := engineOutput{raw: stdout}
	scanner := bufio.NewScanner(strings.NewReader(stdout))
	scanner.Buffer(nil, 1<<20)
	for scanner.Scan() {
		var kind struct{ Type string }
		line := scanner.Bytes()
		if err := json.Unmarshal(line, &kind); err != nil {
			t.Fatalf("stdout line is not JSON: %v: %s", err, line)
		}
		var err error
		switch kind.Type {
		case "start":
			err = json.Unmarshal(line, &out.start)
		case "window":
			var w windowLine
			err = json.Unmarshal(line, &w)
			out.windows = append(out.windows, w)
		case "tick":
			var tick tickLine
			err = json.Unmarshal(line, &tick)
			out.ticks = append(out.ticks, tick)
		case "end":
			out.end = &endLine{}
			err = json.Unmarshal(line, out.end)
		default:
			t.Fatalf("unknown line type %q", kind.Type)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if out.end == nil {
		t.Fatalf("no end line in:\n%s", stdout)
	}
	return out
}

// bySecond sums a count of the windows of each second.
func (o engineOutput) bySecond(count func(windowLine) int64) map[int]int64 {
	sums := map[int]int64{}
	for _, w := range o.windows {
		sums[w.Second] += count(w)
	}
	return sums
}

// latencyOf merges the latency histograms of the windows of second.
func (o engineOutput) latencyOf(t *testing.T, second int) *hdr.Histogram {
	t.Helper()
	merged := hdr.New(histogramLowestUs, histogramHighestUs, histogramDigits)
	for _, w := range o.windows {
		if w.Second == second && w.Latency != nil {
			h, err := hdr.Decode([]byte(w.Latency.Hist))
			if err != nil {
				t.Fatal(err)
			}
			merged.Merge(h)
		}
	}
	return merged
}

// runInProcess runs the engine against baseURL and returns its parsed stdout and stderr.
func runInProcess(t *testing.T, plan *Plan, corpus *Corpus, baseURL, apiKey string) (engineOutput, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	runEngine(engineConfig{plan: plan, corpus: corpus, baseURL: baseURL, apiKey: apiKey, grace: 2 * time.Second}, make(chan struct{}), &stdout, &stderr)
	return parseOutput(t, stdout.String()), stderr.String()
}
