package hindsight

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// SeverityLevel is one level of an organisation's severity scale.
type SeverityLevel struct {
	Name        string `json:"name" yaml:"name"`
	Description string `json:"description" yaml:"description"`
	// PostmortemRequired says whether incidents at this level need a postmortem.
	PostmortemRequired bool `json:"postmortem_required" yaml:"postmortem_required"`
	// When lists the criteria that put an incident at this level; meeting
	// any one of them is enough.
	When Criteria `json:"when" yaml:"when"`
}

// Criteria are impact thresholds. A zero threshold is not a criterion.
type Criteria struct {
	UsersPercent    float64 `json:"users_percent,omitempty" yaml:"users_percent"`
	UsersAffected   int64   `json:"users_affected,omitempty" yaml:"users_affected"`
	DurationMinutes float64 `json:"duration_minutes,omitempty" yaml:"duration_minutes"`
	Revenue         float64 `json:"revenue,omitempty" yaml:"revenue"`
	SLOBudget       float64 `json:"slo_budget,omitempty" yaml:"slo_budget"`
	DataLoss        bool    `json:"data_loss,omitempty" yaml:"data_loss"`
	Security        bool    `json:"security,omitempty" yaml:"security"`
}

// Scale is a severity scale, most severe level first.
type Scale struct {
	Levels []SeverityLevel `json:"levels" yaml:"levels"`
}

// DefaultScale is the scale used when an organisation sets none.
var DefaultScale = Scale{Levels: []SeverityLevel{
	{Name: "SEV1", Description: "Critical: most users cannot use a core service, or data was lost or exposed", PostmortemRequired: true,
		When: Criteria{UsersPercent: 50, DurationMinutes: 240, Revenue: 250000, SLOBudget: 100, DataLoss: true, Security: true}},
	{Name: "SEV2", Description: "Major: a core service is degraded for many users, or a feature is down for all", PostmortemRequired: true,
		When: Criteria{UsersPercent: 10, UsersAffected: 10000, DurationMinutes: 60, Revenue: 10000, SLOBudget: 25}},
	{Name: "SEV3", Description: "Minor: a small share of users or a non-core feature is affected", PostmortemRequired: false,
		When: Criteria{UsersPercent: 1, UsersAffected: 100, DurationMinutes: 15, Revenue: 1000, SLOBudget: 5}},
	{Name: "SEV4", Description: "Low: no user-visible impact; a near miss worth noting", PostmortemRequired: false},
}}

// Level returns the level with the given name.
func (s Scale) Level(name string) (SeverityLevel, bool) {
	for _, l := range s.Levels {
		if l.Name == name {
			return l, true
		}
	}
	return SeverityLevel{}, false
}

// Names lists the level names, most severe first.
func (s Scale) Names() []string {
	out := make([]string, len(s.Levels))
	for i, l := range s.Levels {
		out[i] = l.Name
	}
	return out
}

// Validate checks that a scale is usable: at least one level, unique names.
func (s Scale) Validate() error {
	if len(s.Levels) == 0 {
		return Errorf(CodeInvalid, "a severity scale needs at least one level")
	}
	seen := map[string]bool{}
	for _, l := range s.Levels {
		if l.Name == "" || seen[l.Name] {
			return Errorf(CodeInvalid, "severity level name %q is missing or used twice", l.Name)
		}
		seen[l.Name] = true
	}
	return nil
}

// Assessment is the result of assessing an incident's severity.
type Assessment struct {
	Severity           string   `json:"severity"`
	PostmortemRequired bool     `json:"postmortem_required"`
	Reasons            []string `json:"reasons"`
	// Unknown lists the figures that were not known; with them the level
	// might be higher.
	Unknown []string `json:"unknown,omitempty"`
	// Current is the severity the incident has now.
	Current string `json:"current"`
}

