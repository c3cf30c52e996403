package hindsight_test

import (
	"context"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
)

func TestCreateFrom(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	svc := newService(t, hindsight.WithClock(func() time.Time { return now }))
	in := &hindsight.Incident{ID: "imported-1", Title: "Imported", Status: hindsight.StatusDraft,
		Timeline:   []hindsight.Event{{Time: now.Add(-time.Hour), Source: "markdown", Ref: "a.md:3", Text: "started"}},
		Actions:    []hindsight.ActionItem{{Title: "Add an alert", Category: hindsight.CategoryDetect}},
		Lessons:    []hindsight.Lesson{{Kind: hindsight.LessonLucky, Text: "quiet hour"}},
		Appendices: []hindsight.Appendix{{Name: "a.md", MediaType: "text/markdown", Content: []byte("# A\n")}}}
	got, err := svc.CreateFrom(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 1 || !got.CreatedAt.Equal(now) || got.Timeline[0].ID == "" || got.Actions[0].ID == "" ||
		got.Actions[0].Status != hindsight.ActionOpen || got.Lessons[0].ID == "" {
		t.Errorf("filled fields: %+v", got)
	}
	if a := got.Appendices[0]; a.Size != 4 || a.SHA256 == "" || !a.AddedAt.Equal(now) {
		t.Errorf("appendix: %+v", a)
	}
	if in.Version != 0 || in.Timeline[0].ID != "" {
		t.Errorf("the caller's incident was changed")
	}
	stored, err := svc.Incident(ctx, "imported-1")
	if err != nil || stored.Title != "Imported" || len(stored.Timeline) != 1 {
		t.Fatalf("stored: %+v, %v", stored, err)
	}
	if _, err := svc.CreateFrom(ctx, in); hindsight.ErrorCodeOf(err) != hindsight.CodeConflict {
		t.Errorf("second create: %v, want conflict", err)
	}
	bad := &hindsight.Incident{ID: "Not Valid", Title: "x"}
	if _, err := svc.CreateFrom(ctx, bad); hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid {
		t.Errorf("invalid id: %v", err)
	}
}
