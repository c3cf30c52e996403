// Package storetest is the contract every hindsight.Store must keep. The
// same suite runs on SQLite always and on PostgreSQL when one is configured,
// driven through the real Service so that it tests what users do.
package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
)

// Run runs the contract suite. open must return a fresh, empty store.
func Run(t *testing.T, open func(t *testing.T) hindsight.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, svc *hindsight.Service, st hindsight.Store)
	}{
		{"CreateAndRead", testCreateAndRead},
		{"CreateConflict", testCreateConflict},
		{"NotFound", testNotFound},
		{"UpdateBumpsVersion", testUpdateBumpsVersion},
		{"StaleUpdateChangesNothing", testStaleUpdate},
		{"InvalidUpdateChangesNothing", testInvalidUpdate},
		{"EventsAddedOnceAndKept", testEvents},
		{"AttachmentsRoundTrip", testAttachments},
		{"ExportRestoreRoundTrip", testRestore},
		{"EvidenceInOneWrite", testEvidence},
		{"ListNewestFirst", testList},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			clock := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
			svc := hindsight.NewService(st, hindsight.WithClock(func() time.Time {
				clock = clock.Add(time.Second)
				return clock
			}))
			tc.fn(t, svc, st)
		})
	}
}

func create(t *testing.T, svc *hindsight.Service, id string) *hindsight.Incident {
	t.Helper()
	inc, err := svc.Create(context.Background(), hindsight.NewIncident{ID: id, Title: "Checkout latency " + id, Severity: "SEV2"})
	if err != nil {
		t.Fatalf("create %s: %v", id, err)
	}
	return inc
}

func testCreateAndRead(t *testing.T, svc *hindsight.Service, _ hindsight.Store) {
	ctx := context.Background()
	inc := create(t, svc, "inc-1")
	if inc.Version != 1 || inc.Status != hindsight.StatusDraft {
		t.Fatalf("new incident: version %d status %s, want 1 draft", inc.Version, inc.Status)
	}
	got, err := svc.Incident(ctx, "inc-1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != inc.Title || got.Severity != "SEV2" || got.Version != 1 || !got.CreatedAt.Equal(inc.CreatedAt) {
		t.Fatalf("read back %+v, want %+v", got, inc)
	}
	if got.Timeline == nil || got.Appendices == nil {
		t.Fatal("timeline and appendices must be empty lists, not null, so exports show them")
	}
	auto, err := svc.Create(ctx, hindsight.NewIncident{Title: "DNS: resolver timeouts!"})
	if err != nil {
		t.Fatal(err)
	}
	if auto.ID != "2026-03-04-dns-resolver-timeouts" {
		t.Fatalf("generated id %q", auto.ID)
	}
	again, err := svc.Create(ctx, hindsight.NewIncident{Title: "DNS: resolver timeouts!"})
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != "2026-03-04-dns-resolver-timeouts-2" {
		t.Fatalf("second generated id %q", again.ID)
	}
}

func testCreateConflict(t *testing.T, svc *hindsight.Service, _ hindsight.Store) {
	create(t, svc, "inc-1")
	_, err := svc.Create(context.Background(), hindsight.NewIncident{ID: "inc-1", Title: "Other"})
	if hindsight.ErrorCodeOf(err) != hindsight.CodeConflict {
		t.Fatalf("duplicate id: got %v, want conflict", err)
	}
	got, _ := svc.Incident(context.Background(), "inc-1")
	if got.Title != "Checkout latency inc-1" {
		t.Fatalf("duplicate create changed the title to %q", got.Title)
	}
}

func testNotFound(t *testing.T, svc *hindsight.Service, _ hindsight.Store) {
	ctx := context.Background()
	if _, err := svc.Incident(ctx, "nope"); hindsight.ErrorCodeOf(err) != hindsight.CodeNotFound {
		t.Fatalf("read unknown: %v", err)
	}
	_, err := svc.Update(ctx, "nope", hindsight.AnyVersion, func(*hindsight.Incident) error { return nil })
	if hindsight.ErrorCodeOf(err) != hindsight.CodeNotFound {
		t.Fatalf("update unknown: %v", err)
	}
}

