package hindsight

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// benchEvents generates n events shaped like a big Slack export with the
// other evidence mixed in: over a day and a half, mostly chat (some naming
// people, some announcing deploys, a few naming causes), plus alerts that
// fire and resolve, the pages they cause, acks, deploys, status updates,
// and every fiftieth message duplicated by a second export.
func benchEvents(n int) []Event {
	r := rand.New(rand.NewPCG(7, 11))
	start := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	span := 36 * time.Hour
	services := []string{"checkout-api", "payments-worker", "search", "auth-gateway", "cart", "inventory-sync"}
	people := []string{"dana", "sam", "kim", "lee", "ari", "noor"}
	// %[1]s is a service, %[2]s a person; explicit indexes let a template
	// leave either out.
	chat := []string{"looking at %[1]s now", "@%[2]s can you check %[1]s?", "%[1]s graphs look odd", "lunch?%.0[1]s",
		"restarting %[1]s pods", "deploying %[1]s v1.4", "root cause: %[1]s pool exhausted", "anyone seeing %[1]s errors?",
		"%[1]s latency back to normal", "thanks %[2]s", "Dana Scully is on the bridge%.0[1]s"}
	evs := make([]Event, 0, n)
	for i := 0; len(evs) < n; i++ {
		t := start.Add(time.Duration(r.Int64N(int64(span))))
		svc, who := services[r.IntN(len(services))], people[r.IntN(len(people))]
		var e Event
		switch x := r.IntN(1000); {
		case x < 8:
			e = Event{Source: "alertmanager", Kind: KindAlert, Text: fmt.Sprintf("[FIRING:1] %sHighErrorRate %s", svc, svc)}
		case x < 14:
			e = Event{Source: "alertmanager", Kind: KindAlert, Text: fmt.Sprintf("[RESOLVED] %sHighErrorRate %s", svc, svc)}
		case x < 19:
			e = Event{Source: "pagerduty", Kind: KindPage, Text: fmt.Sprintf("Triggered: %sHighErrorRate (%s)", svc, svc)}
		case x < 23:
			e = Event{Source: "pagerduty", Kind: KindAck, Actor: who, Text: "Acknowledged by " + who}
		case x < 27:
			e = Event{Source: "github", Kind: KindDeploy, Actor: who, Text: fmt.Sprintf("Deploy %s v1.%d to production", svc, r.IntN(90))}
		case x < 28:
			e = Event{Source: "github", Kind: KindDeploy, Actor: who, Text: fmt.Sprintf("Rollback %s to v1.%d", svc, r.IntN(90))}
		case x < 30:
			e = Event{Source: "statuspage", Kind: KindStatus, Text: []string{"Investigating - errors", "Identified - cause found", "Monitoring - fix out", "Resolved - all good"}[r.IntN(4)]}
		default:
			e = Event{Source: "slack", Kind: KindMessage, Actor: who, Text: fmt.Sprintf(chat[r.IntN(len(chat))], svc, who)}
		}
		e.Time, e.Ref, e.KnownDuring = t, fmt.Sprintf("%s/%d", e.Source, i), true
		e.Normalize()
		evs = append(evs, e)
		if e.Kind == KindMessage && i%50 == 0 && len(evs) < n {
			c := e
			c.Ref, c.ID = "export-2/"+c.Ref, ""
			c.Normalize()
			evs = append(evs, c)
		}
	}
	r.Shuffle(len(evs), func(i, j int) { evs[i], evs[j] = evs[j], evs[i] })
	return evs
}

const benchN = 100_000

var benchRoster = []Person{{Handle: "dana", Name: "Dana Scully", Role: "Incident Commander"},
	{Handle: "sam", Name: "Sam Okafor", Role: "Database on-call"}, {Handle: "kim", Name: "Kim Park", Role: "Comms lead"}}

