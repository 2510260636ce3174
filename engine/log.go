package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

// engineLog writes diagnostics on stderr (the run folder's engine.log). It never writes a URL
// from a request or any header: the base URL it was given may carry a password, and requests
// carry the API key.
type engineLog struct {
	mu     sync.Mutex
	w      io.Writer
	logged [errorClassCount]bool
}

func newEngineLog(w io.Writer) *engineLog { return &engineLog{w: w} }

func (l *engineLog) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "vecstress-engine: "+format+"\n", args...)
}

// firstError logs the first transport error of each class, so a refused target shows why without
// a line per request.
func (l *engineLog) firstError(class errorClass, message string) {
	l.mu.Lock()
	first := message != "" && !l.logged[class]
	l.logged[class] = l.logged[class] || first
	l.mu.Unlock()
	if first {
		l.printf("first %s error: %s", class, withoutURL(message))
	}
}

// withoutURL drops the `Post "http://…": ` prefix Go's url.Error puts before the cause.
func withoutURL(message string) string {
	if i := strings.Index(message, `": `); i >= 0 && strings.Contains(message[:i], `"`) {
		return message[i+3:]
	}
	return message
}
