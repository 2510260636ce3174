package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func TestEvaluate_ReadsQdrantsTimeAndRecall(t *testing.T) {
	body, err := os.ReadFile(qdrantFixtures + "query-response.json")
	if err != nil {
		t.Fatal(err)
	}
	corpus := testCorpus()
	// query-response.json returns ids 985, 275, 259, 141, 25.
	corpus.Collections[0].Requests[0].Truth = []string{"n:985", "n:275", "n:1"}
	e := &evaluator{began: time.Now(), corpus: corpus, recall: &recallSampler{every: 1}}
	res := &vegeta.Result{Code: 200, Body: body, Timestamp: e.began, Latency: time.Millisecond}
	o := e.evaluate(res, intent{collection: 0, request: 0})
	if o.class != classNone || o.serverUs < 1 || !o.recallChecked || o.recall != 2.0/3 {
		t.Fatalf("outcome %+v: want ok, Qdrant's time, and recall 2/3", o)
	}
	notFound, _ := os.ReadFile(qdrantFixtures + "error-unknown-collection.json")
	o = e.evaluate(&vegeta.Result{Code: 404, Body: notFound, Timestamp: e.began}, intent{})
	if o.class != classStatus4xx || o.serverUs != 4 || o.recallChecked { // time 3.746e-06 s
		t.Fatalf("outcome %+v: want 4xx with the error body's time and no recall", o)
	}
}

func TestRecallSampler_ChecksEveryNth(t *testing.T) {
	s := &recallSampler{every: 3}
	var due []bool
	for range 6 {
		due = append(due, s.due())
	}
	if want := []bool{false, false, true, false, false, true}; !equalBools(due, want) {
		t.Fatalf("got %v, want %v", due, want)
	}
	if (&recallSampler{}).due() {
		t.Fatal("every 0 must never check")
	}
}

func TestTransportClass_RealFailures(t *testing.T) {
	t.Parallel()
	stalled := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow-body" {
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
		}
		<-stalled
	}))
	defer func() { close(stalled); slow.Close() }() // handlers end before Close waits for them

	for _, row := range []struct {
		name string
		url  func(t *testing.T) string
		want errorClass
	}{
		{"nothing listens", closedPort, classRefused},
		{"the server resets the connection", hangUp(true), classReset},
		{"the server closes without answering", hangUp(false), classReset},
		{"no response before the timeout", func(*testing.T) string { return slow.URL + "/slow" }, classTimeout},
		{"the body stalls past the timeout", func(*testing.T) string { return slow.URL + "/slow-body" }, classTimeout},
		{"not a URL Go can send to", func(*testing.T) string { return "http://[::1" }, classOther},
	} {
		t.Run(row.name, func(t *testing.T) {
			client := newClient(Limits{MaxConnections: 4, MaxInFlight: 4, TimeoutMs: 300}, &gauge{})
			res := send(client, vegeta.Target{Method: "POST", URL: row.url(t), Body: []byte(`{}`)}, time.Now())
			if res.Code != 0 || res.Error == "" {
				t.Fatalf("code %d, error %q: want a transport error", res.Code, res.Error)
			}
			if got := transportClass(res.Error); got != row.want {
				t.Fatalf("%q: got %v, want %v", res.Error, got, row.want)
			}
		})
	}
}

// closedPort returns a URL on a port that was just free.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/"
}

// hangUp returns a server that reads a request and closes the connection, with a reset (RST) or
// a plain close (FIN).
func hangUp(reset bool) func(t *testing.T) string {
	return func(t *testing.T) string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		go func() {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			_, _ = conn.Read(make([]byte, 4096))
			if reset {
				_ = conn.(*net.TCPConn).SetLinger(0)
			}
			conn.Close()
		}()
		return "http://" + l.Addr().String() + "/"
	}
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
