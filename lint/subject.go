package lint

import "strings"

// This file finds the grammatical subject of a verb. It is a small, fast grammar
// over tokens, not a parser: it knows the few shapes that put words between a
// subject and its verb in postmortem prose, and stays quiet when a sentence has
// some other shape.
//
//	Dan then quickly pushed …                      adverbs and auxiliaries
//	Esi, our most senior DBA, skipped …            an aside between commas, dashes or brackets
//	The engineer who approved the PR missed …      a relative clause
//	The SRE on shift failed to notice …            a prepositional phrase
//	The consultant we hired made a mess …          a relative clause without "that"
//	Dmitri and Oksana both missed …                a compound subject
//	Agnieszka paused the consumers and forgot …    a second verb of the same subject
//	The responder managed to restart …             the subject of "managed" does "restart"
//	The alert that should have caught this …       "that" stands for the noun before it
//
// A subject found further left than the word before the verb must start a clause
// (the sentence, a clause after punctuation or a time, or after when, because,
// and …) and must be a person; otherwise the nearest noun phrase is the subject,
// as before.

// personClass reports whether a subject class refers to people ("they" is as often
// a group of pods, so it is not one).
func personClass(c string) bool {
	switch c {
	case classRoster, className, classHandle, classRole, classPronoun, classSingle:
		return true
	}
	return false
}

// skipVerbGroup walks left from token i over adverbs and auxiliaries and returns
// the index of the first other token (-1 at the start of the sentence).
func (l *Linter) skipVerbGroup(toks []token, i int) int {
	for skipped := 0; i >= 0 && skipped < 4; skipped++ {
		t := toks[i]
		if t.kind == tWord && !t.cap && (l.lex.has("adverbs", t.low) || l.lex.has("auxiliaries", t.low) || isLyAdverb(t.low)) {
			i--
			continue
		}
		break
	}
	return i
}

// subjectBefore finds the subject of a verb that starts at token v (see the top of
// this file for the shapes it reads).
func (l *Linter) subjectBefore(toks []token, v int, r *roster) subject {
	return l.subjectOf(toks, v, r, 0)
}

func (l *Linter) subjectOf(toks []token, v int, r *roster, depth int) subject {
	none := subject{class: classNone, person: -1}
	if depth > 3 {
		return none
	}
	if v < len(toks) && toks[v].low == "to" {
		// A verb pattern that starts at "to": the subject of the verb of choosing or
		// trying before it ("decided, on his own, to bypass …").
		return l.controlSubject(toks, v, r, depth)
	}
	i := l.skipVerbGroup(toks, v-1)
	if i < 0 {
		return none
	}
	t := toks[i]
	if t.kind == tPunct && t.low == "," && i > 0 && v < len(toks) && len(toks[v].low) > 5 && strings.HasSuffix(toks[v].low, "ing") {
		// "Gulnara, ignoring the change freeze, deployed …": a participle after a
		// person and a comma is that person's act.
		if s := l.nearSubject(toks, i-1, r); personClass(s.class) && s.class != classPronoun && s.class != classSingle && l.clauseInitial(toks, s.start) {
			return s
		}
	}
	if t.kind == tPunct {
		// "Farhan, the engineer on call that weekend, ignored …": the subject is
		// before the aside, and must start its clause.
		if k := l.asideStart(toks, i); k > 0 {
			s := l.subjectOf(toks, k, r, depth+1)
			if personClass(s.class) && l.clauseInitial(toks, s.start) {
				return s
			}
			// "The engineer on duty, who had just joined, skipped …".
			if d, ok := l.distantSubject(toks, l.skipVerbGroup(toks, k-1), r); ok {
				return d
			}
		}
		return none
	}
	if t.kind == tWord && !t.cap {
		switch t.low {
		case "to":
			// "The responder managed to restart …".
			if s := l.controlSubject(toks, i, r, depth); s.class != classNone {
				return s
			}
		case "who":
			return l.subjectOf(toks, i, r, depth+1)
		case "that", "which":
			// A relative pronoun stands for the noun before it: "the alert that should
			// have caught this" is about the alert.
			if i > 0 && (toks[i-1].kind == tWord || toks[i-1].kind == tCode) {
				if s := l.subjectOf(toks, i, r, depth+1); s.class != classOther && s.class != classNone {
					return s
				}
			}
		case "and", "but", "or":
			return l.coordinateSubject(toks, i, r)
		}
	}
	s := l.nearSubject(toks, i, r)
	if personClass(s.class) {
		// "the page to the on-call engineer failed …": a person after a preposition
		// is not the subject.
		// ("Julia from the data team dropped …" still reads as the team's member.)
		if s.start > 0 && toks[s.start-1].kind == tWord && toks[s.start-1].low != "from" && l.lex.has("prepositions", toks[s.start-1].low) {
			if d, ok := l.distantSubject(toks, i, r); ok {
				return d
			}
			return subject{class: classOther, start: i, end: i + 1, person: -1}
		}
		return s
	}
	if d, ok := l.distantSubject(toks, i, r); ok {
		return d
	}
	return s
}

