package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func day(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }

// sampleDocument is a small report with one problem of each whole-document kind.
func sampleDocument() Document {
	at := func(h, m int) time.Time { return time.Date(2024, 3, 2, h, m, 0, 0, time.UTC) }
	return Document{
		Sections: []Section{
			{Name: "Summary", Text: "Checkout returned errors for 47 minutes after a config push.", Line: 3},
			{Name: "Impact", Text: "TBD", Line: 6},
			{Name: "Timeline", Text: "- 14:02 Sarah pushed config 42.\n- 14:09 The on-call engineer acknowledged the page.", Line: 9},
			{Name: "Contributing factors", Text: "The validation step accepted an empty allow-list.", Line: 13},
			{Name: "Where we got lucky", Text: "Had the push happened during the sale, it would have been far worse.", Line: 16},
		},
		Factors: []Factor{
			{ID: "F1", Text: "Checkout rejected all requests.", Layer: "technical", Causes: []string{"F2"}, Line: 20},
			{ID: "F2", Text: "The engineer pushed a bad config with an empty allow-list.", Layer: "", Line: 21},
		},
		Actions: []Action{
			{Text: "Improve the rollout process.", Line: 25, Known: FieldOwner | FieldDue, Owner: "SRE", Due: day(10), Addresses: []string{"F1"}},
			{Text: "Restore the 312 deleted records from the 02:00 snapshot.", Line: 26, Known: FieldOwner | FieldDue},
			{Text: "Improve   the rollout process", Line: 27, Known: FieldOwner | FieldDue, Owner: "SRE", Due: day(30), Done: true},
		},
		Milestones: []Milestone{
			{Name: "impact_start", Time: at(14, 2), Line: 10},
			{Name: "detected", Time: at(14, 5), Line: 11},
			{Name: "acknowledged", Time: at(13, 9), Line: 12},
			{Name: "resolved", Time: at(14, 49)},
		},
		UsersAffected: true,
		Roster:        []Person{{Name: "Sarah Kim", Handles: []string{"skim"}, Role: "release engineer"}},
		Now:           day(20),
	}
}

// TestDocumentGolden checks Document on a sample report against a golden file.
func TestDocumentGolden(t *testing.T) {
	l := mustLoad(t)
	fs := l.Document(sampleDocument())
	want := []string{
		"document.section-empty", "document.lessons-missing", "document.milestone-order",
		"document.single-chain", "document.person-terminal", "document.factor-layer",
		"document.layer-coverage", "actions.detect-or-prevent", "actions.factor-uncovered",
		"actions.duplicate", "actions.overdue", "action.owner", "action.due",
		"action.vague-verb", "names.named-actor",
	}
	for _, id := range want {
		if !hasRule(fs, id) {
			t.Errorf("no %s finding; got %v", id, rulesOf(fs))
		}
	}
	compareGolden(t, filepath.Join("testdata", "document.golden.json"), map[string]any{"findings": fs})
}

func TestMilestoneOrder(t *testing.T) {
	l := mustLoad(t)
	t0 := time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		offsets []int // minutes; -1 = unknown
		want    int
	}{
		{[]int{0, 5, 10, 30}, 0},
		{[]int{0, -1, 10, 30}, 0},
		{[]int{10, 5, 20}, 1},
		{[]int{0, 30, 10, 20}, 2}, // both later milestones precede the 30-minute one
		{[]int{}, 0},
	}
	for _, tt := range tests {
		var ms []Milestone
		for i, o := range tt.offsets {
			m := Milestone{Name: fmt.Sprintf("m%d", i)}
			if o >= 0 {
				m.Time = t0.Add(time.Duration(o) * time.Minute)
			}
			ms = append(ms, m)
		}
		n := 0
		for _, f := range l.Document(Document{Milestones: ms}) {
			if f.Rule == "document.milestone-order" {
				n++
			}
		}
		if n != tt.want {
			t.Errorf("offsets %v: %d findings, want %d", tt.offsets, n, tt.want)
		}
	}
}

