package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runIn runs the binary with stdin and no database, for checks that need none.
func runIn(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "HINDSIGHT_DB="+filepath.Join(t.TempDir(), "x.db"), "HINDSIGHT_CONFIG=", "XDG_CONFIG_HOME="+t.TempDir())
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

func TestCheckText(t *testing.T) {
	r := runIn(t, "Dan pushed a bad config.\nThe on-call engineer acknowledged the page at 14:09.\n", "check", "text", "--json")
	if r.code != exitFindings {
		t.Fatalf("exit %d, want 3\n%s%s", r.code, r.stdout, r.stderr)
	}
	var out struct {
		Findings []struct {
			Rule       string `json:"rule"`
			Severity   string `json:"severity"`
			Message    string `json:"message"`
			Line       int    `json:"line"`
			Span       [2]int `json:"span"`
			Suggestion string `json:"suggestion"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, r.stdout)
	}
	if len(out.Findings) != 1 || out.Findings[0].Rule != "blame.person-bad-object" || out.Findings[0].Line != 1 || out.Findings[0].Span != [2]int{0, 16} {
		t.Errorf("findings %+v", out.Findings)
	}
	// A clean text exits 0; --fail-on error ignores warnings.
	if r := runIn(t, "The cache warmed up in 6 minutes.", "check", "text", "-"); r.code != 0 {
		t.Errorf("clean text: exit %d", r.code)
	}
	if r := runIn(t, "Dan pushed a bad config.", "check", "text", "--fail-on", "error"); r.code != 0 || !strings.Contains(r.stdout, "blame.person-bad-object") {
		t.Errorf("--fail-on error: exit %d\n%s", r.code, r.stdout)
	}
	// A sentence the team keeps, with an inline suppression, passes.
	kept := "<!-- hindsight-disable-next-line blame.person-bad-object -->\nDan pushed a bad config.\n"
	if r := runIn(t, kept, "check", "text", "-"); r.code != 0 {
		t.Errorf("suppressed finding: exit %d\n%s", r.code, r.stdout)
	}
}

func TestCheckAction(t *testing.T) {
	r := runIn(t, "", "check", "action", "Investigate monitoring for this scenario.", "--json")
	var out struct {
		Findings []struct{ Rule string } `json:"findings"`
		Category string                  `json:"category"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, r.stdout)
	}
	if r.code != exitFindings || out.Category != "investigate" || len(out.Findings) == 0 {
		t.Errorf("exit %d, %+v", r.code, out)
	}
	r = runIn(t, "", "check", "action", "Add an alert when checkout 5xx exceeds 1% for 5 minutes.")
	if r.code != 0 || !strings.Contains(r.stdout, "category: detect") {
		t.Errorf("good item: exit %d\n%s", r.code, r.stdout)
	}
}

func TestCheckFileSARIFAndRules(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "pm.md")
	os.WriteFile(md, []byte("# Outage\n\n## Summary\n\nThe root cause was human error.\n"), 0o644)
	r := runIn(t, "", "check", "file", md, "--format", "sarif")
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
				Level  string `json:"level"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || log.Version != "2.1.0" {
		t.Fatalf("bad SARIF (%v):\n%s", err, r.stdout)
	}
	if r.code != exitFindings || !strings.Contains(r.stdout, `"blame.human-error"`) {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
	// A rules directory can turn the rule off and relax the missing-section checks
	// (blame.model, the statistical second opinion, would otherwise still read the
	// sentence as blame).
	rules := filepath.Join(dir, "rules")
	os.Mkdir(rules, 0o755)
	os.WriteFile(filepath.Join(rules, "team.yaml"), []byte("rules:\n  - id: blame.human-error\n    enabled: false\n  - id: blame.model\n    enabled: false\n  - id: document.section-missing\n    enabled: false\n"), 0o644)
	if r := runIn(t, "", "check", "file", md, "--rules", rules); r.code != 0 {
		t.Errorf("with --rules: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	os.WriteFile(filepath.Join(rules, "bad.yaml"), []byte("rules:\n  - id: x.y\n    kind: regex\n"), 0o644)
	if r := runIn(t, "", "check", "file", md, "--rules", rules); r.code != exitFailure || !strings.Contains(r.stderr, "bad.yaml:3") {
		t.Errorf("bad rules file: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestCheckFix(t *testing.T) {
	dir := t.TempDir()
	roster := filepath.Join(dir, "roster.csv")
	os.WriteFile(roster, []byte("handle,name,role\nschen,Sarah Chen,on-call engineer\n"), 0o644)
	r := runIn(t, "Sarah Chen paged @schen's manager.", "check", "text", "--fix", "--roster", roster)
	if r.code != 0 || r.stdout != "The on-call engineer paged the on-call engineer's manager." {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}
	if r := runIn(t, "x", "check", "text", "--fix"); r.code != exitUsage {
		t.Errorf("--fix without --roster: exit %d, want 2", r.code)
	}
}

func TestCheckIncident(t *testing.T) {
	c := newCLI(t)
	// The demo writes the bundled example into its own database; check it there.
	dir := t.TempDir()
	if r := c.run("demo", "-o", dir); r.code != 0 {
		t.Fatal(r.stderr)
	}
	c.db = filepath.Join(dir, "demo.db")
	id := strings.Fields(strings.Split(c.ok("list"), "\n")[0])[0]
	r := c.run("check", "incident", id, "--json")
	if r.code != 0 && r.code != exitFindings {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Findings []struct {
			Rule    string `json:"rule"`
			Section string `json:"section"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("bad JSON: %v", err)
	}
	for _, f := range out.Findings {
		// The bundled example is written blamelessly: no blame or judgement findings.
		if strings.HasPrefix(f.Rule, "blame.") || strings.HasPrefix(f.Rule, "judgement.") {
			t.Errorf("the example incident has a %s finding in %s", f.Rule, f.Section)
		}
	}
}
