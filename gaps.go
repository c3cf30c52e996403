package hindsight

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// SilenceThreshold is the longest stretch inside the incident window with
// no recorded event that Gaps accepts without asking. Half an hour without
// a message, page or change in the middle of an incident usually means
// work happened somewhere the evidence does not reach (a call, a terminal).
const SilenceThreshold = 30 * time.Minute

// Gaps returns what the postmortem is still missing, each phrased as a
// question a facilitator would ask. It reads the curated incident (as the
// Service stores it) and changes nothing. The rules, in the order reported:
//
//   - gap-evidence: no event at all;
//   - gap-impact-start: no impact_start, or one that rests on the same event
//     that detected the incident (impact almost always starts earlier);
//   - gap-milestone: no detected, mitigated or resolved milestone;
//   - milestone-order: two milestones in the wrong order;
//   - gap-impact-numbers: no number for the impact (users, tickets,
//     revenue, error budget);
//   - gap-silence: more than SilenceThreshold with no event between the
//     start of the incident and its resolution;
//   - gap-roster: someone the evidence names (an event actor or an
//     @mention) who is neither on the roster nor a role of it.
func (inc *Incident) Gaps() []Finding {
	var out []Finding
	if len(inc.Timeline) == 0 {
		out = append(out, Finding{Rule: "gap-evidence", Severity: FindingWarning, Field: "timeline",
			Message:    "No evidence is imported yet. Which chat channels, pages, alerts, deploys and logs tell the story of this incident?",
			Suggestion: "import them with `hindsight import <id> <file>…`"})
	}
	ms := inc.Milestones
	at := make(map[MilestoneName]Milestone, len(ms))
	for _, m := range ms {
		at[m.Name] = m
	}
	out = append(out, impactStartGaps(at)...)
	for _, name := range []MilestoneName{MilestoneDetected, MilestoneMitigated, MilestoneResolved} {
		if _, ok := at[name]; !ok {
			out = append(out, Finding{Rule: "gap-milestone", Severity: FindingWarning, Field: "milestones." + string(name),
				Message:    milestoneQuestions[name],
				Suggestion: fmt.Sprintf("`hindsight milestone set <id> %s --at <time> --because <how you know>`", name)})
		}
	}
	out = append(out, MilestoneOrderFindings(ms)...)
	if im := inc.Impact; im.UsersAffected == 0 && im.UsersPercent == 0 && im.SupportTickets == 0 && im.Revenue == 0 && im.SLOBudget == 0 {
		out = append(out, Finding{Rule: "gap-impact-numbers", Severity: FindingWarning, Field: "impact",
			Message:    "How many users were affected, what share of them, how many support tickets came in, how much error budget went? A well-informed estimate is better than no number.",
			Suggestion: "`hindsight set <id> impact.users_affected <n>` (also impact.users_percent, impact.support_tickets, impact.slo_budget, impact.revenue)"})
	}
	out = append(out, inc.silenceGaps()...)
	out = append(out, inc.rosterGaps()...)
	return out
}

// milestoneQuestions are the facilitator's questions for missing milestones.
var milestoneQuestions = map[MilestoneName]string{
	MilestoneDetected:  "When did monitoring or a person first notice the problem? No alert or page in the evidence says so.",
	MilestoneMitigated: "When did the impact on users stop growing or end? No rollback, fix, status update or resolved alert in the evidence says so.",
	MilestoneResolved:  "When was the incident over? No pager or status-page resolve in the evidence says so.",
}

// impactStartGaps asks about the start of impact, which the evidence rarely
// shows directly: alerts fire after users already feel the problem.
func impactStartGaps(at map[MilestoneName]Milestone) []Finding {
	start, ok := at[MilestoneImpactStart]
	if !ok {
		return []Finding{{Rule: "gap-impact-start", Severity: FindingWarning, Field: "milestones.impact_start",
			Message:    "When did users first feel the impact? No alert, log pattern or person has set impact_start, so time to detect and time to mitigate cannot be measured.",
			Suggestion: "look at dashboards, error logs and the first support tickets, then `hindsight milestone set <id> impact_start --at <time> --because <evidence>`"}}
	}
	det, ok := at[MilestoneDetected]
	if ok && start.Rule != RulePerson && start.Event != "" && start.Event == det.Event {
		return []Finding{{Rule: "gap-impact-start", Severity: FindingInfo, Field: "milestones.impact_start",
			Message: fmt.Sprintf("impact_start rests on the alert that detected the incident (%s), so time to detect reads zero. Did users feel the problem earlier?",
				clock(start.Time)),
			Suggestion: "check the graph behind the alert for when the metric first moved, then `hindsight milestone set <id> impact_start --at <time> --because <evidence>`"}}
	}
	return nil
}

