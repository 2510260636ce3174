package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

// corpusProtocolVersion is the corpus format this engine reads (src/engine/corpus-protocol.ts).
const corpusProtocolVersion = 1

// maxCorpusLine bounds one corpus line: a batch of large vectors stays well under it.
const maxCorpusLine = 64 << 20

// Corpus is corpus.ndjson read into memory: the collections in weight order, each with its ready
// requests, and the headers sent with every request.
type Corpus struct {
	Collections []Collection
	Headers     http.Header
	RecallEvery uint64
}

// Collection is one collection of the corpus header with the requests that followed for it.
type Collection struct {
	Name     string
	Pattern  string
	Weight   float64
	Check    responseCheck
	Requests []Request
}

// Request is one ready request; Truth holds the exact top-k ids, normalised by idKey.
type Request struct {
	Method string
	Path   string
	Body   []byte
	Truth  []string
}

type corpusHeaderLine struct {
	Type        string            `json:"type"`
	Protocol    int               `json:"protocol"`
	Collections []corpusColl      `json:"collections"`
	Headers     map[string]string `json:"headers"`
	RecallEvery *float64          `json:"recallEvery"`
}

type corpusColl struct {
	Name     string  `json:"name"`
	Pattern  string  `json:"pattern"`
	Weight   float64 `json:"weight"`
	Check    string  `json:"check"`
	Requests int     `json:"requests"`
}

type corpusRequestLine struct {
	Type       string            `json:"type"`
	Collection string            `json:"collection"`
	Method     string            `json:"method"`
	Path       string            `json:"path"`
	Body       *string           `json:"body"`
	Truth      []json.RawMessage `json:"truth"`
}

// loadCorpus reads and validates corpus.ndjson, listing every problem with its line number.
func loadCorpus(path string) (*Corpus, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, inputError{path, []string{readProblem(err)}}
	}
	defer f.Close()
	corpus, problems := readCorpus(f)
	if len(problems) > 0 {
		return nil, inputError{path, problems}
	}
	return corpus, nil
}

// readCorpus parses a corpus: the header on the first line that is not blank, then one request per
// line. It returns at most 20 problems, each with its line number.
func readCorpus(r io.Reader) (*Corpus, []string) {
	var problems []string
	bad := func(line int, field, format string, args ...any) {
		if len(problems) < 20 { // a corpus built wrong repeats one mistake on every line
			problems = append(problems, fmt.Sprintf("line %d: %s: %s", line, field, fmt.Sprintf(format, args...)))
		}
	}
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 0, 1<<20), maxCorpusLine)
	corpus := &Corpus{Headers: http.Header{}}
	index := map[string]int{} // collection name → its index in corpus.Collections
	var announced []int       // requests the header announces, by collection index
	header := false
	line := 0
	for scanner.Scan() {
		line++
		text := bytes.TrimSpace(scanner.Bytes())
		if len(text) == 0 {
			continue
		}
		if !header {
			header = true
			at := line
			announced = readCorpusHeader(text, corpus, index, func(field, format string, args ...any) { bad(at, field, format, args...) })
			continue
		}
		var req corpusRequestLine
		if err := json.Unmarshal(text, &req); err != nil {
			bad(line, "line", "not JSON: %v", err)
			continue
		}
		readCorpusRequest(req, corpus, index, func(field, format string, args ...any) { bad(line, field, format, args...) })
	}
	if err := scanner.Err(); err != nil {
		problems = append(problems, fmt.Sprintf("line %d: %v", line+1, err))
	}
	if !header {
		// Without a header there is no collection to pick from: the request mix could not run.
		problems = append(problems, "no header: expected a corpus header line, got an empty file or only blank lines")
	}
	if len(problems) > 0 {
		return nil, problems // counts below would only repeat the problems already listed
	}
	for i, c := range corpus.Collections {
		if want := announced[i]; len(c.Requests) != want {
			problems = append(problems, fmt.Sprintf("collection %q: the header announces %d requests, %d followed", c.Name, want, len(c.Requests)))
		}
	}
	return corpus, problems
}

