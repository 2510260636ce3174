package main

import "testing"

func TestSmoothWeightedRoundRobin_FollowsTheSharedVector(t *testing.T) {
	var vector struct {
		Weights []float64 `json:"weights"`
		First   []int     `json:"first"`
	}
	readVector(t, "mix-sequence.json", &vector)
	swrr := newSmoothWeightedRoundRobin(vector.Weights)
	for i, want := range vector.First {
		if got := swrr.next(); got != want {
			t.Fatalf("pick %d: got %d, want %d", i, got, want)
		}
	}
}

func TestSmoothWeightedRoundRobin_InterleavesAsNginxDocuments(t *testing.T) {
	swrr := newSmoothWeightedRoundRobin([]float64{5, 1, 1})
	want := []int{0, 0, 1, 0, 2, 0, 0} // nginx's documented a a b a c a a
	for i, w := range want {
		if got := swrr.next(); got != w {
			t.Fatalf("pick %d: got %d, want %d", i, got, w)
		}
	}
}

func TestMulberry32_FollowsTheSharedVector(t *testing.T) {
	var vector struct {
		Mulberry32 struct {
			Seed  uint32   `json:"seed"`
			First []uint32 `json:"first"`
		} `json:"mulberry32"`
	}
	readVector(t, "mix-sequence.json", &vector)
	rng := mulberry32{vector.Mulberry32.Seed}
	for i, want := range vector.Mulberry32.First {
		if got := rng.nextUint32(); got != want {
			t.Fatalf("value %d: got %d, want %d", i, got, want)
		}
	}
}

func TestMulberry32_NextIntScalesTheFraction(t *testing.T) {
	// The vector's first value for seed 42 is 2581720956: 2581720956 / 2^32 · 10 = 6.01…
	rng := mulberry32{42}
	if got := rng.nextInt(10); got != 6 {
		t.Fatalf("got %d, want 6", got)
	}
}

func TestPicker_SharesMatchWeightsAndRequestsStayInRange(t *testing.T) {
	corpus := testCorpus()
	pick := newPicker(corpus, 7)
	counts := make([]int, 2)
	for range 4000 {
		c, r := pick.next()
		if r < 0 || r >= len(corpus.Collections[c].Requests) {
			t.Fatalf("request %d out of range for collection %d", r, c)
		}
		counts[c]++
	}
	if counts[0] != 3000 || counts[1] != 1000 {
		t.Fatalf("counts %v, want [3000 1000] for weights 3:1", counts)
	}
}

func TestPlanSeed32_IsJavaScriptsUnsignedShift(t *testing.T) {
	for _, row := range []struct {
		seed float64
		want uint32
	}{
		{42, 42},
		{4294967296 + 5, 5},      // wraps modulo 2^32, as seed >>> 0 does
		{1.9, 1},                 // truncates
		{4294967295, 4294967295}, // the largest uint32 stays
	} {
		if got := (&Plan{Seed: row.seed}).seed32(); got != row.want {
			t.Errorf("seed %v: got %d, want %d", row.seed, got, row.want)
		}
	}
}
