package hindsight

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRosterRewrite(t *testing.T) {
	r := newRosterRewriter([]Person{
		{Handle: "dana", Name: "Dana Scully", Role: "Incident Commander", Aliases: []string{"U024BE7LH", "dana.s@example.com"}},
		{Handle: "@wng", Name: "Will Ng", Role: "SRE on-call"},
		{Handle: "li", Name: "Li Wei", Role: "DBA"},
	})
	cases := map[string]string{
		"dana restarted the pod":                "Incident Commander restarted the pod",
		"@dana can you look?":                   "Incident Commander can you look?",
		"Acknowledged by Dana Scully":           "Acknowledged by Incident Commander",
		"DANA SCULLY and dana and Dana":         "Incident Commander and Incident Commander and Incident Commander",
		"thanks Dana, and Scully too":           "thanks Incident Commander, and Incident Commander too",
		"<@U024BE7LH> paged":                    "<@Incident Commander> paged",
		"mail dana.s@example.com":               "mail Incident Commander",
		"Dana's rollback":                       "Incident Commander's rollback",
		"danae and adana are other words":       "danae and adana are other words",
		"we will roll back; Will will approve":  "we will roll back; SRE on-call will approve",
		"@wng and wng.old":                      "SRE on-call and SRE on-call.old",
		"li and Li and Wei":                     "DBA and DBA and DBA",
		"":                                      "",
		"nothing to see":                        "nothing to see",
		"José asked dana—then Dana Scully left": "José asked Incident Commander—then Incident Commander left",
	}
	for in, want := range cases {
		if got := r.rewrite(in); got != want {
			t.Errorf("rewrite(%q) = %q, want %q", in, got, want)
		}
	}
	// A handle matches in any case, as the evidence writes handles both
	// ways; a handle that is an ordinary word is replaced everywhere. The
	// docs tell teams to use the chat user id or e-mail as the handle then.
	word := newRosterRewriter([]Person{{Handle: "will", Role: "SRE on-call"}})
	if got := word.rewrite("Will we roll back?"); got != "SRE on-call we roll back?" {
		t.Errorf("handle that is a word: %q", got)
	}
	if newRosterRewriter(nil) != nil {
		t.Error("an empty roster should give no rewriter")
	}
}

// With a roster, no name of a listed person appears anywhere in the
// incident document except the roster itself.
func TestApplyRosterRemovesNames(t *testing.T) {
	inc := fixture()
	inc.Roster = fixtureRoster
	inc.Summary = "Dana Scully led the response; sam checked the database."
	inc.Trigger = "deploy by dana"
	inc.Impact.Description = "users saw errors; @sam answered tickets"
	inc.Factors = []Factor{{ID: "F1", Text: "Sam Okafor's dashboard lacked pool metrics", Layer: LayerTechnical}}
	inc.Actions = []ActionItem{{ID: "A1", Title: "Add pool size alert, reviewed by dana", Category: CategoryDetect, Owner: "sam", Status: ActionOpen, DoneWhen: "Dana signs off"}}
	inc.Lessons = []Lesson{{Kind: LessonWentWell, Text: "Okafor ruled out the database quickly"}}
	inc.ThirdParties = []ThirdParty{{Vendor: "AWS", Expectation: ExpectationMet, Notes: "dana opened a case", Actions: []string{"sam to follow up"}}}
	inc.Appendices = []Appendix{{Name: "graph.png", Caption: "Dana's screenshot"}}
	mustOK(t, inc.SetMilestone(MilestoneImpactStart, at("09:41:00"), "Sam Okafor saw the graph rise"))
	inc.ApplyRoster()
	inc.CurateTimeline()

	doc := *inc
	doc.Roster = nil
	b, err := json.Marshal(doc)
	mustOK(t, err)
	low := strings.ToLower(string(b))
	for _, name := range fixtureSecrets {
		if i := strings.Index(low, strings.ToLower(name)); i >= 0 {
			t.Errorf("%q still appears: …%s…", name, string(b[max(0, i-60):min(len(b), i+60)]))
		}
	}
	if !strings.Contains(string(b), "Incident Commander") || !strings.Contains(string(b), "Database on-call") {
		t.Error("roles missing after rewriting")
	}
	// Applying it again changes nothing more.
	before := string(b)
	inc.ApplyRoster()
	doc = *inc
	doc.Roster = nil
	after, _ := json.Marshal(doc)
	if string(after) != before {
		t.Error("applying the roster twice changed the incident again")
	}
	// No roster gap is left: every identity is a role now.
	for _, f := range inc.Gaps() {
		if f.Rule == "gap-roster" {
			t.Errorf("roster gap left: %s", f.Message)
		}
	}
}

// A roster entry for a tool maps the actor only: a product name in text is
// no one's personal data, and rewriting it would garble the facts.
func TestRosterToolEntries(t *testing.T) {
	inc := &Incident{
		Roster: []Person{{Handle: "pagerduty", Role: "paging integration (bot)"}, {Handle: "github-actions[bot]", Role: "deploy pipeline (bot)"},
			{Handle: "dana", Name: "Dana Scully", Role: "Incident Commander"}},
		Services: []string{"checkout-api"},
		Timeline: []Event{
			ev("pagerduty", "p:1", KindPage, "10:00:00", "PagerDuty", "PagerDuty incident #4821 triggered; dana notified"),
			ev("github", "d:1", KindDeploy, "10:05:00", "github-actions[bot]", "Deploy checkout-api via github-actions[bot]"),
			ev("logfile", "l:1", KindLogPattern, "10:06:00", "checkout-api", "pool timeouts rise"),
			ev("notes", "n:1", KindNote, "10:07:00", "monitoring", "error budget alert"),
		},
	}
	inc.ApplyRoster()
	want := []struct{ actor, text string }{
		{"paging integration (bot)", "PagerDuty incident #4821 triggered; Incident Commander notified"},
		{"deploy pipeline (bot)", "Deploy checkout-api via github-actions[bot]"},
		{"checkout-api", "pool timeouts rise"},
		{"monitoring", "error budget alert"},
	}
	for i, w := range want {
		if e := inc.Timeline[i]; e.Actor != w.actor || e.Text != w.text {
			t.Errorf("event %d: %q / %q, want %q / %q", i, e.Actor, e.Text, w.actor, w.text)
		}
	}
	for _, g := range inc.Gaps() {
		if g.Rule == "gap-roster" {
			t.Errorf("a tool or service taken for a person: %s", g.Message)
		}
	}
}
