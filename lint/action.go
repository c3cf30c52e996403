package lint

import (
	"regexp"
	"strings"
	"time"
)

// Category is the kind of work an action item is, after the action-item taxonomy in
// Lunney and Lueder's "Postmortem Action Items: Plan the Work and Work the Plan"
// (;login:, Spring 2017). The six categories answer six different questions, and a
// healthy action plan has more than one kind:
//
//   - investigate: learn more about this incident or our exposure to it, without
//     changing the system yet ("What happened, and why?"): analyse logs and heap
//     dumps, trace the request path, audit or enumerate what else is affected.
//   - mitigate: stop or limit the impact of this incident while it is happening
//     ("What did we do to resolve and manage this event?"): roll back, fail over,
//     disable a flag, scale up, block a client, tell affected users.
//   - repair: undo the damage this incident left behind ("How do we fix the
//     collateral damage?"): restore or reprocess data, refund customers, rotate
//     leaked credentials, remove temporary workarounds, re-enable what was disabled.
//   - detect: shorten the time to notice the next similar failure ("How do we detect
//     this sooner?"): alerts, probes, SLO burn-rate pages, plausibility checks.
//   - mitigate-future: make the next similar incident smaller or shorter ("How do we
//     reduce its severity or duration?"): graceful degradation, circuit breakers,
//     kill switches, blast-radius limits, runbooks, faster rollback, drills.
//   - prevent: stop this class of failure from recurring ("How do we prevent it?"):
//     fix the bug, add tests and validation, guard rails, capacity, remove single
//     points of failure.
type Category string

// The six action-item categories.
const (
	CategoryInvestigate    Category = "investigate"
	CategoryMitigate       Category = "mitigate"
	CategoryRepair         Category = "repair"
	CategoryDetect         Category = "detect"
	CategoryMitigateFuture Category = "mitigate-future"
	CategoryPrevent        Category = "prevent"
)

var categoryNames = map[Category]bool{
	CategoryInvestigate: true, CategoryMitigate: true, CategoryRepair: true,
	CategoryDetect: true, CategoryMitigateFuture: true, CategoryPrevent: true,
}

func categoryList() []string {
	return []string{"investigate", "mitigate", "repair", "detect", "mitigate-future", "prevent"}
}

// Valid reports whether c is one of the six categories.
func (c Category) Valid() bool { return categoryNames[c] }

// Fields says which optional fields a caller's data model records for action items.
// A field the caller does not record is never reported missing: "check action" on a
// bare sentence has no owner to check.
type Fields uint8

// Optional action-item fields.
const (
	FieldOwner Fields = 1 << iota
	FieldDue
)

// Action is one action item as the caller knows it.
type Action struct {
	ID        string    // the caller's id for the item, used in list findings; optional
	Text      string    // the item as written, ideally "Verb object …"
	Category  Category  // empty: inferred from the text
	Owner     string    // a role or team; checked only when Known has FieldOwner
	Due       time.Time // checked only when Known has FieldDue
	Done      bool      // done items are never overdue
	Addresses []string  // ids of the contributing factors the item addresses
	Line      int       // line of the item in the caller's source; 0 if unknown
	Known     Fields    // which of Owner and Due the caller records
}

// Action checks one action item and returns its findings and its category (the one
// given, or the one inferred from the text; "" when the text gives no clue).
func (l *Linter) Action(a Action) ([]Finding, Category) {
	return l.checkAction(a, nil, "", true)
}

// actionView is an action item tokenised, with the position of its leading verb.
type actionView struct {
	p    *prose
	toks []token
	lead int // index of the first token of the leading verb
	feat actionFeatures
}

type actionFeatures struct {
	number, quantifier, date, ticket bool // bound signals
	identifier, proper, path, quoted bool // specificity signals
	systemNoun                       bool
}

var ticketRE = regexp.MustCompile(`\b[A-Z][A-Z0-9]+-\d+\b|#\d+\b|\bBUG\d+\b`)

// pathRE finds a path or endpoint such as /api/checkout or terraform/prod/.
var pathRE = regexp.MustCompile(`(^|[\s(])[\w.-]*/[\w.-]`)

var spelledNumbers = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "twelve": true, "twenty": true,
	"thirty": true, "hundred": true, "thousand": true, "half": true, "double": true,
	"twice": true, "zero": true, "single": true,
}

var quantifiers = map[string]bool{
	"all": true, "every": true, "each": true, "any": true, "both": true, "none": true,
	"only": true, "per": true,
}

