package hindsight

import (
	"strings"
	"time"
	"unicode"
)

// carryCuration moves a person's star choice from a duplicate copy to the
// copy the view shows. The shown copy can change when new evidence arrives
// (a new copy may sort first), and the choice belongs to the happening, not
// to one copy of its record.
func (a *analysis) carryCuration() {
	for i := range a.evs {
		r := a.rep[i]
		if r == i || !a.evs[i].Curated {
			continue
		}
		if !a.evs[r].Curated {
			a.evs[r].Curated, a.evs[r].Starred = true, a.evs[i].Starred
		}
		a.evs[i].Curated = false
	}
}

// phaseBoundary is the moment one phase begins.
type phaseBoundary struct {
	phase Phase
	at    time.Time
	known bool
}

// phaseBoundaries turns milestones into the moments each phase begins:
//
//   - detection begins at the start of the incident: the earliest of
//     impact_start, detected, declared, acknowledged, identified, mitigated;
//     everything before it is pre-incident;
//   - investigation begins at acknowledged (else declared, else detected);
//   - mitigation begins at identified;
//   - resolution begins at mitigated (else impact_end);
//   - post-incident is everything after resolved (else closed).
//
// A missing boundary lets the phase before it run on. A boundary earlier
// than the one before it (milestones out of order, which Gaps reports) is
// moved up to it, so the phases always follow each other in order.
func phaseBoundaries(ms []Milestone) (bounds []phaseBoundary, end time.Time, hasEnd bool) {
	at := make(map[MilestoneName]time.Time, len(ms))
	for _, m := range ms {
		at[m.Name] = m.Time
	}
	firstOf := func(names ...MilestoneName) (time.Time, bool) {
		for _, n := range names {
			if t, ok := at[n]; ok {
				return t, true
			}
		}
		return time.Time{}, false
	}
	var start time.Time
	for _, n := range []MilestoneName{MilestoneImpactStart, MilestoneDetected, MilestoneDeclared,
		MilestoneAcknowledged, MilestoneIdentified, MilestoneMitigated} {
		if t, ok := at[n]; ok && (start.IsZero() || t.Before(start)) {
			start = t
		}
	}
	if start.IsZero() {
		return nil, time.Time{}, false
	}
	bounds = []phaseBoundary{{PhaseDetection, start, true}}
	add := func(p Phase, names ...MilestoneName) {
		t, ok := firstOf(names...)
		bounds = append(bounds, phaseBoundary{p, t, ok})
	}
	add(PhaseInvestigation, MilestoneAcknowledged, MilestoneDeclared, MilestoneDetected)
	add(PhaseMitigation, MilestoneIdentified)
	add(PhaseResolution, MilestoneMitigated, MilestoneImpactEnd)
	prev := start
	for i := range bounds {
		if bounds[i].known && bounds[i].at.Before(prev) {
			bounds[i].at = prev
		}
		if bounds[i].known {
			prev = bounds[i].at
		}
	}
	end, hasEnd = firstOf(MilestoneResolved, MilestoneClosed)
	if hasEnd && end.Before(prev) {
		end = prev
	}
	return bounds, end, hasEnd
}

// assignPhases gives every event whose phase no person fixed the phase its
// time falls in (see phaseBoundaries). An event exactly at a boundary
// belongs to the phase that begins there; an event exactly at resolved is
// still resolution. Without any milestone that starts the incident no phase
// can be told, and phases are left empty rather than guessed.
func (a *analysis) assignPhases(ms []Milestone) {
	bounds, end, hasEnd := phaseBoundaries(ms)
	for i := range a.evs {
		e := &a.evs[i]
		if e.PhaseFixed {
			continue
		}
		e.Phase = phaseAt(e.Time, bounds, end, hasEnd)
	}
}

// phaseAt returns the phase of a moment.
func phaseAt(t time.Time, bounds []phaseBoundary, end time.Time, hasEnd bool) Phase {
	if len(bounds) == 0 {
		return ""
	}
	if hasEnd && t.After(end) {
		return PhasePostIncident
	}
	p := PhasePreIncident
	for _, b := range bounds {
		if b.known && !t.Before(b.at) {
			p = b.phase
		}
	}
	return p
}