// controlSubject returns the subject of the verb of choosing or trying (lexicon
// control_verbs) before the "to" at token to, or no subject.
func (l *Linter) controlSubject(toks []token, to int, r *roster, depth int) subject {
	c := l.skipVerbGroup(toks, to-1)
	if c >= 0 && toks[c].kind == tPunct {
		if k := l.asideStart(toks, c); k > 0 {
			c = l.skipVerbGroup(toks, k-1)
		}
	}
	if c >= 0 && toks[c].kind == tWord && l.lex.has("control_verbs", toks[c].low) {
		return l.subjectOf(toks, c, r, depth+1)
	}
	return subject{class: classNone, person: -1}
}

// clauseInitial reports whether token j may start a subject: the start of the
// sentence, after punctuation or a time, or after a word that opens a clause
// (lexicon clause_openers: when, because, and …).
func (l *Linter) clauseInitial(toks []token, j int) bool {
	if j <= 0 {
		return true
	}
	p := toks[j-1]
	return p.kind == tPunct || p.kind == tNumber || (p.kind == tWord && l.lex.has("clause_openers", p.low))
}

// asideStart returns the index of the mark that opens an aside closed by the mark at
// token i — ", … ,", "( … )", "— … —" — or -1. An aside between commas must read as
// one: it starts with a lower-case word or a role ("who was covering …", "after a
// long night", "our most senior DBA"), not a name, so lists stay lists.
func (l *Linter) asideStart(toks []token, i int) int {
	closing := toks[i].low
	opening := closing
	switch closing {
	case ")":
		opening = "("
	case ",", "—", "–":
	default:
		return -1
	}
	for k := i - 1; k >= 0 && k >= i-20; k-- {
		if toks[k].kind != tPunct {
			continue
		}
		if toks[k].low != opening || k == i-1 || k == 0 {
			return -1
		}
		if opening == "," {
			first := toks[k+1]
			if first.kind != tWord {
				return -1
			}
			if first.cap {
				if s, ok := l.personAt(toks, k+1, nil); !ok || s.class != classRole {
					return -1
				}
			}
		}
		return k
	}
	return -1
}

// coordinateSubject finds the subject of a verb after "and", "but" or "or": the
// person who starts the clause ("Agnieszka paused the consumers and forgot …").
func (l *Linter) coordinateSubject(toks []token, and int, r *roster) subject {
	other := subject{class: classOther, start: and, end: and + 1, person: -1}
	j := and - 1
	for j >= 0 && toks[j].kind != tPunct && toks[j].kind != tNumber && !(toks[j].kind == tWord && !toks[j].cap && l.lex.has("clause_openers", toks[j].low)) {
		j--
	}
	j++
	if j >= and {
		return other
	}
	s, ok := l.personAt(toks, j, r)
	if !ok || !personClass(s.class) || s.end >= and || toks[s.end-1].poss {
		return other
	}
	// The person must be followed by their verb, not by a preposition or another noun.
	k := s.end
	for k < and && toks[k].kind == tWord && (toks[k].low == "and" || toks[k].low == "both") {
		if toks[k].low == "and" {
			n, ok := l.personAt(toks, k+1, r)
			if !ok || !personClass(n.class) {
				return other
			}
			k = n.end
			continue
		}
		k++
	}
	if k >= and || toks[k].kind != tWord || l.lex.has("prepositions", toks[k].low) || l.isDet(toks[k]) || l.isSystemWord(toks[k]) {
		return other
	}
	return s
}

