package lint

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func loadUser(t *testing.T, files map[string]string) (*Linter, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return Load(fsys)
}

// TestLoadBadRuleFiles checks that every kind of mistake in a rules file is an error
// that names the file and the line to fix.
func TestLoadBadRuleFiles(t *testing.T) {
	const ok = "    severity: warning\n    message: m\n    why: w\n    suggestion: s\n"
	tests := []struct {
		name, body string
		line       int
		want       string
	}{
		{"unknown top-level key", "rulez: []\n", 1, `unknown top-level key "rulez"`},
		{"unknown rule key", "rules:\n  - id: x.y\n    kind: phrase\n    phrases: [a]\n    colour: red\n" + ok, 5, `unknown key "colour"`},
		{"unknown kind", "rules:\n  - id: x.y\n    kind: regex\n" + ok, 3, `unknown kind "regex"`},
		{"bad severity", "rules:\n  - id: x.y\n    kind: phrase\n    phrases: [a]\n    severity: fatal\n    message: m\n    why: w\n    suggestion: s\n", 5, `unknown severity "fatal"`},
		{"missing why", "rules:\n  - id: x.y\n    kind: phrase\n    phrases: [a]\n    severity: info\n    message: m\n    suggestion: s\n", 2, "missing why"},
		{"field of another kind", "rules:\n  - id: x.y\n    kind: phrase\n    phrases: [a]\n    verbs: [b]\n" + ok, 5, `field "verbs" is not used by kind "phrase"`},
		{"empty phrases", "rules:\n  - id: x.y\n    kind: phrase\n    phrases: []\n" + ok, 4, "needs a non-empty phrases list"},
		{"bad pattern class", "rules:\n  - id: x.y\n    kind: pattern\n    patterns: [\"{persn} forgot\"]\n" + ok, 4, "unknown class {persn}"},
		{"all-optional pattern", "rules:\n  - id: x.y\n    kind: pattern\n    patterns: [\"a? b?\"]\n" + ok, 4, "every element is optional"},
		{"bad subject class", "rules:\n  - id: x.y\n    kind: subject-verb\n    verbs: [forgot]\n    subjects: [robot]\n" + ok, 5, `unknown subject class "robot"`},
		{"bad scope", "rules:\n  - id: x.y\n    kind: phrase\n    phrases: [a]\n    scope: [narative]\n" + ok, 5, `unknown section kind "narative"`},
		{"bad placeholder", "rules:\n  - id: x.y\n    kind: phrase\n    phrases: [a]\n    severity: info\n    message: \"{who} did it\"\n    why: w\n    suggestion: s\n", 6, "unknown placeholder {who}"},
		{"unknown check", "rules:\n  - id: x.y\n    kind: action\n    check: vibes\n" + ok, 4, "needs check: one of"},
		{"check data missing", "rules:\n  - id: x.y\n    kind: document\n    check: factor-layer\n" + ok, 2, "needs a non-empty layers list"},
		{"bad category", "categories:\n  - name: fix-it\n    verbs: [a]\n", 2, `unknown category "fix-it"`},
		{"bad lexicon list", "lexicon:\n  robots: [a]\n", 2, `unknown lexicon list "robots"`},
		{"bad id", "rules:\n  - id: Bad_ID\n    kind: phrase\n    phrases: [a]\n" + ok, 2, "must be lower-case"},
		{"patch of unknown rule", "rules:\n  - id: no.such-rule\n    severity: info\n", 2, "does not exist"},
		{"patch of data field", "rules:\n  - id: blame.human-error\n    phrases: [oops]\n", 3, "can only change with a full replacement"},
		{"enabled not bool", "rules:\n  - id: blame.human-error\n    enabled: nope\n", 3, "enabled must be true or false"},
		{"window too big", "rules:\n  - id: x.y\n    kind: subject-verb\n    verbs: [a]\n    subjects: [person]\n    window: 99\n" + ok, 6, "window must be between"},
		{"threshold not a number", "rules:\n  - id: blame.model\n    threshold: high\n", 3, "threshold must be a number"},
		{"threshold out of range", "rules:\n  - id: blame.model\n    threshold: 99\n", 3, "threshold must be between"},
		{"threshold on a phrase rule", "rules:\n  - id: x.y\n    kind: phrase\n    phrases: [a]\n    threshold: 1\n" + ok, 5, `field "threshold" is not used by kind "phrase"`},
		{"duplicate in file", "rules:\n  - id: x.y\n    kind: phrase\n    phrases: [a]\n" + ok + "  - id: x.y\n    kind: phrase\n    phrases: [b]\n" + ok, 9, "duplicate rule id"},
		{"duplicate key", "rules:\n  - id: x.y\n    id: x.z\n", 3, `duplicate key "id"`},
		{"not yaml", "rules: [\n", 1, "invalid YAML"},
		{"list not string", "rules:\n  - id: x.y\n    kind: phrase\n    phrases: [[a]]\n" + ok, 4, "must be a string"},
		{"two documents", "rules: []\n---\nrules: []\n", 2, "one YAML document"},
		{"unknown supersedes", "rules:\n  - id: x.y\n    kind: phrase\n    phrases: [a]\n    supersedes: [no.such]\n" + ok, 5, `supersedes unknown rule "no.such"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadUser(t, map[string]string{"team/custom.yaml": tt.body})
			if err == nil {
				t.Fatalf("Load accepted:\n%s", tt.body)
			}
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("error %v is not a *LoadError", err)
			}
			if le.File != "team/custom.yaml" {
				t.Errorf("File = %q, want team/custom.yaml", le.File)
			}
			if le.Line != tt.line {
				t.Errorf("Line = %d, want %d (%v)", le.Line, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if !strings.HasPrefix(le.Error(), "team/custom.yaml:") {
				t.Errorf("Error() = %q, want it to start with the file name", le.Error())
			}
		})
	}
}

// TestUserRulesLayer checks overriding, patching, disabling and adding rules.
func TestUserRulesLayer(t *testing.T) {
	l, err := loadUser(t, map[string]string{
		"a.yaml": `
rules:
  - id: blame.human-error
    severity: info
  - id: judgement.character
    enabled: false
  - id: team.banned-words
    kind: phrase
    severity: error
    message: "'{match}' is on the team's list."
    why: The team agreed not to use it.
    suggestion: Use the agreed term.
    phrases: [war room]
lexicon:
  not_people: [Hellman]
`,
		"b.yml": `
rules:
  - id: team.banned-words
    severity: warning
`,
		"notes.txt": "not a rules file",
	})
	if err != nil {
		t.Fatal(err)
	}
	fs := l.Text("The root cause was human error. It was careless. We opened a war room.", TextOptions{})
	got := map[string]Severity{}
	for _, f := range fs {
		got[f.Rule] = f.Severity
	}
	if got["blame.human-error"] != Info {
		t.Errorf("patched severity: got %q, want info (%v)", got["blame.human-error"], fs)
	}
	if _, ok := got["judgement.character"]; ok {
		t.Errorf("disabled rule still fired: %v", fs)
	}
	if got["team.banned-words"] != Warning {
		t.Errorf("user rule, patched by a later file: got %q, want warning", got["team.banned-words"])
	}
	if info, ok := l.Rule("judgement.character"); !ok || info.Enabled {
		t.Errorf("Rule(judgement.character) = %+v, %v; want present and disabled", info, ok)
	}
	// The lexicon extension makes a capitalised word a system, not a person.
	for _, f := range l.Text("Hellman forgot to rotate its keys.", TextOptions{}) {
		t.Errorf("Hellman is a cluster, not a person: %+v", f)
	}
}

// A team can move the statistical rule's operating point: a lower threshold
// flags more sentences (more blame caught, more false alarms), a higher one fewer.
func TestModelThresholdPatch(t *testing.T) {
	const s = "Typical of Priya to skip the checklist again."
	fired := func(l *Linter) bool {
		for _, f := range l.Text(s, TextOptions{}) {
			if f.Rule == "blame.model" {
				return true
			}
		}
		return false
	}
	if !fired(mustLoad(t)) {
		t.Fatalf("the default model does not flag %q", s)
	}
	strict, err := loadUser(t, map[string]string{"a.yaml": "rules:\n  - id: blame.model\n    threshold: 40\n"})
	if err != nil {
		t.Fatal(err)
	}
	if fired(strict) {
		t.Errorf("threshold 40 still flags %q", s)
	}
}

// TestDefaultRulesAreDocumented checks every default rule has the fields users read.
func TestDefaultRulesAreDocumented(t *testing.T) {
	l := mustLoad(t)
	ids := map[string]bool{}
	for _, r := range l.Rules() {
		ids[r.ID] = true
		if r.Message == "" || r.Why == "" || !strings.HasPrefix(r.Source, "(default)/") {
			t.Errorf("rule %s: incomplete %+v", r.ID, r)
		}
	}
	if len(ids) < 30 {
		t.Errorf("only %d default rules loaded", len(ids))
	}
}

// FuzzLoad feeds arbitrary bytes as a user rules file: Load must return a Linter or
// an error, never panic, and a Linter it returns must check text without panicking.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("rules:\n  - id: a.b\n    kind: phrase\n    severity: info\n    message: m\n    why: w\n    suggestion: s\n    phrases: [foo bar]\n"))
	f.Add([]byte("rules:\n  - id: a.b\n    kind: pattern\n    severity: info\n    message: \"{match}\"\n    why: w\n    suggestion: s\n    patterns: [\"^ had {person} {participle} ... x|y*\"]\n"))
	f.Add([]byte("rules:\n  - id: a.b\n    kind: subject-verb\n    severity: error\n    message: m\n    why: w\n    suggestion: s\n    verbs: [\"forgot?\"]\n    subjects: [person, none]\n    objects: [bad]\n    window: 3\n"))
	f.Add([]byte("rules:\n  - id: blame.human-error\n    enabled: false\n"))
	f.Add([]byte("rules:\n  - id: blame.model\n    threshold: -1.5e0\n"))
	f.Add([]byte("sections:\n  - kind: postscript\n    headings: [ps]\nlexicon:\n  role_nouns: [wizard]\ncategories:\n  - name: detect\n    verbs: [watch]\n"))
	f.Add([]byte("rules: &a [*a]\n"))
	f.Add([]byte("{"))
	l0 := mustLoad(f)
	_ = l0
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Load(fstest.MapFS{"fuzz.yaml": &fstest.MapFile{Data: data}})
		if err != nil {
			var le *LoadError
			if !errors.As(err, &le) && !strings.Contains(err.Error(), "read rules") {
				t.Fatalf("error is not a *LoadError: %v", err)
			}
			return
		}
		l.Text("Dan forgot to renew the certificate; the on-call engineer should have known. ## Where we got lucky\nIt would have been worse.", TextOptions{Roster: []Person{{Name: "Dan Ek", Role: "SRE"}}})
		l.Action(Action{Text: "Investigate the issue going forward.", Known: FieldOwner})
	})
}

// TestChecksDocCoversRules keeps docs/checks.md in step with the default rules.
func TestChecksDocCoversRules(t *testing.T) {
	doc, err := os.ReadFile("../docs/checks.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range mustLoad(t).Rules() {
		if !strings.Contains(string(doc), "`"+r.ID+"`") {
			t.Errorf("docs/checks.md does not describe rule %s", r.ID)
		}
	}
}
