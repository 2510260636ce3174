package main

import (
	"net/http"
	"testing"
)

func TestClient_NeverSendsThroughAProxy(t *testing.T) {
	// HTTP(S)_PROXY would put a proxy's latency into every measurement and hand it the api-key
	// header. (Go never proxies loopback addresses, so a test server cannot show it; the setting
	// is what is checked.)
	client := newClient(Limits{MaxConnections: 1, MaxInFlight: 1, TimeoutMs: 1000}, &gauge{})
	if transport, ok := client.Transport.(*http.Transport); !ok || transport.Proxy != nil {
		t.Fatalf("transport %T with a proxy function: load must go straight to the target", client.Transport)
	}
}
