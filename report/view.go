package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	hindsight "github.com/hindsight-sre/hindsight"
)

// View is what a report template sees: the incident arranged for reading.
// Templates get a *View as their dot. The domain stays the single source of
// the rules (milestones, metrics, window, chains, factor layers); the view
// only orders, labels and links what the domain computes, and says what is
// still missing.
type View struct {
	ID              string
	Title           string
	Status          string
	Severity        string
	SeverityReasons []string
	// Owner is the role that facilitates the postmortem.
	Owner    string
	Services []string
	// Roles are the roles on the roster, never the people in them.
	Roles   []Role
	Summary string
	// Facts are the few numbers a reader wants first (duration, users,
	// time to detect, time to mitigate), known or not.
	Facts []Fact
	// Start and End are the incident window (hindsight.Window) and Span
	// says which milestones bound it; HasWindow is false without milestones.
	Start, End time.Time
	Duration   time.Duration
	Span       string
	HasWindow  bool
	Impact     Impact
	// Events are the starred events in time order; EventCount counts every
	// event of the timeline, starred or not.
	Events     []Event
	EventCount int
	Milestones []Milestone
	// UnsetMilestones lists the canonical milestones that are not set.
	UnsetMilestones []string
	// Metrics has one entry per hindsight.MetricDefinitions, measured or not.
	Metrics     []Metric
	Trigger     string
	Detection   string
	Resolution  string
	Layers      []Layer
	FactorCount int
	Chains      []Chain
	// Categories holds the action items grouped in hindsight.Categories
	// order; categories without items are left out.
	Categories   []Category
	ActionCount  int
	Lessons      []LessonGroup
	ThirdParties []ThirdParty
	Appendices   []Appendix
	// Chart is the timeline chart layout, nil when there is nothing to draw.
	Chart *Chart
	// Gantt is the Mermaid gantt chart of the Markdown report.
	Gantt   Gantt
	Version int
	Created time.Time
	Updated time.Time
	// Missing says, section by section, what the facilitator still needs to
	// add; an empty string means the section has its content.
	Missing Missing
}

// Missing holds the guidance a report shows in place of an empty section.
// Sections never vanish: an empty one tells the facilitator what to add.
type Missing struct {
	Summary    string
	Severity   string
	Services   string
	Owner      string
	Roster     string
	Impact     string
	Timeline   string
	Milestones string
	Trigger    string
	Factors    string
	Chains     string
	Detection  string
	Resolution string
	Actions    string
	// Prevention is set when there are action items but none that makes a
	// future incident of this kind less likely or less harmful.
	Prevention string
	Lessons    string
	Appendices string
}

// Role is one role on the roster and how many people held it.
type Role struct {
	Role  string
	Count int
}

// Fact is one headline figure; Value is "—" and Note says why when unknown.
type Fact struct {
	Label string
	Value string
	Note  string
	Known bool
}

// newView arranges an incident for the templates.
func newView(inc *hindsight.Incident) *View {
	v := &View{
		ID: inc.ID, Title: inc.Title, Status: string(inc.Status), Severity: inc.Severity,
		SeverityReasons: inc.SeverityReasons, Owner: inc.Owner, Services: inc.Services,
		Summary: strings.TrimSpace(inc.Summary), Trigger: strings.TrimSpace(inc.Trigger),
		Detection: strings.TrimSpace(inc.Detection), Resolution: strings.TrimSpace(inc.Resolution),
		Version: inc.Version, Created: inc.CreatedAt.UTC(), Updated: inc.UpdatedAt.UTC(),
		EventCount: len(inc.Timeline), FactorCount: len(inc.Factors), ActionCount: len(inc.Actions),
	}
	v.Roles = roles(inc.Roster)
	v.Start, v.End, v.HasWindow = hindsight.Window(inc.Milestones)
	if v.HasWindow {
		v.Start, v.End = v.Start.UTC(), v.End.UTC()
		v.Duration = v.End.Sub(v.Start)
		v.Span = span(inc)
	}

	events, byID := starred(inc)
	v.Events = events
	v.Milestones = milestones(inc, byID)
	for _, name := range hindsight.MilestoneNames {
		if _, ok := inc.Milestone(name); !ok {
			v.UnsetMilestones = append(v.UnsetMilestones, words(string(name)))
		}
	}
	v.Metrics = metrics(inc)
	v.Impact = impact(inc.Impact, v.Metrics)
	logPatterns(&v.Impact, inc.LogPatterns)
	v.Facts = facts(inc.Impact, v)
	v.Layers, v.Chains = factors(inc, byID)
	v.Categories = categories(inc)
	v.Lessons = lessons(inc.Lessons)
	for _, tp := range inc.ThirdParties {
		v.ThirdParties = append(v.ThirdParties, ThirdParty{Vendor: tp.Vendor, Expectation: tp.Expectation,
			Outcome: outcomeText[tp.Expectation], Notes: strings.TrimSpace(tp.Notes), Actions: tp.Actions})
	}
	for i, a := range inc.Appendices {
		v.Appendices = append(v.Appendices, appendix(i+1, a))
	}
	v.Chart = chart(inc, v)
	v.Gantt = gantt(inc, v)
	v.Missing = missing(inc, v)
	return v
}

