package main

import (
	"encoding/json"
	"os"
	"testing"
)

// responseRules is test/vectors/response-check.json: the response rules the autocannon engine
// (src/engine/autocannon/response-check.ts) checks against the same cases.
type responseRules struct {
	Status []struct {
		Status uint16  `json:"status"`
		Class  *string `json:"class"`
	} `json:"status"`
	Transport []struct {
		Failure string   `json:"failure"`
		Class   string   `json:"class"`
		Go      []string `json:"go"`
	} `json:"transport"`
	Body []struct {
		Comment  string            `json:"comment"`
		Check    string            `json:"check"`
		Body     *string           `json:"body"`
		BodyFile string            `json:"bodyFile"`
		ShapeOK  bool              `json:"shapeOk"`
		ServerUs *int64            `json:"serverUs"`
		IDs      []json.RawMessage `json:"ids"`
	} `json:"body"`
	Recall []struct {
		Comment  string            `json:"comment"`
		Truth    []json.RawMessage `json:"truth"`
		Returned []json.RawMessage `json:"returned"`
		Recall   float64           `json:"recall"`
	} `json:"recall"`
}

func readResponseRules(t *testing.T) responseRules {
	t.Helper()
	var rules responseRules
	readVector(t, "response-check.json", &rules)
	if len(rules.Status) == 0 || len(rules.Transport) == 0 || len(rules.Body) == 0 || len(rules.Recall) == 0 {
		t.Fatal("response-check.json: a section is empty or misnamed")
	}
	return rules
}

// classNamed returns the class a vector names; null (nil) is a success.
func classNamed(t *testing.T, name *string) errorClass {
	t.Helper()
	if name == nil {
		return classNone
	}
	for c, n := range errorClassNames {
		if c != int(classNone) && n == *name {
			return errorClass(c)
		}
	}
	t.Fatalf("unknown class %q", *name)
	return classNone
}

func TestStatusClass_FollowsTheSharedVector(t *testing.T) {
	for _, row := range readResponseRules(t).Status {
		if got, want := statusClass(row.Status), classNamed(t, row.Class); got != want {
			t.Errorf("status %d: got %q, want %q", row.Status, got, want)
		}
	}
}

func TestTransportClass_FollowsTheSharedVector(t *testing.T) {
	for _, row := range readResponseRules(t).Transport {
		want := classNamed(t, &row.Class)
		for _, message := range row.Go {
			if got := transportClass(message); got != want {
				t.Errorf("%s, %q: got %q, want %q", row.Failure, message, got, want)
			}
		}
	}
}

func TestResponseCheck_FollowsTheSharedVector(t *testing.T) {
	for _, row := range readResponseRules(t).Body {
		check, ok := responseChecks[row.Check]
		if !ok {
			t.Fatalf("%s: unknown check %q", row.Comment, row.Check)
		}
		body := []byte(nil)
		if row.Body != nil {
			body = []byte(*row.Body)
		} else {
			data, err := os.ReadFile(qdrantFixtures + row.BodyFile)
			if err != nil {
				t.Fatal(err)
			}
			body = data
		}
		got := check.read(body)
		wantUs := int64(-1)
		if row.ServerUs != nil {
			wantUs = *row.ServerUs
		}
		if got.shapeOK != row.ShapeOK || got.serverUs != wantUs {
			t.Errorf("%s: shape ok %v, server µs %d; want %v, %d", row.Comment, got.shapeOK, got.serverUs, row.ShapeOK, wantUs)
			continue
		}
		if !row.ShapeOK {
			continue // ids are read for recall only from an ok response
		}
		ids := check.returnedIDs(got.result)
		if len(ids) != len(row.IDs) {
			t.Errorf("%s: %d ids, want %d", row.Comment, len(ids), len(row.IDs))
			continue
		}
		for i := range ids {
			if g, w := pointKeyOf(ids[i]), pointKeyOf(row.IDs[i]); g != w {
				t.Errorf("%s: id %d is %s, want %s", row.Comment, i, g, w)
			}
		}
	}
}

func TestRecallAt_FollowsTheSharedVector(t *testing.T) {
	for _, row := range readResponseRules(t).Recall {
		truth := make([]string, len(row.Truth))
		for i, id := range row.Truth {
			key, ok := idKey(id)
			if !ok {
				t.Fatalf("%s: truth id %s is no point id", row.Comment, id)
			}
			truth[i] = key
		}
		if got := recallAt(truth, row.Returned); got != row.Recall {
			t.Errorf("%s: got %v, want %v", row.Comment, got, row.Recall)
		}
	}
}

// pointKeyOf is idKey for comparing ids, with one key for every value that is no point id (the
// vector's null).
func pointKeyOf(raw json.RawMessage) string {
	if key, ok := idKey(raw); ok {
		return key
	}
	return "no id"
}
