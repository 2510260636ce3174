package main

import (
	"context"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// newClient returns the HTTP client both load models send with. Its transport caps sockets per
// host at limits.maxConnections (what vegeta's MaxConnections option sets; the closed model sends
// without vegeta's attacker, so the cap lives here, once): past the cap requests wait inside
// net/http and the wait counts in their latency, instead of one socket per request in flight.
// Dialled connections are counted for the tick lines.
func newClient(limits Limits, connections *gauge) *http.Client {
	dialer := &net.Dialer{KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		// No proxy, whatever HTTP(S)_PROXY say: the load (and the api-key header) goes straight to
		// the target, as the samplers' requests do, so latency measures the target and not a proxy
		// on the way, and the key reaches no one else.
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := dialer.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			connections.add(1)
			return &countedConn{Conn: conn, open: connections}, nil
		},
		MaxConnsPerHost:     limits.MaxConnections,
		MaxIdleConnsPerHost: limits.MaxConnections,
		IdleConnTimeout:     90 * time.Second,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   time.Duration(limits.TimeoutMs) * time.Millisecond,
		// A redirect is an answer to measure, not to follow: it counts as "other".
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// countedConn takes itself off the open-connection gauge when closed.
type countedConn struct {
	net.Conn
	open   *gauge
	closed atomic.Bool
}

func (c *countedConn) Close() error {
	if c.closed.CompareAndSwap(false, true) {
		c.open.add(-1)
	}
	return c.Conn.Close()
}
