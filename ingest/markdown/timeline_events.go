package markdown

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/hindsight-sre/hindsight"
)

// finishTimeline turns the entries into events, adds the key events, and
// reports what was uncertain.
func (p *parser) finishTimeline() {
	seen := map[string]bool{}
	add := func(e *entry) (string, bool) {
		text := cleanEventText(strings.Join(e.text, " "))
		if !e.ok {
			p.find("date-unknown", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("no date could be found for the entry %q; it is kept in the appendix only", clip(text, 60)),
				"give the entry, or a heading or line above it, a date")
			return "", false
		}
		if text == "" {
			p.find("entry-empty", hindsight.FindingWarning, "timeline", e.line, "a timeline entry has a time but no text; it was left out", "describe what happened")
			return "", false
		}
		// The postmortem's author chose every entry of its timeline, so
		// each is starred as a person's choice: the default star rules
		// leave it alone and the report shows the document's timeline.
		ev := hindsight.Event{Time: e.at, TimeText: e.st.text, Zone: e.zone, Source: Source, Ref: p.ref(e.line),
			Kind: inferKind(text), Text: text, Starred: true, Curated: true, KnownDuring: true, Flags: e.flags}
		ev.Normalize()
		for n := 2; seen[ev.ID]; n++ {
			ev.ID = ""
			ev.Ref = fmt.Sprintf("%s#%d", p.ref(e.line), n)
			ev.Normalize()
		}
		seen[ev.ID] = true
		p.inc.Timeline = append(p.inc.Timeline, ev)
		p.reportFlags(e, text)
		return ev.ID, true
	}
	for _, e := range p.entries {
		add(e)
	}
	fromKeys := len(p.inc.Timeline) == 0 && len(p.keyEvents) > 0
	if fromKeys {
		p.find("timeline-from-key-events", hindsight.FindingInfo, "timeline", p.keyEvents[0].line,
			"the timeline was built from the Key events list alone", "add a timeline with what happened between those moments")
	}
	for _, k := range p.keyEvents {
		id := ""
		if fromKeys {
			id, _ = add(k)
		} else {
			for _, ev := range p.inc.Timeline {
				if ev.Time.Equal(k.at) {
					id = ev.ID
					break
				}
			}
		}
		for _, w := range milestoneWords {
			if !w.re.MatchString(k.label) {
				continue
			}
			if _, ok := p.inc.Milestone(w.name); ok {
				break
			}
			p.inc.Milestones = append(p.inc.Milestones, hindsight.Milestone{Name: w.name, Time: k.at, Event: id,
				Rule: hindsight.RulePerson, Because: fmt.Sprintf("written as %q under Key events (%s)", k.label, p.ref(k.line))})
			break
		}
	}
	sort.SliceStable(p.inc.Milestones, func(i, j int) bool {
		return milestoneRank(p.inc.Milestones[i].Name) < milestoneRank(p.inc.Milestones[j].Name)
	})
	sort.SliceStable(p.inc.Timeline, func(i, j int) bool { return p.inc.Timeline[i].Time.Before(p.inc.Timeline[j].Time) })
}

func milestoneRank(n hindsight.MilestoneName) int {
	for i, m := range hindsight.MilestoneNames {
		if m == n {
			return i
		}
	}
	return len(hindsight.MilestoneNames)
}

