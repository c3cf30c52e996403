package lint

import (
	"strings"
	"unicode/utf8"
)

// TextOptions gives a text check its context.
type TextOptions struct {
	// Section is the section the text belongs to, as a kind ("lucky", "timeline",
	// "actions" …) or as a heading ("Where we got lucky"). Headings inside the text
	// start new sections. Empty means the text is ordinary narrative.
	Section string
	// Roster lists the people who may be named, so names and handles are recognised
	// and the suggestion can give the role instead.
	Roster []Person
}

// hit is one rule match in one sentence, before it becomes a Finding.
type hit struct {
	r          *rule
	start, end int // byte offsets in the text
	person     int // roster index of the person involved, or -1
	verb       string
	roleText   string
	detail     string // {detail} in the message (the model rule's strongest features)
}

// Text checks prose — a single sentence, a section, or a whole Markdown report —
// with the phrase, pattern, subject-verb and mention rules. Markdown headings set the
// section each rule sees; code, URLs, quoted passages, block quotes and front matter
// are skipped. Findings are in reading order.
func (l *Linter) Text(text string, opts TextOptions) []Finding {
	kind, heading := l.resolveSection(opts.Section)
	p := scanProse(text, kind, heading, l.classifyHeading)
	return l.checkProse(p, newRoster(opts.Roster), "", nil)
}

// checkProse runs the text rules over every sentence of p. sectionName, when set, is
// recorded on every finding (used by Document for its named sections).
// keep, when set, limits the rules that run.
func (l *Linter) checkProse(p *prose, r *roster, sectionName string, keep func(*rule) bool) []Finding {
	var out []Finding
	for _, s := range p.sentences() {
		b := p.blocks[s.blk]
		hits := l.sentenceHits(s.toks, b.section, r)
		if keep != nil {
			k := hits[:0]
			for _, h := range hits {
				if keep(h.r) {
					k = append(k, h)
				}
			}
			hits = k
		}
		hits = supersede(hits)
		hits = l.modelHits(hits, s.toks, b.section, r, keep)
		for _, h := range hits {
			name := sectionName
			if name == "" {
				name = b.heading
			}
			out = append(out, l.finding(p, h, r, name))
		}
	}
	out = l.suppress(p.text, out, true)
	sortFindings(out)
	return out
}

// sentenceHits finds every rule match in one sentence.
func (l *Linter) sentenceHits(toks []token, kind string, r *roster) []hit {
	var hits []hit
	seen := map[[3]int]bool{}
	add := func(h hit, key [3]int) {
		if !seen[key] {
			seen[key] = true
			hits = append(hits, h)
		}
	}
	try := func(hk hook, i int, ruleIdx int) {
		if !hk.r.inScope(kind) {
			return
		}
		end := l.match(hk.pat, toks, i, r)
		if end <= i {
			return
		}
		// A listed word inside a longer hyphenated word is part of a name: the lint
		// rule "no-careless-casts", a "lazy-init" flag.
		if hk.r.Kind == KindPhrase && (toks[i].joined || end < len(toks) && toks[end].joined) {
			return
		}
		if l.cancelled(hk.r, toks, i, end, r) {
			return
		}
		h := hit{r: hk.r, start: toks[i].start, end: toks[end-1].end, person: -1}
		if hk.r.Kind == KindSubjectVerb {
			var ok bool
			h, ok = l.subjectHit(hk.r, toks, i, end, r)
			if !ok {
				return
			}
		}
		add(h, [3]int{ruleIdx, h.start, h.end})
	}
	for i, t := range toks {
		for _, hk := range l.textIdx[t.low] {
			try(hk, i, l.ruleIndex(hk.r))
		}
		if t.poss && t.base != t.low {
			for _, hk := range l.textIdx[t.base] {
				try(hk, i, l.ruleIndex(hk.r))
			}
		}
		for _, hk := range l.textWild {
			try(hk, i, l.ruleIndex(hk.r))
		}
	}
	for _, m := range l.mentions {
		if !m.inScope(kind) {
			continue
		}
		for i := 0; i < len(toks); i++ {
			s, ok := l.mentionAt(m, toks, i, r)
			if !ok {
				continue
			}
			add(hit{r: m, start: toks[s.start].start, end: toks[s.end-1].end, person: s.person}, [3]int{l.ruleIndex(m), toks[s.start].start, 0})
			i = s.end - 1
		}
	}
	return l.dropExcused(hits, toks, r)
}

// dropExcused drops the hits of rules with excuses when the sentence goes on, after
// the flagged words, to give the conditions that made the act reasonable: "the
// on-call engineer silenced the alert because it had fired 40 times that week".
// A reason that is itself about a person ("because he was in a hurry") or that
// another rule flags ("because Padraig let it lapse") excuses nothing.
func (l *Linter) dropExcused(hits []hit, toks []token, r *roster) []hit {
	out := hits[:0]
	for _, h := range hits {
		if len(h.r.excuses) == 0 || !l.excused(h, hits, toks, r) {
			out = append(out, h)
		}
	}
	return out
}