// distantSubject looks left of the word before a verb (token i) for a person who
// starts the clause and is separated from the verb only by what may follow a subject:
// a prepositional phrase, a relative clause, another person joined by "and".
func (l *Linter) distantSubject(toks []token, i int, r *roster) (subject, bool) {
	for j := i; j >= 0 && j >= i-12; j-- {
		if toks[j].kind == tPunct {
			break
		}
		if !l.clauseInitial(toks, j) {
			continue
		}
		s, ok := l.personAt(toks, j, r)
		if !ok || !personClass(s.class) || s.end > i || toks[s.end-1].poss {
			continue
		}
		if l.postModifier(toks, s.end, i+1, r, 0) {
			return s, true
		}
	}
	return subject{}, false
}

// postModifier reports whether toks[e:vs] is what may stand between a subject and its
// verb: nothing, "both", a prepositional phrase ("on shift", "at the CDN provider"),
// a relative clause ("who approved the PR", "we hired"), "responsible for …", or
// "and" with another person — or several of these in a row.
func (l *Linter) postModifier(toks []token, e, vs int, r *roster, depth int) bool {
	if e == vs {
		return true
	}
	if e > vs || depth > 4 || toks[e].kind != tWord {
		return false
	}
	w := toks[e].low
	switch w {
	case "and", "or":
		if s, ok := l.personAt(toks, e+1, r); ok && personClass(s.class) && s.end <= vs {
			return l.postModifier(toks, s.end, vs, r, depth+1)
		}
		return false
	case "both", "all", "each", "alone", "together", "themselves", "himself", "herself", "too":
		return l.postModifier(toks, e+1, vs, r, depth+1)
	case "who", "that":
		n := vs - e - 1
		if n < 1 || n > 10 {
			return false
		}
		for k := e + 1; k < vs; k++ {
			if toks[k].kind == tPunct || toks[k].low == "who" || toks[k].low == "that" || toks[k].low == "which" {
				return false
			}
		}
		return true
	case "we", "i", "they", "you":
		// A relative clause without "that": "the consultant we hired made …".
		return vs-e == 2 && toks[e+1].kind == tWord && !toks[e+1].cap
	case "responsible", "accountable", "assigned", "tasked":
		return l.postModifier(toks, e+1, vs, r, depth+1)
	}
	if !l.lex.has("prepositions", w) {
		return false
	}
	// A prepositional phrase: an optional determiner and up to four words that read
	// as a noun phrase (no verbs: "the engineer on duty said the job …" stops at
	// "said").
	for m := e + 1; m < vs && m <= e+5; m++ {
		u := toks[m]
		if !l.phraseWord(u) || (m > e+1 && l.isDet(u)) {
			break
		}
		if l.postModifier(toks, m+1, vs, r, depth+1) {
			return true
		}
	}
	return false
}

// phraseWord reports whether a token can be part of a short noun phrase: a word,
// number or code span that is not a verb form the grammar knows (auxiliaries, verbs
// people do, irregular participles, regular -ed forms) or a relative pronoun.
func (l *Linter) phraseWord(t token) bool {
	switch t.kind {
	case tNumber, tCode:
		return true
	case tWord:
	default:
		return false
	}
	w := t.low
	if l.lex.has("auxiliaries", w) || l.lex.has("human_verbs", w) || l.lex.has("participles", w) || l.lex.has("control_verbs", w) {
		return false
	}
	switch w {
	case "who", "that", "which", "and", "but", "or", "to":
		return false
	}
	if len(w) > 4 && w[len(w)-2:] == "ed" && !l.isSystemWord(t) && l.roleEnding([]token{t}, 0) == 0 {
		return false
	}
	return true
}
