package main

import (
	"net/http"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// newTargeter hands vegeta the request of each intent the pacer accepted. vegeta calls it once per
// hit, after the pacer has put that hit's intent on ready, so the receive never waits. It never
// returns an error: vegeta stops the whole attack on one.
func newTargeter(baseURL string, corpus *Corpus, headers http.Header, ready <-chan intent, rec *recorder) vegeta.Targeter {
	return func(request *vegeta.Target) error {
		it := <-ready
		*request = corpus.buildRequest(baseURL, headers, it)
		request.URL = withIntent(request.URL, it)
		rec.sent(it)
		return nil
	}
}

// buildRequest builds the request of an intent, as vegeta's Target, against baseURL. headers is
// shared and read-only: vegeta copies it into each request.
func (c *Corpus) buildRequest(baseURL string, headers http.Header, it intent) vegeta.Target {
	req := &c.Collections[it.collection].Requests[it.request]
	return vegeta.Target{Method: req.Method, URL: baseURL + req.Path, Body: req.Body, Header: headers}
}
