package main

import "math"

// Shape maths over a plan's piecewise-linear goals (req/s or VUs), line for line as src/plan/shape.ts does;
// test/vectors/schedule.json holds cases both languages check, so the two cannot drift.

// stageAt returns the stage running at second t (the last one at or after the end).
func stageAt(stages []Stage, t float64) *Stage {
	for i := range stages {
		if t < stages[i].StartSecond+stages[i].DurationSeconds {
			return &stages[i]
		}
	}
	return &stages[len(stages)-1]
}

// goalAt returns the plan's goal (req/s or VUs) at second t: linear inside a stage.
func goalAt(stages []Stage, t float64) float64 {
	s := stageAt(stages, t)
	progress := math.Min(1, math.Max(0, (t-s.StartSecond)/s.DurationSeconds))
	return s.StartGoal + (s.EndGoal-s.StartGoal)*progress
}

// arrivalsBy returns how many open-model arrivals are due by second t: the integral of the rate
// from 0 to t. Hit k (0-based) is due when it reaches k+1, as in vegeta's constant pacer.
func arrivalsBy(stages []Stage, t float64) float64 {
	total := 0.0
	for _, s := range stages {
		if t <= s.StartSecond {
			break
		}
		span := math.Min(t, s.StartSecond+s.DurationSeconds) - s.StartSecond
		slope := (s.EndGoal - s.StartGoal) / s.DurationSeconds
		total += s.StartGoal*span + (slope*span*span)/2
	}
	return total
}

// intendedSecondOfHit inverts arrivalsBy: the second at which hit k is due, or false when the
// plan ends first. Inside a stage the integral is quadratic, a·x² + b·x = need.
func intendedSecondOfHit(stages []Stage, k uint64) (float64, bool) {
	need := float64(k) + 1
	for _, s := range stages {
		d := s.DurationSeconds
		a := (s.EndGoal - s.StartGoal) / d / 2
		b := s.StartGoal
		inStage := a*d*d + b*d
		if need <= inStage+1e-9 {
			return s.StartSecond + solveElapsed(a, b, need, d), true
		}
		need -= inStage
	}
	return 0, false
}

func solveElapsed(a, b, need, duration float64) float64 {
	if math.Abs(a) < 1e-12 {
		if b > 0 {
			return need / b
		}
		return duration
	}
	// The root written as 2·need / (b + √…) stays accurate when a is tiny next to b.
	discriminant := math.Max(0, b*b+4*a*need)
	return math.Min(duration, (2*need)/(b+math.Sqrt(discriminant)))
}

// dueBy is the whole number of arrivals due by second t, rounded as totalArrivals rounds.
func dueBy(stages []Stage, t float64) uint64 {
	return uint64(math.Floor(arrivalsBy(stages, t) + 1e-9))
}

// totalArrivals is the number of requests an open-model plan schedules over its whole duration.
func totalArrivals(plan *Plan) uint64 {
	return dueBy(plan.Stages, plan.DurationSeconds)
}
