package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"strings"
)

// planSchemaVersion is the Plan schema this engine reads (src/plan/types.ts PLAN_SCHEMA_VERSION).
const planSchemaVersion = 1

// Plan is the part of src/plan/types.ts's Plan that the engine reads; the JSON names match.
// Fields the engine does not need (description, query, mix, abort, ...) are ignored.
type Plan struct {
	SchemaVersion   int     `json:"schemaVersion"`
	Profile         string  `json:"profile"`
	Model           string  `json:"model"`
	Seed            float64 `json:"seed"`
	DurationSeconds float64 `json:"durationSeconds"`
	ThinkTimeMs     float64 `json:"thinkTimeMs"`
	Stages          []Stage `json:"stages"`
	Limits          Limits  `json:"limits"`
}

// Stage is one PlanStage: a goal (req/s for an arrival-rate executor, VUs for a VU executor) going
// linearly from StartGoal to EndGoal, which src/plan/types.ts names startTarget and endTarget.
type Stage struct {
	Index           int     `json:"index"`
	Name            string  `json:"name"`
	StartSecond     float64 `json:"startSecond"`
	DurationSeconds float64 `json:"durationSeconds"`
	Executor        string  `json:"executor"`
	StartGoal       float64 `json:"startTarget"`
	EndGoal         float64 `json:"endTarget"`
}

// Limits is PlanLimits: the socket cap, the in-flight bound and the request timeout.
type Limits struct {
	MaxConnections int `json:"maxConnections"`
	MaxInFlight    int `json:"maxInFlight"`
	TimeoutMs      int `json:"timeoutMs"`
}

// executors are k6's executor names, with the load model each belongs to.
var executors = []struct{ name, model string }{
	{"constant-arrival-rate", "open"},
	{"ramping-arrival-rate", "open"},
	{"constant-vus", "closed"},
	{"ramping-vus", "closed"},
}

// open reports whether the plan is an open-model (arrival-rate) plan.
func (p *Plan) open() bool { return p.Model == "open" }

// seed32 is the plan's seed as Mulberry32 takes it: JavaScript's `seed >>> 0`.
func (p *Plan) seed32() uint32 {
	return uint32(int64(math.Trunc(math.Mod(p.Seed, 4294967296))))
}

// loadPlan reads and validates plan.json, listing every problem at once.
func loadPlan(path string) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, inputError{path, []string{readProblem(err)}}
	}
	var plan Plan
	if err := json.Unmarshal(data, &plan); err != nil {
		return nil, inputError{path, []string{"not a plan: " + err.Error()}}
	}
	if problems := plan.validate(); len(problems) > 0 {
		return nil, inputError{path, problems}
	}
	return &plan, nil
}

// validate lists what is wrong with the plan, each problem naming its field.
func (p *Plan) validate() []string {
	var problems []string
	bad := func(field, format string, args ...any) {
		problems = append(problems, field+": "+fmt.Sprintf(format, args...))
	}
	if p.SchemaVersion != planSchemaVersion {
		bad("schemaVersion", "this engine reads version %d, got %d", planSchemaVersion, p.SchemaVersion)
	}
	if p.Model != "open" && p.Model != "closed" {
		bad("model", `must be "open" or "closed", got %q`, p.Model)
	}
	if math.IsNaN(p.Seed) || math.IsInf(p.Seed, 0) || p.Seed < 0 {
		bad("seed", "must be a non-negative number, got %v", p.Seed)
	}
	if !(p.ThinkTimeMs >= 0) {
		bad("thinkTimeMs", "must be >= 0, got %v", p.ThinkTimeMs)
	}
	if len(p.Stages) == 0 {
		bad("stages", "must list at least one stage")
	}
	end := 0.0
	for i, s := range p.Stages {
		field := fmt.Sprintf("stages[%d]", i)
		if s.StartSecond != end {
			bad(field+".startSecond", "must be %v (where the previous stage ends), got %v", end, s.StartSecond)
		}
		if !(s.DurationSeconds > 0) {
			bad(field+".durationSeconds", "must be > 0, got %v", s.DurationSeconds)
		}
		if !(s.StartGoal >= 0) || !(s.EndGoal >= 0) {
			bad(field, "startTarget and endTarget must be >= 0, got %v -> %v", s.StartGoal, s.EndGoal)
		}
		if model, ok := executorModel(s.Executor); !ok {
			bad(field+".executor", "must be one of %s, got %q", executorNames(), s.Executor)
		} else if model != p.Model {
			bad(field+".executor", "%q is a %s-model executor, but the plan's model is %s", s.Executor, model, p.Model)
		}
		end = s.StartSecond + s.DurationSeconds
	}
	if len(p.Stages) > 0 && p.DurationSeconds != end {
		bad("durationSeconds", "must equal the stages' end, %v, got %v", end, p.DurationSeconds)
	}
	if p.Limits.MaxConnections < 1 {
		bad("limits.maxConnections", "must be >= 1, got %d", p.Limits.MaxConnections)
	}
	if p.Limits.MaxInFlight < 1 {
		bad("limits.maxInFlight", "must be >= 1, got %d", p.Limits.MaxInFlight)
	}
	if p.Limits.TimeoutMs < 1 {
		bad("limits.timeoutMs", "must be >= 1, got %d", p.Limits.TimeoutMs)
	}
	return problems
}

// executorModel returns the load model of an executor, false for an unknown name.
func executorModel(name string) (string, bool) {
	for _, e := range executors {
		if e.name == name {
			return e.model, true
		}
	}
	return "", false
}

func executorNames() string {
	names := make([]string, len(executors))
	for i, e := range executors {
		names[i] = e.name
	}
	return strings.Join(names, ", ")
}

// readProblem says why a file could not be read, without repeating its path.
func readProblem(err error) string {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return "cannot read: " + pathErr.Err.Error()
	}
	return err.Error()
}

// inputError is bad input: the file, and every problem found in it.
type inputError struct {
	file     string
	problems []string
}

func (e inputError) Error() string {
	return e.file + ": " + strings.Join(e.problems, "; ")
}
