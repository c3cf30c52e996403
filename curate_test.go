package hindsight

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestCurateTimelineFixture(t *testing.T) {
	inc := fixture()

	t.Run("order", func(t *testing.T) {
		if !slices.IsSortedFunc(inc.Timeline, compareEvents) {
			t.Fatal("timeline not in timeline order")
		}
		if len(inc.Timeline) != len(fixtureEvents) {
			t.Fatalf("curation changed the number of events: %d, want %d", len(inc.Timeline), len(fixtureEvents))
		}
	})

	t.Run("milestones", func(t *testing.T) {
		want := []struct {
			name  MilestoneName
			event Event
			rule  string
		}{
			{MilestoneTrigger, fxDeploy, "trigger-last-change"},
			{MilestoneImpactStart, fxAlert, "impact-start-alert"},
			{MilestoneDetected, fxAlert, "detected-page"},
			{MilestoneAcknowledged, fxAck, "acknowledged-ack"},
			{MilestoneIdentified, fxCause, "identified-cause-named"},
			{MilestoneMitigated, fxRollback, "mitigated-rollback"},
			{MilestoneImpactEnd, fxAlertOK, "impact-end-alert-resolved"},
			{MilestoneResolved, fxResolved, "resolved-incident"},
		}
		if len(inc.Milestones) != len(want) {
			t.Errorf("got %d milestones %v, want %d", len(inc.Milestones), inc.Milestones, len(want))
		}
		for _, w := range want {
			m, ok := inc.Milestone(w.name)
			if !ok {
				t.Errorf("%s: not derived", w.name)
				continue
			}
			if m.Event != w.event.ID || m.Rule != w.rule || !m.Time.Equal(w.event.Time) {
				t.Errorf("%s = event %s rule %s at %s, want event %s (%q) rule %s", w.name, m.Event, m.Rule, m.Time, w.event.ID, w.event.Text, w.rule)
			}
		}
	})

	t.Run("phases", func(t *testing.T) {
		want := map[string]Phase{
			fxDeploy.ID: PhasePreIncident, fxDeployMsg.ID: PhasePreIncident, fxLunch.ID: PhasePreIncident,
			fxAlert.ID: PhaseDetection, fxPage.ID: PhaseDetection,
			fxAck.ID: PhaseInvestigation, fxLooking.ID: PhaseInvestigation, fxDBFine.ID: PhaseInvestigation,
			fxCause.ID:    PhaseMitigation,
			fxRollback.ID: PhaseResolution, fxRollbackMsg.ID: PhaseResolution, fxAlertOK.ID: PhaseResolution, fxResolved.ID: PhaseResolution,
			fxPostmortem.ID: PhasePostIncident,
		}
		for id, p := range want {
			if e := event(inc, id); e.Phase != p {
				t.Errorf("%q: phase %q, want %q", e.Text, e.Phase, p)
			}
		}
	})

	t.Run("stars", func(t *testing.T) {
		starred := []Event{fxDeploy, fxAlert, fxAck, fxCause, fxRollback, fxAlertOK, fxResolved}
		for _, e := range inc.Timeline {
			want := slices.ContainsFunc(starred, func(s Event) bool { return s.ID == e.ID })
			if e.Starred != want {
				t.Errorf("%s %q: starred %v, want %v", e.Kind, e.Text, e.Starred, want)
			}
		}
	})

	t.Run("groups", func(t *testing.T) {
		pairs := [][2]Event{{fxDeploy, fxDeployMsg}, {fxAlert, fxPage}, {fxLooking, fxLookingCopy}, {fxRollback, fxRollbackMsg}}
		seen := map[string]bool{}
		for _, p := range pairs {
			a, b := event(inc, p[0].ID), event(inc, p[1].ID)
			if a.Group == "" || a.Group != b.Group {
				t.Errorf("%q and %q: groups %q and %q, want one group", a.Text, b.Text, a.Group, b.Group)
			}
			if seen[a.Group] {
				t.Errorf("group %s joins two pairs", a.Group)
			}
			seen[a.Group] = true
			if a.Group != groupID(a.ID) {
				t.Errorf("group %s is not named after its first event %s", a.Group, a.ID)
			}
		}
		for _, e := range []Event{fxLunch, fxAck, fxDBFine, fxCause, fxAlertOK, fxResolved, fxPostmortem} {
			if g := event(inc, e.ID).Group; g != "" {
				t.Errorf("%q: group %q, want none", e.Text, g)
			}
		}
	})

	t.Run("view", func(t *testing.T) {
		all := Timeline(inc, true)
		if len(all) != len(fixtureEvents)-1 {
			t.Errorf("all view has %d events, want %d (one duplicate collapsed)", len(all), len(fixtureEvents)-1)
		}
		if slices.ContainsFunc(all, func(e Event) bool { return e.ID == fxLookingCopy.ID }) {
			t.Error("the all view shows the duplicate copy")
		}
		key := Timeline(inc, false)
		if len(key) != 7 {
			t.Errorf("starred view has %d events, want 7", len(key))
		}
	})

	t.Run("stable", func(t *testing.T) {
		again := fixture()
		again.CurateTimeline()
		if !slices.EqualFunc(again.Timeline, inc.Timeline, func(a, b Event) bool {
			return a.ID == b.ID && a.Phase == b.Phase && a.Starred == b.Starred && a.Group == b.Group
		}) || !slices.Equal(again.Milestones, inc.Milestones) {
			t.Error("curating twice gives a different result")
		}
	})
}