// starredKinds are the kinds rule star-kind stars: the happenings a reader
// of the report needs (alerts, pages, acknowledgements, decisions, deploys
// and other changes, status changes, responders' actions), as opposed to
// chat messages, notes and log patterns, which are the raw material.
var starredKinds = map[EventKind]bool{KindAlert: true, KindPage: true, KindAck: true, KindDecision: true,
	KindDeploy: true, KindChange: true, KindStatus: true, KindAction: true}

// assignStars sets the default star of every event no person curated. The
// rules, first match wins:
//
//   - star-milestone: an event that set a milestone is starred;
//   - star-duplicate: a duplicate copy is not (the view shows its first copy);
//   - star-group-echo: in a group, only the first event is starred, so the
//     curated timeline tells each happening once;
//   - star-repeat: an alert, page or status whose text repeats an earlier
//     one of the same kind, digits aside, is not starred (a flapping alert
//     is one happening, not sixty);
//   - star-kind: alerts, pages, acks, decisions, deploys, changes, status
//     changes and actions are starred; messages, notes and log patterns not.
func (a *analysis) assignStars(ms []Milestone) {
	setter := make(map[string]bool, len(ms))
	for _, m := range ms {
		if m.Event != "" {
			setter[m.Event] = true
		}
	}
	groupFirst := make(map[string]bool)
	type seenKey struct {
		kind EventKind
		text string
	}
	seen := make(map[seenKey]bool)
	for i := range a.evs {
		e := &a.evs[i]
		firstInGroup := e.Group == "" || !groupFirst[e.Group]
		if e.Group != "" {
			groupFirst[e.Group] = true
		}
		repeat := false
		if a.rep[i] == i && (e.Kind == KindAlert || e.Kind == KindPage || e.Kind == KindStatus) {
			k := seenKey{e.Kind, withoutDigits(canonicalText(e.Text))}
			repeat = seen[k]
			seen[k] = true
		}
		if e.Curated {
			continue
		}
		switch {
		case setter[e.ID]:
			e.Starred = true
		case a.rep[i] != i:
			e.Starred = false
		case !firstInGroup:
			e.Starred = false
		case repeat:
			e.Starred = false
		default:
			e.Starred = starredKinds[e.Kind]
		}
	}
}

// withoutDigits drops the digits of s, so that "error rate 12%" and "error
// rate 14%" read as the same alert.
func withoutDigits(s string) string {
	if strings.IndexFunc(s, unicode.IsDigit) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, s)
}

// eventIndex returns the index of the event with the given id, resolved to
// the copy the view shows when it is a duplicate, or fails with CodeNotFound.
func (inc *Incident) eventIndex(id string) (int, error) {
	at := -1
	for i := range inc.Timeline {
		if inc.Timeline[i].ID == id {
			at = i
			break
		}
	}
	if at < 0 {
		return -1, Errorf(CodeNotFound, "incident %s has no event %s", inc.ID, id)
	}
	// A duplicate has the same time, kind and text as its first copy; find
	// that copy among the events at the same time.
	e := inc.Timeline[at]
	text := canonicalText(e.Text)
	first := at
	for i := range inc.Timeline {
		x := &inc.Timeline[i]
		if x.Time.Equal(e.Time) && x.Kind == e.Kind && canonicalText(x.Text) == text &&
			compareEvents(*x, inc.Timeline[first]) < 0 {
			first = i
		}
	}
	return first, nil
}

// StarEvent records a person's choice to show (starred) or hide an event in
// the curated timeline. The choice survives every later re-derivation. For a
// duplicate copy the choice goes to the copy the view shows. An unknown id
// fails with CodeNotFound.
func (inc *Incident) StarEvent(id string, starred bool) error {
	i, err := inc.eventIndex(id)
	if err != nil {
		return err
	}
	inc.Timeline[i].Starred, inc.Timeline[i].Curated = starred, true
	return nil
}

// SetEventPhase records a person's choice of phase for an event; the phase
// rules then leave it alone. An empty phase hands the event back to the
// rules. An unknown id fails with CodeNotFound.
func (inc *Incident) SetEventPhase(id string, p Phase) error {
	if p != "" && !oneOf(p, Phases) {
		return Errorf(CodeInvalid, "unknown phase %q (want one of %s)", p, list(Phases))
	}
	i, err := inc.eventIndex(id)
	if err != nil {
		return err
	}
	inc.Timeline[i].Phase, inc.Timeline[i].PhaseFixed = p, p != ""
	return nil
}
