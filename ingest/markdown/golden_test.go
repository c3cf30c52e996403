package markdown

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/internal/golden"
)

// TestGolden parses one complete postmortem and compares the whole result,
// incident and findings, with testdata/full-report.json.golden. Run with
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
	golden.Assert(t, "full-report.json", append(got, '\n'))
}
