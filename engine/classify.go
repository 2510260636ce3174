package main

import "strings"

// errorClass keeps failure kinds apart, as ERROR_CLASSES of src/runfolder/engine-lines.ts does: a
// timeout and a 503 mean different things. The classes are mutually exclusive. These rules, the
// body check (check.go) and recall (recall.go) are the reference the autocannon engine follows;
// test/vectors/response-check.json pins both.
type errorClass uint8

const (
	classNone errorClass = iota
	classTimeout
	classRefused
	classReset
	classStatus429
	classStatus4xx
	classStatus5xx
	// classCheck is a 2xx whose body has the wrong shape.
	classCheck
	classOther
	errorClassCount
)

var errorClassNames = [errorClassCount]string{"", "timeout", "refused", "reset", "status429", "status4xx", "status5xx", "check", "other"}

func (c errorClass) String() string { return errorClassNames[c] }

// statusClass classifies a response by its status code; a 2xx is classNone until its body is
// checked. 1xx, 3xx (redirects are not followed) and anything past 599 are answers of their own.
func statusClass(code uint16) errorClass {
	switch {
	case code >= 200 && code < 300:
		return classNone
	case code == 429:
		return classStatus429
	case code >= 400 && code < 500:
		return classStatus4xx
	case code >= 500 && code < 600:
		return classStatus5xx
	default:
		return classOther
	}
}

// transportClass classifies a request that got no response. vegeta keeps errors as strings
// (Result.Error), so the class is read from the wording of Go's net/http and syscall errors;
// classify_test.go provokes each failure for real, so a change of wording fails a test.
func transportClass(message string) errorClass {
	switch {
	case strings.Contains(message, "Client.Timeout"), strings.Contains(message, "deadline exceeded"),
		strings.Contains(message, "i/o timeout"), strings.Contains(message, "timeout awaiting response headers"):
		return classTimeout
	case strings.Contains(message, "connection refused"):
		return classRefused
	case strings.Contains(message, "connection reset"), strings.Contains(message, "broken pipe"),
		strings.HasSuffix(message, "EOF"), strings.Contains(message, "server closed idle connection"):
		// EOF: the server closed the connection before (or while) answering.
		return classReset
	default:
		return classOther
	}
}