func reportRate(b *testing.B, n int) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkCurateTimeline is the whole derivation on an imported, unsorted
// timeline: sort, duplicates, milestones, groups, phases, stars.
func BenchmarkCurateTimeline(b *testing.B) {
	src := benchEvents(benchN)
	inc := &Incident{}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		inc.Timeline = append(inc.Timeline[:0], src...)
		inc.Milestones = nil
		b.StartTimer()
		inc.CurateTimeline()
	}
	reportRate(b, benchN)
}

// BenchmarkCurateTimelineSorted is the derivation every later write pays,
// on a timeline that is stored sorted and curated already.
func BenchmarkCurateTimelineSorted(b *testing.B) {
	inc := &Incident{Timeline: benchEvents(benchN)}
	inc.CurateTimeline()
	b.ReportAllocs()
	for b.Loop() {
		inc.CurateTimeline()
	}
	reportRate(b, benchN)
}

// The steps on their own, on a sorted timeline.
func BenchmarkTimelineSteps(b *testing.B) {
	evs := benchEvents(benchN)
	sortEvents(evs)
	a := newAnalysis(evs)
	ms := a.deriveMilestones(nil)
	b.Run("duplicates", func(b *testing.B) {
		for b.Loop() {
			newAnalysis(evs)
		}
		reportRate(b, benchN)
	})
	b.Run("milestones", func(b *testing.B) {
		for b.Loop() {
			a.deriveMilestones(nil)
		}
		reportRate(b, benchN)
	})
	b.Run("grouping", func(b *testing.B) {
		for b.Loop() {
			a.group()
		}
		reportRate(b, benchN)
	})
	b.Run("phases", func(b *testing.B) {
		for b.Loop() {
			a.assignPhases(ms)
		}
		reportRate(b, benchN)
	})
	b.Run("stars", func(b *testing.B) {
		for b.Loop() {
			a.assignStars(ms)
		}
		reportRate(b, benchN)
	})
	b.Run("view", func(b *testing.B) {
		inc := &Incident{Timeline: evs}
		for b.Loop() {
			Timeline(inc, true)
		}
		reportRate(b, benchN)
	})
	b.Run("gaps", func(b *testing.B) {
		inc := &Incident{Timeline: evs, Milestones: ms}
		for b.Loop() {
			inc.Gaps()
		}
		reportRate(b, benchN)
	})
	b.Run("roster", func(b *testing.B) {
		inc := &Incident{Roster: benchRoster}
		for b.Loop() {
			b.StopTimer()
			inc.Timeline = append(inc.Timeline[:0], evs...)
			b.StartTimer()
			inc.ApplyRoster()
		}
		reportRate(b, benchN)
	})
}

// The generated timeline exercises every step: a sanity check that the
// benchmarks measure real work.
func TestBenchEventsExerciseRules(t *testing.T) {
	inc := &Incident{Timeline: benchEvents(20_000), Roster: benchRoster}
	inc.ApplyRoster()
	inc.CurateTimeline()
	groups, starred, dups := map[string]bool{}, 0, 0
	for _, e := range inc.Timeline {
		if e.Group != "" {
			groups[e.Group] = true
		}
		if e.Starred {
			starred++
		}
	}
	dups = len(inc.Timeline) - len(Timeline(inc, true))
	if len(inc.Milestones) < 6 || len(groups) < 50 || starred < 100 || dups < 100 {
		t.Errorf("milestones %d, groups %d, starred %d, duplicates %d: the generator exercises too little",
			len(inc.Milestones), len(groups), starred, dups)
	}
}

// BenchmarkSortBaseline sorts the same events by time alone: the least any
// timeline builder must do. scripts/bench prints the curation as a ratio of it.
func BenchmarkSortBaseline(b *testing.B) {
	src := benchEvents(benchN)
	evs := make([]Event, len(src))
	for b.Loop() {
		b.StopTimer()
		copy(evs, src)
		b.StartTimer()
		slices.SortFunc(evs, func(x, y Event) int { return x.Time.Compare(y.Time) })
	}
	reportRate(b, benchN)
}
