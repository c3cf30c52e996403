package hindsight

import (
	"sort"
	"time"
)

// MilestoneName names a moment in the life of an incident.
type MilestoneName string

// The milestones, in the order they normally happen.
const (
	MilestoneTrigger      MilestoneName = "trigger"
	MilestoneImpactStart  MilestoneName = "impact_start"
	MilestoneDetected     MilestoneName = "detected"
	MilestoneDeclared     MilestoneName = "declared"
	MilestoneAcknowledged MilestoneName = "acknowledged"
	MilestoneIdentified   MilestoneName = "identified"
	MilestoneMitigated    MilestoneName = "mitigated"
	MilestoneImpactEnd    MilestoneName = "impact_end"
	MilestoneResolved     MilestoneName = "resolved"
	MilestoneClosed       MilestoneName = "closed"
)

// MilestoneNames lists every milestone in its expected order.
var MilestoneNames = []MilestoneName{MilestoneTrigger, MilestoneImpactStart, MilestoneDetected,
	MilestoneDeclared, MilestoneAcknowledged, MilestoneIdentified, MilestoneMitigated,
	MilestoneImpactEnd, MilestoneResolved, MilestoneClosed}

// Milestone is one named moment, with the evidence that set it.
type Milestone struct {
	Name MilestoneName `json:"name"`
	Time time.Time     `json:"time"`
	// Event is the id of the timeline event that set the milestone, if any.
	Event string `json:"event,omitempty"`
	// Rule says how the time was found: the id of a derivation rule, or
	// "set by a person" with Because giving their reason.
	Rule    string `json:"rule"`
	Because string `json:"because,omitempty"`
}

// RulePerson is the Rule of a milestone that a person set by hand.
const RulePerson = "person"

// Milestone returns the named milestone of the incident, if set.
func (inc *Incident) Milestone(name MilestoneName) (Milestone, bool) {
	for _, m := range inc.Milestones {
		if m.Name == name {
			return m, true
		}
	}
	return Milestone{}, false
}

// SetMilestone records a milestone set by a person, replacing any earlier one
// of the same name.
func (inc *Incident) SetMilestone(name MilestoneName, at time.Time, because string) error {
	if !oneOf(name, MilestoneNames) {
		return Errorf(CodeInvalid, "unknown milestone %q (want one of %s)", name, list(MilestoneNames))
	}
	if at.IsZero() {
		return Errorf(CodeInvalid, "milestone %s needs a time", name)
	}
	m := Milestone{Name: name, Time: at.UTC(), Rule: RulePerson, Because: because}
	for i := range inc.Milestones {
		if inc.Milestones[i].Name == name {
			inc.Milestones[i] = m
			return nil
		}
	}
	inc.Milestones = append(inc.Milestones, m)
	sortMilestones(inc.Milestones)
	return nil
}

// sortMilestones orders milestones by their expected order, not by time, so
// that an out-of-order pair stays visible.
func sortMilestones(ms []Milestone) {
	rank := make(map[MilestoneName]int, len(MilestoneNames))
	for i, n := range MilestoneNames {
		rank[n] = i
	}
	sort.SliceStable(ms, func(i, j int) bool { return rank[ms[i].Name] < rank[ms[j].Name] })
}

// MetricDefinition is a named duration between two milestones. Hindsight
// never reports a bare "MTTR": every metric says what it is measured from and to.
type MetricDefinition struct {
	Name string        `json:"name"`
	From MilestoneName `json:"from"`
	To   MilestoneName `json:"to"`
}

// MetricDefinitions are the metrics Hindsight computes.
var MetricDefinitions = []MetricDefinition{
	{"time_to_detect", MilestoneImpactStart, MilestoneDetected},
	{"time_to_acknowledge", MilestoneDetected, MilestoneAcknowledged},
	{"time_to_mitigate", MilestoneImpactStart, MilestoneMitigated},
	{"time_to_resolve", MilestoneImpactStart, MilestoneResolved},
	{"customer_impact", MilestoneImpactStart, MilestoneImpactEnd},
}

// Metric is one computed duration.
type Metric struct {
	Name    string        `json:"name"`
	From    MilestoneName `json:"from"`
	To      MilestoneName `json:"to"`
	Seconds float64       `json:"seconds"`
}

// Duration returns the metric as a time.Duration.
func (m Metric) Duration() time.Duration { return time.Duration(m.Seconds * float64(time.Second)) }

// ComputeMetrics returns every metric whose two milestones are known and in
// order. A pair out of order yields no metric; the checks report it instead.
func ComputeMetrics(ms []Milestone) []Metric {
	at := make(map[MilestoneName]time.Time, len(ms))
	for _, m := range ms {
		at[m.Name] = m.Time
	}
	var out []Metric
	for _, d := range MetricDefinitions {
		from, ok1 := at[d.From]
		to, ok2 := at[d.To]
		if !ok1 || !ok2 || to.Before(from) {
			continue
		}
		out = append(out, Metric{Name: d.Name, From: d.From, To: d.To, Seconds: to.Sub(from).Seconds()})
	}
	return out
}

// Window returns the span of the incident: from impact start (or the
// earliest milestone) to resolution (or the latest milestone).
func Window(ms []Milestone) (start, end time.Time, ok bool) {
	for _, m := range ms {
		if start.IsZero() || m.Time.Before(start) {
			start = m.Time
		}
		if m.Time.After(end) {
			end = m.Time
		}
	}
	byName := map[MilestoneName]time.Time{}
	for _, m := range ms {
		byName[m.Name] = m.Time
	}
	if t, ok := byName[MilestoneImpactStart]; ok {
		start = t
	}
	if t, ok := byName[MilestoneResolved]; ok {
		end = t
	}
	return start, end, !start.IsZero()
}
