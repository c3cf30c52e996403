package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// binary is the real hindsight program, built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hindsight-cli-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "hindsight")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		panic("build hindsight: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cli runs the binary against one database and returns what it printed.
type cli struct {
	t  *testing.T
	db string
}

func newCLI(t *testing.T) *cli {
	return &cli{t: t, db: filepath.Join(t.TempDir(), "test.db")}
}

type result struct {
	stdout, stderr string
	code           int
}

func (c *cli) run(args ...string) result {
	c.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "HINDSIGHT_DB="+c.db, "HINDSIGHT_CONFIG=", "XDG_CONFIG_HOME="+c.t.TempDir())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		c.t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

// ok runs a command that must succeed and returns the last line of stdout.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 0 {
		c.t.Fatalf("hindsight %s: exit %d\nstderr: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	return lines[len(lines)-1]
}

// fails runs a command that must fail with the given exit code and one
// clear line on stderr containing want.
func (c *cli) fails(code int, want string, args ...string) {
	c.t.Helper()
	r := c.run(args...)
	if r.code != code {
		c.t.Fatalf("hindsight %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, code, r.stdout, r.stderr)
	}
	first := strings.SplitN(r.stderr, "\n", 2)[0]
	if !strings.HasPrefix(first, "hindsight: ") || !strings.Contains(first, want) {
		c.t.Fatalf("hindsight %s: stderr %q, want one line with %q", strings.Join(args, " "), r.stderr, want)
	}
	if r.stdout != "" {
		c.t.Fatalf("hindsight %s: a failure printed data on stdout: %q", strings.Join(args, " "), r.stdout)
	}
}

func (c *cli) export(id string) map[string]any {
	c.t.Helper()
	r := c.run("export", id)
	if r.code != 0 {
		c.t.Fatalf("export: %s", r.stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		c.t.Fatalf("export is not JSON: %v", err)
	}
	return doc
}

func TestBuildAPostmortem(t *testing.T) {
	c := newCLI(t)
	id := c.ok("new", "--title", "Checkout latency", "--id", "inc-1", "--severity", "sev2")
	if id != "inc-1" {
		t.Fatalf("new printed %q", id)
	}
	c.ok("set", id, "summary", "Checkout requests slowed for 47 minutes.")
	c.ok("set", id, "services", "checkout-api, payments-db")
	c.ok("set", id, "impact.users_percent", "18%")
	if f := c.ok("factor", "add", id, "--text", "Requests waited for database connections", "--layer", "technical"); f != "F1" {
		t.Fatalf("factor add printed %q", f)
	}
	c.ok("factor", "add", id, "--text", "A config change lowered the pool to 20", "--layer", "technical", "--causes", "F1")
	c.ok("factor", "add", id, "--text", "Config changes skip load tests", "--layer", "process", "--causes", "F2")
	if a := c.ok("action", "add", id, "--title", "Add a CI check rejecting pool_size below 100", "--category", "prevent",
		"--owner", "checkout team", "--due", "2026-11-15", "--priority", "P1", "--addresses", "F3"); a != "A1" {
		t.Fatalf("action add printed %q", a)
	}
	if l := c.ok("lesson", "add", id, "--kind", "lucky", "--text", "The peak sale started three hours later"); l != "L1" {
		t.Fatalf("lesson add printed %q", l)
	}
	ev := c.ok("event", "add", id, "--at", "2026-10-14T13:02:00+02:00", "--text", "CheckoutHighErrorRate fired", "--kind", "alert", "--star")
	png := filepath.Join(t.TempDir(), "latency.png")
	os.WriteFile(png, []byte("\x89PNG\r\n\x1a\nfake"), 0o644)
	if name := c.ok("attach", id, png, "--caption", "p99 latency"); name != "latency.png" {
		t.Fatalf("attach printed %q", name)
	}

	doc := c.export(id)
	for _, key := range []string{"id", "title", "severity", "status", "summary", "impact", "roster", "timeline", "milestones",
		"factors", "actions", "lessons", "third_parties", "appendices"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("export lacks key %q", key)
		}
	}
	tl := doc["timeline"].([]any)
	if len(tl) != 1 || tl[0].(map[string]any)["id"] != ev || tl[0].(map[string]any)["time"] != "2026-10-14T11:02:00Z" {
		t.Fatalf("timeline %v", tl)
	}
	if doc["severity"] != "SEV2" || doc["impact"].(map[string]any)["users_percent"] != 18.0 {
		t.Fatalf("severity %v impact %v", doc["severity"], doc["impact"])
	}
	if acts := doc["actions"].([]any); acts[0].(map[string]any)["addresses"].([]any)[0] != "F3" {
		t.Fatalf("actions %v", acts)
	}

	// show --json prints the same document as export.
	show := c.run("show", id, "--json")
	if exp := c.run("export", id); show.stdout != exp.stdout {
		t.Fatal("show --json differs from export")
	}
	// An export restores under its own id after the original is gone: here,
	// into a second database.
	file := filepath.Join(t.TempDir(), "inc.json")
	c.ok("export", id, "-o", file)
	c2 := newCLI(t)
	if got := c2.ok("new", "--from", file); got != "inc-1" {
		t.Fatalf("restore printed %q", got)
	}
	restored := c2.export(id)
	restored["updated_at"], doc["updated_at"] = nil, nil
	restored["version"], doc["version"] = nil, nil
	a, _ := json.Marshal(restored)
	b, _ := json.Marshal(doc)
	if !bytes.Equal(a, b) {
		t.Fatalf("restored document differs:\n%s\n%s", a, b)
	}

	list := c.run("list", "--json")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(list.stdout), &rows); err != nil || len(rows) != 1 || rows[0]["id"] != "inc-1" {
		t.Fatalf("list --json: %v %s", err, list.stdout)
	}
}

