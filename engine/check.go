package main

import (
	"bytes"
	"encoding/json"
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

// parseBody reads a body; ok is false when it is not a JSON object.
func parseBody(body []byte) (responseBody, bool) {
	var parsed responseBody
	err := json.Unmarshal(body, &parsed)
	return parsed, err == nil
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
