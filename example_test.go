package hindsight_test

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hindsight-sre/hindsight"
)

// exampleDoc is the bundled example postmortem (package examples), read as
// a file rather than through that package.
func exampleDoc(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("examples/checkout-latency/incident.json")
	mustOK(t, err)
	return b
}

// Restoring a team's finished postmortem changes nothing they decided: the
// rules re-run on the write, yet stars, phases, milestones, texts and actors
// stay as the team left them.
func TestExampleRestoresUnchanged(t *testing.T) {
	b := exampleDoc(t)
	var want hindsight.Incident
	mustOK(t, json.Unmarshal(b, &want))
	svc := newService(t)
	got, err := svc.Restore(context.Background(), b)
	mustOK(t, err)
	if !reflect.DeepEqual(got.Milestones, want.Milestones) {
		t.Errorf("milestones changed:\n%v\n%v", got.Milestones, want.Milestones)
	}
	for i, e := range got.Timeline {
		w := want.Timeline[i]
		if e.ID != w.ID || e.Starred != w.Starred || e.Phase != w.Phase || e.Text != w.Text || e.Actor != w.Actor {
			t.Errorf("event %s changed: %+v\nwant %+v", e.ID, e, w)
		}
	}
	if got.Summary != want.Summary || !reflect.DeepEqual(got.Factors, want.Factors) || !reflect.DeepEqual(got.Actions, want.Actions) {
		t.Error("the roster rewrote text the team had already written with roles")
	}
	for _, g := range got.Gaps() {
		if g.Rule == "gap-roster" || g.Rule == "milestone-order" || g.Rule == "gap-silence" {
			t.Errorf("gap in a finished postmortem: %s %s", g.Rule, g.Message)
		}
	}
	// No name of a roster person outside the roster.
	doc := *got
	doc.Roster = nil
	out, _ := json.Marshal(doc)
	for _, p := range want.Roster {
		for _, name := range append(strings.Fields(p.Name), p.Handle) {
			word := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(name) + `\b`)
			if len(name) > 2 && !isTool(p.Handle) && word.Match(out) {
				t.Errorf("%q appears outside the roster", name)
			}
		}
	}
}

// With the team's milestones taken away, the rules find the same events
// for six of the eight. The two they read differently are judgement calls
// the team made by hand: impact_start (the rules take the log rise ten
// minutes before the first failed request) and impact_end (the rules take
// the alert resolving, the team the last failed request in the log).
func TestExampleMilestonesDerived(t *testing.T) {
	var inc hindsight.Incident
	mustOK(t, json.Unmarshal(exampleDoc(t), &inc))
	team := map[hindsight.MilestoneName]hindsight.Milestone{}
	for _, m := range inc.Milestones {
		team[m.Name] = m
	}
	inc.Milestones = nil
	got := map[hindsight.MilestoneName]hindsight.Milestone{}
	for _, m := range inc.DerivedMilestones() {
		got[m.Name] = m
	}
	for _, name := range []hindsight.MilestoneName{hindsight.MilestoneTrigger, hindsight.MilestoneDetected, hindsight.MilestoneAcknowledged,
		hindsight.MilestoneIdentified, hindsight.MilestoneMitigated, hindsight.MilestoneResolved} {
		if got[name].Event != team[name].Event {
			t.Errorf("%s: rules found %s (%s, %s), the team %s (%s)", name, got[name].Event, got[name].Time, got[name].Rule,
				team[name].Event, team[name].Time)
		}
	}
	for _, name := range []hindsight.MilestoneName{hindsight.MilestoneImpactStart, hindsight.MilestoneImpactEnd} {
		if got[name].Rule == "" || got[name].Event == team[name].Event {
			t.Errorf("%s: %+v; the note above says why the rules differ from the team here", name, got[name])
		}
	}
	if slices.ContainsFunc(hindsight.MilestoneOrderFindings(inc.DerivedMilestones()), func(hindsight.Finding) bool { return true }) {
		t.Error("the derived milestones are out of order")
	}
}
