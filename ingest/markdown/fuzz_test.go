package markdown

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hindsight-sre/hindsight"
)

// FuzzParse feeds the parser arbitrary documents: it must never panic, and
// whenever it accepts a document the incident must be valid.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.md")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("---\ntitle: x\n---\n# T\n## Timeline\n- 10:00 UTC start\n"))
	f.Add([]byte("+++\ntitle = \"x\"\n+++\n## Action items\n- [ ] fix\n"))
	f.Add([]byte("| Time | Event |\n|---|---|\n| 12:00 | x |\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := Parse("fuzz.md", src, Options{})
		if err != nil {
			return
		}
		if err := res.Incident.Validate(hindsight.DefaultScale); err != nil {
			t.Fatalf("invalid incident: %v", err)
		}
	})
}
