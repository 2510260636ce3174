package main

import (
	"net/http"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// newTargeter hands vegeta the request of each intent the pacer accepted. vegeta calls it once per
// hit, after the pacer has put that hit's intent on ready, so the receive never waits. It never
// returns an error: vegeta stops the whole attack on one.
func newTargeter(target string, corpus *Corpus, headers http.Header, ready <-chan intent, rec *recorder) vegeta.Targeter {
	return func(t *vegeta.Target) error {
		it := <-ready
		*t = corpus.target(target, headers, it)
		t.URL = withIntent(t.URL, it)
		rec.sent(it)
		return nil
	}
}

// target builds the vegeta target of an intent's request. headers is shared and read-only:
// vegeta copies it into each request.
func (c *Corpus) target(base string, headers http.Header, it intent) vegeta.Target {
	req := &c.Collections[it.collection].Requests[it.request]
	return vegeta.Target{Method: req.Method, URL: base + req.Path, Body: req.Body, Header: headers}
}
