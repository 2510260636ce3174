package main

import (
	"bytes"
	"encoding/json"
	"sync/atomic"
)

// idKey normalises a point id (Qdrant ids are unsigned integers or UUID strings) so ids from the
// corpus and from responses compare as equal; a number and a string never do.
func idKey(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", false
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return "s:" + s, true
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		var n json.Number
		if json.Unmarshal(raw, &n) != nil {
			return "", false
		}
		return "n:" + n.String(), true
	default:
		return "", false
	}
}

// recallAt returns recall@k, k = len(truth): the share of the exact top k found among the first k
// ids returned.
func recallAt(truth []string, returned []json.RawMessage) float64 {
	want := make(map[string]bool, len(truth))
	for _, id := range truth {
		want[id] = true
	}
	found := 0
	for _, raw := range returned[:min(len(returned), len(truth))] {
		if key, ok := idKey(raw); ok && want[key] {
			found++
			want[key] = false // a duplicate id counts once
		}
	}
	return float64(found) / float64(len(truth))
}

// recallSampler picks every n-th ok response to a request with ground truth for a recall check,
// so recall is watched under load without parsing every response twice.
type recallSampler struct {
	every uint64
	seen  atomic.Uint64
}

func (s *recallSampler) due() bool {
	return s.every > 0 && s.seen.Add(1)%s.every == 0
}
