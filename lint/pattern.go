package lint

import (
	"fmt"
	"strings"
)

// The pattern language. A pattern is a space-separated list of elements, each
// matching one or more tokens of a sentence, case-insensitively and on word
// boundaries (tokens, not substrings, so "blame" never matches "blameless"):
//
//	word          the word itself; a hyphenated word matches with a hyphen or a space
//	a|b|c         any one of the words
//	neglig*       any word starting with "neglig"
//	{class}       a class of tokens; {a|b} is either class (see patternClasses)
//	elem?         the element is optional
//	...           zero to three words (never across punctuation)
//	^             the start of a sentence or clause (after punctuation); matches no word
//
// Punctuation written in a pattern (",", "!!") matches itself; otherwise
// punctuation in the text stops a match, so a phrase never spans two clauses.

// patternClasses are the {class} names a pattern may use.
var patternClasses = map[string]string{
	"person":     "a person: roster name or handle, given name, @mention, pronoun or role phrase",
	"named":      "a named person: roster name or handle, given name or @mention",
	"role":       "a role phrase such as 'the new hire' or 'the on-call engineer'",
	"pronoun":    "I, we, he, she, you, someone …",
	"possessive": "a person's possessive: his, her, their, Dan's, the engineer's",
	"owner":      "one person's possessive: his, her, Dan's, the engineer's (not our or their)",
	"participle": "a past participle: checked, known, been, caught …",
	"verb":       "a finite verb shape: a participle or -ed form, an auxiliary, a human verb, a listed verb (went, takes …) or an -s form of a listed or human verb",
	"number":     "a number, time or percentage",
	"system":     "a service, tool or component word",
	"any":        "any one word",
}

// Pattern complexity limits.
const (
	maxGaps     = 2
	maxOptional = 6
	maxElems    = 16
)

type pelem struct {
	alts    []string // literal alternatives; "x*" is a prefix
	classes []string
	opt     bool
	gap     bool
	anchor  bool
}

type pattern struct {
	src   string
	elems []pelem
}

// compilePattern parses src. literal makes every element a plain word (used for
// the phrase kind, whose phrases may contain characters that mean something here).
func compilePattern(src string, literal bool) (*pattern, error) {
	p := &pattern{src: src}
	fields := strings.Fields(src)
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	for _, f := range fields {
		if literal {
			for _, t := range tokenize(f, 0, len(f)) {
				p.elems = append(p.elems, pelem{alts: []string{t.low}})
			}
			continue
		}
		var e pelem
		if f == "^" {
			e.anchor = true
			p.elems = append(p.elems, e)
			continue
		}
		if f == "..." {
			e.gap = true
			p.elems = append(p.elems, e)
			continue
		}
		if len(f) > 1 && strings.HasSuffix(f, "?") && !strings.HasSuffix(f, "??") {
			e.opt = true
			f = f[:len(f)-1]
		}
		if strings.HasPrefix(f, "{") {
			if !strings.HasSuffix(f, "}") {
				return nil, fmt.Errorf("unclosed class in %q", f)
			}
			for _, c := range strings.Split(f[1:len(f)-1], "|") {
				if _, ok := patternClasses[c]; !ok {
					return nil, fmt.Errorf("unknown class {%s} (known: %s)", c, strings.Join(sortedKeys(patternClasses), ", "))
				}
				e.classes = append(e.classes, c)
			}
			p.elems = append(p.elems, e)
			continue
		}
		alts := strings.Split(f, "|")
		if len(alts) == 1 && !strings.HasSuffix(f, "*") {
			// A single word may be hyphenated or contain an apostrophe: let the
			// tokenizer decide how many tokens it is.
			toks := tokenize(f, 0, len(f))
			if len(toks) == 0 {
				return nil, fmt.Errorf("element %q has no words", f)
			}
			for k, t := range toks {
				el := pelem{alts: []string{t.low}}
				el.opt = e.opt && len(toks) == 1
				_ = k
				p.elems = append(p.elems, el)
			}
			if e.opt && len(toks) > 1 {
				return nil, fmt.Errorf("element %q: only a single word can be optional", f)
			}
			continue
		}
		for _, a := range alts {
			if a == "" {
				return nil, fmt.Errorf("empty alternative in %q", f)
			}
			prefix := strings.HasSuffix(a, "*") && len(a) > 1
			word := strings.TrimSuffix(a, "*")
			toks := tokenize(word, 0, len(word))
			if len(toks) != 1 {
				return nil, fmt.Errorf("alternative %q must be one word (write separate patterns for phrases)", a)
			}
			w := toks[0].low
			if prefix {
				w += "*"
			}
			e.alts = append(e.alts, w)
		}
		p.elems = append(p.elems, e)
	}
	// Limits keep matching cheap whatever a user writes: every gap and optional
	// element multiplies the ways a pattern can be tried at each word.
	allOpt := true
	gaps, opts := 0, 0
	for _, e := range p.elems {
		if !e.opt && !e.gap && !e.anchor {
			allOpt = false
		}
		if e.gap {
			gaps++
		}
		if e.opt {
			opts++
		}
	}
	if gaps > maxGaps || opts > maxOptional || len(p.elems) > maxElems {
		return nil, fmt.Errorf("pattern %q is too complex (at most %d gaps, %d optional elements and %d elements)", src, maxGaps, maxOptional, maxElems)
	}
	if allOpt {
		return nil, fmt.Errorf("pattern %q can match nothing: every element is optional", src)
	}
	return p, nil
}

