package hindsight

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestLogPatternValidation(t *testing.T) {
	ok := LogPattern{Source: "api.log", Template: "pool: timed out after <*>", Level: "ERROR", Count: 3,
		First: at("10:38:12"), Last: at("11:25:09"), Ref: "api.log:8312"}
	cases := []struct {
		name string
		edit func(p *LogPattern)
		want string // "" means valid
	}{
		{"valid", func(*LogPattern) {}, ""},
		{"no level, no times", func(p *LogPattern) { p.Level, p.First, p.Last = "", time.Time{}, time.Time{} }, ""},
		{"no source", func(p *LogPattern) { p.Source = " " }, "has no source log"},
		{"no template", func(p *LogPattern) { p.Template = "" }, "has no template"},
		{"unknown level", func(p *LogPattern) { p.Level = "error" }, `unknown level "error"`},
		{"no lines", func(p *LogPattern) { p.Count = 0 }, "count must be at least 1"},
		{"last before first", func(p *LogPattern) { p.First, p.Last = p.Last, p.First }, "last seen before first seen"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := ok
			c.edit(&p)
			err := validateLogPatterns([]LogPattern{p})
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
	if err := validateLogPatterns([]LogPattern{ok, ok}); err == nil || !strings.Contains(err.Error(), "listed twice") {
		t.Errorf("the same template of the same log twice: %v", err)
	}
	other := ok
	other.Source = "db.log"
	if err := validateLogPatterns([]LogPattern{ok, other}); err != nil {
		t.Errorf("the same template in two logs: %v", err)
	}
}

func TestMergeLogPatterns(t *testing.T) {
	inc := &Incident{}
	first := []LogPattern{
		{Source: "api.log", Template: "timed out <*>", Level: "ERROR", Count: 10},
		{Source: "api.log", Template: "slow request <*>", Level: "WARN", Count: 5},
	}
	if n := inc.MergeLogPatterns(first); n != 2 || len(inc.LogPatterns) != 2 {
		t.Fatalf("first merge added %d: %+v", n, inc.LogPatterns)
	}
	// The same log again, a little longer: numbers are replaced, not added up.
	again := []LogPattern{{Source: "api.log", Template: "timed out <*>", Level: "ERROR", Count: 12},
		{Source: "db.log", Template: "timed out <*>", Level: "ERROR", Count: 1}}
	if n := inc.MergeLogPatterns(again); n != 1 || len(inc.LogPatterns) != 3 || inc.LogPatterns[0].Count != 12 {
		t.Errorf("second merge added %d: %+v", n, inc.LogPatterns)
	}
	inc.LogPatterns = normalizeLogPatterns(inc.LogPatterns)
	var order []string
	for _, p := range inc.LogPatterns {
		order = append(order, p.Source+"/"+p.Level)
	}
	if got := strings.Join(order, " "); got != "api.log/ERROR api.log/WARN db.log/ERROR" {
		t.Errorf("order %s, want by log, then most severe first", got)
	}
}

func TestAddEvidence(t *testing.T) {
	ctx := context.Background()
	svc := NewService(newMemStore(), WithClock(func() time.Time { return day.Add(48 * time.Hour) }))
	inc, err := svc.Create(ctx, NewIncident{ID: "ck", Title: "Checkout latency"})
	if err != nil {
		t.Fatal(err)
	}
	people := []Person{{Handle: "dana", Name: "Dana Scully", Role: "Incident Commander"}}
	events := []Event{
		ev("logfile", "api.log:8312", KindLogPattern, "10:38:12", "", "New error pattern in api.log: `pool: timed out after <*>` — 853 lines"),
		ev("logfile", "api.log:21000", KindLogPattern, "11:24:00", "", "Error rate in api.log back to baseline at 11:24Z"),
		ev("slack", "c/1", KindMessage, "10:50:00", "dana", "dana here, looking at the pool"),
	}
	patterns := []LogPattern{{Source: "api.log", Template: "pool: timed out after <*>", Level: "ERROR", Count: 853,
		First: at("10:38:12"), Last: at("11:25:09"), Ref: "api.log:8312"}}
	added, err := svc.AddEvidence(ctx, inc.ID, people, events, patterns)
	if err != nil || added != 3 {
		t.Fatalf("AddEvidence = %d, %v", added, err)
	}
	got, _ := svc.Incident(ctx, inc.ID)
	if len(got.Roster) != 1 || len(got.Timeline) != 3 || len(got.LogPatterns) != 1 || got.Version != 2 {
		t.Fatalf("one write with roster, events and patterns, got %+v", got)
	}
	if m, ok := got.Milestone(MilestoneImpactStart); !ok || !m.Time.Equal(at("10:38:12")) || m.Rule != "impact-start-log-rise" {
		t.Errorf("impact_start %+v", m)
	}
	if m, ok := got.Milestone(MilestoneImpactEnd); !ok || !m.Time.Equal(at("11:24:00")) || m.Rule != "impact-end-log-baseline" {
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
	if _, err := svc.SetMilestone(ctx, inc.ID, MilestoneImpactStart, at("10:30:00"), "users reported it first"); err != nil {
		t.Fatal(err)
	}
	got, _ = svc.Incident(ctx, inc.ID)
	if m, _ := got.Milestone(MilestoneImpactStart); m.Rule != RulePerson {
		t.Errorf("impact_start %+v, want the person's", m)
	}
	// All or nothing: a bad pattern adds neither the events nor the roster.
	bad := []LogPattern{{Source: "api.log", Template: "x", Count: 0}}
	more := []Event{ev("logfile", "db.log:1", KindLogPattern, "10:40:00", "", "Error rate in db.log rose at 10:40Z")}
	if _, err := svc.AddEvidence(ctx, inc.ID, []Person{{Handle: "sam", Role: "SRE"}}, more, bad); ErrorCodeOf(err) != CodeInvalid {
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
	svc := NewService(newMemStore())
	inc, _ := svc.Create(ctx, NewIncident{ID: "ck", Title: "Checkout"})
	people := []Person{{Handle: "dana", Name: "Dana Scully", Role: "release engineer"}}
	ps := []LogPattern{{Source: "deploy.log", Template: "rollout started by dana version=<*>", Level: "WARN", Count: 3}}
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
	svc := NewService(newMemStore())
	inc := &Incident{ID: "ck", Title: "Checkout", LogPatterns: []LogPattern{{Source: "api.log", Template: "timed out <*>",
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

func TestLogClaim(t *testing.T) {
	for in, want := range map[string]string{
		"Error rate rose":                     "Error rate rose",
		"New pattern: `rising <*>` — 3 lines": "New pattern:   — 3 lines",
		"a ``tick ` inside`` b":               "a   b",
		"unclosed ` rising":                   "unclosed ` rising",
		"``":                                  "``",
	} {
		if got := logClaim(in); got != want {
			t.Errorf("logClaim(%q) = %q, want %q", in, got, want)
		}
	}
}
