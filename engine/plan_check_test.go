package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckCommandRefusesABadPlanNamingItsFields(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.json")
	bad := `{"schemaVersion":1,"model":"open","seed":-1,"stages":[{"startSecond":0,"durationSeconds":0,"executor":"constant-arrival-rate","startTarget":1,"endTarget":1}],"durationSeconds":0,"limits":{"maxConnections":1,"maxInFlight":1,"timeoutMs":1}}`
	if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := command([]string{"check", "--plan", path}, envOf(nil), &stdout, &stderr); code != exitUsage {
		t.Fatalf("exit %d, want %d (stderr %q)", code, exitUsage, stderr.String())
	}
	for _, field := range []string{"seed:", "stages[0].durationSeconds:"} {
		if !strings.Contains(stderr.String(), field) {
			t.Errorf("stderr %q does not name %s", stderr.String(), field)
		}
	}
}

func TestCheckCommandNeedsAPlan(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := command([]string{"check"}, envOf(nil), &stdout, &stderr); code != exitUsage {
		t.Fatalf("exit %d, want %d", code, exitUsage)
	}
}
