package hindsight

import (
	"context"
	"slices"
	"strings"
	"time"
)

// This file holds the timeline use cases: reading the curated timeline, its
// milestones, metrics and gaps, and the people's overrides (milestones,
// stars, phases, roster). Every write goes through Update, whose normalize
// step applies the roster and re-runs the timeline rules, so an override
// takes effect at once and survives every later import.

// Timeline returns the incident's timeline as people read it: merged, in
// UTC and timeline order, duplicates shown once; only the starred events
// unless all is set.
func (s *Service) Timeline(ctx context.Context, id string, all bool) ([]Event, error) {
	inc, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	return Timeline(inc, all), nil
}

// MilestoneRef is one milestone in a MetricsReport: when, the event that
// set it ("" when a person set it without one), and the rule id or "person".
type MilestoneRef struct {
	Time  time.Time `json:"time"`
	Event string    `json:"event"`
	Rule  string    `json:"rule"`
}

// MetricsReport is the incident's milestones by name and the metrics
// measured between them. As JSON it is exactly
// {"milestones": {"<name>": {"time", "event", "rule"}}, "metrics": [{"name", "from", "to", "seconds"}]}.
type MetricsReport struct {
	Milestones map[MilestoneName]MilestoneRef `json:"milestones"`
	Metrics    []Metric                       `json:"metrics"`
}

// NewMetricsReport builds the metrics report of a curated incident.
func NewMetricsReport(inc *Incident) MetricsReport {
	r := MetricsReport{Milestones: make(map[MilestoneName]MilestoneRef, len(inc.Milestones)),
		Metrics: ComputeMetrics(inc.Milestones)}
	for _, m := range inc.Milestones {
		r.Milestones[m.Name] = MilestoneRef{Time: m.Time.UTC(), Event: m.Event, Rule: m.Rule}
	}
	if r.Metrics == nil {
		r.Metrics = []Metric{}
	}
	return r
}

// Metrics returns the incident's milestones and the metrics between them.
// A pair of milestones out of order gives no metric; Gaps reports the pair.
func (s *Service) Metrics(ctx context.Context, id string) (MetricsReport, error) {
	inc, err := s.load(ctx, id)
	if err != nil {
		return MetricsReport{}, err
	}
	return NewMetricsReport(inc), nil
}

// SetMilestone records a milestone a person set; it wins over any rule from
// then on. because says how they know, for the report's readers.
func (s *Service) SetMilestone(ctx context.Context, id string, name MilestoneName, at time.Time, because string) (Milestone, error) {
	var m Milestone
	_, err := s.Update(ctx, id, AnyVersion, func(inc *Incident) error {
		if err := inc.SetMilestone(name, at, because); err != nil {
			return err
		}
		m, _ = inc.Milestone(name)
		return nil
	})
	return m, err
}

// ClearMilestone hands a milestone a person set back to the rules.
func (s *Service) ClearMilestone(ctx context.Context, id string, name MilestoneName) error {
	_, err := s.Update(ctx, id, AnyVersion, func(inc *Incident) error { return inc.ClearMilestone(name) })
	return err
}

// StarEvent records a person's choice to show or hide an event in the
// curated timeline. An unknown event fails with CodeNotFound.
func (s *Service) StarEvent(ctx context.Context, id, eventID string, starred bool) error {
	_, err := s.Update(ctx, id, AnyVersion, func(inc *Incident) error { return inc.StarEvent(eventID, starred) })
	return err
}

// SetEventPhase records a person's choice of phase for an event; an empty
// phase hands it back to the rules.
func (s *Service) SetEventPhase(ctx context.Context, id, eventID string, p Phase) error {
	_, err := s.Update(ctx, id, AnyVersion, func(inc *Incident) error { return inc.SetEventPhase(eventID, p) })
	return err
}

// Gaps returns what the postmortem still misses, as a facilitator's
// questions.
func (s *Service) Gaps(ctx context.Context, id string) ([]Finding, error) {
	inc, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	return inc.Gaps(), nil
}

// AddPerson adds or replaces (by handle) a roster entry. The write rewrites
// everything already in the incident, so the person's names give way to
// their role in evidence imported before them too.
func (s *Service) AddPerson(ctx context.Context, id string, p Person) (Person, error) {
	// A handle is the same with or without the "@" chat puts before it.
	p.Handle = strings.TrimPrefix(strings.TrimSpace(p.Handle), "@")
	var aliases []string
	for _, a := range p.Aliases {
		if a = strings.TrimSpace(a); a != "" && !slices.Contains(aliases, a) {
			aliases = append(aliases, a)
		}
	}
	p.Aliases = aliases
	var added Person
	_, err := s.Update(ctx, id, AnyVersion, func(inc *Incident) error {
		if err := inc.SetPerson(p); err != nil {
			return err
		}
		i := slices.IndexFunc(inc.Roster, func(x Person) bool { return strings.EqualFold(x.Handle, p.Handle) })
		added = inc.Roster[i]
		return nil
	})
	return added, err
}

// Roster returns the incident's roster. It is the one place that holds the
// names of the people in it.
func (s *Service) Roster(ctx context.Context, id string) ([]Person, error) {
	inc, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	return inc.Roster, nil
}
