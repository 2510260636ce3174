package main

import (
	"strconv"
	"strings"
	"time"
)

// intent is one planned request: which it is, when it was meant to go, which window it counts
// in, and what it carries.
type intent struct {
	// at is the intended send time since the run began (closed model: the actual send).
	at time.Duration
	// second keys the request's window.
	second     int
	stage      int
	collection int
	request    int
}

// The open model hands each result back through vegeta's channel, which knows only what vegeta
// sent. vegeta's Result.Seq counts hits in the order workers enter hit(), which can differ from
// the pacer's order, so the intent travels with the request instead, in the URL fragment: HTTP
// clients never send a fragment (RFC 9110 §7.1), vegeta copies the URL into Result.URL, and the
// mapping is exact instead of inferred. Nothing is shared between goroutines to look it up.

// withIntent returns url with the intent appended as its fragment.
func withIntent(url string, it intent) string {
	b := make([]byte, 0, len(url)+48)
	b = append(b, url...)
	sep := byte('#')
	for _, n := range [...]int64{int64(it.at), int64(it.second), int64(it.stage), int64(it.collection), int64(it.request)} {
		b = append(b, sep)
		b = strconv.AppendInt(b, n, 10)
		sep = '.'
	}
	return string(b)
}

// intentFromURL reads back the intent withIntent put in url.
func intentFromURL(url string) (intent, bool) {
	hash := strings.LastIndexByte(url, '#')
	if hash < 0 {
		return intent{}, false
	}
	parts := strings.Split(url[hash+1:], ".")
	var n [5]int64
	if len(parts) != len(n) {
		return intent{}, false
	}
	for i := range n {
		var err error
		if n[i], err = strconv.ParseInt(parts[i], 10, 64); err != nil {
			return intent{}, false
		}
	}
	return intent{at: time.Duration(n[0]), second: int(n[1]), stage: int(n[2]), collection: int(n[3]), request: int(n[4])}, true
}
