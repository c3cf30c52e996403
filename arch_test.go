package hindsight_test

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// TestImportRules keeps the layout of docs/ARCHITECTURE.md true: the
// domain does no I/O, the engines import nothing of this module, adapters
// do not reach the store or each other's front ends.
func TestImportRules(t *testing.T) {
	const mod = "github.com/hindsight-sre/hindsight"
	out, err := exec.Command("go", "list", "-json", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	rules := []struct {
		pkg       string // package path below the module, "" for the root; a trailing / means "and below"
		forbidden []string
		onlyOwn   []string // when set: the only packages of this module it may import
	}{
		{pkg: "", forbidden: []string{"database/sql", "net/http/httptest", "os/exec"},
			onlyOwn: []string{"lint", "logmine"}},
		{pkg: "lint", onlyOwn: []string{}},
		{pkg: "logmine", onlyOwn: []string{}},
		{pkg: "ingest/", onlyOwn: []string{"", "ingest", "ingest/internal/evidence", "logmine"}},
		{pkg: "report", onlyOwn: []string{""}},
		{pkg: "store", onlyOwn: []string{""}},
	}
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, mod), "/")
		for _, r := range rules {
			applies := rel == r.pkg || strings.HasSuffix(r.pkg, "/") && strings.HasPrefix(rel+"/", r.pkg)
			if !applies {
				continue
			}
			for _, imp := range p.Imports {
				for _, f := range r.forbidden {
					if imp == f {
						t.Errorf("%s imports %s, which the layout forbids", p.ImportPath, imp)
					}
				}
				if r.onlyOwn == nil || !strings.HasPrefix(imp, mod) {
					continue
				}
				own := strings.TrimPrefix(strings.TrimPrefix(imp, mod), "/")
				ok := false
				for _, allowed := range r.onlyOwn {
					if own == allowed || strings.HasPrefix(own, rel+"/") || own == rel {
						ok = true
					}
				}
				if strings.HasPrefix(rel, "ingest/") && strings.HasPrefix(own, "ingest/internal/") {
					ok = true
				}
				if !ok {
					t.Errorf("%s imports %s, which the layout forbids (see docs/ARCHITECTURE.md)", p.ImportPath, imp)
				}
			}
		}
	}
}
