package report

import (
	"time"

	hindsight "github.com/hindsight-sre/hindsight"
)

// probes are the sample incidents New renders every template with. Go
// templates only notice a missing field when they execute the action that
// names it, and an action inside {{if}} or {{range}} runs only for some
// incidents. One incident with every field set and one with nothing set
// between them run both sides of nearly every branch, so a mistake in a
// template shows at start-up instead of in front of a reader.
func probes() []*hindsight.Incident {
	t := func(min int) time.Time { return time.Date(2000, 1, 1, 10, min, 0, 0, time.UTC) }
	png := []byte("\x89PNG\r\n\x1a\n")
	full := &hindsight.Incident{
		ID: "probe-full", Title: "Probe", Status: hindsight.StatusDraft, Severity: "SEV2",
		SeverityReasons: []string{"reason"}, Summary: "Summary.", Services: []string{"svc"},
		Impact: hindsight.Impact{UsersAffected: 1, UsersPercent: 1, SupportTickets: 1, Revenue: 1, SLOBudget: 1,
			DataLoss: true, Security: true, Description: "d", Business: "b", Technical: "t"},
		Roster: []hindsight.Person{{Handle: "h", Name: "n", Role: "Role"}},
		Owner:  "Role", Trigger: "Trigger.", Detection: "Detection.", Resolution: "Resolution.",
		Timeline: []hindsight.Event{
			{ID: "e1", Time: t(0), TimeText: "10:00", Zone: "UTC", Source: "s", Ref: "r", Kind: hindsight.KindAlert,
				Phase: hindsight.PhaseDetection, Actor: "h", Text: "x", Starred: true, KnownDuring: true, Flags: []string{"f"}},
			{ID: "e2", Time: t(1), Source: "s", Kind: hindsight.KindNote, Text: "y", Starred: true},
			{ID: "e3", Time: t(2), Source: "s", Kind: hindsight.KindNote, Text: "z"},
		},
		Factors: []hindsight.Factor{
			{ID: "F1", Text: "a", Layer: hindsight.LayerTechnical, Tags: []string{"t"}, Evidence: []string{"e1", "e3"}, KnownAtTime: true},
			{ID: "F2", Text: "b", Layer: hindsight.LayerProcess, Causes: []string{"F1"}},
		},
		Actions: []hindsight.ActionItem{{ID: "A1", Title: "Do", Category: hindsight.CategoryPrevent, Priority: hindsight.P1,
			Owner: "Role", Due: "2000-01-02", Status: hindsight.ActionOpen, Tracker: "https://example.invalid/1",
			Addresses: []string{"F1"}, DoneWhen: "done"}},
		Lessons:      []hindsight.Lesson{{Kind: hindsight.LessonWentWell, Text: "l"}},
		ThirdParties: []hindsight.ThirdParty{{Vendor: "v", Expectation: hindsight.ExpectationMet, Notes: "n", Actions: []string{"a"}}},
		Appendices: []hindsight.Appendix{
			{Name: "i.png", Caption: "c", MediaType: "image/png", Size: int64(len(png)), Content: png},
			{Name: "l.txt", MediaType: "text/plain", Size: 1, Content: []byte("l")},
			{Name: "m.bin", MediaType: "application/octet-stream", Size: 1},
		},
		Version: 1, CreatedAt: t(0), UpdatedAt: t(9),
	}
	for i, name := range hindsight.MilestoneNames {
		m := hindsight.Milestone{Name: name, Time: t(i), Rule: hindsight.RulePerson, Because: "b"}
		if i == 0 {
			m.Event, m.Rule = "e1", "rule"
		}
		full.Milestones = append(full.Milestones, m)
	}
	// Unordered: one metric cannot be measured, which has its own wording.
	partial := &hindsight.Incident{ID: "probe-partial", Title: "Probe", Status: hindsight.StatusDraft,
		Timeline: []hindsight.Event{{ID: "e1", Time: t(0), Kind: hindsight.KindNote, Text: "x"}},
		Milestones: []hindsight.Milestone{
			{Name: hindsight.MilestoneImpactStart, Time: t(5)}, {Name: hindsight.MilestoneDetected, Time: t(1)}},
		Factors: []hindsight.Factor{{ID: "F1", Text: "a", Layer: hindsight.LayerTechnical}},
		Actions: []hindsight.ActionItem{{ID: "A1", Title: "Do", Category: hindsight.CategoryDetect, Status: hindsight.ActionOpen}},
	}
	empty := &hindsight.Incident{ID: "probe-empty", Title: "Probe", Status: hindsight.StatusDraft}
	return []*hindsight.Incident{full, partial, empty}
}
