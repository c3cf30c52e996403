package markdown

import (
	"regexp"
	"strings"

	"github.com/hindsight-sre/hindsight"
)

// sectionKind is what a section of the postmortem is about.
type sectionKind int

const (
	kindUnknown sectionKind = iota
	kindTitle
	kindSummary
	kindImpact
	kindDetection
	kindTimeline
	// kindKeyEvents is the MoJ "Key events" field: milestones with times.
	kindKeyEvents
	// kindMaybeTimeline ("Context", "What happened") is a timeline when it
	// holds timed entries and narrative otherwise.
	kindMaybeTimeline
	kindCauses
	kindTrigger
	kindResolution
	kindActions
	// kindActionsWeak sections ("Takeaways", "Call to action", a closing
	// "Actions" checklist) count as action items only when the document
	// has no proper action-item section.
	kindActionsWeak
	kindLessons
	kindMeta
	// kindAppendix is a section known to belong to no part of the report
	// (FAQ, thanks, chat logs); unlike an unknown section it does not
	// inherit its parent's kind.
	kindAppendix
)

// alias maps heading wordings to a kind. Patterns are matched against the
// normalized heading (lower case, parentheses removed), in order: the first
// match wins, so the more specific wordings come first.
type alias struct {
	kind sectionKind
	hint string
	re   *regexp.Regexp
}

func aliasRe(words string) *regexp.Regexp {
	return regexp.MustCompile(`^(?:` + words + `)\b`)
}

var aliases = []alias{
	{kindLessons, string(hindsight.LessonWentWell), aliasRe(`what went (?:well|right)|what worked(?: well)?|things that went well|went well|what we did well`)},
	{kindLessons, string(hindsight.LessonWentWrong), aliasRe(`what went (?:wrong|poorly|badly)|what (?:didn't|did not) go (?:so )?well|what could (?:have gone|be done|go) better|what could be improved|things that went wrong|went wrong|what we could do better|what (?:didn't|did not) work`)},
	{kindLessons, string(hindsight.LessonLucky), aliasRe(`where we got lucky|we got lucky|got lucky|lucky breaks?|where we were lucky`)},
	{kindLessons, "", aliasRe(`lessons?(?: learned| learnt)?|key learnings|learnings|reflections?(?: on .*)?|recovery and lessons.*|moving forward|what we learned|what we learnt|insights`)},
	{kindKeyEvents, "", aliasRe(`key (?:events|dates|timestamps|times|milestones)|milestones`)},
	{kindTimeline, "", aliasRe(`timeline|time line|follow[- ]?up timeline|incident timeline|detailed timeline|sequence of events|chronology|events`)},
	{kindMaybeTimeline, "", aliasRe(`context|what happened|what happened\?`)},
	{kindActions, "", aliasRe(`action items?|actions? items?|action plan|corrective (?:and prevent\w* )?(?:actions?|measures?)|prevent\w* (?:actions?|measures?)|remedial (?:actions?|measures?)|remediations?(?: (?:items|actions|plan))?|follow[- ]?ups?(?: actions| items| tasks)?|next steps|review actions|future actions|what we(?:'re| are) doing(?: about it)?|how (?:are we|we're|we are|will we|we will|do we) prevent\w*.*|preventing (?:it|this|recurrence).*|(?:long|short|medium)[- ]term (?:changes|actions|fixes|improvements|items|work).*|improvements|to[- ]?dos?|tasks|recommendations|fixes`)},
	{kindActionsWeak, "", aliasRe(`actions|takeaways|key takeaways|call to action|notes to the owner|owner checklist|checklist`)},
	{kindCauses, "", aliasRe(`root[- ]?causes?.*|causes?|contributing factors?|contributors|factors|fault|lead[- ]?up|how did (?:it|this) happen|why did (?:it|this) happen|technical (?:details|analysis)|five whys|5 whys|incident analysis|analysis$|post-?mortem$|what caused .*`)},
	{kindTrigger, "", aliasRe(`triggers?|what triggered .*`)},
	{kindDetection, "", aliasRe(`detection|detected|identified|how (?:was it|we|it was|was this) (?:detected|noticed|found|discovered)|why was (?:this|it) hard to detect|discovery|alerting`)},
	{kindResolution, "", aliasRe(`resolution(?: and recovery)?|resolved|recovery|response|incident response|mitigations?|the fix|fix|how (?:was it|we|it was) (?:fixed|resolved|mitigated)|workarounds?|restoration|repair`)},
	{kindImpact, "", aliasRe(`impact.*|incident impact|customer impact|user impact|business impact|what was impacted|scope|data integrity|who was affected|affected (?:users|customers|services|systems)|blast radius|damage`)},
	{kindSummary, "", aliasRe(`summary|issue summary|incident summary|executive summary|overview|introduction|intro|full disclosure|tl;?dr|abstract|background|description|incident description|synopsis|about`)},
	{kindMeta, "", regexp.MustCompile(`^(?:date|dates|authors?|created by|last modified|status|owners?|involved|attendees|participants|people involved|stats|statistics|hub information|meeting(?: scheduled for)?|call recording|recording|time|time to \w+|severity|category|incident commander|roles?|reviewers?|document status|incident id|tags|duration|start|end|services?|affected services)$`)},
	{kindAppendix, "", aliasRe(`appendix.*|apendix.*|appendinx.*|appendices|supporting (?:information|material)|thanks|acknowledg\w*|faq|q ?& ?a|frequently asked questions|references|indicators of compromise|related capecs|glossary|further reading|.*chat logs?|conclusions?|notes|backlog check|recurrence`)},
}

