package hindsight

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// compareEvents is the timeline order: time, then source, then ref, then id,
// so that the order is the same whatever order the evidence was imported in.
func compareEvents(a, b Event) int {
	if c := a.Time.Compare(b.Time); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Source, b.Source); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Ref, b.Ref); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// sortEvents puts events in timeline order.
func sortEvents(evs []Event) { slices.SortFunc(evs, compareEvents) }

// analysis is one pass over a timeline in timeline order that the curation
// steps share: which events are exact duplicates of an earlier one, and
// later the groups.
type analysis struct {
	evs []Event
	// rep[i] is the index of the event the view shows for event i: i itself,
	// or the first earlier event with the same time, kind and text.
	rep []int
	// root[i] is the index of the first event of event i's group (i itself
	// when it is alone or first); set by group.
	root []int
}

// newAnalysis analyses evs, which it sorts in place when they are not in
// timeline order yet.
func newAnalysis(evs []Event) *analysis {
	if !slices.IsSortedFunc(evs, compareEvents) {
		evs = slices.Clone(evs)
		sortEvents(evs)
	}
	a := &analysis{evs: evs, rep: make([]int, len(evs))}
	a.findDuplicates()
	return a
}

// findDuplicates applies rule dup-exact: two events are the same record
// (the same chat message in two exports, an alert delivered twice) when
// they have the same time to the nanosecond, the same kind and the same
// text once surrounding and repeated white space is ignored. The actor is
// not compared, because two exports often name the same author differently
// (a user id in one, a display name in the other). Equal times sit next to
// each other in timeline order, so only runs of equal times are compared.
func (a *analysis) findDuplicates() {
	evs := a.evs
	for start := 0; start < len(evs); {
		end := start + 1
		for end < len(evs) && evs[end].Time.Equal(evs[start].Time) {
			end++
		}
		a.rep[start] = start
		if end-start > 1 {
			a.dedupeRun(start, end)
		}
		start = end
	}
}

// dedupeRun finds the representatives within evs[start:end], which share
// one time.
func (a *analysis) dedupeRun(start, end int) {
	type key struct {
		kind EventKind
		text string
	}
	first := make(map[key]int, end-start)
	for i := start; i < end; i++ {
		k := key{a.evs[i].Kind, canonicalText(a.evs[i].Text)}
		if j, ok := first[k]; ok {
			a.rep[i] = j
			continue
		}
		first[k] = i
		a.rep[i] = i
	}
}

// canonicalText trims a text and folds every run of white space to one
// space. It returns the text itself, without copying, when it is canonical.
func canonicalText(s string) string {
	canonical := true
	prevSpace := true // a leading space is not canonical
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prevSpace || r != ' ') {
			canonical = false
			break
		}
		prevSpace = sp
	}
	if canonical && !prevSpace || s == "" {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// CurateTimeline re-derives everything the rules decide about the timeline,
// in place: the timeline order, the milestones that no person set, the
// groups, the phases no person fixed and the stars no person chose. It never
// removes an event and never overrides a person. The Service calls it on
// every write, so the stored incident is always curated; call it yourself
// only on an incident built in memory. docs/timeline.md lists the rules.
func (inc *Incident) CurateTimeline() {
	sortEvents(inc.Timeline)
	a := newAnalysis(inc.Timeline)
	a.carryCuration()
	a.group()
	a.writeGroups()
	inc.Milestones = a.deriveMilestones(inc.Milestones)
	a.assignPhases(inc.Milestones)
	a.assignStars(inc.Milestones)
}

// Timeline returns the timeline as people read it: in timeline order, each
// duplicate shown once (as its first copy), and only the starred events
// unless all is set. It returns copies; the incident is not changed. The
// incident must be curated (every incident the Service returns is).
func Timeline(inc *Incident, all bool) []Event {
	a := newAnalysis(inc.Timeline)
	out := make([]Event, 0, len(a.evs))
	for i := range a.evs {
		if a.rep[i] == i && (all || a.evs[i].Starred) {
			e := a.evs[i]
			e.Flags = slices.Clone(e.Flags)
			out = append(out, e)
		}
	}
	return out
}
