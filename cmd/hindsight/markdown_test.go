package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hs runs the real binary against the database at db.
func hs(t *testing.T, db string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	r := (&cli{t: t, db: db}).run(args...)
	return r.stdout, r.stderr, r.code
}

const postmortem = `# Cache stampede after a deploy

## Summary

A deploy emptied the cache and the database was overloaded.

## Timeline

All times in UTC.

- 2024-02-01 10:00 Deploy started
- 2024-02-01 10:04 Alert fired for database load
- 2024-02-01 10:2? Cache warmed again

## Action items

- [ ] Warm the cache before switching traffic
- [x] Add an alert on cache hit ratio
`

func TestNewFromMarkdown(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	md := filepath.Join(dir, "cache-stampede.md")
	if err := os.WriteFile(md, []byte(postmortem), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := hs(t, db, "new", "--from", md)
	if code != 0 || strings.TrimSpace(out) != "cache-stampede" {
		t.Fatalf("new --from: code %d, stdout %q, stderr %q", code, out, errs)
	}
	if !strings.Contains(errs, "cache-stampede.md:13: warning:") || !strings.Contains(errs, "markdown/time-unreadable") {
		t.Errorf("findings on stderr: %q", errs)
	}
	out, _, code = hs(t, db, "export", "cache-stampede")
	if code != 0 {
		t.Fatalf("export: %d", code)
	}
	var inc struct {
		Timeline []struct{ Text string }   `json:"timeline"`
		Actions  []struct{ Status string } `json:"actions"`
		Version  int                       `json:"version"`
	}
	if err := json.Unmarshal([]byte(out), &inc); err != nil {
		t.Fatal(err)
	}
	if len(inc.Timeline) != 3 || len(inc.Actions) != 2 || inc.Actions[1].Status != "done" || inc.Version != 1 {
		t.Errorf("stored incident: %+v", inc)
	}
	// The same file again: the id is taken.
	if _, errs, code := hs(t, db, "new", "--from", md); code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("second import: code %d, %q", code, errs)
	}
	// --id overrides the file name; a file with no extension is sniffed.
	plain := filepath.Join(dir, "postmortem")
	os.WriteFile(plain, []byte(postmortem), 0o644)
	if out, errs, code := hs(t, db, "new", "--from", plain, "--id", "stampede-2"); code != 0 || strings.TrimSpace(out) != "stampede-2" {
		t.Errorf("sniffed Markdown: code %d, %q %q", code, out, errs)
	}
	// JSON still restores as before.
	exp := filepath.Join(dir, "exported.json")
	out, _, _ = hs(t, db, "export", "stampede-2")
	os.WriteFile(exp, []byte(out), 0o644)
	if _, errs, code := hs(t, filepath.Join(dir, "other.db"), "new", "--from", exp); code != 0 {
		t.Errorf("restore JSON: %d %q", code, errs)
	}
}

func TestImportArchive(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	arch := filepath.Join(dir, "archive")
	os.MkdirAll(filepath.Join(arch, "2024"), 0o755)
	os.WriteFile(filepath.Join(arch, "2024", "cache-stampede.md"), []byte(postmortem), 0o644)
	os.WriteFile(filepath.Join(arch, "dns.md"), []byte("# DNS outage\n\n## Action items\n\n- Lower the TTL\n"), 0o644)
	os.WriteFile(filepath.Join(arch, "README.md"), []byte("# Our postmortems\n"), 0o644)
	os.WriteFile(filepath.Join(arch, "broken.md"), []byte{0, 1, 2}, 0o644)

	out, errs, code := hs(t, db, "import-archive", arch, "--dry-run", "--json")
	if code != 1 {
		t.Fatalf("dry run with a broken file: code %d, %q", code, errs)
	}
	var entries []struct {
		File, ID, Error   string
		Timeline, Actions int
	}
	if err := json.Unmarshal([]byte(out), &entries); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(entries) != 3 || entries[0].File != filepath.Join("2024", "cache-stampede.md") || entries[0].Timeline != 3 ||
		entries[1].Error == "" || entries[2].ID != "dns" || entries[2].Actions != 1 {
		t.Errorf("entries: %+v", entries)
	}
	if out, _, _ := hs(t, db, "list", "--json"); strings.Contains(out, "dns") {
		t.Errorf("dry run created incidents: %s", out)
	}

	out, errs, code = hs(t, db, "import-archive", arch)
	if code != 1 || !strings.Contains(errs, "broken.md") || !strings.Contains(errs, "1 of 3 files were not imported") {
		t.Errorf("import: code %d, stderr %q", code, errs)
	}
	if !strings.Contains(out, "cache-stampede") || !strings.Contains(out, "FINDINGS") {
		t.Errorf("summary: %q", out)
	}
	if out, _, _ := hs(t, db, "list", "--json"); !strings.Contains(out, `"dns"`) || !strings.Contains(out, `"cache-stampede"`) {
		t.Errorf("the other files were not imported: %s", out)
	}
}
