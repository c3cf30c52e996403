package hindsight

import (
	"strings"
	"testing"
	"time"
)

func TestAssess(t *testing.T) {
	t0 := time.Date(2026, 10, 14, 11, 0, 0, 0, time.UTC)
	window := func(minutes int) []Milestone {
		return []Milestone{{Name: MilestoneImpactStart, Time: t0}, {Name: MilestoneImpactEnd, Time: t0.Add(time.Duration(minutes) * time.Minute)}}
	}
	tests := []struct {
		name     string
		impact   Impact
		ms       []Milestone
		want     string
		required bool
		reason   string
	}{
		{"share of users", Impact{UsersPercent: 18}, nil, "SEV2", true, "18% of users affected"},
		{"higher level wins when figures disagree", Impact{UsersPercent: 2, SLOBudget: 60}, nil, "SEV2", true, "error budget"},
		{"data loss is critical", Impact{UsersPercent: 0.5, DataLoss: true}, nil, "SEV1", true, "data was lost"},
		{"duration from milestones", Impact{UsersAffected: 10}, window(75), "SEV2", true, "impact lasted 1h15m"},
		{"small impact", Impact{UsersAffected: 150}, window(5), "SEV3", false, "150 users"},
		{"floor", Impact{UsersAffected: 3}, window(2), "SEV4", false, "no figure reached"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inc := &Incident{Impact: tc.impact, Milestones: tc.ms}
			a, err := inc.Assess(DefaultScale)
			if err != nil {
				t.Fatal(err)
			}
			if a.Severity != tc.want || a.PostmortemRequired != tc.required || !strings.Contains(strings.Join(a.Reasons, "; "), tc.reason) {
				t.Fatalf("got %+v, want %s (postmortem %v) because %q", a, tc.want, tc.required, tc.reason)
			}
		})
	}
	if _, err := (&Incident{}).Assess(DefaultScale); ErrorCodeOf(err) != CodeInvalid {
		t.Fatalf("no figures: %v", err)
	}
	if _, err := (&Incident{Impact: Impact{UsersPercent: 5}}).Assess(Scale{}); ErrorCodeOf(err) != CodeInvalid {
		t.Fatalf("empty scale: %v", err)
	}
}