// The order of import never changes the curated result.
func TestCurateImportOrder(t *testing.T) {
	want := fixture()
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		inc := &Incident{ID: "x", Timeline: slices.Clone(fixtureEvents)}
		r.Shuffle(len(inc.Timeline), func(i, j int) { inc.Timeline[i], inc.Timeline[j] = inc.Timeline[j], inc.Timeline[i] })
		inc.CurateTimeline()
		if !slices.EqualFunc(inc.Timeline, want.Timeline, func(a, b Event) bool {
			return a.ID == b.ID && a.Phase == b.Phase && a.Starred == b.Starred && a.Group == b.Group
		}) || !slices.Equal(inc.Milestones, want.Milestones) {
			t.Fatal("a different import order gives a different timeline")
		}
	}
}

func TestPersonOverridesSurvive(t *testing.T) {
	inc := fixture()
	mustOK(t, inc.StarEvent(fxLunch.ID, true))    // rules would not star a chat message
	mustOK(t, inc.StarEvent(fxAlertOK.ID, false)) // rules star it: it set impact_end
	mustOK(t, inc.SetEventPhase(fxDBFine.ID, PhaseMitigation))
	mustOK(t, inc.SetMilestone(MilestoneDetected, at("09:53:00"), "the on-call engineer saw the dashboard first"))
	// A duplicate copy takes the choice to the copy the view shows.
	mustOK(t, inc.StarEvent(fxLookingCopy.ID, true))

	// Re-derive, then import more evidence and re-derive again.
	inc.CurateTimeline()
	inc.Timeline = append(inc.Timeline,
		ev("statuspage", "incidents/z3/u1", KindStatus, "09:58:00", "", "Investigating - We are seeing errors at checkout."),
		ev("slack", "C042/late", KindMessage, "10:30:00", "sam", "all quiet"))
	inc.CurateTimeline()

	check := func(e Event, starred bool) {
		t.Helper()
		if got := event(inc, e.ID); got.Starred != starred || !got.Curated {
			t.Errorf("%q: starred %v curated %v, want starred %v by a person", e.Text, got.Starred, got.Curated, starred)
		}
	}
	check(fxLunch, true)
	check(fxAlertOK, false)
	check(fxLooking, true)
	if got := event(inc, fxLookingCopy.ID); got.Starred || got.Curated {
		t.Errorf("the duplicate copy kept the star: %+v", got)
	}
	if got := event(inc, fxDBFine.ID); got.Phase != PhaseMitigation || !got.PhaseFixed {
		t.Errorf("person's phase lost: %q fixed %v", got.Phase, got.PhaseFixed)
	}
	m, _ := inc.Milestone(MilestoneDetected)
	if m.Rule != RulePerson || !m.Time.Equal(at("09:53:00")) || m.Event != "" {
		t.Errorf("person's milestone lost: %+v", m)
	}
	// Later rules read the person's milestone: acknowledged is still the ack.
	if m, _ := inc.Milestone(MilestoneAcknowledged); m.Event != fxAck.ID {
		t.Errorf("acknowledged = %+v", m)
	}
	// Events before the person's detected time are no longer detection.
	if got := event(inc, fxAlert.ID); got.Phase != PhaseDetection {
		t.Errorf("alert phase %q (impact_start still starts the incident)", got.Phase)
	}
	if got := event(inc, fxPage.ID); got.Phase != PhaseDetection {
		t.Errorf("page phase %q", got.Phase)
	}
}

func TestStarEventUnknown(t *testing.T) {
	inc := fixture()
	if err := inc.StarEvent("e000000000000", true); ErrorCodeOf(err) != CodeNotFound {
		t.Errorf("unknown event: %v, want not_found", err)
	}
	if err := inc.SetEventPhase("e000000000000", PhaseMitigation); ErrorCodeOf(err) != CodeNotFound {
		t.Errorf("unknown event: %v, want not_found", err)
	}
	if err := inc.SetEventPhase(fxLunch.ID, "lunch"); ErrorCodeOf(err) != CodeInvalid {
		t.Errorf("unknown phase: %v, want invalid", err)
	}
}