func TestCausalShape(t *testing.T) {
	l := mustLoad(t)
	f := func(id, text, layer string, causes ...string) Factor {
		return Factor{ID: id, Text: text, Layer: layer, Causes: causes}
	}
	tests := []struct {
		name    string
		factors []Factor
		single  bool
		person  bool
		missing string
	}{
		{"one factor", []Factor{f("A", "The cache expired.", "technical")}, true, false, "process or organizational"},
		{"chain", []Factor{f("A", "Checkout failed.", "technical", "B"), f("B", "The deploy skipped canaries.", "process", "C"), f("C", "Deadlines were tight.", "organizational")}, true, false, ""},
		{"graph", []Factor{f("A", "Checkout failed.", "technical", "B", "C"), f("B", "Validation accepted the config.", "technical"), f("C", "Reviews skip config files.", "process")}, false, false, "organizational"},
		{"ends at human error", []Factor{f("A", "Checkout failed.", "technical", "B"), f("B", "Human error during the deploy.", "process")}, true, true, "organizational"},
		{"ends at a person", []Factor{f("A", "Checkout failed.", "technical", "B", "C"), f("B", "The operator ran the wrong command.", "process"), f("C", "The tool accepted it.", "technical")}, false, true, "organizational"},
		{"person not at the end", []Factor{f("A", "The engineer ran the script.", "process", "B"), f("B", "The script had no dry-run mode.", "technical"), f("C", "Staffing was thin.", "organizational")}, false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := l.Document(Document{Factors: tt.factors, Sections: []Section{{Name: "Root cause", Text: "See factors."}}})
			if got := hasRule(fs, "document.single-chain"); got != tt.single {
				t.Errorf("single-chain = %v, want %v", got, tt.single)
			}
			if got := hasRule(fs, "document.person-terminal"); got != tt.person {
				t.Errorf("person-terminal = %v, want %v (%v)", got, tt.person, rulesOf(fs))
			}
			gotMissing := ""
			for _, x := range fs {
				if x.Rule == "document.layer-coverage" {
					gotMissing = strings.TrimSuffix(strings.TrimPrefix(x.Message, "No contributing factor is in the "), " layer.")
				}
			}
			if gotMissing != tt.missing {
				t.Errorf("missing layers %q, want %q", gotMissing, tt.missing)
			}
		})
	}
}

func TestActionsList(t *testing.T) {
	l := mustLoad(t)
	now := day(20)
	list := []Action{
		{Text: "Roll back payments-api to v2.14.3.", Due: day(1), Done: true},
		{Text: "Restore the deleted rows from the snapshot.", Due: day(5), Addresses: []string{"F1"}},
		{Text: "restore the deleted rows from the snapshot", Line: 9},
	}
	fs := l.Actions(list, ActionsContext{UsersAffected: true, Now: now, Factors: []Factor{{ID: "F1"}, {ID: "F2", Line: 4}}})
	count := map[string]int{}
	for _, f := range fs {
		count[f.Rule]++
	}
	want := map[string]int{"actions.detect-or-prevent": 1, "actions.overdue": 1, "actions.duplicate": 1, "actions.factor-uncovered": 1}
	for id, n := range want {
		if count[id] != n {
			t.Errorf("%s: %d findings, want %d (%v)", id, count[id], n, fs)
		}
	}
	// A detect item clears the category check; no users affected skips it.
	list = append(list, Action{Text: "Add an alert when payments 5xx exceed 1% for 5 minutes."})
	if hasRule(l.Actions(list, ActionsContext{UsersAffected: true}), "actions.detect-or-prevent") {
		t.Error("detect item present, but detect-or-prevent still fired")
	}
	if hasRule(l.Actions(nil, ActionsContext{}), "actions.detect-or-prevent") {
		t.Error("detect-or-prevent fired without user impact")
	}
}

// TestActionsOverdueDay checks that an item is overdue only once its due day has
// passed, as ActionItem.Overdue in the domain: due today is not "0 days ago".
func TestActionsOverdueDay(t *testing.T) {
	l := mustLoad(t)
	due := day(10)
	for _, tc := range []struct {
		now  time.Time
		want string // "" for no finding, else a substring of the message
	}{
		{day(9).Add(15 * time.Hour), ""},
		{due, ""},
		{due.Add(9 * time.Hour), ""},
		{due.Add(23*time.Hour + 59*time.Minute), ""},
		{day(11).Add(9 * time.Hour), "(1 days ago)"},
		{day(14).Add(time.Hour), "(4 days ago)"},
	} {
		fs := l.Actions([]Action{{Text: "Add an alert when replica lag exceeds 60 seconds.", Due: due}}, ActionsContext{Now: tc.now})
		var got []Finding
		for _, f := range fs {
			if f.Rule == "actions.overdue" {
				got = append(got, f)
			}
		}
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("now %s, due %s: overdue %q, want none", tc.now, due.Format("2006-01-02"), got[0].Message)
		case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0].Message, tc.want)):
			t.Errorf("now %s, due %s: %v, want one finding with %q", tc.now, due.Format("2006-01-02"), got, tc.want)
		}
	}
}

