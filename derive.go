package hindsight

import (
	"fmt"
	"slices"
	"time"
)

// TriggerLookback bounds how far before the incident start the trigger rule
// looks for the change that set it off. A deploy a day earlier is more often
// unrelated than not; a person sets an older trigger by hand.
const TriggerLookback = 6 * time.Hour

// MilestoneRule derives one milestone from the evidence. Each milestone has
// one or more rules; when several find an event, the milestone takes the
// earliest event (or the latest, for the milestones that mark an end), and
// on a tie the rule listed first.
type MilestoneRule struct {
	// ID is what Milestone.Rule records, so a reader can look the rule up
	// in docs/timeline.md.
	ID   string
	Name MilestoneName
	// Doc says the rule in one sentence; `hindsight milestone rules` and the
	// docs print it.
	Doc string
	// find returns the index of the event that sets the milestone, or -1.
	find func(a *analysis, known map[MilestoneName]Milestone) int
}

// milestoneLatest lists the milestones that mark an end: among their rules'
// events the latest wins, because the incident is over only when the last
// source says so.
var milestoneLatest = map[MilestoneName]bool{MilestoneImpactEnd: true, MilestoneResolved: true}

// deriveOrder is the order rules run in: a milestone's rules may read the
// milestones derived (or set by a person) before it. The trigger comes last
// because it is found by looking back from the start of impact.
var deriveOrder = []MilestoneName{MilestoneImpactStart, MilestoneDetected, MilestoneDeclared,
	MilestoneAcknowledged, MilestoneIdentified, MilestoneMitigated, MilestoneImpactEnd,
	MilestoneResolved, MilestoneTrigger}

// MilestoneRules lists every derivation rule, in the order they are tried.
// The closed milestone has no rule: only a person closes an incident.
var MilestoneRules = []MilestoneRule{
	{"trigger-last-change", MilestoneTrigger,
		"the last deploy or change (not a rollback) at or before the start of impact (or detection), at most TriggerLookback earlier",
		func(a *analysis, k map[MilestoneName]Milestone) int {
			start, ok := k[MilestoneImpactStart]
			if !ok {
				if start, ok = k[MilestoneDetected]; !ok {
					return -1
				}
			}
			return a.last(func(e *Event) bool {
				return isForwardChange(e) && !e.Time.After(start.Time) && start.Time.Sub(e.Time) <= TriggerLookback
			})
		}},
	{"impact-start-alert", MilestoneImpactStart,
		"the earliest alert firing (an alert's time is when its condition began)",
		func(a *analysis, _ map[MilestoneName]Milestone) int { return a.first(isAlertFiring) }},
	{"impact-start-log-rise", MilestoneImpactStart,
		"the earliest log-pattern event that reports a pattern rising or appearing (words inside backticks are the log's, not a claim)",
		func(a *analysis, _ map[MilestoneName]Milestone) int { return a.first(isLogRise) }},
	{"detected-page", MilestoneDetected,
		"the alert that caused the first page (the alert grouped with it, else the last alert firing at most AlertPageAfter before it), or the page itself when no alert precedes it",
		func(a *analysis, _ map[MilestoneName]Milestone) int { return a.pagingAlert(a.first(isPageTriggered)) }},
	{"detected-alert", MilestoneDetected,
		"the first alert firing, when nothing paged a responder",
		func(a *analysis, _ map[MilestoneName]Milestone) int {
			if a.first(isPageTriggered) >= 0 {
				return -1
			}
			return a.first(isAlertFiring)
		}},
	{"declared-declaration", MilestoneDeclared,
		"the first message, decision or status that declares the incident",
		func(a *analysis, _ map[MilestoneName]Milestone) int { return a.first(isDeclaration) }},
	{"acknowledged-ack", MilestoneAcknowledged,
		"the first acknowledgement at or after detection",
		func(a *analysis, k map[MilestoneName]Milestone) int {
			return a.firstFrom(k, MilestoneDetected, func(e *Event) bool { return e.Kind == KindAck })
		}},
	{"identified-status", MilestoneIdentified,
		"the first status update announcing \"identified\", at or after detection",
		func(a *analysis, k map[MilestoneName]Milestone) int {
			return a.firstFrom(k, MilestoneDetected, func(e *Event) bool { return isStatus(e, "identified") })
		}},
	{"identified-cause-named", MilestoneIdentified,
		"the first decision or chat message that names a cause (\"root cause\", \"caused by\", \"found the bug\") without asking or guessing, at or after detection",
		func(a *analysis, k map[MilestoneName]Milestone) int {
			return a.firstFrom(k, MilestoneDetected, isCauseNamed)
		}},
	{"mitigated-rollback", MilestoneMitigated,
		"the first rollback at or after detection that is in production: its deploy reporting success, else its deploy starting, else the revert merged",
		func(a *analysis, k map[MilestoneName]Milestone) int {
			return a.firstDeployed(k, MilestoneDetected, isRollback)
		}},
	{"mitigated-fix-deployed", MilestoneMitigated,
		"the first deploy or change at or after the cause was identified (the fix), as it reaches production: its deploy reporting success, else its deploy starting, else the change",
		func(a *analysis, k map[MilestoneName]Milestone) int {
			if _, ok := k[MilestoneIdentified]; !ok {
				return -1
			}
			return a.firstDeployed(k, MilestoneIdentified, isForwardChange)
		}},
	{"mitigated-status", MilestoneMitigated,
		"the first status update announcing \"monitoring\" (a fix is in place), at or after detection",
		func(a *analysis, k map[MilestoneName]Milestone) int {
			return a.firstFrom(k, MilestoneDetected, func(e *Event) bool { return isStatus(e, "monitoring") })
		}},
	{"mitigated-alert-resolved", MilestoneMitigated,
		"the first alert resolved at or after detection",
		func(a *analysis, k map[MilestoneName]Milestone) int {
			return a.firstFrom(k, MilestoneDetected, isAlertResolved)
		}},
	{"impact-end-alert-resolved", MilestoneImpactEnd,
		"the last alert resolved at or after detection, when no alert fires after it",
		func(a *analysis, k map[MilestoneName]Milestone) int {
			i := a.last(isAlertResolved)
			if i < 0 || !a.atOrAfter(i, k, MilestoneDetected) {
				return -1
			}
			for j := i + 1; j < len(a.evs); j++ {
				if a.rep[j] == j && isAlertFiring(&a.evs[j]) {
					return -1
				}
			}
			return i
		}},
	{"impact-end-log-baseline", MilestoneImpactEnd,
		"the last log-pattern event reporting a rate back to baseline, at or after the start of impact, when no log rise follows it",
		func(a *analysis, k map[MilestoneName]Milestone) int {
			i := a.last(isLogBaseline)
			if i < 0 || !a.atOrAfter(i, k, MilestoneImpactStart) {
				return -1
			}
			for j := i + 1; j < len(a.evs); j++ {
				if a.rep[j] == j && isLogRise(&a.evs[j]) {
					return -1
				}
			}
			return i
		}},
	{"resolved-incident", MilestoneResolved,
		"the last page or status update that resolves the incident, at or after detection",
		func(a *analysis, k map[MilestoneName]Milestone) int {
			i := a.last(isIncidentResolved)
			if i < 0 || !a.atOrAfter(i, k, MilestoneDetected) {
				return -1
			}
			return i
		}},
}