// roles lists the roster's roles in roster order with a head count; the
// report names roles, never people.
func roles(roster []hindsight.Person) []Role {
	var out []Role
	for _, p := range roster {
		role := strings.TrimSpace(p.Role)
		if role == "" {
			role = "Unassigned role"
		}
		i := slices.IndexFunc(out, func(r Role) bool { return strings.EqualFold(r.Role, role) })
		if i < 0 {
			out = append(out, Role{Role: role, Count: 1})
			continue
		}
		out[i].Count++
	}
	return out
}

// span says which milestones bound the window, mirroring hindsight.Window.
func span(inc *hindsight.Incident) string {
	from, to := "earliest milestone", "latest milestone"
	if _, ok := inc.Milestone(hindsight.MilestoneImpactStart); ok {
		from = string(hindsight.MilestoneImpactStart)
	}
	if _, ok := inc.Milestone(hindsight.MilestoneResolved); ok {
		to = string(hindsight.MilestoneResolved)
	}
	return from + " → " + to
}

func facts(im hindsight.Impact, v *View) []Fact {
	var out []Fact
	if m, ok := metric(v.Metrics, "customer_impact"); ok {
		out = append(out, Fact{Label: "Customer impact", Value: human(m.Duration), Note: m.From + " → " + m.To, Known: true})
	} else if v.HasWindow {
		out = append(out, Fact{Label: "Duration", Value: human(v.Duration), Note: v.Span, Known: true})
	} else {
		out = append(out, Fact{Label: "Duration", Value: "—", Note: "set impact start and resolved"})
	}
	switch {
	case im.UsersAffected > 0:
		note := ""
		if im.UsersPercent > 0 {
			note = percent(im.UsersPercent) + " of users"
		}
		out = append(out, Fact{Label: "Users affected", Value: number(im.UsersAffected), Note: note, Known: true})
	case im.UsersPercent > 0:
		out = append(out, Fact{Label: "Users affected", Value: percent(im.UsersPercent), Note: "of users", Known: true})
	default:
		out = append(out, Fact{Label: "Users affected", Value: "—", Note: "add users affected"})
	}
	for _, name := range []string{"time_to_detect", "time_to_mitigate"} {
		for _, m := range v.Metrics {
			if m.Name != name {
				continue
			}
			if m.Known {
				out = append(out, Fact{Label: m.Label, Value: human(m.Duration), Note: m.From + " → " + m.To, Known: true})
			} else {
				out = append(out, Fact{Label: m.Label, Value: "—", Note: "set " + words(m.From) + " and " + words(m.To)})
			}
		}
	}
	return out
}

// missing writes the guidance for every empty section. It is phrased for
// the facilitator, as the next thing to add, never as a fault of anyone.
func missing(inc *hindsight.Incident, v *View) Missing {
	var m Missing
	if v.Summary == "" {
		m.Summary = "No summary yet: in two or three sentences, say what happened, who was affected and for how long, and how service was restored."
	}
	if v.Severity == "" {
		m.Severity = "not assessed yet: assess it from the impact"
	}
	if len(v.Services) == 0 {
		m.Services = "none listed yet: add the affected services"
	}
	if v.Owner == "" {
		m.Owner = "not set yet: name the role that facilitates this postmortem"
	}
	if len(v.Roles) == 0 {
		m.Roster = "no roster yet: map the people in the evidence to the roles they held"
	}
	if !v.Impact.Known {
		m.Impact = "No impact figures yet: add users affected, duration, revenue or SLO budget used."
	}
	switch {
	case v.EventCount == 0:
		m.Timeline = "No timeline yet: import the evidence (chat exports, pages, alerts, deploys, logs) to build one."
	case len(v.Events) == 0:
		m.Timeline = fmt.Sprintf("No events starred yet: the timeline holds %d events; star the ones that tell the story so that they appear here.", v.EventCount)
	}
	if len(v.Milestones) == 0 {
		m.Milestones = "No milestones yet: set at least impact start, detected, mitigated and resolved, so that the durations below can be measured."
	}
	if v.Trigger == "" {
		m.Trigger = "No trigger recorded yet: name the change or event that set the incident off (a deploy, a configuration change, a surge of traffic)."
	}
	if len(inc.Factors) == 0 {
		m.Factors = "No contributing factors yet: list the conditions that together made the incident possible, in more than one layer; there is rarely a single root cause."
	}
	if len(v.Chains) == 0 {
		m.Chains = "No 5 Whys chains yet: link each factor to the deeper factor that made it possible, so that every symptom leads back to a cause worth acting on."
	}
	if v.Detection == "" {
		m.Detection = "Not recorded yet: say how the incident was noticed (an alert, a customer report, a responder) and how it could be noticed sooner."
	}
	if v.Resolution == "" {
		m.Resolution = "Not recorded yet: say what stopped the impact and what restored service."
	}
	if len(inc.Actions) == 0 {
		m.Actions = "No action items yet: for the main contributing factors, agree changes that detect, limit or prevent this kind of incident, each with an owning role and a due date."
	} else if !slices.ContainsFunc(inc.Actions, func(a hindsight.ActionItem) bool {
		return a.Category == hindsight.CategoryPrevent || a.Category == hindsight.CategoryMitigateFuture
	}) {
		m.Prevention = "No action item yet makes the next incident of this kind less likely or less harmful: consider one under “Mitigate future incidents” or “Prevent future incidents”."
	}
	if len(inc.Lessons) == 0 {
		m.Lessons = "No lessons recorded yet: in the review, ask what went well, what went wrong and where the team got lucky."
	}
	if len(v.Appendices) == 0 {
		m.Appendices = "No attachments: add the graphs, screenshots or log excerpts that support the timeline."
	}
	return m
}
