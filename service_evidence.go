package hindsight

import "context"

// AddEvidence adds what one import brought, in one write: the people of a
// roster file, the timeline events, and the pattern table of any log. The
// write is all or nothing, so a failed import leaves neither a roster entry
// nor a pattern behind, and the timeline rules run once over the result
// (the roster's names become roles before they read the events).
//
// Events already in the timeline (same id) are skipped; a log pattern of a
// source and template already in the table replaces that row (see
// MergeLogPatterns). So importing the same evidence twice adds nothing. It
// returns the number of new events.
func (s *Service) AddEvidence(ctx context.Context, id string, people []Person, events []Event, patterns []LogPattern) (added int, err error) {
	_, err = s.Update(ctx, id, AnyVersion, func(inc *Incident) error {
		for _, p := range people {
			if err := inc.SetPerson(p); err != nil {
				return err
			}
		}
		have := make(map[string]bool, len(inc.Timeline)+len(events))
		for _, e := range inc.Timeline {
			have[e.ID] = true
		}
		for _, e := range events {
			e.Normalize()
			if err := e.Validate(); err != nil {
				return err
			}
			// A phase that comes with the evidence (an imported postmortem's
			// own timeline) is the evidence's word: the phase rules keep it.
			e.PhaseFixed = e.PhaseFixed || e.Phase != ""
			if !have[e.ID] {
				have[e.ID] = true
				inc.Timeline = append(inc.Timeline, e)
				added++
			}
		}
		sortEvents(inc.Timeline)
		inc.MergeLogPatterns(patterns)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

// AddEvents adds events to the timeline in one write. Events already there
// (same id) are skipped; the count of new events is returned.
func (s *Service) AddEvents(ctx context.Context, id string, events []Event) (int, error) {
	return s.AddEvidence(ctx, id, nil, events, nil)
}