// firstLiterals returns the words a match must start with, or nil when the first
// element is a class, a prefix, optional or a gap (the pattern is then tried at
// every token).
func (p *pattern) firstLiterals() []string {
	e := p.elems[0]
	if e.anchor && len(p.elems) > 1 {
		e = p.elems[1]
	}
	if e.opt || e.gap || len(e.classes) > 0 {
		return nil
	}
	for _, a := range e.alts {
		if strings.HasSuffix(a, "*") {
			return nil
		}
	}
	return e.alts
}

// match tries p at token ti and returns the end token index (exclusive) or -1.
func (l *Linter) match(p *pattern, toks []token, ti int, r *roster) int {
	return l.matchFrom(p.elems, toks, ti, r)
}

func (l *Linter) matchFrom(elems []pelem, toks []token, ti int, r *roster) int {
	if len(elems) == 0 {
		return ti
	}
	e := elems[0]
	if e.anchor {
		if ti == 0 || (ti <= len(toks) && toks[ti-1].kind == tPunct) {
			return l.matchFrom(elems[1:], toks, ti, r)
		}
		return -1
	}
	if e.gap {
		for n := 0; n <= 3 && ti+n <= len(toks); n++ {
			if n > 0 && toks[ti+n-1].kind == tPunct {
				break
			}
			if end := l.matchFrom(elems[1:], toks, ti+n, r); end >= 0 {
				return end
			}
		}
		return -1
	}
	if ti < len(toks) {
		if n := l.elemLen(e, toks, ti, r); n > 0 {
			if end := l.matchFrom(elems[1:], toks, ti+n, r); end >= 0 {
				return end
			}
		}
	}
	if e.opt {
		return l.matchFrom(elems[1:], toks, ti, r)
	}
	return -1
}

// elemLen returns how many tokens element e matches at ti (0 for no match).
func (l *Linter) elemLen(e pelem, toks []token, ti int, r *roster) int {
	t := toks[ti]
	if len(e.classes) > 0 {
		for _, c := range e.classes {
			if n := l.classLen(c, toks, ti, r); n > 0 {
				return n
			}
		}
		return 0
	}
	for _, a := range e.alts {
		if t.kind == tPunct {
			if a == t.low || (len(a) > 0 && strings.HasPrefix(t.low, a) && strings.Trim(t.low, a[:1]) == "") {
				return 1
			}
			continue
		}
		if strings.HasSuffix(a, "*") {
			if strings.HasPrefix(t.low, a[:len(a)-1]) {
				return 1
			}
			continue
		}
		if a == t.low || (t.poss && a == t.base) {
			return 1
		}
	}
	return 0
}

func (l *Linter) classLen(c string, toks []token, ti int, r *roster) int {
	t := toks[ti]
	switch c {
	case "any":
		if t.kind != tPunct {
			return 1
		}
	case "number":
		if t.kind == tNumber {
			return 1
		}
	case "participle":
		if t.kind == tWord && !t.cap && !t.joined {
			// "double-checked", "re-run": a hyphenated word is a participle when its
			// last part is one.
			n := 1
			for ti+n < len(toks) && toks[ti+n].joined && toks[ti+n].kind == tWord {
				n++
			}
			w := toks[ti+n-1].low
			if l.lex.has("participles", w) || (len(w) > 4 && strings.HasSuffix(w, "ed")) {
				return n
			}
		}
	case "verb":
		if t.kind == tWord && !t.cap && !t.joined {
			w := t.low
			if l.lex.has("participles", w) || l.lex.has("human_verbs", w) || l.lex.has("auxiliaries", w) ||
				l.lex.has("verbs", w) || (len(w) > 4 && strings.HasSuffix(w, "ed")) {
				return 1
			}
			if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
				stem := w[:len(w)-1]
				if l.lex.has("verbs", stem) || l.lex.has("human_verbs", stem) ||
					(strings.HasSuffix(w, "es") && l.lex.has("verbs", w[:len(w)-2])) {
					return 1
				}
			}
		}
	case "system":
		if l.isSystemWord(t) {
			return 1
		}
	case "possessive", "owner":
		if t.kind == tWord && l.lex.has("possessive_pronouns", t.low) {
			if c == "possessive" || t.low == "his" || t.low == "her" {
				return 1
			}
			return 0
		}
		if t.poss {
			if p, _ := r.matchEnding(toks, ti); p >= 0 {
				return 1
			}
			if l.givenNameAt(toks, ti) || l.roleEnding(toks, ti) > 0 || l.inferredNameAt(toks, ti) {
				return 1
			}
		}
	case "pronoun":
		if t.kind == tWord && l.lex.has("pronouns", t.low) {
			return 1
		}
	case "person", "named", "role":
		s, ok := l.personAt(toks, ti, r)
		if !ok {
			return 0
		}
		switch c {
		case "named":
			if s.class == classRole || s.class == classPronoun || s.class == classSingle || s.class == classThey {
				return 0
			}
		case "role":
			if s.class != classRole {
				return 0
			}
		case "person":
			if s.class == classThey {
				return 0
			}
		}
		return s.end - s.start
	}
	return 0
}