func testUpdateBumpsVersion(t *testing.T, svc *hindsight.Service, _ hindsight.Store) {
	ctx := context.Background()
	create(t, svc, "inc-1")
	inc, err := svc.Update(ctx, "inc-1", 1, func(inc *hindsight.Incident) error {
		if err := inc.SetField("summary", "Checkout requests slowed for 40 minutes."); err != nil {
			return err
		}
		f, err := inc.AddFactor("Connection pool too small for peak traffic", hindsight.LayerTechnical, "")
		if err != nil {
			return err
		}
		_, err = inc.AddAction(hindsight.ActionItem{Title: "Raise the pool to 200 connections", Category: hindsight.CategoryPrevent, Addresses: []string{f.ID}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if inc.Version != 2 {
		t.Fatalf("version after update %d, want 2", inc.Version)
	}
	got, _ := svc.Incident(ctx, "inc-1")
	if got.Version != 2 || got.Summary != inc.Summary || len(got.Factors) != 1 || len(got.Actions) != 1 || got.Actions[0].Addresses[0] != "F1" {
		t.Fatalf("read after update: %+v", got)
	}
}

func testStaleUpdate(t *testing.T, svc *hindsight.Service, st hindsight.Store) {
	ctx := context.Background()
	create(t, svc, "inc-1")
	set := func(v int, summary string) error {
		_, err := svc.Update(ctx, "inc-1", v, func(inc *hindsight.Incident) error { return inc.SetField("summary", summary) })
		return err
	}
	if err := set(1, "first"); err != nil {
		t.Fatal(err)
	}
	if err := set(1, "stale"); hindsight.ErrorCodeOf(err) != hindsight.CodeConflict {
		t.Fatalf("stale update through the service: %v, want conflict", err)
	}
	// The store itself must refuse a stale write even when the service's
	// own check passed (two writers racing between read and write).
	inc, _ := st.Incident(ctx, "inc-1")
	inc.Summary, inc.Version = "racer", inc.Version+1
	err := st.UpdateIncident(ctx, hindsight.Change{Incident: inc, ReadVersion: 1,
		AddedEvents: []hindsight.Event{event("race", time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC))}})
	if hindsight.ErrorCodeOf(err) != hindsight.CodeConflict {
		t.Fatalf("stale store write: %v, want conflict", err)
	}
	got, _ := svc.Incident(ctx, "inc-1")
	if got.Summary != "first" || got.Version != 2 || len(got.Timeline) != 0 {
		t.Fatalf("stale write changed something: summary %q version %d events %d", got.Summary, got.Version, len(got.Timeline))
	}
}

func testInvalidUpdate(t *testing.T, svc *hindsight.Service, _ hindsight.Store) {
	ctx := context.Background()
	create(t, svc, "inc-1")
	for _, edit := range []func(*hindsight.Incident) error{
		func(inc *hindsight.Incident) error { return inc.SetField("severity", "SEV9") },
		func(inc *hindsight.Incident) error { return inc.SetField("status", "shipped") },
		func(inc *hindsight.Incident) error { _, err := inc.AddFactor("x", "cosmic", ""); return err },
		func(inc *hindsight.Incident) error {
			_, err := inc.AddFactor("x", hindsight.LayerProcess, "F9")
			return err
		},
		func(inc *hindsight.Incident) error {
			_, err := inc.AddAction(hindsight.ActionItem{Title: "Fix it", Category: "someday"})
			return err
		},
		func(inc *hindsight.Incident) error {
			inc.Timeline = append(inc.Timeline, hindsight.Event{Text: "no time"})
			return nil
		},
	} {
		if _, err := svc.Update(ctx, "inc-1", hindsight.AnyVersion, edit); hindsight.ErrorCodeOf(err) == hindsight.CodeInternal {
			t.Fatalf("invalid edit gave an internal error: %v", err)
		} else if err == nil {
			t.Fatal("invalid edit was accepted")
		}
	}
	got, _ := svc.Incident(ctx, "inc-1")
	if got.Version != 1 || got.Severity != "SEV2" || len(got.Factors) != 0 || len(got.Actions) != 0 || len(got.Timeline) != 0 {
		t.Fatalf("invalid edits changed the incident: %+v", got)
	}
}

func event(text string, at time.Time) hindsight.Event {
	return hindsight.Event{Time: at, Source: "test", Ref: text, Kind: hindsight.KindMessage, Text: text}
}

func testEvents(t *testing.T, svc *hindsight.Service, _ hindsight.Store) {
	ctx := context.Background()
	create(t, svc, "inc-1")
	base := time.Date(2026, 3, 4, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	var evs []hindsight.Event
	for i := 0; i < 50; i++ {
		evs = append(evs, event(fmt.Sprintf("message %d", i), base.Add(time.Duration(49-i)*time.Minute)))
	}
	n, err := svc.AddEvents(ctx, "inc-1", evs)
	if err != nil || n != 50 {
		t.Fatalf("add events: %d, %v", n, err)
	}
	n, err = svc.AddEvents(ctx, "inc-1", evs[:10])
	if err != nil || n != 0 {
		t.Fatalf("re-adding the same events added %d (%v), want 0", n, err)
	}
	got, _ := svc.Incident(ctx, "inc-1")
	if len(got.Timeline) != 50 {
		t.Fatalf("%d events stored, want 50", len(got.Timeline))
	}
	for i := 1; i < len(got.Timeline); i++ {
		if got.Timeline[i].Time.Before(got.Timeline[i-1].Time) {
			t.Fatal("events not in time order")
		}
	}
	if got.Timeline[0].Time.Location() != time.UTC || got.Timeline[0].Time.Hour() != 8 {
		t.Fatalf("first event time %v, want 08:00 UTC", got.Timeline[0].Time)
	}
	// Curation changes an event in place; deleting one is refused. A
	// person's star is what survives the star rules, so star through it.
	_, err = svc.Update(ctx, "inc-1", hindsight.AnyVersion, func(inc *hindsight.Incident) error {
		return inc.StarEvent(inc.Timeline[3].ID, true)
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.Update(ctx, "inc-1", hindsight.AnyVersion, func(inc *hindsight.Incident) error {
		inc.Timeline = inc.Timeline[1:]
		return nil
	})
	if hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid {
		t.Fatalf("deleting an event: %v, want invalid", err)
	}
	got, _ = svc.Incident(ctx, "inc-1")
	if len(got.Timeline) != 50 || !got.Timeline[3].Starred || !got.Timeline[3].Curated {
		t.Fatalf("after curation: %d events, starred %v curated %v", len(got.Timeline), got.Timeline[3].Starred, got.Timeline[3].Curated)
	}
	// A bad event in a batch adds nothing.
	bad := append([]hindsight.Event{event("new one", base)}, hindsight.Event{Time: base, Text: "x", Kind: "gossip"})
	if _, err := svc.AddEvents(ctx, "inc-1", bad); hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid {
		t.Fatalf("bad batch: %v", err)
	}
	got, _ = svc.Incident(ctx, "inc-1")
	if len(got.Timeline) != 50 {
		t.Fatalf("bad batch left %d events, want 50", len(got.Timeline))
	}
}

func testAttachments(t *testing.T, svc *hindsight.Service, _ hindsight.Store) {
	ctx := context.Background()
	create(t, svc, "inc-1")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR fake")
	a, err := svc.Attach(ctx, "inc-1", "/tmp/graphs/latency.png", "p99 latency", png)
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "latency.png" || a.MediaType != "image/png" || a.Size != int64(len(png)) {
		t.Fatalf("attachment %+v", a)
	}
	if _, err := svc.Attach(ctx, "inc-1", "latency.png", "", []byte("x")); hindsight.ErrorCodeOf(err) != hindsight.CodeConflict {
		t.Fatalf("same name twice: %v", err)
	}
	if _, err := svc.Attach(ctx, "inc-1", "notes.txt", "", []byte("plain notes")); err != nil {
		t.Fatal(err)
	}
	got, _ := svc.Incident(ctx, "inc-1")
	if len(got.Appendices) != 2 || string(got.Appendices[0].Content) != string(png) || got.Appendices[0].Caption != "p99 latency" || got.Appendices[1].Name != "notes.txt" {
		t.Fatalf("attachments read back: %+v", got.Appendices)
	}
}

func testRestore(t *testing.T, svc *hindsight.Service, _ hindsight.Store) {
	ctx := context.Background()
	create(t, svc, "inc-1")
	if _, err := svc.AddEvents(ctx, "inc-1", []hindsight.Event{event("alert fired", time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC))}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Attach(ctx, "inc-1", "g.png", "graph", []byte("\x89PNG\r\n\x1a\n")); err != nil {
		t.Fatal(err)
	}
	orig, _ := svc.Incident(ctx, "inc-1")
	doc, err := json.Marshal(orig)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Restore(ctx, doc); hindsight.ErrorCodeOf(err) != hindsight.CodeConflict {
		t.Fatalf("restore over an existing id: %v", err)
	}
	var m map[string]any
	json.Unmarshal(doc, &m)
	m["id"] = "inc-copy"
	doc2, _ := json.Marshal(m)
	restored, err := svc.Restore(ctx, doc2)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := svc.Incident(ctx, "inc-copy")
	if got.Title != orig.Title || len(got.Timeline) != 1 || got.Timeline[0].ID != orig.Timeline[0].ID ||
		len(got.Appendices) != 1 || string(got.Appendices[0].Content) != string(orig.Appendices[0].Content) || restored.Version != 1 {
		t.Fatalf("restored %+v", got)
	}
	if _, err := svc.Restore(ctx, []byte(`{"id": "x", "title": "t", "bogus": 1}`)); hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid {
		t.Fatalf("unknown key: %v", err)
	}
	if _, err := svc.Restore(ctx, []byte(`{"id": "Bad Id", "title": "t"}`)); hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid {
		t.Fatalf("bad id: %v", err)
	}
}

// testEvidence: an import's roster, events and log pattern table are one
// write, the table is kept in the incident document, and a second import
// of the same evidence adds nothing.
func testEvidence(t *testing.T, svc *hindsight.Service, _ hindsight.Store) {
	ctx := context.Background()
	inc := create(t, svc, "inc-1")
	at := time.Date(2026, 3, 4, 9, 41, 0, 0, time.UTC)
	people := []hindsight.Person{{Handle: "sam", Role: "on-call engineer"}}
	events := []hindsight.Event{{Time: at, Source: "logfile", Ref: "api.log:812", Kind: hindsight.KindLogPattern,
		Text: "Error rate in api.log rose at 09:41Z"}}
	patterns := []hindsight.LogPattern{{Source: "api.log", Template: "pool: timed out after <*>", Level: "ERROR", Count: 853,
		First: at, Last: at.Add(47 * time.Minute), Ref: "api.log:812"}}
	for round, want := range []int{1, 0} {
		added, err := svc.AddEvidence(ctx, inc.ID, people, events, patterns)
		if err != nil || added != want {
			t.Fatalf("round %d: AddEvidence = %d, %v; want %d", round, added, err, want)
		}
	}
	got, err := svc.Incident(ctx, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != inc.Version+2 || len(got.Roster) != 1 || len(got.Timeline) != 1 || len(got.LogPatterns) != 1 ||
		got.LogPatterns[0] != patterns[0] {
		t.Fatalf("stored version %d, roster %v, %d events, patterns %+v", got.Version, got.Roster, len(got.Timeline), got.LogPatterns)
	}
}

func testList(t *testing.T, svc *hindsight.Service, _ hindsight.Store) {
	ctx := context.Background()
	create(t, svc, "a")
	create(t, svc, "b")
	if _, err := svc.Update(ctx, "a", hindsight.AnyVersion, func(inc *hindsight.Incident) error { return inc.SetField("status", "in-review") }); err != nil {
		t.Fatal(err)
	}
	list, err := svc.Incidents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != "a" || list[0].Status != hindsight.StatusInReview || list[1].ID != "b" {
		t.Fatalf("list %+v", list)
	}
}
