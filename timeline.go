package hindsight

import (
	"cmp"
	"slices"
)

// sortEvents orders events by time, then by source and ref, so that the
// order is the same whatever order the evidence was imported in.
func sortEvents(evs []Event) {
	slices.SortStableFunc(evs, func(a, b Event) int {
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		return cmp.Compare(a.Ref, b.Ref)
	})
}
