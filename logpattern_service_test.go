package hindsight_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
)

func TestAddEvidence(t *testing.T) {
	ctx := context.Background()
	svc := newService(t, hindsight.WithClock(func() time.Time { return day.Add(48 * time.Hour) }))
	inc, err := svc.Create(ctx, hindsight.NewIncident{ID: "ck", Title: "Checkout latency"})
	if err != nil {
		t.Fatal(err)
	}
	people := []hindsight.Person{{Handle: "dana", Name: "Dana Scully", Role: "Incident Commander"}}
	events := []hindsight.Event{
		ev("logfile", "api.log:8312", hindsight.KindLogPattern, "10:38:12", "", "New error pattern in api.log: `pool: timed out after <*>` — 853 lines"),
		ev("logfile", "api.log:21000", hindsight.KindLogPattern, "11:24:00", "", "Error rate in api.log back to baseline at 11:24Z"),
		ev("slack", "c/1", hindsight.KindMessage, "10:50:00", "dana", "dana here, looking at the pool"),
	}
	patterns := []hindsight.LogPattern{{Source: "api.log", Template: "pool: timed out after <*>", Level: "ERROR", Count: 853,
		First: at("10:38:12"), Last: at("11:25:09"), Ref: "api.log:8312"}}
	added, err := svc.AddEvidence(ctx, inc.ID, people, events, patterns)
	if err != nil || added != 3 {
		t.Fatalf("AddEvidence = %d, %v", added, err)
	}
	got, _ := svc.Incident(ctx, inc.ID)
	if len(got.Roster) != 1 || len(got.Timeline) != 3 || len(got.LogPatterns) != 1 || got.Version != 2 {
		t.Fatalf("one write with roster, events and patterns, got %+v", got)
	}
	if m, ok := got.Milestone(hindsight.MilestoneImpactStart); !ok || !m.Time.Equal(at("10:38:12")) || m.Rule != "impact-start-log-rise" {
		t.Errorf("impact_start %+v", m)
	}
	if m, ok := got.Milestone(hindsight.MilestoneImpactEnd); !ok || !m.Time.Equal(at("11:24:00")) || m.Rule != "impact-end-log-baseline" {
		t.Errorf("impact_end %+v", m)
	}
	if strings.Contains(got.Timeline[1].Text, "dana") {
		t.Errorf("the roster came in the same write, yet a name survived: %q", got.Timeline[1].Text)
	}
	// Again: nothing new, and the pattern table does not double.
	if added, err := svc.AddEvidence(ctx, inc.ID, people, events, patterns); err != nil || added != 0 {
		t.Errorf("second AddEvidence = %d, %v", added, err)
	}
	got, _ = svc.Incident(ctx, inc.ID)
	if len(got.LogPatterns) != 1 || got.LogPatterns[0].Count != 853 {
		t.Errorf("patterns after a re-import: %+v", got.LogPatterns)
	}
	// A person's milestone still wins over the log.
	if _, err := svc.SetMilestone(ctx, inc.ID, hindsight.MilestoneImpactStart, at("10:30:00"), "users reported it first"); err != nil {
		t.Fatal(err)
	}
	got, _ = svc.Incident(ctx, inc.ID)
	if m, _ := got.Milestone(hindsight.MilestoneImpactStart); m.Rule != hindsight.RulePerson {
		t.Errorf("impact_start %+v, want the person's", m)
	}
	// All or nothing: a bad pattern adds neither the events nor the roster.
	bad := []hindsight.LogPattern{{Source: "api.log", Template: "x", Count: 0}}
	more := []hindsight.Event{ev("logfile", "db.log:1", hindsight.KindLogPattern, "10:40:00", "", "Error rate in db.log rose at 10:40Z")}
	if _, err := svc.AddEvidence(ctx, inc.ID, []hindsight.Person{{Handle: "sam", Role: "SRE"}}, more, bad); hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid {
		t.Fatalf("a bad pattern: %v", err)
	}
	after, _ := svc.Incident(ctx, inc.ID)
	if len(after.Timeline) != 3 || len(after.Roster) != 1 || after.Version != got.Version {
		t.Errorf("a failed AddEvidence changed the incident: %d events, %d people", len(after.Timeline), len(after.Roster))
	}
}

// The roster rewrites names in templates too, and a re-import of the same
// log, whose templates still carry the name, replaces the row.
func TestLogPatternsNameRoles(t *testing.T) {
	ctx := context.Background()
	svc := newService(t)
	inc, _ := svc.Create(ctx, hindsight.NewIncident{ID: "ck", Title: "Checkout"})
	people := []hindsight.Person{{Handle: "dana", Name: "Dana Scully", Role: "release engineer"}}
	ps := []hindsight.LogPattern{{Source: "deploy.log", Template: "rollout started by dana version=<*>", Level: "WARN", Count: 3}}
	for round := range 2 {
		if _, err := svc.AddEvidence(ctx, inc.ID, people, nil, ps); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
	got, _ := svc.Incident(ctx, inc.ID)
	if len(got.LogPatterns) != 1 || got.LogPatterns[0].Template != "rollout started by release engineer version=<*>" {
		t.Errorf("patterns %+v", got.LogPatterns)
	}
}

// The pattern table is part of the document: an export restores with it,
// through the decoder that refuses unknown keys.
func TestLogPatternsRoundTrip(t *testing.T) {
	ctx := context.Background()
	svc := newService(t)
	inc := &hindsight.Incident{ID: "ck", Title: "Checkout", LogPatterns: []hindsight.LogPattern{{Source: "api.log", Template: "timed out <*>",
		Level: "ERROR", Count: 2, First: at("10:38:12"), Last: at("10:39:00"), Ref: "api.log:7"}}}
	doc, err := json.Marshal(inc)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), `"log_patterns":[{"source":"api.log"`) {
		t.Errorf("document key: %s", doc)
	}
	got, err := svc.Restore(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.LogPatterns) != 1 || got.LogPatterns[0] != inc.LogPatterns[0] {
		t.Errorf("restored %+v", got.LogPatterns)
	}
}