var (
	reParen      = regexp.MustCompile(`\([^()]*\)`)
	reLeadNumber = regexp.MustCompile(`^(?:\d+[.)]|[ivx]+\.)\s+`)
	reTrailPunct = regexp.MustCompile(`[\s:?.!]+$`)
)

// normTitle lower-cases a heading, drops template braces, numbering,
// emoji and parenthesised remarks, and returns the remarks separately.
func normTitle(t string) (core, paren string) {
	t = strings.ToLower(strings.TrimSpace(t))
	t = strings.NewReplacer("’", "'", "‘", "'", "{{", "", "}}", "", "*", "", "_", " ").Replace(t)
	t = strings.TrimLeftFunc(t, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '#') })
	var ps []string
	for _, p := range reParen.FindAllString(t, -1) {
		ps = append(ps, strings.Trim(p, "()"))
	}
	t = reParen.ReplaceAllString(t, " ")
	t = reLeadNumber.ReplaceAllString(t, "")
	t = strings.Join(strings.Fields(t), " ")
	t = reTrailPunct.ReplaceAllString(t, "")
	return t, strings.Join(ps, " ")
}

// classify sets the kind of a section from its title.
func classify(s *section) {
	kind, hint, exact := classifyTitle(s.title)
	if kind == kindUnknown {
		return
	}
	if s.pseudo && !exact {
		// A plain line or a bold field must be exactly a section name;
		// "Impact on users was small" is a sentence, not a heading.
		return
	}
	s.kind, s.hint, s.own = kind, hint, true
	_, paren := normTitle(s.title)
	switch {
	case strings.Contains(paren, "complete") || strings.Contains(paren, "done"):
		s.hint = "done"
	case strings.Contains(paren, "planned"):
		s.hint = "open"
	case strings.Contains(paren, "in progress") || strings.Contains(paren, "in-progress") || strings.Contains(paren, "ongoing"):
		s.hint = "in-progress"
	}
}

// classifyTitle returns the kind a heading names, its hint, and whether
// the whole heading is the section name (rather than starting with it).
func classifyTitle(title string) (sectionKind, string, bool) {
	core, _ := normTitle(title)
	if core == "" {
		return kindUnknown, "", false
	}
	label := core
	if i := strings.Index(core, ":"); i > 0 {
		label = strings.TrimSpace(core[:i])
	}
	for _, cand := range []string{core, label} {
		for _, a := range aliases {
			if loc := a.re.FindStringIndex(cand); loc != nil {
				return a.kind, a.hint, loc[1] == len(cand) && cand == core
			}
		}
	}
	return kindUnknown, "", false
}

// settle fills in inherited kinds: a subsection with an unknown title
// ("### BinderHub" under "Action items", "### 2023-07-19" under
// "Timeline") belongs to its parent's part of the report.
func settle(s *section) {
	for _, c := range s.children {
		if !c.own && s.kind != kindTitle && s.kind != kindUnknown {
			c.kind = s.kind
			if c.hint == "" {
				c.hint = s.hint
			}
			// A subsection's own wording refines a lessons kind or an
			// action status.
			_, paren := normTitle(c.title)
			switch {
			case strings.Contains(paren, "complete") || strings.Contains(paren, "done"):
				c.hint = "done"
			case strings.Contains(paren, "planned"):
				c.hint = "open"
			}
		}
		settle(c)
	}
}

// walk visits s and its descendants in document order.
func (s *section) walk(fn func(*section)) {
	fn(s)
	for _, c := range s.children {
		c.walk(fn)
	}
}