// Assess computes the severity from the incident's impact and duration on
// the given scale. Each known figure is compared with every level's
// criteria; the incident gets the most severe level any figure reaches,
// since when figures disagree the higher level is the safe choice. A level
// without criteria (the last, usually) is the floor.
func (inc *Incident) Assess(scale Scale) (Assessment, error) {
	if err := scale.Validate(); err != nil {
		return Assessment{}, err
	}
	im := inc.Impact
	a := Assessment{Current: inc.Severity}
	var minutes float64
	start, end, ok := impactWindow(inc.Milestones)
	if ok {
		minutes = end.Sub(start).Minutes()
	}
	for name, known := range map[string]bool{"users affected": im.UsersAffected > 0 || im.UsersPercent > 0,
		"duration (impact_start and impact_end or resolved milestones)": ok, "revenue": im.Revenue > 0, "error budget used": im.SLOBudget > 0} {
		if !known {
			a.Unknown = append(a.Unknown, name)
		}
	}
	slices.Sort(a.Unknown)
	if len(a.Unknown) == 4 && !im.DataLoss && !im.Security {
		return Assessment{}, Errorf(CodeInvalid, "no impact figures to assess: set impact.users_affected, impact.users_percent, impact.revenue or impact.slo_budget, or the impact milestones")
	}
	for _, l := range scale.Levels {
		c := l.When
		var why []string
		if c.UsersPercent > 0 && im.UsersPercent >= c.UsersPercent {
			why = append(why, fmt.Sprintf("%g%% of users affected (≥ %g%%)", im.UsersPercent, c.UsersPercent))
		}
		if c.UsersAffected > 0 && im.UsersAffected >= c.UsersAffected {
			why = append(why, fmt.Sprintf("%d users affected (≥ %d)", im.UsersAffected, c.UsersAffected))
		}
		if c.DurationMinutes > 0 && minutes >= c.DurationMinutes {
			why = append(why, fmt.Sprintf("impact lasted %s (≥ %s)", roundDuration(minutes), roundDuration(c.DurationMinutes)))
		}
		if c.Revenue > 0 && im.Revenue >= c.Revenue {
			why = append(why, fmt.Sprintf("estimated revenue lost %g (≥ %g)", im.Revenue, c.Revenue))
		}
		if c.SLOBudget > 0 && im.SLOBudget >= c.SLOBudget {
			why = append(why, fmt.Sprintf("%g%% of the error budget used (≥ %g%%)", im.SLOBudget, c.SLOBudget))
		}
		if c.DataLoss && im.DataLoss {
			why = append(why, "data was lost")
		}
		if c.Security && im.Security {
			why = append(why, "data or access was exposed")
		}
		isFloor := c == (Criteria{})
		if len(why) > 0 || isFloor {
			a.Severity, a.PostmortemRequired = l.Name, l.PostmortemRequired
			if isFloor && len(why) == 0 {
				why = []string{"no figure reached a higher level"}
			}
			a.Reasons = why
			break
		}
	}
	if a.Severity == "" {
		last := scale.Levels[len(scale.Levels)-1]
		a.Severity, a.PostmortemRequired = last.Name, last.PostmortemRequired
		a.Reasons = []string{"no figure reached any level's criteria"}
	}
	if a.PostmortemRequired {
		a.Reasons = append(a.Reasons, fmt.Sprintf("a postmortem is required at %s", a.Severity))
	}
	return a, nil
}

// impactWindow is the span during which users felt the incident.
func impactWindow(ms []Milestone) (start, end time.Time, ok bool) {
	var haveStart, haveEnd bool
	for _, m := range ms {
		switch m.Name {
		case MilestoneImpactStart:
			start, haveStart = m.Time, true
		case MilestoneImpactEnd:
			end, haveEnd = m.Time, true
		case MilestoneResolved:
			if !haveEnd {
				end = m.Time
			}
		}
	}
	if !haveEnd && !end.IsZero() {
		haveEnd = true
	}
	return start, end, haveStart && haveEnd && !end.Before(start)
}

func roundDuration(minutes float64) string {
	d := time.Duration(minutes * float64(time.Minute)).Round(time.Minute)
	return strings.TrimSuffix(d.String(), "0s")
}

// Assess computes the severity of an incident on the service's scale; with
// apply it also sets the severity and its reasons on the incident.
func (s *Service) Assess(ctx context.Context, id string, apply bool) (Assessment, error) {
	inc, err := s.load(ctx, id)
	if err != nil {
		return Assessment{}, err
	}
	a, err := inc.Assess(s.scale)
	if err != nil || !apply {
		return a, err
	}
	_, err = s.Update(ctx, id, inc.Version, func(inc *Incident) error {
		inc.Severity, inc.SeverityReasons = a.Severity, a.Reasons
		return nil
	})
	return a, err
}
