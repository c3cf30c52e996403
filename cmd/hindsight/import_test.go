package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// example is a file of the bundled example incident's evidence.
func example(name string) string {
	return filepath.Join("..", "..", "examples", "checkout-latency", name)
}

func TestImport(t *testing.T) {
	c := newCLI(t)
	id := c.ok("new", "--title", "Checkout latency", "--id", "ck")
	evidence := []string{"import", id, example("slack"), example("pagerduty/log_entries.json"), example("alertmanager/webhook.json"),
		example("github/deployments.json"), example("gitlog/config-repo.log"), example("notes.txt"),
		"--channel", "inc-2026-10-14-checkout", "--roster", example("roster.csv")}
	r := c.run(evidence...)
	if r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	added, err := strconv.Atoi(strings.TrimSpace(r.stdout))
	if err != nil || added < 80 {
		t.Fatalf("import printed %q, want the count of new events", r.stdout)
	}
	for _, want := range []string{"slack: slack, 52 events", "log_entries.json: pagerduty, 8 events",
		"warning: " + example("notes.txt") + ":12: \"1:12\" could be 01:12 or 13:12", "roster: 22 people"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	// The roster came in the same write: the timeline shows roles.
	doc := c.export(id)
	if n := len(doc["timeline"].([]any)); n != added {
		t.Errorf("%d events stored, %d reported", n, added)
	}
	var roster []map[string]any
	c.jsonOf(&roster, "roster", "list", id, "--json", "--with-names")
	if len(roster) != 22 {
		t.Errorf("roster has %d people, want 22", len(roster))
	}
	var tl []struct{ Actor, Text string }
	c.jsonOf(&tl, "timeline", id, "--all", "--json")
	for _, e := range tl {
		if strings.Contains(e.Actor, "Marek") || strings.Contains(e.Text, "Marek") {
			t.Errorf("a roster name survived: %q %q", e.Actor, e.Text)
		}
	}
	// Importing again adds nothing.
	if again := c.ok(evidence...); again != "0" {
		t.Errorf("a second import added %s events", again)
	}
	// --json prints the summary object.
	var sum struct {
		Incident   string
		Added      int
		Events     int
		Files      []struct{ Name, Format string }
		Identities []struct{ Source, Name string }
	}
	c.jsonOf(&sum, "import", id, example("statuspage/incident.json"), "--json")
	if sum.Incident != id || sum.Added != 4 || sum.Events != 4 || len(sum.Files) != 1 || sum.Files[0].Format != "statuspage" || sum.Identities == nil {
		t.Errorf("--json summary %+v", sum)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	c := newCLI(t)
	id := c.ok("new", "--title", "Checkout latency", "--id", "ck")
	bad := filepath.Join(t.TempDir(), "alerts.json")
	os.WriteFile(bad, []byte("{\"version\": \"4\", \"alerts\": [\n  {\"status\": \"firing\", \"startsAt\": \"soon\"}]}"), 0o644)
	c.fails(1, bad+":2: alert 1: startsAt: expected an RFC 3339 time", "import", id, example("pagerduty/log_entries.json"), bad,
		"--roster", example("roster.csv"))
	doc := c.export(id)
	if tl, _ := doc["timeline"].([]any); len(tl) != 0 {
		t.Errorf("a failed import left %d events", len(tl))
	}
	if roster, _ := doc["roster"].([]any); len(roster) != 0 {
		t.Errorf("a failed import left %d roster entries", len(roster))
	}
}

func TestImportBadInput(t *testing.T) {
	c := newCLI(t)
	id := c.ok("new", "--title", "Checkout latency", "--id", "ck")
	badRoster := filepath.Join(t.TempDir(), "roster.csv")
	os.WriteFile(badRoster, []byte("handle,name,role\namara,Amara,\n"), 0o644)
	prose := filepath.Join(t.TempDir(), "essay.txt")
	os.WriteFile(prose, []byte("We had an outage. It was bad.\n"), 0o644)
	tests := []struct {
		code int
		want string
		args []string
	}{
		{exitUsage, "takes an incident id and at least one evidence file", []string{"import", id}},
		{exitUsage, `--format "jira" is not a format`, []string{"import", id, prose, "--format", "jira"}},
		{exitUsage, `--tz "Mars/Olympus" is not a time zone`, []string{"import", id, prose, "--tz", "Mars/Olympus"}},
		{exitUsage, `--date "14/10/2026" is not a date`, []string{"import", id, prose, "--date", "14/10/2026"}},
		{exitFailure, "does not exist", []string{"import", id, "no-such-file.json"}},
		{exitFailure, "cannot tell the evidence format; pass --format", []string{"import", id, prose}},
		{exitFailure, "the export has 2 channels (general, inc-2026-10-14-checkout)", []string{"import", id, example("slack")}},
		{exitFailure, badRoster + ":2: the role of amara is empty", []string{"import", id, example("notes.txt"), "--roster", badRoster}},
		{exitFailure, `no incident "no-such-incident"`, []string{"import", "no-such-incident", example("notes.txt")}},
	}
	for _, tt := range tests {
		c.fails(tt.code, tt.want, tt.args...)
	}
}

// A log file becomes a few events and a pattern table: the example's first
// pool timeout sets impact_start, the table travels in the export, and a
// second import adds nothing.
func TestImportLog(t *testing.T) {
	c := newCLI(t)
	id := c.ok("new", "--title", "Checkout latency", "--id", "ck")
	log := example("logs/checkout-api.log")
	r := c.run("import", id, log)
	if r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	added, err := strconv.Atoi(strings.TrimSpace(r.stdout))
	if err != nil || added < 2 || added > 12 {
		t.Fatalf("import added %q events, want a handful", r.stdout)
	}
	if want := log + ": logfile, " + strconv.Itoa(added) + " events, 6 patterns"; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
	if strings.Contains(r.stderr, "%") {
		t.Errorf("a progress bar on a stderr that is not a terminal:\n%q", r.stderr)
	}
	var metrics struct {
		Milestones map[string]struct {
			Time time.Time
			Rule string
		}
	}
	c.jsonOf(&metrics, "metrics", id, "--json")
	first := time.Date(2026, 10, 14, 10, 38, 12, 391e6, time.UTC) // the first pool timeout
	start, ok := metrics.Milestones["impact_start"]
	if !ok || start.Rule != "impact-start-log-rise" || start.Time.Sub(first).Abs() > time.Minute {
		t.Errorf("impact_start %+v, want the first pool timeout at %s", start, first)
	}
	if end, ok := metrics.Milestones["impact_end"]; !ok || end.Rule != "impact-end-log-baseline" ||
		end.Time.Sub(time.Date(2026, 10, 14, 11, 25, 9, 0, time.UTC)).Abs() > 2*time.Minute {
		t.Errorf("impact_end %+v, want near the last pool timeout at 11:25:09Z", end)
	}
	doc := c.export(id)
	patterns, _ := doc["log_patterns"].([]any)
	if len(patterns) != 6 {
		t.Fatalf("log_patterns %v", doc["log_patterns"])
	}
	top := patterns[0].(map[string]any)
	if top["source"] != "checkout-api.log" || top["level"] != "ERROR" || top["ref"] != "checkout-api.log:8312" ||
		!strings.Contains(top["template"].(string), "timed out waiting for connection") {
		t.Errorf("top pattern %v", top)
	}
	if tl := doc["timeline"].([]any); len(tl) != added {
		t.Errorf("%d events stored, %d reported", len(tl), added)
	}
	// Again: nothing new, and the table does not double.
	if again := c.ok("import", id, log); again != "0" {
		t.Errorf("a second import added %s events", again)
	}
	if doc := c.export(id); len(doc["log_patterns"].([]any)) != 6 || doc["log_patterns"].([]any)[0].(map[string]any)["count"] != top["count"] {
		t.Errorf("the pattern table changed on a re-import: %v", doc["log_patterns"])
	}
	// The export restores with its table (new --from refuses unknown keys).
	file := filepath.Join(t.TempDir(), "ck.json")
	c.ok("export", id, "-o", file)
	c2 := newCLI(t)
	c2.ok("new", "--from", file)
	if doc := c2.export(id); len(doc["log_patterns"].([]any)) != 6 {
		t.Errorf("restored log_patterns %v", doc["log_patterns"])
	}
}

// TestRolesNotNames checks the promise of the roster: once the people of
// the evidence are on it, no output of Hindsight carries their real names;
// only an explicit --with-names backup does.
func TestRolesNotNames(t *testing.T) {
	b, err := os.ReadFile(example("roster.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		if f := strings.Split(line, ","); len(f) >= 3 && f[1] != "" {
			names = append(names, f[1])
			names = append(names, strings.Fields(f[1])...) // given and family names alone
		}
	}
	c := newCLI(t)
	id := c.ok("new", "--title", "Checkout latency", "--id", "ck")
	evidence := []string{example("slack"), example("pagerduty/log_entries.json"), example("pagerduty/incident.json"),
		example("alertmanager/webhook.json"), example("github/deployments.json"), example("github/deployment_statuses.json"),
		example("gitlog/config-repo.log"), example("statuspage/incident.json"), example("notes.txt"), example("logs/checkout-api.log")}
	imp := c.run(append([]string{"import", id, "--channel", "inc-2026-10-14-checkout", "--roster", example("roster.csv"), "--json"}, evidence...)...)
	if imp.code != 0 {
		t.Fatalf("import: %s", imp.stderr)
	}
	outputs := map[string]string{"import --json": imp.stdout}
	for _, args := range [][]string{
		{"export", id}, {"show", id, "--json"}, {"timeline", id, "--all", "--json"}, {"metrics", id, "--json"},
		{"gaps", id, "--json"}, {"report", id}, {"report", id, "--format", "html"}, {"roster", "list", id, "--json"},
		{"check", "incident", id, "--json"},
	} {
		outputs[strings.Join(args, " ")] = c.run(args...).stdout
	}
	for what, out := range outputs {
		if out == "" {
			t.Errorf("%s printed nothing", what)
		}
		for _, n := range names {
			if len(n) > 2 && regexp.MustCompile(`\b`+regexp.QuoteMeta(n)+`\b`).MatchString(out) {
				t.Errorf("%s shows the name %q of a person on the roster", what, n)
			}
		}
	}
	// A private backup keeps the names, and restores with them.
	backup := c.run("export", id, "--with-names").stdout
	if !strings.Contains(backup, names[0]) {
		t.Fatal("export --with-names dropped the roster's names")
	}
}