func TestInferCategory(t *testing.T) {
	l := mustLoad(t)
	for text, want := range map[string]Category{
		"Add an alert when disk usage exceeds 90% on db hosts.": CategoryDetect,
		"Roll back the auth service to v5.3.0.":                 CategoryMitigate,
		"Restore the deleted invoices from the 03:00 backup.":   CategoryRepair,
		"Add a circuit breaker to the pricing client.":          CategoryMitigateFuture,
		"Add a regression test for empty carts.":                CategoryPrevent,
		"Enumerate every service that reads the session cache.": CategoryInvestigate,
		"Hold a retro lunch.":                                   "",
	} {
		if got := l.InferCategory(text); got != want {
			t.Errorf("InferCategory(%q) = %q, want %q", text, got, want)
		}
	}
	// A valid given category wins over the text.
	if _, c := l.Action(Action{Text: "Add an alert on errors.", Category: CategoryPrevent}); c != CategoryPrevent {
		t.Errorf("given category replaced by %q", c)
	}
}

func TestMarkdown(t *testing.T) {
	l := mustLoad(t)
	md := `# Checkout outage

## Summary

Checkout failed for 47 minutes.

## Timeline

- 14:02 Dan pushed a bad config.

## Lessons learned

### What went well

Nothing to report.

### Where we got lucky

## Action items

- [ ] Improve monitoring.
  - sub-item: talk to the vendor
- [x] Add an alert when checkout 5xx exceeds 1% for 5 minutes.
`
	fs := l.Markdown(md, TextOptions{})
	got := map[string]int{}
	for _, f := range fs {
		got[f.Rule]++
	}
	if got["action.vague-verb"] != 1 {
		t.Errorf("want one vague-verb finding (top-level items only), got %v", got)
	}
	if got["blame.person-bad-object"] != 1 {
		t.Errorf("want the timeline blame, got %v", got)
	}
	if got["document.section-empty"] != 1 {
		t.Errorf("want the empty lucky section only (the Lessons parent heading is fine), got %v", got)
	}
	if got["document.section-missing"] != 2 { // impact, analysis
		t.Errorf("want impact and analysis missing, got %v", got)
	}
}

func TestWriteSARIF(t *testing.T) {
	l := mustLoad(t)
	fs := l.Text("## Timeline\n\nThe café change was caused by human error.\nIt was Mike's fault.", TextOptions{})
	fs = append(fs, Finding{Rule: "document.section-missing", Severity: Warning, Message: "The report has no impact section."})
	fs = append(fs, Finding{Rule: "x.info", Severity: Info, Message: "note", Line: 2})
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, fs, "postmortems/2024-03-02.md"); err != nil {
		t.Fatal(err)
	}
	if got := artifactRef("/srv/pm/a b.md"); got != "file:///srv/pm/a%20b.md" {
		t.Errorf("absolute path as %q, want a file: URI", got)
	}
	var log struct {
		Version string `json:"version"`
		Schema  string `json:"$schema"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID                   string `json:"id"`
						ShortDescription     struct{ Text string }
						FullDescription      struct{ Text string }
						DefaultConfiguration struct{ Level string }
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct {
							StartLine, StartColumn, EndColumn int
						}
					}
				}
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-schema-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("bad header: %+v", log)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "hindsight" || len(run.Results) != len(fs) {
		t.Fatalf("driver %q, %d results for %d findings", run.Tool.Driver.Name, len(run.Results), len(fs))
	}
	levels := map[string]string{}
	for _, r := range run.Results {
		levels[r.RuleID] = r.Level
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("ruleIndex %d points at %s, not %s", r.RuleIndex, run.Tool.Driver.Rules[r.RuleIndex].ID, r.RuleID)
		}
		if r.Locations[0].PhysicalLocation.ArtifactLocation.URI != "postmortems/2024-03-02.md" || r.Message.Text == "" {
			t.Errorf("result %+v", r)
		}
		reg := r.Locations[0].PhysicalLocation.Region
		switch r.RuleID {
		case "blame.human-error":
			// "The café change was caused by " is 30 code points: the match starts at column 31.
			if reg == nil || reg.StartLine != 3 || reg.StartColumn != 31 || reg.EndColumn != 42 {
				t.Errorf("human-error region %+v, want line 3 columns 31-42", reg)
			}
		case "document.section-missing":
			if reg != nil {
				t.Errorf("a document-level finding has a region: %+v", reg)
			}
		}
	}
	if levels["blame.human-error"] != "error" || levels["document.section-missing"] != "warning" || levels["x.info"] != "note" {
		t.Errorf("levels %v", levels)
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "blame.human-error" && !strings.Contains(r.FullDescription.Text, "ends the inquiry") {
			t.Errorf("rule description should carry the rationale: %+v", r)
		}
	}
}
