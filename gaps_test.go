package hindsight

import (
	"slices"
	"strings"
	"testing"
)

func rules(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func TestGaps(t *testing.T) {
	cases := []struct {
		name  string
		build func() *Incident
		want  []string // rule ids, in order
		has   []string // substrings the messages must hold, in order
	}{
		{"nothing imported", func() *Incident { return &Incident{ID: "x"} },
			[]string{"gap-evidence", "gap-impact-start", "gap-milestone", "gap-milestone", "gap-milestone", "gap-impact-numbers"},
			[]string{"No evidence", "When did users first feel", "first notice", "stop growing", "over?", "How many users"}},
		{"the fixture without a roster", fixture,
			[]string{"gap-impact-start", "gap-impact-numbers", "gap-roster", "gap-roster", "gap-roster", "gap-roster"},
			[]string{"rests on the alert", "How many users", `"dana" (6 times)`, `"sam" (5 times)`, `"Dana Scully" (2 times)`, `"U024BE7LH" (once)`}},
		{"the fixture with roster, impact and a person's impact_start", func() *Incident {
			inc := fixture()
			inc.Roster = fixtureRoster
			inc.Impact.UsersAffected = 1200
			mustOK(t, inc.SetMilestone(MilestoneImpactStart, at("09:41:00"), "error graph"))
			inc.ApplyRoster()
			inc.CurateTimeline()
			return inc
		}, nil, nil},
		{"a long silence", func() *Incident {
			inc := fixture()
			inc.Roster = fixtureRoster
			inc.Impact.SupportTickets = 40
			inc.Timeline = slices.DeleteFunc(inc.Timeline, func(e Event) bool { return e.ID == fxLooking.ID || e.ID == fxLookingCopy.ID || e.ID == fxDBFine.ID })
			mustOK(t, inc.SetMilestone(MilestoneAcknowledged, at("09:20:00"), "remembered"))
			inc.Timeline = append(inc.Timeline, ev("notes", "n:1", KindNote, "12:00:00", "", "call notes"))
			mustOK(t, inc.SetMilestone(MilestoneResolved, at("12:30:00"), "status page"))
			inc.ApplyRoster()
			inc.CurateTimeline()
			return inc
		}, []string{"gap-impact-start", "milestone-order", "gap-silence"},
			[]string{"rests on the alert", "acknowledged", "for 1h10m0s, from 2025-03-14 10:20:00Z to 2025-03-14 11:30:00Z"}},
		{"mentions and actors not on the roster", func() *Incident {
			inc := fixture()
			inc.Roster = fixtureRoster
			inc.Impact.UsersPercent = 3
			inc.Timeline = append(inc.Timeline,
				ev("slack", "s:9", KindMessage, "10:03:00", "kim", "@Kim here; pinging @lee and @channel, mail ops@example.com"),
				ev("github", "d:9", KindDeploy, "10:04:00", "github-actions[bot]", "Deploy docs"),
				ev("slack", "s:10", KindMessage, "10:04:30", "Slackbot", "reminder"),
				ev("k8s", "k:1", KindChange, "10:04:40", "deploy-bot", "scaled checkout-api to 12"),
				ev("slack", "s:11", KindMessage, "10:04:50", "talbot", "on it"))
			inc.ApplyRoster()
			inc.CurateTimeline()
			return inc
		}, []string{"gap-impact-start", "gap-roster", "gap-roster", "gap-roster"},
			[]string{"rests on the alert", `"kim" (2 times)`, `"@lee" (once)`, `"talbot" (once)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := c.build().Gaps()
			if got := rules(fs); !slices.Equal(got, c.want) {
				t.Fatalf("rules %q, want %q\n%+v", got, c.want, fs)
			}
			for i, s := range c.has {
				if !strings.Contains(fs[i].Message, s) {
					t.Errorf("finding %d %q does not say %q", i, fs[i].Message, s)
				}
			}
			for _, f := range fs {
				if f.Severity == "" || f.Field == "" || f.Suggestion == "" {
					t.Errorf("finding %s lacks severity, field or suggestion: %+v", f.Rule, f)
				}
			}
		})
	}
}