func TestDuplicates(t *testing.T) {
	base := ev("slack", "a.json:1", KindMessage, "10:00:00", "dana", "restarting the worker pool")
	cases := []struct {
		name string
		copy Event
		dup  bool
	}{
		{"same message, other export", ev("slack", "b.json:9", KindMessage, "10:00:00", "Dana", "restarting the worker pool"), true},
		{"white space differs", ev("mattermost", "x:1", KindMessage, "10:00:00", "dana", "  restarting the\tworker  pool\n"), true},
		{"a second later", ev("slack", "b.json:9", KindMessage, "10:00:01", "dana", "restarting the worker pool"), false},
		{"other kind", ev("notes", "n:1", KindAction, "10:00:00", "dana", "restarting the worker pool"), false},
		{"other case", ev("slack", "b.json:9", KindMessage, "10:00:00", "dana", "Restarting the worker pool"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inc := &Incident{Timeline: []Event{c.copy, base}}
			inc.CurateTimeline()
			view := Timeline(inc, true)
			if got := len(view) == 1; got != c.dup {
				t.Errorf("collapsed %v, want %v", got, c.dup)
			}
			if len(inc.Timeline) != 2 {
				t.Error("a raw event was dropped")
			}
			if c.dup && (inc.Timeline[0].Group == "" || inc.Timeline[0].Group != inc.Timeline[1].Group) {
				t.Error("duplicates do not share a group")
			}
		})
	}
}

// A star chosen on the shown copy moves when an earlier-sorting copy
// arrives later, so the choice stays visible.
func TestDuplicateCurationMoves(t *testing.T) {
	b := ev("slack", "b.json:1", KindMessage, "10:00:00", "dana", "restarting the worker pool")
	inc := &Incident{Timeline: []Event{b}}
	mustOK(t, inc.StarEvent(b.ID, true))
	a := ev("slack", "a.json:1", KindMessage, "10:00:00", "dana", "restarting the worker pool") // sorts first
	inc.Timeline = append(inc.Timeline, a)
	inc.CurateTimeline()
	view := Timeline(inc, false)
	if len(view) != 1 || view[0].ID != a.ID || !view[0].Curated {
		t.Fatalf("view %+v, want the new first copy, starred by a person", view)
	}
}

func TestPhaseBoundaries(t *testing.T) {
	m := func(name MilestoneName, hms string) Milestone {
		return Milestone{Name: name, Time: at(hms), Rule: "test"}
	}
	cases := []struct {
		name string
		ms   []Milestone
		want map[string]Phase // time -> phase
	}{
		{"no milestones: no phases", nil, map[string]Phase{"10:00:00": ""}},
		{"only detected", []Milestone{m(MilestoneDetected, "10:00:00")},
			map[string]Phase{"09:59:59": PhasePreIncident, "10:00:00": PhaseInvestigation, "23:00:00": PhaseInvestigation}},
		{"impact before detection", []Milestone{m(MilestoneImpactStart, "09:30:00"), m(MilestoneDetected, "10:00:00")},
			map[string]Phase{"09:30:00": PhaseDetection, "09:59:00": PhaseDetection, "10:00:00": PhaseInvestigation}},
		{"full", []Milestone{m(MilestoneImpactStart, "09:00:00"), m(MilestoneDetected, "09:10:00"), m(MilestoneAcknowledged, "09:15:00"),
			m(MilestoneIdentified, "09:40:00"), m(MilestoneMitigated, "10:00:00"), m(MilestoneResolved, "11:00:00")},
			map[string]Phase{"08:00:00": PhasePreIncident, "09:12:00": PhaseDetection, "09:20:00": PhaseInvestigation,
				"09:50:00": PhaseMitigation, "10:30:00": PhaseResolution, "11:00:00": PhaseResolution, "11:00:01": PhasePostIncident}},
		{"out of order: identified before acknowledged", []Milestone{m(MilestoneDetected, "09:10:00"), m(MilestoneAcknowledged, "09:30:00"),
			m(MilestoneIdentified, "09:20:00"), m(MilestoneMitigated, "10:00:00")},
			map[string]Phase{"09:15:00": PhaseDetection, "09:25:00": PhaseDetection, "09:35:00": PhaseMitigation, "10:00:00": PhaseResolution}},
		{"resolved before mitigated", []Milestone{m(MilestoneDetected, "09:10:00"), m(MilestoneMitigated, "10:00:00"), m(MilestoneResolved, "09:50:00")},
			map[string]Phase{"09:55:00": PhaseInvestigation, "10:00:00": PhaseResolution, "10:00:01": PhasePostIncident}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bounds, end, hasEnd := phaseBoundaries(c.ms)
			for hms, want := range c.want {
				if got := phaseAt(at(hms), bounds, end, hasEnd); got != want {
					t.Errorf("%s: %q, want %q", hms, got, want)
				}
			}
		})
	}
}

func TestCanonicalText(t *testing.T) {
	for in, want := range map[string]string{"": "", "a b": "a b", " a": "a", "a ": "a", "a  b": "a b", "a\tb": "a b", "a\n": "a", "  ": ""} {
		if got := canonicalText(in); got != want {
			t.Errorf("canonicalText(%q) = %q, want %q", in, got, want)
		}
	}
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
