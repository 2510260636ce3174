package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// engineBinary builds the engine once for the tests that need a real process (signals).
func engineBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "vecstress-engine-test")
		if err != nil {
			binaryErr = err
			return
		}
		binaryPath = filepath.Join(dir, "vecstress-engine")
		if out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput(); err != nil {
			binaryErr = errors.New(string(out))
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

// startEngine starts the engine binary on plan (as JSON) against baseURL, passed as vecstress
// passes it: in the environment, not on the command line.
func startEngine(t *testing.T, plan *Plan, baseURL string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	planJSON, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(engineBinary(t), "run", "--plan", writeFile(t, "plan.json", string(planJSON)), "--corpus", writeFile(t, "corpus.ndjson", goodCorpus))
	cmd.Env = append(os.Environ(), baseURLEnv+"="+baseURL)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd, &stdout
}

// waitExit waits for cmd and returns its exit code and how long it took.
func waitExit(t *testing.T, cmd *exec.Cmd) (int, time.Duration) {
	t.Helper()
	began := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return cmd.ProcessState.ExitCode(), time.Since(began)
	case <-time.After(15 * time.Second):
		t.Fatal("the engine did not exit")
		return 0, 0
	}
}

func TestSignal_InterruptFlushesEveryWindowAndWritesTheEndLine(t *testing.T) {
	t.Parallel()
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { qdrantOK(w) }))
	defer target.Close()
	plan := planOf("open", Limits{MaxConnections: 8, MaxInFlight: 100, TimeoutMs: 10000}, [3]float64{60, 50, 50})
	cmd, stdout := startEngine(t, plan, target.URL)
	time.Sleep(2500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	code, took := waitExit(t, cmd)
	if code != 0 || took > 3*time.Second {
		t.Fatalf("exit %d after %v, want 0 within the grace", code, took)
	}
	out := parseOutput(t, stdout.String())
	end := out.end.Totals
	if out.end.Reason != "interrupted" || end.Sent < 50 || end.Sent > 200 || end.Completed+end.Abandoned != end.Sent {
		t.Fatalf("end %+v", out.end)
	}
	// Windows are emitted 11 s after their second (the 10 s timeout): every one written here was
	// flushed by the interrupt, and together they hold everything the end line counts.
	var sent, completed int64
	seconds := map[int]bool{}
	for _, w := range out.windows {
		sent += w.Sent
		completed += w.Completed
		seconds[w.Second] = true
	}
	if sent != end.Sent || completed != end.Completed || !seconds[0] || !seconds[1] {
		t.Fatalf("windows hold %d sent, %d completed over seconds %v; the end line %+v", sent, completed, seconds, end)
	}
	if len(out.ticks) < 2 || out.ticks[0].Second != 0 {
		t.Fatalf("ticks %+v", out.ticks)
	}
}

func TestSignal_ASecondSignalExitsAtOnce(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer func() { close(release); target.Close() }()
	plan := planOf("open", Limits{MaxConnections: 8, MaxInFlight: 100, TimeoutMs: 10000}, [3]float64{60, 50, 50})
	cmd, _ := startEngine(t, plan, target.URL)
	time.Sleep(1500 * time.Millisecond)
	// The first signal waits up to 2 s for the requests held by the target; the second ends that.
	_ = cmd.Process.Signal(syscall.SIGTERM)
	time.Sleep(300 * time.Millisecond)
	_ = cmd.Process.Signal(syscall.SIGTERM)
	if code, took := waitExit(t, cmd); code != exitSecondSignal || took > time.Second {
		t.Fatalf("exit %d after %v, want %d at once", code, took, exitSecondSignal)
	}
}