// readCorpusHeader reads the header into corpus and index (collection name → index) and returns the
// number of requests it announces for each collection. Every collection it lists is kept, even a
// wrong one, so the problems of the request lines that follow still make sense.
func readCorpusHeader(text []byte, corpus *Corpus, index map[string]int, bad func(field, format string, args ...any)) (announced []int) {
	var h corpusHeaderLine
	if err := json.Unmarshal(text, &h); err != nil {
		bad("header", "not JSON: %v", err)
		return nil
	}
	if h.Type != "corpus" {
		bad("type", `the first line must be the header, type "corpus", got %q`, h.Type)
	}
	if h.Protocol != corpusProtocolVersion {
		bad("protocol", "this engine reads version %d, got %d", corpusProtocolVersion, h.Protocol)
	}
	if len(h.Collections) == 0 {
		bad("collections", "must list at least one collection")
	}
	for i, c := range h.Collections {
		field := fmt.Sprintf("collections[%d]", i)
		check, ok := responseChecks[c.Check]
		_, seen := index[c.Name]
		switch {
		case c.Name == "":
			bad(field+".name", "must not be empty")
		case seen:
			bad(field+".name", "%q is listed twice", c.Name)
		case !(c.Weight > 0):
			bad(field+".weight", "must be > 0, got %v", c.Weight)
		case !ok:
			bad(field+".check", "must be one of query, search, batch, gateway, got %q", c.Check)
		case c.Requests < 1:
			bad(field+".requests", "must be >= 1, got %d", c.Requests)
		}
		if !seen {
			index[c.Name] = len(corpus.Collections)
		}
		announced = append(announced, c.Requests)
		corpus.Collections = append(corpus.Collections, Collection{Name: c.Name, Pattern: c.Pattern, Weight: c.Weight, Check: check})
	}
	for name, value := range h.Headers {
		if strings.EqualFold(name, apiKeyHeader) {
			bad("headers."+name, "the API key never goes in the corpus: set VECSTRESS_API_KEY")
			continue
		}
		corpus.Headers.Set(name, value)
	}
	switch {
	case h.RecallEvery == nil:
		bad("recallEvery", "missing")
	case *h.RecallEvery < 0 || *h.RecallEvery != float64(uint64(*h.RecallEvery)):
		bad("recallEvery", "must be a whole number >= 0, got %v", *h.RecallEvery)
	default:
		corpus.RecallEvery = uint64(*h.RecallEvery)
	}
	return announced
}

// readCorpusRequest adds one request line to its collection, found by name in index.
func readCorpusRequest(req corpusRequestLine, corpus *Corpus, index map[string]int, bad func(field, format string, args ...any)) {
	if req.Type != "request" {
		bad("type", `must be "request", got %q`, req.Type)
		return
	}
	i, ok := index[req.Collection]
	if !ok {
		bad("collection", "%q is not in the header", req.Collection)
		return
	}
	c := &corpus.Collections[i]
	switch {
	case req.Method != "GET" && req.Method != "POST" && req.Method != "PUT":
		bad("method", "must be GET, POST or PUT, got %q", req.Method)
	case !strings.HasPrefix(req.Path, "/"):
		bad("path", "must start with /, got %q", req.Path)
	case strings.ContainsRune(req.Path, '#'):
		// The engine carries each request's intent in the URL fragment (intent.go).
		bad("path", "must not contain #, got %q", req.Path)
	case req.Body == nil:
		bad("body", "missing")
	case len(req.Truth) > 0 && c.Check == checkBatch:
		// A batch answers several searches at once: there is no single list of ids to compare
		// with, so recall would always read 0.
		bad("truth", "collection %q is checked as a batch, whose results have no single ranking to measure recall on: leave truth out", c.Name)
	default:
		truth := make([]string, 0, len(req.Truth))
		for _, id := range req.Truth {
			key, ok := idKey(id)
			if !ok {
				bad("truth", "ids must be numbers or strings, got %s", id)
				return
			}
			truth = append(truth, key)
		}
		c.Requests = append(c.Requests, Request{Method: req.Method, Path: req.Path, Body: []byte(*req.Body), Truth: truth})
	}
}