// first returns the index of the earliest event (duplicate copies skipped)
// for which ok holds, or -1.
func (a *analysis) first(ok signal) int {
	for i := range a.evs {
		if a.rep[i] == i && ok(&a.evs[i]) {
			return i
		}
	}
	return -1
}

// last returns the index of the latest event for which ok holds, or -1.
func (a *analysis) last(ok signal) int {
	for i := len(a.evs) - 1; i >= 0; i-- {
		if a.rep[i] == i && ok(&a.evs[i]) {
			return i
		}
	}
	return -1
}

// firstFrom is first, starting at the time of the known milestone from when
// it is known (from the start of the timeline otherwise).
func (a *analysis) firstFrom(k map[MilestoneName]Milestone, from MilestoneName, ok signal) int {
	start := 0
	if m, found := k[from]; found {
		start, _ = slices.BinarySearchFunc(a.evs, m.Time, func(e Event, t time.Time) int { return e.Time.Compare(t) })
	}
	for i := start; i < len(a.evs); i++ {
		if a.rep[i] == i && ok(&a.evs[i]) {
			return i
		}
	}
	return -1
}

// firstDeployed returns the first event from the known milestone on for
// which ok holds and that shows the change in production: a deploy that
// reports it finished; failing that, a deploy (starting); failing that, any
// event (a merged change). Impact stops when a fix is live, not when it is
// merged or starts rolling out.
func (a *analysis) firstDeployed(k map[MilestoneName]Milestone, from MilestoneName, ok signal) int {
	for _, tier := range []signal{isDeployFinished, func(e *Event) bool { return e.Kind == KindDeploy }, nil} {
		i := a.firstFrom(k, from, func(e *Event) bool { return ok(e) && (tier == nil || tier(e)) })
		if i >= 0 {
			return i
		}
	}
	return -1
}

