package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	hindsight "github.com/hindsight-sre/hindsight"
)

// Event is one starred timeline event. N numbers it in the report, so the
// table, the chart markers and references from factors agree.
type Event struct {
	N      int
	Anchor string
	ID     string
	Time   time.Time
	// NewDay is true on the first event of each UTC day, so a table can
	// print the date only where it changes.
	NewDay   bool
	Phase    string
	Kind     string
	Actor    string
	Text     string
	Source   string
	Ref      string
	TimeText string
	Zone     string
	// KnownDuring is false for facts learned only after the incident.
	KnownDuring bool
	Flags       []string
	// Milestones are the labels of the milestones this event set.
	Milestones []string
}

// Ref points at a timeline event from elsewhere in the report. N and Anchor
// are zero when the event is not starred (and so not in the report).
type Ref struct {
	ID     string
	N      int
	Anchor string
	Label  string
}

// Milestone is one set milestone with how it was found.
type Milestone struct {
	Name  string
	Label string
	Time  time.Time
	// SetBy is "rule <id>" or "a person"; Because is the person's reason.
	SetBy   string
	Because string
	Event   *Ref
}

// Metric is one named duration from one milestone to another. Known is
// false when it cannot be measured yet, and Missing says why.
type Metric struct {
	Name     string
	Label    string
	From     string
	To       string
	Duration time.Duration
	Known    bool
	Missing  string
}

// metricLabels says each metric in words; the id stays visible next to it.
var metricLabels = map[string]string{
	"time_to_detect":      "Time to detect",
	"time_to_acknowledge": "Time to acknowledge",
	"time_to_mitigate":    "Time to mitigate",
	"time_to_resolve":     "Time to resolve",
	"customer_impact":     "Customer impact",
}

// actorRoles maps every handle and name on the roster to its role, so an
// event's actor shows as a role even when the evidence named a person.
func actorRoles(roster []hindsight.Person) map[string]string {
	m := make(map[string]string, 2*len(roster))
	for _, p := range roster {
		if p.Role == "" {
			continue
		}
		for _, k := range []string{p.Handle, p.Name} {
			k = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(k), "@"))
			if k != "" {
				m[k] = p.Role
			}
		}
	}
	return m
}

// starred returns the starred events in time order, numbered, and an index
// of every event (starred or not) for references.
func starred(inc *hindsight.Incident) ([]Event, map[string]Ref) {
	byID := make(map[string]Ref, len(inc.Timeline))
	setBy := map[string][]string{}
	for _, m := range inc.Milestones {
		if m.Event != "" {
			setBy[m.Event] = append(setBy[m.Event], label(string(m.Name)))
		}
	}
	rolesOf := actorRoles(inc.Roster)
	var evs []hindsight.Event
	for _, e := range inc.Timeline {
		if e.Starred {
			evs = append(evs, e)
		} else {
			byID[e.ID] = Ref{ID: e.ID, Label: fmt.Sprintf("%s event at %s (not starred)", sourceName(e.Source), utc(e.Time))}
		}
	}
	slices.SortStableFunc(evs, func(a, b hindsight.Event) int { return a.Time.Compare(b.Time) })
	out := make([]Event, len(evs))
	for i, e := range evs {
		actor := strings.TrimSpace(e.Actor)
		if r, ok := rolesOf[strings.ToLower(strings.TrimPrefix(actor, "@"))]; ok {
			actor = r
		}
		out[i] = Event{N: i + 1, Anchor: fmt.Sprintf("event-%d", i+1), ID: e.ID, Time: e.Time.UTC(),
			NewDay: i == 0 || day(e.Time) != day(evs[i-1].Time),
			Phase:  string(e.Phase), Kind: string(e.Kind), Actor: actor, Text: strings.TrimSpace(e.Text),
			Source: sourceName(e.Source), Ref: e.Ref, TimeText: e.TimeText, Zone: e.Zone,
			KnownDuring: e.KnownDuring, Flags: e.Flags, Milestones: setBy[e.ID]}
		byID[e.ID] = Ref{ID: e.ID, N: i + 1, Anchor: out[i].Anchor, Label: fmt.Sprintf("event %d", i+1)}
	}
	return out, byID
}

func sourceName(s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return "manual"
	}
	return s
}

// ref points at an event by id, saying so when the event is unknown rather
// than dropping the reference.
func ref(id string, byID map[string]Ref) Ref {
	if r, ok := byID[id]; ok {
		return r
	}
	return Ref{ID: id, Label: "event " + id + " (not in the timeline)"}
}

func milestones(inc *hindsight.Incident, byID map[string]Ref) []Milestone {
	ms := slices.Clone(inc.Milestones)
	rank := map[hindsight.MilestoneName]int{}
	for i, n := range hindsight.MilestoneNames {
		rank[n] = i
	}
	slices.SortStableFunc(ms, func(a, b hindsight.Milestone) int { return rank[a.Name] - rank[b.Name] })
	out := make([]Milestone, 0, len(ms))
	for _, m := range ms {
		row := Milestone{Name: string(m.Name), Label: label(string(m.Name)), Time: m.Time.UTC(), Because: strings.TrimSpace(m.Because)}
		switch m.Rule {
		case "":
		case hindsight.RulePerson:
			row.SetBy = "a person"
		default:
			row.SetBy = "rule " + m.Rule
		}
		if m.Event != "" {
			r := ref(m.Event, byID)
			row.Event = &r
		}
		out = append(out, row)
	}
	return out
}

// metrics lists every defined metric: measured when both milestones are set
// and in order, otherwise with what it still needs.
func metrics(inc *hindsight.Incident) []Metric {
	measured := map[string]hindsight.Metric{}
	for _, m := range hindsight.ComputeMetrics(inc.Milestones) {
		measured[m.Name] = m
	}
	out := make([]Metric, 0, len(hindsight.MetricDefinitions))
	for _, d := range hindsight.MetricDefinitions {
		row := Metric{Name: d.Name, Label: metricLabels[d.Name], From: string(d.From), To: string(d.To)}
		if row.Label == "" {
			row.Label = label(d.Name)
		}
		if m, ok := measured[d.Name]; ok {
			row.Duration, row.Known = m.Duration(), true
			out = append(out, row)
			continue
		}
		_, hasFrom := inc.Milestone(d.From)
		_, hasTo := inc.Milestone(d.To)
		switch {
		case !hasFrom && !hasTo:
			row.Missing = fmt.Sprintf("set the %s and %s milestones to measure it", words(string(d.From)), words(string(d.To)))
		case !hasFrom:
			row.Missing = fmt.Sprintf("set the %s milestone to measure it", words(string(d.From)))
		case !hasTo:
			row.Missing = fmt.Sprintf("set the %s milestone to measure it", words(string(d.To)))
		default:
			row.Missing = fmt.Sprintf("%s is set before %s; check both times", words(string(d.To)), words(string(d.From)))
		}
		out = append(out, row)
	}
	return out
}

func metric(ms []Metric, name string) (Metric, bool) {
	for _, m := range ms {
		if m.Name == name {
			return m, m.Known
		}
	}
	return Metric{}, false
}
