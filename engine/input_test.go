package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const goodCorpus = `{"type":"corpus","protocol":1,"collections":[{"name":"a","pattern":"similarity_search","weight":2,"check":"query","requests":1},{"name":"b","pattern":"code_search","weight":1,"check":"search","requests":1}],"headers":{"content-type":"application/json"},"recallEvery":10}
{"type":"request","collection":"a","method":"POST","path":"/collections/a/points/query","body":"{}","truth":[1,"x"]}
{"type":"request","collection":"b","method":"POST","path":"/collections/b/points/search","body":"{}"}
`

func TestLoadCorpus_ReadsAValidCorpus(t *testing.T) {
	corpus, err := loadCorpus(writeFile(t, "corpus.ndjson", goodCorpus))
	if err != nil {
		t.Fatal(err)
	}
	if len(corpus.Collections) != 2 || corpus.Collections[1].Check != checkSearch || corpus.RecallEvery != 10 {
		t.Fatalf("corpus %+v", corpus)
	}
	if truth := corpus.Collections[0].Requests[0].Truth; len(truth) != 2 || truth[0] != "n:1" || truth[1] != "s:x" {
		t.Fatalf("truth %v", truth)
	}
}

func TestLoadCorpus_NamesTheFileLineFieldAndProblem(t *testing.T) {
	header := strings.SplitN(goodCorpus, "\n", 2)[0]
	for _, row := range []struct {
		name    string
		content string
		want    []string
	}{
		{"empty file", "", []string{"no header"}},
		{"only blank lines", "\n  \n\t\n", []string{"no header"}},
		{"no collections", `{"type":"corpus","protocol":1,"collections":[],"headers":{},"recallEvery":0}`, []string{"line 1: collections: must list at least one collection"}},
		{"collections missing", "\n" + `{"type":"corpus","protocol":1,"headers":{},"recallEvery":0}`, []string{"line 2: collections: must list at least one collection"}},
		{"truth on a batch collection", strings.Replace(goodCorpus, `"check":"query"`, `"check":"batch"`, 1), []string{"line 2: truth:", `"a"`, "batch"}},
		{"header missing", `{"type":"request","collection":"a","method":"POST","path":"/","body":"{}"}`, []string{"line 1: type:", `"corpus"`}},
		{"bad check", strings.Replace(goodCorpus, `"check":"search"`, `"check":"knn"`, 1), []string{"line 1: collections[1].check:", `"knn"`}},
		{"weight zero", strings.Replace(goodCorpus, `"weight":2`, `"weight":0`, 1), []string{"collections[0].weight: must be > 0"}},
		{"unknown collection", header + "\n" + `{"type":"request","collection":"zz","method":"POST","path":"/x","body":"{}"}`, []string{"line 2: collection:", `"zz"`}},
		{"bad method", strings.Replace(goodCorpus, `"method":"POST"`, `"method":"DELETE"`, 1), []string{"line 2: method:", "DELETE"}},
		{"path with a fragment", strings.Replace(goodCorpus, `points/query"`, `points/query#x"`, 1), []string{"line 2: path: must not contain #"}},
		{"id of another type", strings.Replace(goodCorpus, `[1,"x"]`, `[1,{"a":1}]`, 1), []string{"line 2: truth:"}},
		{"announced count differs", strings.Replace(goodCorpus, `"requests":1}],`, `"requests":3}],`, 1), []string{`collection "b": the header announces 3 requests, 1 followed`}},
		{"API key in the corpus", strings.Replace(goodCorpus, `"headers":{`, `"headers":{"api-key":"s3cret",`, 1), []string{"headers.api-key:", "VECSTRESS_API_KEY"}},
		{"not JSON", header + "\n{oops", []string{"line 2: line: not JSON"}},
	} {
		t.Run(row.name, func(t *testing.T) {
			path := writeFile(t, "corpus.ndjson", row.content)
			_, err := loadCorpus(path)
			if err == nil {
				t.Fatal("accepted")
			}
			for _, want := range append(row.want, path) {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("%q does not say %q", err, want)
				}
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("%q repeats the secret", err)
			}
		})
	}
}

const goodPlan = `{"schemaVersion":1,"profile":"p","model":"open","seed":1,"durationSeconds":10,"thinkTimeMs":0,
"stages":[{"index":0,"name":"a","startSecond":0,"durationSeconds":4,"executor":"ramping-arrival-rate","startTarget":0,"endTarget":10},
{"index":1,"name":"b","startSecond":4,"durationSeconds":6,"executor":"constant-arrival-rate","startTarget":10,"endTarget":10}],
"limits":{"maxConnections":8,"maxInFlight":16,"timeoutMs":1000}}`

