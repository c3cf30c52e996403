package hindsight_test

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
)

func newTestService(t *testing.T) (*hindsight.Service, string) {
	t.Helper()
	svc := newService(t, hindsight.WithClock(func() time.Time { return day.Add(48 * time.Hour) }))
	inc, err := svc.Create(context.Background(), hindsight.NewIncident{Title: "Checkout errors after deploy"})
	mustOK(t, err)
	return svc, inc.ID
}

// raw returns the fixture events as an importer hands them over: no ids,
// local times, nothing curated.
func raw(evs []hindsight.Event) []hindsight.Event {
	out := slices.Clone(evs)
	paris := time.FixedZone("CET", 3600)
	for i := range out {
		out[i].ID, out[i].Time = "", out[i].Time.In(paris)
	}
	return out
}

func TestServiceTimeline(t *testing.T) {
	ctx := context.Background()
	svc, id := newTestService(t)
	n, err := svc.AddEvents(ctx, id, raw(fixtureEvents[:8]))
	mustOK(t, err)
	n2, err := svc.AddEvents(ctx, id, raw(fixtureEvents[5:])) // overlaps: three are there already
	mustOK(t, err)
	if n+n2 != len(fixtureEvents) {
		t.Fatalf("added %d+%d events, want %d in all", n, n2, len(fixtureEvents))
	}

	all, err := svc.Timeline(ctx, id, true)
	mustOK(t, err)
	if len(all) != len(fixtureEvents)-1 {
		t.Errorf("timeline --all has %d events, want %d", len(all), len(fixtureEvents)-1)
	}
	key, err := svc.Timeline(ctx, id, false)
	mustOK(t, err)
	if len(key) != 7 {
		t.Errorf("curated timeline has %d events, want 7", len(key))
	}

	// The JSON contract: an array of events, each with these keys, times in UTC.
	b, err := json.Marshal(all)
	mustOK(t, err)
	var objs []map[string]any
	mustOK(t, json.Unmarshal(b, &objs))
	for _, o := range objs {
		for _, k := range []string{"id", "time", "source", "ref", "kind", "phase", "actor", "text", "starred"} {
			if _, ok := o[k]; !ok {
				t.Fatalf("event JSON lacks %q: %v", k, o)
			}
		}
		if ts := o["time"].(string); !strings.HasSuffix(ts, "Z") {
			t.Errorf("time %q is not UTC", ts)
		}
	}

	if _, err := svc.Timeline(ctx, "no-such-incident", true); hindsight.ErrorCodeOf(err) != hindsight.CodeNotFound {
		t.Errorf("unknown incident: %v", err)
	}
}

func TestServiceMetrics(t *testing.T) {
	ctx := context.Background()
	svc, id := newTestService(t)
	_, err := svc.AddEvents(ctx, id, raw(fixtureEvents))
	mustOK(t, err)
	r, err := svc.Metrics(ctx, id)
	mustOK(t, err)
	b, err := json.Marshal(r)
	mustOK(t, err)

	var doc map[string]json.RawMessage
	mustOK(t, json.Unmarshal(b, &doc))
	if len(doc) != 2 || doc["milestones"] == nil || doc["metrics"] == nil {
		t.Fatalf("top-level keys of %s", b)
	}
	var ms map[string]map[string]any
	mustOK(t, json.Unmarshal(doc["milestones"], &ms))
	det := ms["detected"]
	if len(det) != 3 || det["time"] != "2025-03-14T09:52:00Z" || det["event"] != fxAlert.ID || det["rule"] != "detected-page" {
		t.Errorf("detected = %v", det)
	}
	var metrics []map[string]any
	mustOK(t, json.Unmarshal(doc["metrics"], &metrics))
	want := map[string]float64{"time_to_detect": 0, "time_to_acknowledge": 190, "time_to_mitigate": 900, "time_to_resolve": 1680, "customer_impact": 1380}
	got := map[string]float64{}
	for _, m := range metrics {
		if len(m) != 4 || m["from"] == nil || m["to"] == nil {
			t.Errorf("metric keys: %v", m)
		}
		got[m["name"].(string)] = m["seconds"].(float64)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("metrics %v, want %v", got, want)
	}

	// A person's milestone wins and moves the metrics.
	m, err := svc.SetMilestone(ctx, id, hindsight.MilestoneImpactStart, at("09:41:00"), "error graph rises at 09:41")
	mustOK(t, err)
	if m.Rule != hindsight.RulePerson {
		t.Errorf("SetMilestone returned %+v", m)
	}
	r, err = svc.Metrics(ctx, id)
	mustOK(t, err)
	if ref := r.Milestones[hindsight.MilestoneImpactStart]; ref.Rule != hindsight.RulePerson || ref.Event != "" {
		t.Errorf("impact_start = %+v", ref)
	}
	if i := slices.IndexFunc(r.Metrics, func(m hindsight.Metric) bool { return m.Name == "time_to_detect" }); i < 0 || r.Metrics[i].Seconds != 660 {
		t.Errorf("time_to_detect after override: %+v", r.Metrics)
	}
	// Importing more evidence keeps it.
	_, err = svc.AddEvents(ctx, id, []hindsight.Event{{Source: "alertmanager", Ref: "early", Kind: hindsight.KindAlert, Time: at("09:30:00"), Text: "[FIRING:1] CheckoutLatency"}})
	mustOK(t, err)
	r, err = svc.Metrics(ctx, id)
	mustOK(t, err)
	if ref := r.Milestones[hindsight.MilestoneImpactStart]; ref.Rule != hindsight.RulePerson || !ref.Time.Equal(at("09:41:00")) {
		t.Errorf("impact_start after import = %+v", ref)
	}
	if _, err := svc.SetMilestone(ctx, id, "lunch", at("12:00:00"), ""); hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid {
		t.Errorf("unknown milestone: %v", err)
	}

	// An empty incident still marshals to the same shape.
	inc, err := svc.Create(ctx, hindsight.NewIncident{ID: "empty", Title: "Nothing yet"})
	mustOK(t, err)
	r, err = svc.Metrics(ctx, inc.ID)
	mustOK(t, err)
	b, _ = json.Marshal(r)
	if string(b) != `{"milestones":{},"metrics":[]}` {
		t.Errorf("empty metrics = %s", b)
	}
}

