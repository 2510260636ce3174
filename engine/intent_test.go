package main

import (
	"testing"
	"time"
)

func TestIntent_RoundTripsThroughTheURLFragment(t *testing.T) {
	it := intent{at: 2*time.Second + 345*time.Microsecond, second: 2, stage: 1, collection: 8, request: 4095}
	url := withIntent("http://127.0.0.1:6333/collections/a/points/query?wait=true", it)
	got, ok := intentFromURL(url)
	if !ok || got != it {
		t.Fatalf("got %+v (%v) from %s, want %+v", got, ok, url, it)
	}
}

func TestIntent_NotFoundInAPlainURL(t *testing.T) {
	for _, url := range []string{"http://h/p", "http://h/p#", "http://h/p#1.2.3", "http://h/p#1.2.3.4.5.6", "http://h/p#a.b.c.d.e"} {
		if _, ok := intentFromURL(url); ok {
			t.Errorf("%s: found an intent", url)
		}
	}
}
