package hindsight

import (
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight/lint"
)

func TestLintDocument(t *testing.T) {
	inc := &Incident{
		ID: "x", Summary: "Checkout failed.",
		Roster: []Person{
			{Handle: "schen", Name: "Sarah Chen", Role: "on-call engineer", Aliases: []string{"Sarah C", "sarah@example.com", "sc"}},
			{Handle: "pagerduty", Role: "paging integration (bot)"},
		},
		Factors: []Factor{
			{ID: "F1", Text: "Checkout rejected requests.", Layer: LayerTechnical},
			{ID: "F2", Text: "The pool size shrank.", Layer: LayerTechnical, Causes: []string{"F1"}},
		},
		Actions:  []ActionItem{{ID: "A1", Title: "Add an alert on pool waiters", DoneWhen: "it fires on a replay", Due: "2026-01-02", Status: ActionDone, Owner: "SRE"}},
		Lessons:  []Lesson{{Kind: LessonLucky, Text: "It would have been worse at the sale."}},
		Timeline: []Event{{Text: "Sarah paged the DBA.", Starred: true, Time: time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)}, {Text: "raw chat", Starred: false}},
	}
	d := LintDocument(inc, time.Time{})
	// The domain says F2 led to F1; lint wants F1's causes.
	if len(d.Factors) != 2 || len(d.Factors[0].Causes) != 1 || d.Factors[0].Causes[0] != "F2" || len(d.Factors[1].Causes) != 0 {
		t.Errorf("factor edges not inverted: %+v", d.Factors)
	}
	a := d.Actions[0]
	if a.ID != "A1" || !a.Done || a.Due.IsZero() || a.Known != lint.FieldOwner|lint.FieldDue || a.Text != "Add an alert on pool waiters (done when it fires on a replay)" {
		t.Errorf("action %+v", a)
	}
	kinds := map[string]string{}
	for _, s := range d.Sections {
		kinds[s.Name] = s.Kind + ":" + s.Text
	}
	if kinds["Timeline"] != "timeline:- 10:00 Sarah paged the DBA." || kinds["Where we got lucky"] != "lucky:- It would have been worse at the sale." {
		t.Errorf("sections %v", kinds)
	}
	if len(d.Roster) != 2 || d.Roster[0].Name != "Sarah C" || d.Roster[1].Handles[1] != "sc" {
		t.Errorf("roster %+v (bots and addresses left out, display names kept)", d.Roster)
	}
	l, err := lint.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range l.Document(d) {
		if f.Rule == "counterfactual.preventable" || f.Rule == "actions.overdue" {
			t.Errorf("unexpected %+v", f)
		}
	}
}