func TestBadInputChangesNothing(t *testing.T) {
	c := newCLI(t)
	c.ok("new", "--title", "Checkout latency", "--id", "inc-1")
	c.ok("factor", "add", "inc-1", "--text", "Pool exhausted", "--layer", "technical")
	before := c.run("export", "inc-1").stdout

	c.fails(1, `no incident "nope"`, "set", "nope", "summary", "x")
	c.fails(1, `no incident "nope"`, "show", "nope")
	c.fails(1, `unknown category "someday"`, "action", "add", "inc-1", "--title", "Fix", "--category", "someday")
	c.fails(1, `unknown layer "cosmic"`, "factor", "add", "inc-1", "--text", "x", "--layer", "cosmic")
	c.fails(1, "unknown factor F9", "factor", "add", "inc-1", "--text", "x", "--layer", "process", "--causes", "F9")
	c.fails(1, "unknown factor F9", "action", "add", "inc-1", "--title", "Fix", "--category", "repair", "--addresses", "F9")
	c.fails(1, `unknown severity "SEV9"`, "set", "inc-1", "severity", "SEV9")
	c.fails(1, `unknown field "colour"`, "set", "inc-1", "colour", "red")
	c.fails(1, "not a percentage", "set", "inc-1", "impact.users_percent", "140")
	c.fails(1, "unknown lesson kind", "lesson", "add", "inc-1", "--kind", "meh", "--text", "x")
	c.fails(2, "not an RFC 3339 time", "event", "add", "inc-1", "--at", "yesterday at noon", "--text", "x")
	c.fails(2, "not an RFC 3339 time", "event", "add", "inc-1", "--at", "2026-10-14T13:02:00", "--text", "zone-less")
	c.fails(1, "changed by someone else", "set", "inc-1", "summary", "stale", "--if-version", "1")
	c.fails(1, "exists already", "new", "--title", "Again", "--id", "inc-1")
	c.fails(1, "must be lower-case", "new", "--title", "Bad", "--id", "Bad Id")
	c.fails(2, "unknown command", "frobnicate")
	c.fails(2, "takes 1 argument", "show")
	c.fails(2, "unknown flag", "list", "--colour")
	c.fails(2, "needs --title", "new")

	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"id": "inc-2", "title": "x", "timeline": [{"time": "not a time"}]}`), 0o644)
	c.fails(1, "bad.json", "new", "--from", bad)

	if after := c.run("export", "inc-1").stdout; after != before {
		t.Fatalf("bad input changed the incident:\n%s\n%s", before, after)
	}
	if r := c.run("list", "--json"); strings.Count(r.stdout, `"id"`) != 1 {
		t.Fatalf("bad input created incidents: %s", r.stdout)
	}
}

func TestHelpExplains(t *testing.T) {
	c := newCLI(t)
	r := c.run("--help")
	for _, want := range []string{"Exit codes", "--db", "new", "report"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--help lacks %q", want)
		}
	}
	if r := c.run("set", "--help"); !strings.Contains(r.stdout, "impact.users_affected") {
		t.Error("set --help does not list the fields")
	}
	if _, err := os.Stat(c.db); err == nil {
		t.Error("--help created the database")
	}
}

func TestAssess(t *testing.T) {
	c := newCLI(t)
	c.ok("new", "--title", "Checkout latency", "--id", "inc-1")
	c.fails(1, "no impact figures", "assess", "inc-1")
	c.ok("set", "inc-1", "impact.users_percent", "18")
	r := c.run("assess", "inc-1", "--json")
	var as map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &as); err != nil || as["severity"] != "SEV2" || as["postmortem_required"] != true {
		t.Fatalf("assess --json: %v %s", err, r.stdout)
	}
	if doc := c.export("inc-1"); doc["severity"] != "" {
		t.Fatalf("assess without --apply changed the severity to %v", doc["severity"])
	}
	c.ok("assess", "inc-1", "--apply")
	if doc := c.export("inc-1"); doc["severity"] != "SEV2" {
		t.Fatalf("assess --apply left severity %v", doc["severity"])
	}
	bad := filepath.Join(t.TempDir(), "scale.yaml")
	os.WriteFile(bad, []byte("levels:\n  - nam: P1\n"), 0o644)
	c.fails(1, "scale.yaml", "assess", "inc-1", "--scale", bad)
}

func TestReportAndDemo(t *testing.T) {
	c := newCLI(t)
	out := filepath.Join(t.TempDir(), "demo")
	r := c.run("demo", "-o", out)
	if r.code != 0 {
		t.Fatalf("demo: %s", r.stderr)
	}
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Executive Summary", "## Timeline", "## Root Cause Analysis", "## Action Items", "## Lessons Learned", "time to detect"} {
		if !strings.Contains(strings.ToLower(string(md)), strings.ToLower(want)) {
			t.Errorf("demo report.md lacks %q", want)
		}
	}
	if !strings.Contains(string(html), "<svg") {
		t.Error("demo report.html has no SVG timeline")
	}
	// The demo database is a normal one: the report command renders it too.
	demo := &cli{t: t, db: filepath.Join(out, "demo.db")}
	id := "2026-10-14-checkout-latency"
	if got := demo.run("report", id); got.code != 0 || got.stdout != string(md) {
		t.Fatalf("report of the demo database differs from the demo's report.md (exit %d: %s)", got.code, got.stderr)
	}
	file := filepath.Join(t.TempDir(), "r.html")
	demo.ok("report", id, "--format", "html", "-o", file)
	if b, _ := os.ReadFile(file); !strings.Contains(string(b), "<svg") {
		t.Fatal("report -o wrote no HTML")
	}
	demo.fails(2, "unknown report format", "report", id, "--format", "docx")

	// A template directory overrides one template; a template naming a
	// missing field fails before anything is written.
	tpl := t.TempDir()
	os.WriteFile(filepath.Join(tpl, "report.md.tmpl"), []byte("# {{.Title}}\n"), 0o644)
	if got := demo.ok("report", id, "--template", tpl); !strings.HasPrefix(got, "# Checkout latency") {
		t.Fatalf("override rendered %q", got)
	}
	os.WriteFile(filepath.Join(tpl, "report.md.tmpl"), []byte("# {{.Titel}}\n"), 0o644)
	target := filepath.Join(t.TempDir(), "x.md")
	demo.fails(1, "report.md.tmpl", "report", id, "--template", tpl, "-o", target)
	if _, err := os.Stat(target); err == nil {
		t.Fatal("a failed render left a file behind")
	}
}