var dateWords = map[string]bool{
	"q1": true, "q2": true, "q3": true, "q4": true, "sprint": true, "quarter": true,
	"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "monday": true, "tuesday": true,
	"wednesday": true, "thursday": true, "friday": true, "eod": true, "eow": true,
}

// view tokenises an action item and finds its leading verb. List markers, task
// checkboxes and priority tags are already blanked by the prose scanner; a short
// label before a colon ("P1:", "Alice:", "**Alerting**:") is skipped when a verb
// follows it.
func (l *Linter) view(text string) *actionView {
	p := scanProse(text, "action-item", "", l.classifyHeading)
	v := &actionView{p: p}
	for _, s := range p.sentences() {
		v.toks = append(v.toks, s.toks...)
	}
	for k := 0; k < len(v.toks) && k < 5; k++ {
		if v.toks[k].kind == tPunct && (v.toks[k].low == ":" || v.toks[k].low == "]") && k+1 < len(v.toks) {
			if l.startsWithVerb(v.toks, k+1) {
				v.lead = k + 1
			}
			break
		}
	}
	// "[P1] Add …", "(HIGH) Add …".
	for v.lead < len(v.toks) && v.toks[v.lead].kind == tPunct {
		v.lead++
	}
	v.feat = l.features(text, v.toks, v.lead)
	return v
}

// startsWithVerb reports whether any actionable-verb rule's verbs match at i.
func (l *Linter) startsWithVerb(toks []token, i int) bool {
	for _, r := range l.action {
		if r.check != "actionable" {
			continue
		}
		for _, p := range r.verbs {
			if l.match(p, toks, i, nil) > i {
				return true
			}
		}
	}
	return false
}

func (l *Linter) features(text string, toks []token, lead int) actionFeatures {
	var f actionFeatures
	for k, t := range toks {
		switch t.kind {
		case tNumber:
			f.number = true
			if len(t.low) == 10 && t.low[4] == '-' {
				f.date = true
			}
			continue
		case tCode:
			f.identifier = true
			continue
		case tPunct, tOther:
			continue
		}
		if spelledNumbers[t.low] {
			f.number = true
		}
		if quantifiers[t.low] {
			f.quantifier = true
		}
		if dateWords[t.low] {
			f.date = true
		}
		if k > 0 && (t.joined || (k+1 < len(toks) && toks[k+1].joined)) {
			f.identifier = true // payments-api, us-east-1
		}
		if strings.ContainsAny(t.text, "_.0123456789") && t.kind == tWord {
			f.identifier = true // orders_db, config.yaml, p99, v2
		}
		if k > lead && t.cap && t.low != "i" {
			f.proper = true // Kafka, CODEOWNERS, OrderService
		}
		if l.lex.has("system_nouns", t.base) || l.lex.has("system_nouns", t.low) {
			f.systemNoun = true
		}
	}
	f.ticket = ticketRE.MatchString(text)
	f.path = pathRE.MatchString(text)
	f.quoted = strings.ContainsAny(text, "\"`“")
	return f
}

func (f actionFeatures) bound() bool {
	return f.number || f.quantifier || f.date || f.ticket
}

func (f actionFeatures) specific() bool {
	return f.number || f.identifier || f.proper || f.path || f.quoted || f.systemNoun
}

// anyMatch reports whether one of pats matches anywhere in toks, returning the span.
func (l *Linter) anyMatch(pats []*pattern, toks []token, from int) (int, int, bool) {
	for i := from; i < len(toks); i++ {
		for _, p := range pats {
			if e := l.match(p, toks, i, nil); e > i {
				return i, e, true
			}
		}
	}
	return 0, 0, false
}

// leadMatch reports whether one of pats matches at the leading verb.
func (l *Linter) leadMatch(pats []*pattern, v *actionView) (int, bool) {
	for _, p := range pats {
		if e := l.match(p, v.toks, v.lead, nil); e > v.lead {
			return e, true
		}
	}
	return 0, false
}

