package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// apiKeyEnv names the environment variable the API key comes from: never a flag, never a file,
// so it shows neither in process lists nor in the run folder.
const apiKeyEnv = "VECSTRESS_API_KEY"

// baseURLEnv names the environment variable the base URL comes from when --target is absent. The
// URL may carry a password in its userinfo: a flag shows it to anyone running ps, the environment
// only to the same user (/proc/PID/environ), so vecstress passes it here.
const baseURLEnv = "VECSTRESS_TARGET"

// interruptGrace is how long an interrupted run waits for requests in flight before flushing.
const interruptGrace = 2 * time.Second

// runCommand is `vecstress-engine run`.
func runCommand(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, err := parseRunArgs(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(stderr, "vecstress-engine: %v\n", err)
		// The end line tells a reader of stdout why no run started.
		_ = newLineWriter(stdout).write(endLine{Type: "end", Reason: "error", Error: err.Error(), EndUnixMs: time.Now().UnixMilli()})
		return exitUsage
	}
	interrupt := make(chan struct{})
	stopSignals := onSignals(interrupt, stderr)
	defer stopSignals()
	end := runEngine(cfg, interrupt, stdout, stderr)
	if end.Reason == "error" {
		fmt.Fprintf(stderr, "vecstress-engine: %s\n", end.Error)
		return exitRunError
	}
	return exitOK
}

// parseRunArgs reads run's flags and environment and loads and checks its input files; nothing is
// sent before.
func parseRunArgs(args []string, getenv func(string) string, stderr io.Writer) (engineConfig, error) {
	flags := flag.NewFlagSet("run", flag.ContinueOnError)
	flags.SetOutput(stderr)
	planPath := flags.String("plan", "", "the Plan as JSON (src/plan/types.ts)")
	corpusPath := flags.String("corpus", "", "the request corpus, NDJSON (src/engine/corpus-protocol.ts)")
	rawURL := flags.String("target", "", "base URL of the target, e.g. http://127.0.0.1:6333 (default $"+baseURLEnv+")")
	if err := flags.Parse(args); err != nil {
		return engineConfig{}, err
	}
	urlSource := "--target"
	if *rawURL == "" {
		*rawURL, urlSource = getenv(baseURLEnv), baseURLEnv
	}
	var missing []string
	for name, value := range map[string]string{"--plan": *planPath, "--corpus": *corpusPath, "--target": *rawURL} {
		if value == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 || flags.NArg() > 0 {
		return engineConfig{}, errors.New("run needs --plan, --corpus and a target (--target or " + baseURLEnv + "), and nothing else (see vecstress-engine help)")
	}
	baseURL, err := parseBaseURL(urlSource, *rawURL)
	if err != nil {
		return engineConfig{}, err
	}
	plan, err := loadPlan(*planPath)
	if err != nil {
		return engineConfig{}, err
	}
	corpus, err := loadCorpus(*corpusPath)
	if err != nil {
		return engineConfig{}, err
	}
	return engineConfig{plan: plan, corpus: corpus, baseURL: baseURL, apiKey: getenv(apiKeyEnv), grace: interruptGrace}, nil
}

// parseBaseURL checks the base URL read from source (a flag or a variable) and returns it without
// a trailing slash; an error quotes it with any password redacted.
func parseBaseURL(source, raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("%s: not a URL", source)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%s: want http(s)://host[:port][/path], got %s", source, u.Redacted())
	}
	return strings.TrimSuffix(raw, "/"), nil
}

// onSignals closes interrupt on the first SIGINT or SIGTERM, so the run stops sending and flushes
// what it has (k6's two-stage stop); a second one exits at once.
func onSignals(interrupt chan<- struct{}, stderr io.Writer) (stop func()) {
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			fmt.Fprintf(stderr, "vecstress-engine: %v: stopping, flushing windows (again to exit at once)\n", sig)
			close(interrupt)
		case <-done:
			return
		}
		select {
		case <-signals:
			os.Exit(exitSecondSignal)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}
