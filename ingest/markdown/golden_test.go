package markdown

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden parses one complete postmortem and compares the whole result,
// incident and findings, with testdata/full-report.golden.json. Run with
// -update after an intended change, and read the diff.
func TestGolden(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "full-report.md"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse("full-report.md", src, Options{Now: time.Date(2024, 11, 21, 8, 0, 0, 0, time.UTC), OmitSource: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Incident.Validate(hindsight.DefaultScale); err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "full-report.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("result differs from %s; run with -update and review the diff\n%s", path, got)
	}
}