// checkAction runs the action rules (and, when withText, the text rules scoped to
// action items) over one item.
func (l *Linter) checkAction(a Action, r *roster, section string, withText bool) ([]Finding, Category) {
	v := l.view(a.Text)
	// Without withText the caller has already run the text rules over the item's
	// section (Markdown does); only the rules aimed at action items are left to run.
	var keep func(*rule) bool
	if !withText {
		keep = func(rl *rule) bool { return rl.scope["action-item"] && !rl.scope["actions"] }
	}
	out := l.checkProse(v.p, r, section, keep)
	type pending struct {
		r          *rule
		start, end int
		detail     string
	}
	var hits []pending
	whole := func() (int, int) {
		if len(v.toks) == 0 {
			return 0, 0
		}
		return v.toks[v.lead%len(v.toks)].start, v.toks[len(v.toks)-1].end
	}
	if len(v.toks) == 0 {
		// An empty item is reported by the actionable rule alone.
		for _, rl := range l.action {
			if rl.check == "actionable" {
				hits = append(hits, pending{rl, 0, 0, "the item is empty"})
			}
		}
	}
	for _, rl := range l.action {
		if len(v.toks) == 0 || v.lead >= len(v.toks) {
			break
		}
		s, e := whole()
		switch rl.check {
		case "actionable":
			if _, ok := l.leadMatch(rl.verbs, v); !ok {
				t := v.toks[v.lead]
				hits = append(hits, pending{rl, t.start, t.end, ""})
			}
		case "vague-verb":
			if end, ok := l.leadMatch(rl.verbs, v); ok && !(v.feat.specific() && v.feat.bound()) {
				hits = append(hits, pending{rl, v.toks[v.lead].start, v.toks[end-1].end, oneLine(a.Text[v.toks[v.lead].start:v.toks[end-1].end])})
			}
		case "specific":
			f := v.feat
			if !f.specific() {
				if _, _, ok := l.anyMatch(rl.signals, v.toks, v.lead+1); !ok {
					hits = append(hits, pending{rl, s, e, ""})
				}
			}
		case "bounded":
			_, open := l.leadMatch(rl.verbs, v)
			if !open {
				_, _, open = l.anyMatch(rl.phrases, v.toks, 0)
			}
			if open && !v.feat.bound() {
				if _, _, ok := l.anyMatch(rl.signals, v.toks, 0); !ok {
					hits = append(hits, pending{rl, s, e, ""})
				}
			}
		case "owner":
			if a.Known&FieldOwner != 0 && strings.TrimSpace(a.Owner) == "" {
				hits = append(hits, pending{rl, s, e, ""})
			}
		case "due":
			if a.Known&FieldDue != 0 && a.Due.IsZero() {
				hits = append(hits, pending{rl, s, e, ""})
			}
		}
	}
	// A rule that fires can fold others into itself ("investigate" already says the
	// item needs a scope and a done-criterion).
	drop := map[string]bool{}
	for _, h := range hits {
		for _, id := range h.r.supersedes {
			drop[id] = true
		}
	}
	for _, h := range hits {
		if drop[h.r.ID] {
			continue
		}
		line, ls := v.p.lineOf(h.start)
		vars := map[string]string{"match": oneLine(a.Text[h.start:h.end]), "detail": h.detail, "section": section}
		out = append(out, Finding{
			Rule: h.r.ID, Severity: h.r.Severity, Message: expand(h.r.Message, vars),
			Line: line, Span: [2]int{h.start - ls, h.end - ls},
			Suggestion: expand(h.r.suggestion, vars), Section: section,
			Match: a.Text[h.start:h.end], Column: len([]rune(a.Text[ls:h.start])) + 1, Why: h.r.Why,
		})
	}
	if a.Line > 1 {
		for i := range out {
			out[i].Line += a.Line - 1
		}
	}
	sortFindings(out)
	cat := a.Category
	if !cat.Valid() {
		cat = l.inferCategory(v)
	}
	return out, cat
}

// InferCategory returns the category an action item's wording suggests, or "" when
// the text gives no clue. It is a keyword vote — the lead verb counts three times,
// each other keyword once — so treat it as a suggestion for the author to confirm.
func (l *Linter) InferCategory(text string) Category {
	return l.inferCategory(l.view(text))
}

func (l *Linter) inferCategory(v *actionView) Category {
	best, bestScore := Category(""), 0
	for _, c := range l.cats {
		score := 0
		if v.lead < len(v.toks) {
			if _, ok := l.leadMatch(c.verbs, v); ok {
				score += 3
			}
		}
		for _, k := range c.keywords {
			for i := range v.toks {
				if l.match(k, v.toks, i, nil) > i {
					score++
					break
				}
			}
		}
		if score > bestScore {
			best, bestScore = c.name, score
		}
	}
	return best
}