func (l *Linter) excused(h hit, hits []hit, toks []token, r *roster) bool {
	first := len(toks) // the first token of the hit
	for k := range toks {
		if toks[k].start >= h.start {
			first = k
			break
		}
	}
	for k := range toks {
		for _, p := range h.r.excuses {
			e := l.match(p, toks, k, r)
			if e <= k {
				continue
			}
			if k < first {
				// A reason before the person counts only when its clause ends first:
				// "Because the dashboard showed green, the on-call …", not "the queue
				// backed up because Agnieszka paused …".
				closed := false
				for m := e; m < first; m++ {
					if toks[m].kind == tPunct {
						closed = true
					}
				}
				if !closed {
					continue
				}
			}
			// A reason has to say something: "because it was \"probably noise\"" is
			// the person's own verdict once the quote is set aside.
			words := 0
			for m := e; m < len(toks) && toks[m].kind != tPunct; m++ {
				words++
			}
			if words < 3 && e-k < 3 {
				continue
			}
			if e < len(toks) {
				if s, ok := l.personAt(toks, e, r); ok && (s.class == classRoster || s.class == className || s.class == classHandle || s.class == classSingle) {
					return false
				}
			}
			for _, o := range hits {
				// Another finding in the reason, not one on the same words as h.
				if o.r != h.r && o.r.Severity.AtLeast(Warning) && o.start >= toks[k].start && (o.start >= h.end || o.end <= h.start) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// ruleIndex gives each rule a stable small number for de-duplication keys.
func (l *Linter) ruleIndex(r *rule) int { return r.idx }

// mentionAt reports a person mention of one of the rule's classes at token i.
func (l *Linter) mentionAt(m *rule, toks []token, i int, r *roster) (subject, bool) {
	t := toks[i]
	if p, n := r.matchStarting(toks, i); p >= 0 && m.subjects[classRoster] {
		return subject{class: classRoster, start: i, end: i + n, person: p}, true
	}
	if (t.kind == tMention || t.kind == tHandle) && m.subjects[classHandle] {
		return subject{class: classHandle, start: i, end: i + 1, person: -1}, true
	}
	return subject{}, false
}

// subjectHit completes a subject-verb match: the verb matched toks[i:end]; the rule
// fires when the verb's subject (or its passive agent, "pushed by Dan") is of one of
// the rule's classes and, when the rule lists objects, one of them follows.
func (l *Linter) subjectHit(rl *rule, toks []token, i, end int, r *roster) (hit, bool) {
	s := l.subjectBefore(toks, i, r)
	start := i
	stop := end
	passive := false
	switch {
	case rl.subjects[s.class]:
		if s.class != classNone && s.class != classOther && s.class != classSystem {
			start = s.start
		}
	default:
		// Passive voice: "the config was pushed by Dan", "caused entirely by the new
		// hire", "merged by Ólafur without waiting for CI".
		a, ok := l.passiveAgent(toks, i, end, r)
		if !ok || !rl.subjects[a.class] {
			return hit{}, false
		}
		s, stop = a, a.end
		passive = true
	}
	if len(rl.objects) > 0 {
		found := false
		for k := stop; k < len(toks) && k < stop+rl.window && !found; k++ {
			if toks[k].kind == tPunct && toks[k].low != "'" {
				break
			}
			for _, o := range rl.objects {
				if e := l.match(o, toks, k, r); e > k {
					found = true
					if e > stop {
						stop = e
					}
					break
				}
			}
		}
		// In the passive the object is the grammatical subject: "the production
		// database was dropped by jlee@".
		for k := i - 1; passive && !found && k >= 0 && k >= i-rl.window; k-- {
			if toks[k].kind == tPunct {
				break
			}
			for _, o := range rl.objects {
				if e := l.match(o, toks, k, r); e > k && e <= i {
					found = true
					break
				}
			}
		}
		if !found {
			return hit{}, false
		}
	}
	h := hit{r: rl, start: toks[start].start, end: toks[stop-1].end, person: s.person}
	h.verb = joinToks(toks[i:end])
	if s.class == classRole {
		h.roleText = strings.ToLower(joinToks(toks[s.start:s.end]))
	}
	return h, true
}

// passiveAgent finds the agent of a passive verb that matched toks[i:end]: "by" and
// a person after it, with up to two adverbs before "by" ("caused entirely by …").
// After a verb people do (lexicon human_verbs: merged, deleted …) a name on no list
// is read as a person too ("merged by Ólafur").
func (l *Linter) passiveAgent(toks []token, i, end int, r *roster) (subject, bool) {
	k := end
	for n := 0; n < 2 && k < len(toks) && toks[k].kind == tWord && (l.lex.has("adverbs", toks[k].low) || isLyAdverb(toks[k].low)); n++ {
		k++
	}
	// A particle of a phrasal verb: "rushed out by", "signed off by".
	if k+2 < len(toks) && toks[k+1].low == "by" {
		switch toks[k].low {
		case "out", "up", "through", "in", "back", "over", "off", "down":
			k++
		}
	}
	if k+1 >= len(toks) || toks[k].low != "by" {
		return subject{}, false
	}
	if a, ok := l.personAt(toks, k+1, r); ok {
		return a, true
	}
	human := false
	for _, t := range toks[i:end] {
		if l.lex.has("human_verbs", t.low) {
			human = true
		}
	}
	if human && l.nameLikeAt(toks, k+1) {
		return subject{class: className, start: k + 1, end: k + 2, person: -1}, true
	}
	return subject{}, false
}

func joinToks(ts []token) string {
	var b strings.Builder
	for k, t := range ts {
		if k > 0 && !t.joined && t.kind != tPunct {
			b.WriteByte(' ')
		} else if t.joined {
			b.WriteByte('-')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// cancelled applies a rule's exceptions: a phrase from unless_before ending within
// the four words before the match ("not obvious", "nobody is to blame"), one from
// unless_after starting right after it ("clearly showed", "lazy loading"), or a
// pattern from unless_sentence anywhere in the sentence; and, for a rule with
// when_sentence, the absence of all of its patterns from the clause (the sentence
// up to a semicolon, or to a comma and "which" after the match).
func (l *Linter) cancelled(rl *rule, toks []token, i, end int, r *roster) bool {
	for _, p := range rl.unlessBefore {
		for k := max(0, i-4); k < i; k++ {
			if e := l.match(p, toks, k, r); e > k && e <= i {
				return true
			}
		}
	}
	for _, p := range rl.unlessAfter {
		if e := l.match(p, toks, end, r); e > end {
			return true
		}
	}
	for _, p := range rl.unlessSentence {
		for k := range toks {
			if e := l.match(p, toks, k, r); e > k {
				return true
			}
		}
	}
	if len(rl.whenSentence) > 0 {
		// The clause of the match: a semicolon starts a new statement ("the
		// reviewer approved the PR; the failing test was marked as flaky").
		lo, hi := 0, len(toks)
		for k := i - 1; k >= 0; k-- {
			if toks[k].low == ";" {
				lo = k + 1
				break
			}
		}
		for k := end; k < len(toks); k++ {
			if toks[k].low == ";" {
				hi = k
				break
			}
			// A non-restrictive relative clause is about the noun before it, not the
			// person ("followed the runbook, which still referenced …").
			if toks[k].low == "," && k+1 < len(toks) && toks[k+1].low == "which" {
				hi = k
				break
			}
		}
		for _, p := range rl.whenSentence {
			for k := lo; k < hi; k++ {
				if e := l.match(p, toks[:hi], k, r); e > k {
					return false
				}
			}
		}
		return true
	}
	return false
}

// supersede drops hits that a more specific rule replaces on an overlapping span
// ("should have known" reports hindsight once, not also as a counterfactual), and
// keeps one hit when two patterns of the same rule overlap.
func supersede(hits []hit) []hit {
	if len(hits) < 2 {
		return hits
	}
	drop := make([]bool, len(hits))
	for i, h := range hits {
		for j, o := range hits {
			if j > i && o.r == h.r && o.start < h.end && h.start < o.end {
				drop[j] = true
			}
		}
	}
	for i, h := range hits {
		for _, id := range h.r.supersedes {
			for j, o := range hits {
				if j != i && o.r.ID == id && o.start < h.end && h.start < o.end {
					drop[j] = true
				}
			}
		}
	}
	out := hits[:0]
	for i, h := range hits {
		if !drop[i] {
			out = append(out, h)
		}
	}
	return out
}

// finding turns a hit into a Finding with line, span, column and filled templates.
func (l *Linter) finding(p *prose, h hit, r *roster, section string) Finding {
	line, ls := p.lineOf(h.start)
	match := p.text[h.start:h.end]
	vars := map[string]string{"match": oneLine(match), "verb": h.verb, "section": section}
	if h.detail != "" {
		vars["detail"] = h.detail
	}
	sugg := h.r.suggestion
	if h.person >= 0 && r != nil && r.people[h.person].Role != "" {
		vars["role"] = withArticle(r.people[h.person].Role)
		if h.r.suggestionRole != "" {
			sugg = h.r.suggestionRole
		}
	} else if h.roleText != "" && h.r.suggestionRole != "" {
		vars["role"] = h.roleText
		sugg = h.r.suggestionRole
	}
	return Finding{
		Rule: h.r.ID, Severity: h.r.Severity,
		Message:    expand(h.r.Message, vars),
		Line:       line,
		Span:       [2]int{h.start - ls, h.end - ls},
		Suggestion: expand(sugg, vars),
		Section:    section,
		Match:      match,
		Column:     utf8.RuneCountInString(p.text[ls:h.start]) + 1,
		Why:        h.r.Why,
	}
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// withArticle turns a roster role into a noun phrase: "on-call engineer" becomes
// "the on-call engineer"; "an SRE" and "the IC" stay as written.
func withArticle(role string) string {
	role = strings.TrimSpace(role)
	low := strings.ToLower(role)
	for _, a := range []string{"the ", "a ", "an ", "our "} {
		if strings.HasPrefix(low, a) {
			return role
		}
	}
	return "the " + role
}
