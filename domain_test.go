package hindsight

import (
	"strings"
	"testing"
	"time"
)

func TestFactorGraphRules(t *testing.T) {
	inc := &Incident{}
	mustFactor := func(text string, layer Layer, causes string) Factor {
		t.Helper()
		f, err := inc.AddFactor(text, layer, causes)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	symptom := mustFactor("Checkout requests failed", LayerTechnical, "")
	pool := mustFactor("Pool exhausted", LayerTechnical, symptom.ID)
	cfg := mustFactor("Pool lowered to 20", LayerTechnical, pool.ID)
	mustFactor("Config not load-tested", LayerProcess, cfg.ID)
	mustFactor("Canary traffic too low to show it", LayerProcess, pool.ID)
	mustFactor("Ownership of the shared template unclear", LayerOrganizational, "")

	chains := inc.Chains()
	var got []string
	for _, c := range chains {
		var ids []string
		for _, f := range c {
			ids = append(ids, f.ID)
		}
		got = append(got, strings.Join(ids, ">"))
	}
	want := []string{"F1>F2>F3>F4", "F1>F2>F5"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("chains %v, want %v (a lone factor is not a chain)", got, want)
	}

	tests := []struct {
		name, text string
		layer      Layer
		causes     string
		want       string
	}{
		{"unknown layer", "x", "cosmic", "", "unknown layer"},
		{"unknown target", "x", LayerProcess, "F99", "unknown factor F99"},
		{"empty text", "  ", LayerProcess, "", "has no text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := len(inc.Factors)
			_, err := inc.AddFactor(tc.text, tc.layer, tc.causes)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			if len(inc.Factors) != n {
				t.Fatal("a refused factor was kept")
			}
		})
	}
	// A cycle through an edited edge is refused by validation.
	inc.Factors[0].Causes = []string{"F4"}
	if err := validateFactors(inc.Factors); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Fatalf("cycle: %v", err)
	}
}

func TestMetricsNeverBare(t *testing.T) {
	at := func(hm string) time.Time {
		tm, _ := time.Parse("15:04", hm)
		return tm
	}
	ms := []Milestone{
		{Name: MilestoneImpactStart, Time: at("11:00")},
		{Name: MilestoneDetected, Time: at("11:04")},
		{Name: MilestoneAcknowledged, Time: at("11:03")}, // out of order: no metric
		{Name: MilestoneMitigated, Time: at("11:40")},
		{Name: MilestoneResolved, Time: at("11:47")},
	}
	got := map[string]float64{}
	for _, m := range ComputeMetrics(ms) {
		if m.From == "" || m.To == "" {
			t.Fatalf("metric %s lacks its endpoints", m.Name)
		}
		got[m.Name] = m.Seconds
	}
	want := map[string]float64{"time_to_detect": 240, "time_to_mitigate": 2400, "time_to_resolve": 2820}
	if len(got) != len(want) {
		t.Fatalf("metrics %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("%s = %v, want %v", k, got[k], v)
		}
	}
	start, end, ok := Window(ms)
	if !ok || !start.Equal(at("11:00")) || !end.Equal(at("11:47")) {
		t.Fatalf("window %v %v %v", start, end, ok)
	}
}

func TestSetFieldValidates(t *testing.T) {
	inc := &Incident{ID: "x", Title: "t", Status: StatusDraft}
	good := map[string]string{
		"impact.users_affected": "12,400", "impact.users_percent": "18%", "impact.revenue": "42000.50",
		"impact.data_loss": "false", "services": " a, ,b ", "status": "in-review", "severity": "sev1",
	}
	for f, v := range good {
		if err := inc.SetField(f, v); err != nil {
			t.Errorf("%s=%s: %v", f, v, err)
		}
	}
	if inc.Impact.UsersAffected != 12400 || inc.Impact.UsersPercent != 18 || len(inc.Services) != 2 || inc.Severity != "SEV1" {
		t.Fatalf("fields %+v", inc)
	}
	if err := inc.Validate(DefaultScale); err != nil {
		t.Fatal(err)
	}
	bad := map[string]string{"impact.users_affected": "-3", "impact.users_percent": "101", "impact.data_loss": "maybe", "nope": "x"}
	for f, v := range bad {
		if err := inc.SetField(f, v); ErrorCodeOf(err) != CodeInvalid {
			t.Errorf("%s=%s: %v, want invalid", f, v, err)
		}
	}
}

func TestValidIDAndSlug(t *testing.T) {
	for id, ok := range map[string]bool{"2026-10-14-checkout": true, "a.b_c": true, "-a": false, "A": false, "a b": false, "": false,
		strings.Repeat("a", 81): false} {
		if ValidID(id) != ok {
			t.Errorf("ValidID(%q) = %v", id, !ok)
		}
	}
	if s := Slug("  DNS: Resolver   timeouts (EU) !"); s != "dns-resolver-timeouts-eu" {
		t.Fatalf("slug %q", s)
	}
}

func TestActionOverdue(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		due    string
		status ActionStatus
		want   bool
	}{{"2026-11-26", ActionOpen, true}, {"2026-11-27", ActionOpen, false}, {"2026-11-01", ActionDone, false}, {"", ActionOpen, false}} {
		if got := (ActionItem{Due: tc.due, Status: tc.status}).Overdue(now); got != tc.want {
			t.Errorf("due %s %s: overdue %v", tc.due, tc.status, got)
		}
	}
}

func TestEventIDStable(t *testing.T) {
	at := time.Date(2026, 10, 14, 13, 2, 0, 0, time.FixedZone("CEST", 7200))
	a := Event{Time: at, Source: "slack", Ref: "c/1", Text: "hi"}
	b := Event{Time: at.UTC(), Source: "slack", Ref: "c/1", Text: "hi"}
	a.Normalize()
	b.Normalize()
	if a.ID != b.ID || a.Time.Location() != time.UTC || a.Kind != KindNote {
		t.Fatalf("%+v %+v", a, b)
	}
	c := b
	c.ID, c.Text = "", "other"
	c.Normalize()
	if c.ID == a.ID {
		t.Fatal("different events share an id")
	}
}