func TestServiceStarEvent(t *testing.T) {
	ctx := context.Background()
	svc, id := newTestService(t)
	_, err := svc.AddEvents(ctx, id, raw(fixtureEvents))
	mustOK(t, err)
	mustOK(t, svc.StarEvent(ctx, id, fxLunch.ID, true))
	mustOK(t, svc.StarEvent(ctx, id, fxDeploy.ID, false))
	if err := svc.StarEvent(ctx, id, "e-nope", true); hindsight.ErrorCodeOf(err) != hindsight.CodeNotFound {
		t.Errorf("unknown event: %v", err)
	}
	_, err = svc.AddEvents(ctx, id, []hindsight.Event{{Source: "slack", Ref: "x", Kind: hindsight.KindMessage, Time: at("10:02:00"), Text: "more"}})
	mustOK(t, err)
	key, err := svc.Timeline(ctx, id, false)
	mustOK(t, err)
	ids := func(evs []hindsight.Event) []string {
		var out []string
		for _, e := range evs {
			out = append(out, e.ID)
		}
		return out
	}
	if got := ids(key); !slices.Contains(got, fxLunch.ID) || slices.Contains(got, fxDeploy.ID) {
		t.Errorf("curated timeline lost a person's choice: %v", got)
	}
	mustOK(t, svc.SetEventPhase(ctx, id, fxLunch.ID, hindsight.PhaseDetection))
	all, _ := svc.Timeline(ctx, id, true)
	if i := slices.IndexFunc(all, func(e hindsight.Event) bool { return e.ID == fxLunch.ID }); all[i].Phase != hindsight.PhaseDetection {
		t.Errorf("phase %q", all[i].Phase)
	}
}

func TestServiceRoster(t *testing.T) {
	ctx := context.Background()
	svc, id := newTestService(t)
	_, err := svc.AddEvents(ctx, id, raw(fixtureEvents))
	mustOK(t, err)
	gaps, err := svc.Gaps(ctx, id)
	mustOK(t, err)
	if !slices.Contains(rules(gaps), "gap-roster") {
		t.Errorf("no roster gap before the roster: %v", rules(gaps))
	}
	for _, p := range fixtureRoster {
		p.Handle = "@" + p.Handle // as people type it
		got, err := svc.AddPerson(ctx, id, p)
		mustOK(t, err)
		if got.Handle != strings.TrimPrefix(p.Handle, "@") || got.Role != p.Role {
			t.Errorf("AddPerson returned %+v", got)
		}
	}
	if _, err := svc.AddPerson(ctx, id, hindsight.Person{Handle: "x"}); hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid {
		t.Errorf("person without role: %v", err)
	}
	// Evidence imported after the roster is rewritten too, yet keeps its id
	// (so importing it again adds nothing).
	late := hindsight.Event{Source: "slack", Ref: "late", Kind: hindsight.KindMessage, Time: at("10:09:00"), Actor: "sam", Text: "Sam Okafor here, db graphs attached"}
	n, err := svc.AddEvents(ctx, id, []hindsight.Event{late})
	mustOK(t, err)
	if n2, _ := svc.AddEvents(ctx, id, []hindsight.Event{late}); n != 1 || n2 != 0 {
		t.Errorf("added %d then %d, want 1 then 0", n, n2)
	}

	inc, err := svc.Incident(ctx, id)
	mustOK(t, err)
	inc.Roster = nil
	b, _ := json.Marshal(inc)
	low := strings.ToLower(string(b))
	for _, name := range fixtureSecrets {
		if strings.Contains(low, strings.ToLower(name)) {
			t.Errorf("%q appears in the stored incident", name)
		}
	}
	all, _ := svc.Timeline(ctx, id, true)
	b, _ = json.Marshal(all)
	for _, name := range fixtureSecrets {
		if strings.Contains(strings.ToLower(string(b)), strings.ToLower(name)) {
			t.Errorf("%q appears in the timeline JSON", name)
		}
	}
	gaps, _ = svc.Gaps(ctx, id)
	if slices.Contains(rules(gaps), "gap-roster") {
		t.Errorf("roster gap after the roster: %+v", gaps)
	}
	roster, err := svc.Roster(ctx, id)
	mustOK(t, err)
	if len(roster) != 2 {
		t.Errorf("roster %v", roster)
	}
}
