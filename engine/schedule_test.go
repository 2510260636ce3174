package main

import (
	"math"
	"testing"
)

type scheduleVector struct {
	Stages []Stage `json:"stages"`
	Total  uint64  `json:"total"`
	Hits   []struct {
		K      uint64   `json:"k"`
		Second *float64 `json:"second"`
	} `json:"hits"`
}

func TestSchedule_FollowsTheSharedVector(t *testing.T) {
	var vector scheduleVector
	readVector(t, "schedule.json", &vector)
	last := vector.Stages[len(vector.Stages)-1]
	plan := &Plan{Stages: vector.Stages, DurationSeconds: last.StartSecond + last.DurationSeconds}
	if got := totalArrivals(plan); got != vector.Total {
		t.Fatalf("total %d, want %d", got, vector.Total)
	}
	for _, hit := range vector.Hits {
		got, ok := intendedSecondOfHit(vector.Stages, hit.K)
		switch {
		case hit.Second == nil && ok:
			t.Errorf("hit %d: got %v, want none (past the end)", hit.K, got)
		case hit.Second != nil && (!ok || math.Abs(got-*hit.Second) > 1e-9):
			t.Errorf("hit %d: got %v (%v), want %v", hit.K, got, ok, *hit.Second)
		}
	}
	if _, ok := intendedSecondOfHit(vector.Stages, vector.Total); ok {
		t.Errorf("hit %d is past the plan's end and must have no time", vector.Total)
	}
}

func TestArrivalsBy_IntegratesThePiecewiseLinearRate(t *testing.T) {
	// A ramp 0 → 100 req/s over 10 s, a hold at 100 for 5 s, a jump to 400 for 2 s.
	stages := []Stage{stage(0, 0, 10, 0, 100, "open"), stage(1, 10, 5, 100, 100, "open"), stage(2, 15, 2, 400, 400, "open")}
	for _, row := range []struct{ t, want float64 }{
		{5, 125},   // ½ · 5 s · 50 req/s
		{10, 500},  // the whole ramp: ½ · 10 · 100
		{12, 700},  // the ramp and 2 s at 100
		{16, 1400}, // then 1 s at 400
		{17, 1800}, // the end
		{99, 1800}, // nothing past the end
	} {
		if got := arrivalsBy(stages, row.t); math.Abs(got-row.want) > 1e-9 {
			t.Errorf("arrivalsBy(%v) = %v, want %v", row.t, got, row.want)
		}
	}
	for _, row := range []struct{ t, want float64 }{{5, 50}, {10, 100}, {15, 400}, {17, 400}} {
		if got := goalAt(stages, row.t); math.Abs(got-row.want) > 1e-9 {
			t.Errorf("goalAt(%v) = %v, want %v", row.t, got, row.want)
		}
	}
}