// pagingAlert returns the alert that caused the page at index p: the first
// alert firing in the page's group, else the last alert firing at most
// AlertPageAfter before the page; the page itself when there is none, and
// -1 when p is. Only an alert before the page counts without a shared
// token: a page cannot be caused by an alert that fired after it.
func (a *analysis) pagingAlert(p int) int {
	if p < 0 {
		return -1
	}
	for i := a.root[p]; i < len(a.evs); i++ { // a group's members follow its first event
		if i != p && a.root[i] == a.root[p] && a.rep[i] == i && isAlertFiring(&a.evs[i]) {
			return i
		}
		if a.evs[i].Time.After(a.evs[p].Time.Add(AlertPageBefore)) {
			break
		}
	}
	for i := p - 1; i >= 0 && a.evs[p].Time.Sub(a.evs[i].Time) <= AlertPageAfter; i-- {
		if a.rep[i] == i && isAlertFiring(&a.evs[i]) {
			return i
		}
	}
	return p
}

// atOrAfter reports whether event i is at or after the known milestone
// (true when the milestone is unknown).
func (a *analysis) atOrAfter(i int, k map[MilestoneName]Milestone, name MilestoneName) bool {
	m, ok := k[name]
	return !ok || !a.evs[i].Time.Before(m.Time)
}

// deriveMilestones returns the incident's milestones: every one a person set,
// plus a derived one for every other milestone some rule finds evidence for.
// A person's milestone always wins, and later rules read it in place of the
// derived one, so that setting "detected" by hand moves "acknowledged" too.
func (a *analysis) deriveMilestones(current []Milestone) []Milestone {
	known := make(map[MilestoneName]Milestone, len(MilestoneNames))
	for _, m := range current {
		if m.Rule == RulePerson {
			known[m.Name] = m
		}
	}
	for _, name := range deriveOrder {
		if _, byPerson := known[name]; byPerson {
			continue
		}
		best, bestRule := -1, ""
		for _, r := range MilestoneRules {
			if r.Name != name {
				continue
			}
			i := r.find(a, known)
			if i < 0 {
				continue
			}
			if best < 0 || (milestoneLatest[name] && i > best) || (!milestoneLatest[name] && i < best) {
				best, bestRule = i, r.ID
			}
		}
		if best >= 0 {
			e := &a.evs[best]
			known[name] = Milestone{Name: name, Time: e.Time, Event: e.ID, Rule: bestRule}
		}
	}
	out := make([]Milestone, 0, len(known))
	for _, m := range known {
		out = append(out, m)
	}
	sortMilestones(out)
	return out
}

// DerivedMilestones returns the milestones as the evidence and the people
// set them: a person's milestone wins, every other one comes from the first
// rule of MilestoneRules that finds evidence. It does not change the incident.
func (inc *Incident) DerivedMilestones() []Milestone {
	a := newAnalysis(inc.Timeline)
	a.group()
	return a.deriveMilestones(inc.Milestones)
}

// ClearMilestone removes the milestone a person set, handing it back to the
// rules, which derive it again on the next write if the evidence shows it.
// It fails with CodeNotFound when no person set that milestone.
func (inc *Incident) ClearMilestone(name MilestoneName) error {
	if !oneOf(name, MilestoneNames) {
		return Errorf(CodeInvalid, "unknown milestone %q (want one of %s)", name, list(MilestoneNames))
	}
	for i, m := range inc.Milestones {
		if m.Name == name && m.Rule == RulePerson {
			inc.Milestones = slices.Delete(inc.Milestones, i, i+1)
			return nil
		}
	}
	return Errorf(CodeNotFound, "no person has set milestone %s of incident %s", name, inc.ID)
}

// MilestoneOrderFindings reports each pair of known milestones that stand in
// the wrong order (rule milestone-order). Milestones out of order are a
// question for the team, never a failure: clocks drift, evidence is partial,
// and sometimes the incident really did go that way.
func MilestoneOrderFindings(ms []Milestone) []Finding {
	ordered := slices.Clone(ms)
	sortMilestones(ordered)
	var out []Finding
	for i := 1; i < len(ordered); i++ {
		prev, m := ordered[i-1], ordered[i]
		if !m.Time.Before(prev.Time) {
			continue
		}
		out = append(out, Finding{
			Rule:     "milestone-order",
			Severity: FindingWarning,
			Field:    "milestones." + string(m.Name),
			Message: fmt.Sprintf("%s (%s, %s) comes before %s (%s, %s). Is one of the times off, or did the incident really go this way?",
				m.Name, clock(m.Time), origin(m), prev.Name, clock(prev.Time), origin(prev)),
			Suggestion: fmt.Sprintf("check both events; set the right time with `hindsight milestone set <id> %s --at <time> --because <reason>`", m.Name),
		})
	}
	return out
}

// origin says in words where a milestone came from.
func origin(m Milestone) string {
	if m.Rule == RulePerson {
		return "set by a person"
	}
	return "rule " + m.Rule
}

// clock formats a time for a finding message: UTC, to the second.
func clock(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05Z") }
