package main

import (
	"io"
	"net/http"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// send performs one request as vegeta's Attacker.hit does (whole body read, so the connection is
// reused; status outside 200..399 noted in Error) and returns the same Result, so both load models
// share one evaluator. began is the actual send time.
func send(client *http.Client, request vegeta.Target, began time.Time) *vegeta.Result {
	res := &vegeta.Result{Method: request.Method, URL: request.URL, Timestamp: began}
	defer func() { res.Latency = time.Since(began) }()
	req, err := request.Request()
	if err != nil {
		res.Error = err.Error()
		return res
	}
	r, err := client.Do(req)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	defer r.Body.Close()
	if res.Body, err = io.ReadAll(r.Body); err != nil {
		res.Error = err.Error()
		return res
	}
	res.BytesIn = uint64(len(res.Body))
	if req.ContentLength > 0 {
		res.BytesOut = uint64(req.ContentLength)
	}
	res.Code = uint16(r.StatusCode)
	if res.Code < 200 || res.Code >= 400 {
		res.Error = r.Status
	}
	res.Headers = r.Header
	return res
}