func TestLoadPlan_ListsEveryProblemWithItsField(t *testing.T) {
	if _, err := loadPlan(writeFile(t, "plan.json", goodPlan)); err != nil {
		t.Fatalf("a valid plan: %v", err)
	}
	bad := strings.NewReplacer(
		`"schemaVersion":1`, `"schemaVersion":2`,
		`"startSecond":4`, `"startSecond":5`,
		`"executor":"constant-arrival-rate"`, `"executor":"constant-vus"`,
		`"maxInFlight":16`, `"maxInFlight":0`,
	).Replace(goodPlan)
	path := writeFile(t, "plan.json", bad)
	_, err := loadPlan(path)
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{path, "schemaVersion: this engine reads version 1, got 2", "stages[1].startSecond: must be 4", `stages[1].executor: "constant-vus" is a closed-model executor, but the plan's model is open`, "limits.maxInFlight: must be >= 1", "durationSeconds: must equal the stages' end, 11"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	if _, err := loadPlan(writeFile(t, "plan.json", `[1]`)); err == nil || !strings.Contains(err.Error(), "not a plan") {
		t.Errorf("a JSON array: %v", err)
	}
}

func TestLoadCorpus_BlankLinesBeforeTheHeaderAreSkipped(t *testing.T) {
	corpus, err := loadCorpus(writeFile(t, "corpus.ndjson", "\n   \n"+goodCorpus+"\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(corpus.Collections) != 2 || len(corpus.Collections[0].Requests) != 1 || len(corpus.Collections[1].Requests) != 1 {
		t.Fatalf("corpus %+v", corpus)
	}
}

func TestLoadCorpus_ABatchCollectionWithoutTruthIsValid(t *testing.T) {
	content := strings.NewReplacer(`"check":"query"`, `"check":"batch"`, `,"truth":[1,"x"]`, ``).Replace(goodCorpus)
	corpus, err := loadCorpus(writeFile(t, "corpus.ndjson", content))
	if err != nil {
		t.Fatal(err)
	}
	if c := corpus.Collections[0]; c.Check != checkBatch || len(c.Requests) != 1 || len(c.Requests[0].Truth) != 0 {
		t.Fatalf("collection %+v", c)
	}
}

func TestParseBaseURL(t *testing.T) {
	if got, err := parseBaseURL("--target", "http://127.0.0.1:6333/"); err != nil || got != "http://127.0.0.1:6333" {
		t.Fatalf("got %q, %v", got, err)
	}
	for _, bad := range []string{"127.0.0.1:6333", "ftp://h/", "http://h/?x=1", "http://user:hunter2@h/?x=1"} {
		_, err := parseBaseURL(baseURLEnv, bad)
		if err == nil {
			t.Errorf("%s accepted", bad)
		} else if strings.Contains(err.Error(), "hunter2") || !strings.HasPrefix(err.Error(), baseURLEnv+": ") {
			t.Errorf("%q shows the password or does not name where the URL came from", err)
		}
	}
}

// envOf is a getenv over vars.
func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestParseRunArgs_TheTargetComesFromTheFlagOrElseTheEnvironment(t *testing.T) {
	planPath := writeFile(t, "plan.json", goodPlan)
	corpusPath := writeFile(t, "corpus.ndjson", goodCorpus)
	files := []string{"--plan", planPath, "--corpus", corpusPath}
	for _, row := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"environment only", files, map[string]string{baseURLEnv: "http://user:pw@lb:6333/"}, "http://user:pw@lb:6333"},
		{"flag only", append(files, "--target", "http://127.0.0.1:6333"), nil, "http://127.0.0.1:6333"},
		{"the flag wins", append(files, "--target", "http://127.0.0.1:6333"), map[string]string{baseURLEnv: "http://other:1"}, "http://127.0.0.1:6333"},
	} {
		t.Run(row.name, func(t *testing.T) {
			var stderr strings.Builder
			cfg, err := parseRunArgs(row.args, envOf(row.env), &stderr)
			if err != nil || cfg.baseURL != row.want {
				t.Fatalf("base URL %q, %v; want %q", cfg.baseURL, err, row.want)
			}
		})
	}
	var stderr strings.Builder
	if _, err := parseRunArgs(files, envOf(nil), &stderr); err == nil || !strings.Contains(err.Error(), baseURLEnv) {
		t.Errorf("no base URL: %v, want an error naming %s", err, baseURLEnv)
	}
	_, err := parseRunArgs(files, envOf(map[string]string{baseURLEnv: "ftp://user:hunter2@h/"}), &stderr)
	if err == nil || !strings.Contains(err.Error(), baseURLEnv+": ") || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("a bad base URL from the environment: %v", err)
	}
}

func TestRunCommand_BadInputExitsWithUsageAndAnEndLine(t *testing.T) {
	planPath := writeFile(t, "plan.json", strings.Replace(goodPlan, `"timeoutMs":1000`, `"timeoutMs":0`, 1))
	corpusPath := writeFile(t, "corpus.ndjson", goodCorpus)
	for _, args := range [][]string{
		{"run", "--plan", planPath, "--corpus", corpusPath, "--target", "http://127.0.0.1:1"},
		{"run", "--plan", planPath},
		{"run", "--plan", planPath + ".missing", "--corpus", corpusPath, "--target", "http://127.0.0.1:1"},
	} {
		var stdout, stderr strings.Builder
		if code := command(args, envOf(nil), &stdout, &stderr); code != exitUsage {
			t.Fatalf("%v: exit %d, want %d", args, code, exitUsage)
		}
		out := parseOutput(t, stdout.String())
		if out.end.Reason != "error" || out.end.Error == "" || len(out.windows)+len(out.ticks) != 0 || !strings.Contains(stderr.String(), out.end.Error) {
			t.Fatalf("%v: end %+v, stderr %q", args, out.end, stderr.String())
		}
	}
}

func TestVersionCommand_PrintsTheBuildAsJSON(t *testing.T) {
	var stdout, stderr strings.Builder
	if code := command([]string{"version"}, envOf(nil), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{`"version":"dev"`, `"sourceHash":"unknown"`, `"go":"go1.`, `"vegeta":"v12.13.0"`, `"hdrhistogram":"v1.1.2"`} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("%s does not hold %s", stdout.String(), want)
		}
	}
}
