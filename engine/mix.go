package main

// The request mix, exactly as src/plan/mix.ts computes it; test/vectors/mix-sequence.json pins
// both languages to the same sequences.

// smoothWeightedRoundRobin picks the collection of each request (nginx's smooth weighted
// round-robin): deterministic, interleaved, exact over every cycle of sum(weights) picks.
type smoothWeightedRoundRobin struct {
	weights []float64
	current []float64
	total   float64
}

func newSmoothWeightedRoundRobin(weights []float64) *smoothWeightedRoundRobin {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	return &smoothWeightedRoundRobin{weights: weights, current: make([]float64, len(weights)), total: total}
}

func (s *smoothWeightedRoundRobin) next() int {
	best := 0
	for i, w := range s.weights {
		s.current[i] += w
		if s.current[i] > s.current[best] {
			best = i
		}
	}
	s.current[best] -= s.total
	return best
}

// mulberry32 is the tiny seeded PRNG of mix.ts: JavaScript's Math.imul and >>> are uint32
// arithmetic, so plain uint32 operations give the same numbers.
type mulberry32 struct{ state uint32 }

func (m *mulberry32) nextUint32() uint32 {
	m.state += 0x6d2b79f5
	t := m.state
	t = (t ^ (t >> 15)) * (t | 1)
	t ^= t + (t^(t>>7))*(t|61)
	return t ^ (t >> 14)
}

// nextInt returns an integer in [0, n) as mix.ts does: floor(nextUint32() / 2^32 · n).
func (m *mulberry32) nextInt(n int) int {
	return int(float64(m.nextUint32()) / 4294967296 * float64(n))
}

// picker chooses what each request carries: the collection by weight, then one of its requests.
// It is not safe for concurrent use.
type picker struct {
	collections *smoothWeightedRoundRobin
	rng         mulberry32
	sizes       []int
}

func newPicker(corpus *Corpus, seed uint32) *picker {
	weights := make([]float64, len(corpus.Collections))
	sizes := make([]int, len(corpus.Collections))
	for i, c := range corpus.Collections {
		weights[i], sizes[i] = c.Weight, len(c.Requests)
	}
	return &picker{collections: newSmoothWeightedRoundRobin(weights), rng: mulberry32{seed}, sizes: sizes}
}

// next returns the collection index and the request index within it.
func (p *picker) next() (collection, request int) {
	collection = p.collections.next()
	return collection, p.rng.nextInt(p.sizes[collection])
}