// reportFlags turns an event's flags into findings: one per event for the
// doubts a person must resolve, one per document for the rest.
func (p *parser) reportFlags(e *entry, text string) {
	what := clip(text, 50)
	for _, f := range e.flags {
		switch f {
		case FlagTimeUnknown:
			p.find("time-unreadable", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("the time of %q could not be read (%q); it was placed after the entry before it", what, e.st.text),
				"write the time as HH:MM with a zone, or say it is unknown in the text")
		case FlagHourAmbiguous:
			p.find("hour-ambiguous", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("%q mixes a 24-hour time with AM/PM; it was read as the 24-hour time", e.st.text), "use either a 24-hour clock or AM/PM")
		case FlagDateAmbiguous:
			p.find("date-ambiguous", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("%q could be day/month or month/day; month first was used", e.st.text), "write dates as YYYY-MM-DD")
		case FlagTimesDisagree:
			p.find("times-disagree", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("the two times in %q do not agree; the first was used", e.st.text), "correct one of the two times")
		case FlagDateRolledOver:
			p.find("date-rolled-over", hindsight.FindingInfo, "timeline", e.line,
				fmt.Sprintf("%q has no date and is earlier than the entry before it; it was read as the next day", e.st.text), "add a date line when the timeline passes midnight")
		case FlagOutOfOrder:
			p.find("out-of-order", hindsight.FindingInfo, "timeline", e.line,
				fmt.Sprintf("%q is earlier than the entry before it in the document", e.st.text), "check the time, or move the entry")
		case FlagYearAdjusted:
			p.find("year-adjusted", hindsight.FindingInfo, "timeline", e.line,
				fmt.Sprintf("%q has no year; it was placed in %d to stay near the rest of the timeline", e.st.text, e.at.Year()), "write the year")
		case FlagDatePartial:
			p.find("date-partial", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("only the year of %q is known; it was placed on 1 January", e.st.text), "find the date, or say in the text that it is unknown")
		case FlagZoneAssumed:
			zone := "UTC"
			if p.hasDefZone {
				zone = p.defZoneName
			}
			p.findOnce("", "zone-missing", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("the document states no time zone; times were read as %s", zone),
				`state the zone once ("All times in UTC") or after each time`)
		case FlagZoneAmbiguous:
			p.findOnce(e.ambig, "zone-ambiguous", hindsight.FindingInfo, "timeline", e.line, e.ambig, "use UTC or an unambiguous offset such as UTC+05:30")
		case FlagZoneDSTMismatch:
			p.findOnce(e.st.zone+p.ctx.zoneName, "zone-dst-mismatch", hindsight.FindingInfo, "timeline", e.line,
				fmt.Sprintf("the zone is written as standard (or daylight) time on a date when the other was in force; times were read as local wall-clock time (%s)", e.zone),
				"use UTC, or the abbreviation in force on the day (PDT in summer)")
		case FlagDateAssumed:
			p.findOnce("", "date-assumed", hindsight.FindingInfo, "timeline", e.line,
				"some entries have no date; the front matter's date was used", "add a date line or day headings to the timeline")
		}
	}
}

var reEventTrim = regexp.MustCompile(`^[\s\-–—:|,.]+`)

func cleanEventText(s string) string {
	s = collapseSpace(s)
	s = reEventTrim.ReplaceAllString(s, "")
	s = strings.NewReplacer("{{", "", "}}", "").Replace(s)
	return strings.TrimSpace(s)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// kindWords infer an event's kind from its wording; the first match wins.
// Anything else is a note. Deliberately simple: the timeline engine and a
// person refine it.
var kindWords = []struct {
	re   *regexp.Regexp
	kind hindsight.EventKind
}{
	{regexp.MustCompile(`(?i)\backnowledg`), hindsight.KindAck},
	{regexp.MustCompile(`(?i)\b(?:paged|pages? (?:the )?on-?call|escalat\w*)\b`), hindsight.KindPage},
	{regexp.MustCompile(`(?i)\b(?:alert\w*|alarm\w*|uptime check)\b`), hindsight.KindAlert},
	{regexp.MustCompile(`(?i)\b(?:declared|resolved|status ?page|announce\w*|all clear|notif\w*|mailing list)\b`), hindsight.KindStatus},
	{regexp.MustCompile(`(?i)\b(?:decided|decides|decide|decision|agreed|agreement)\b`), hindsight.KindDecision},
	{regexp.MustCompile(`(?i)\b(?:revert\w*|roll(?:ed|s)? ?back|rollback|restart\w*|scaled|scaling|drain\w*|cordon\w*|delet\w*|revok\w*|terminat\w*|purge\w*|killed|mitigat\w*)\b`), hindsight.KindAction},
	{regexp.MustCompile(`(?i)\b(?:deploy\w*|rolled out|rollout|released|release|promoted|shipped)\b`), hindsight.KindDeploy},
	{regexp.MustCompile(`(?i)\b(?:merged|merge|config\w* change|changed|upgrad\w*|migrat\w*|pull request|commit\w*)\b`), hindsight.KindChange},
}

func inferKind(text string) hindsight.EventKind {
	for _, w := range kindWords {
		if w.re.MatchString(text) {
			return w.kind
		}
	}
	return hindsight.KindNote
}