// silenceGaps finds the stretches longer than SilenceThreshold with no
// event, between the start of the incident (impact_start, else detected)
// and its end (resolved, else impact_end, else mitigated).
func (inc *Incident) silenceGaps() []Finding {
	first := func(names ...MilestoneName) (time.Time, bool) {
		for _, n := range names {
			if m, ok := inc.Milestone(n); ok {
				return m.Time, true
			}
		}
		return time.Time{}, false
	}
	from, ok1 := first(MilestoneImpactStart, MilestoneDetected)
	to, ok2 := first(MilestoneResolved, MilestoneImpactEnd, MilestoneMitigated)
	if !ok1 || !ok2 || !to.After(from) {
		return nil
	}
	var out []Finding
	last := from
	check := func(next time.Time) {
		if gap := next.Sub(last); gap > SilenceThreshold {
			out = append(out, Finding{Rule: "gap-silence", Severity: FindingWarning, Field: "timeline",
				Message: fmt.Sprintf("Nothing is recorded for %s, from %s to %s. What was happening then: who was working on what, what was tried, where was it discussed?",
					gap.Round(time.Minute), clock(last), clock(next)),
				Suggestion: "import the missing evidence (a call's notes, a terminal log, another channel), or add what people remember as notes"})
		}
		if next.After(last) {
			last = next
		}
	}
	start, _ := slices.BinarySearchFunc(inc.Timeline, from, func(e Event, t time.Time) int { return e.Time.Compare(t) })
	for _, e := range inc.Timeline[start:] {
		if e.Time.After(to) {
			break
		}
		check(e.Time)
	}
	check(to)
	return out
}

// mentionPattern finds @mentions that are not part of an e-mail address.
var mentionPattern = regexp.MustCompile(`(?:^|[^\w@.])@([A-Za-z0-9][A-Za-z0-9._-]*)`)

// systemActors are actors that are tools, not people: the tools evidence
// comes from, and the generic words postmortems use for them.
var systemActors = map[string]bool{"system": true, "unknown": true, "alertmanager": true, "prometheus": true,
	"grafana": true, "pagerduty": true, "opsgenie": true, "github": true, "gitlab": true, "kubernetes": true,
	"kubelet": true, "statuspage": true, "slackbot": true, "jenkins": true, "argocd": true, "here": true,
	"channel": true, "everyone": true, "monitoring": true, "alerting": true, "paging system": true,
	"pager": true, "ci": true, "cd": true, "pipeline": true, "deploy pipeline": true, "scheduler": true,
	"cron": true, "automation": true, "autoscaler": true, "load balancer": true}

// isSystemActor reports whether an actor name is a tool: a known one, the
// event's own source, or a bot ("deploy-bot", "github-actions[bot]"). A
// bare "bot" ending is not enough: people are called Talbot too.
func isSystemActor(name, source string) bool {
	l := strings.ToLower(strings.TrimSpace(name))
	if l == "" || systemActors[l] || l == strings.ToLower(source) || l == "bot" {
		return true
	}
	for _, suffix := range []string{"[bot]", "-bot", "_bot", " bot", ".bot"} {
		if strings.HasSuffix(l, suffix) {
			return true
		}
	}
	return false
}

// rosterGaps reports each identity the evidence names that the roster does
// not cover: event actors that are not a roster role or a tool, and
// @mentions left after the roster rewrote the ones it knows.
func (inc *Incident) rosterGaps() []Finding {
	// Known: every name and role of the roster (a role also without a
	// note in brackets, so "deploy pipeline (bot)" covers "deploy
	// pipeline"), and the incident's services, which act in logs.
	known := make(map[string]bool)
	for _, p := range inc.Roster {
		role, _, _ := strings.Cut(p.Role, "(")
		for _, s := range append([]string{p.Handle, p.Name, p.Role, role}, p.Aliases...) {
			if s = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "@")); s != "" {
				known[s] = true
			}
		}
	}
	for _, s := range inc.Services {
		known[strings.ToLower(strings.TrimSpace(s))] = true
	}
	// An actor "dana" and a mention "@Dana" are one identity: count them
	// together under the form seen first.
	count := make(map[string]int)
	shown := make(map[string]string)
	var order []string
	note := func(who string) {
		who = strings.TrimRight(strings.TrimSpace(who), ".-_")
		k := strings.ToLower(strings.TrimPrefix(who, "@"))
		if k == "" {
			return
		}
		if count[k] == 0 {
			order = append(order, k)
			shown[k] = who
		}
		count[k]++
	}
	for i := range inc.Timeline {
		e := &inc.Timeline[i]
		if a := strings.TrimPrefix(strings.TrimSpace(e.Actor), "@"); !isSystemActor(a, e.Source) && !known[strings.ToLower(a)] {
			note(a)
		}
		if !strings.Contains(e.Text, "@") {
			continue
		}
		for _, m := range mentionPattern.FindAllStringSubmatch(e.Text, -1) {
			h := strings.TrimRight(m[1], ".-_")
			if !isSystemActor(h, e.Source) && !known[strings.ToLower(h)] {
				note("@" + h)
			}
		}
	}
	var out []Finding
	for _, k := range order {
		who := shown[k]
		out = append(out, Finding{Rule: "gap-roster", Severity: FindingWarning, Field: "roster",
			Message: fmt.Sprintf("The evidence names %q (%s), who is not on the roster. What role did they hold in the response? Until the roster says, the report would show the name.",
				who, times(count[k])),
			Suggestion: fmt.Sprintf("`hindsight roster add <id> --handle %q --name <full name> --role <role>`", strings.TrimPrefix(who, "@"))})
	}
	return out
}

// times says how often something was seen.
func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}
