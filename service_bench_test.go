package hindsight_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hindsight-sre/hindsight"
)

// BenchmarkServiceImport is `hindsight import` of a 100k-event export into
// an incident with a roster, through the Service (roster, curation, the
// change diff) into a real SQLite store in a temporary folder, so the
// figure includes the database's own cost.
func BenchmarkServiceImport(b *testing.B) {
	src := hindsight.BenchEvents(hindsight.BenchN)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		svc := newService(b)
		inc, err := svc.Create(ctx, hindsight.NewIncident{ID: "bench", Title: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range hindsight.BenchRoster {
			if _, err := svc.AddPerson(ctx, inc.ID, p); err != nil {
				b.Fatal(err)
			}
		}
		evs := slices.Clone(src)
		b.StartTimer()
		if _, err := svc.AddEvents(ctx, inc.ID, evs); err != nil {
			b.Fatal(err)
		}
	}
	hindsight.ReportRate(b, hindsight.BenchN)
}
