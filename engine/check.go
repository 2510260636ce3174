package main

import (
	"bytes"
	"encoding/json"
	"math"
)

// responseCheck names the shape a 2xx body must have to count as ok (ResponseCheck in
// src/engine/corpus-protocol.ts).
type responseCheck uint8

const (
	// checkQuery: Qdrant's query API, result.points is an array.
	checkQuery responseCheck = iota
	// checkSearch: the legacy search API, result is an array.
	checkSearch
	// checkBatch: query batch, result is an array of objects with points.
	checkBatch
	// checkGateway: the gateway answers like the query API.
	checkGateway
)

var responseChecks = map[string]responseCheck{"query": checkQuery, "search": checkSearch, "batch": checkBatch, "gateway": checkGateway}

// responseBody is the part of a Qdrant (or gateway) body the engine reads: success bodies carry
// result, and success and error bodies alike carry time, the server's own seconds.
type responseBody struct {
	Result json.RawMessage `json:"result"`
	Time   *float64        `json:"time"`
}

type pointsResult struct {
	Points json.RawMessage `json:"points"`
}

type pointID struct {
	ID json.RawMessage `json:"id"`
}

// bodyReading is what one response body tells: whether its shape is right, Qdrant's time, and the
// result to read ids from.
type bodyReading struct {
	shapeOK bool
	// serverUs is Qdrant's time in µs, or -1 when the body has none (or a negative one).
	serverUs int64
	result   json.RawMessage
}

// read reads a body of any status; its shape counts only for a 2xx. A body that is not a JSON
// object (or null), or whose time is not a number, is malformed: wrong shape, no time.
func (check responseCheck) read(body []byte) bodyReading {
	var parsed responseBody
	if json.Unmarshal(body, &parsed) != nil {
		return bodyReading{serverUs: -1}
	}
	r := bodyReading{shapeOK: check.shapeOK(parsed.Result), serverUs: -1, result: parsed.Result}
	if parsed.Time != nil && *parsed.Time >= 0 {
		r.serverUs = int64(math.Round(*parsed.Time * 1e6))
	}
	return r
}

// shapeOK reports whether a 2xx body's result has the shape check expects.
func (check responseCheck) shapeOK(result json.RawMessage) bool {
	switch check {
	case checkSearch:
		return isArray(result)
	case checkBatch:
		var batches []pointsResult
		if !isArray(result) || json.Unmarshal(result, &batches) != nil {
			return false
		}
		for _, b := range batches {
			if !isArray(b.Points) {
				return false
			}
		}
		return true
	default:
		var query pointsResult
		return json.Unmarshal(result, &query) == nil && isArray(query.Points)
	}
}

// returnedIDs lists the ids of the points a result returned, in order, for recall. A batch has no
// single ranking and returns none.
func (check responseCheck) returnedIDs(result json.RawMessage) []json.RawMessage {
	var points []pointID
	switch check {
	case checkSearch:
		_ = json.Unmarshal(result, &points)
	case checkQuery, checkGateway:
		var query struct {
			Points []pointID `json:"points"`
		}
		_ = json.Unmarshal(result, &query)
		points = query.Points
	}
	ids := make([]json.RawMessage, len(points))
	for i, p := range points {
		ids[i] = p.ID
	}
	return ids
}

func isArray(raw json.RawMessage) bool {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	return len(raw) > 0 && raw[0] == '['
}
