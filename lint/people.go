package lint

import (
	"strings"
	"unicode"
)

// Person is someone who may be named in a report: a roster entry or an identity seen
// in imported evidence. Checks use it to recognise names and handles and to suggest
// the role instead of the name.
type Person struct {
	Name    string   // display name as written in reports, e.g. "Sarah Chen"
	Handles []string // chat or VCS handles, with or without a leading @, e.g. "schen"
	Role    string   // the role to write instead of the name, e.g. "on-call engineer"
}

// Subject classes: what kind of thing is the grammatical subject of a verb. Rules
// list the classes they fire on, so a failure verb can fire for a person and stay
// quiet for a service.
const (
	classRoster  = "roster"        // a person from the caller's roster
	className    = "name"          // a common given name (used when there is no roster)
	classHandle  = "handle"        // @mention or name@
	classRole    = "role"          // the engineer, the new hire, the on-call, the team
	classPronoun = "pronoun"       // I, we, you, anyone, everyone
	classSingle  = "individual"    // he, she, someone: one person, not the team
	classThey    = "they"          // they: a person as often as a group of pods
	classSystem  = "system"        // a service, tool or component
	classDemo    = "demonstrative" // this, that, it: usually the change or the incident
	classOther   = "other"         // any other noun phrase: the change, the outage
	classNone    = "none"          // no subject found: imperative, fragment, or after a comma
)

// subjectClasses are the classes a rule may name, with two shorthands.
var subjectClasses = map[string][]string{
	classRoster: {classRoster}, className: {className}, classHandle: {classHandle},
	classRole: {classRole}, classPronoun: {classPronoun}, classThey: {classThey}, classSingle: {classSingle},
	classSystem: {classSystem}, classOther: {classOther}, classNone: {classNone},
	classDemo: {classDemo},
	"person":  {classRoster, className, classHandle, classRole, classPronoun, classSingle},
	"named":   {classRoster, className, classHandle},
}

// roster indexes people by the lower-case token sequences that refer to them.
type roster struct {
	people  []Person
	entries map[string]rosterEntry
	maxLen  int
	// memo caches personAt for the tokens of the sentence being checked: many
	// patterns start with a {person} class and ask about every token.
	memoToks *token
	memo     []personMemo
}

type personMemo struct {
	done bool
	ok   bool
	s    subject
}

// memoFor returns the personAt cache for toks, starting a new one when toks is
// another sentence.
func (r *roster) memoFor(toks []token) []personMemo {
	if r == nil || len(toks) == 0 {
		return nil
	}
	if r.memoToks != &toks[0] || len(r.memo) != len(toks) {
		r.memoToks = &toks[0]
		r.memo = make([]personMemo, len(toks))
	}
	return r.memo
}

type rosterEntry struct {
	person int
	handle bool // handles match in any case; names must be capitalised
}

func newRoster(people []Person) *roster {
	r := &roster{people: people, entries: map[string]rosterEntry{}}
	add := func(words []string, i int, handle bool) {
		if len(words) == 0 {
			return
		}
		key := strings.Join(words, " ")
		if old, ok := r.entries[key]; ok && old.person != i {
			// Two people share this first or last name: the bare word is ambiguous,
			// so only the full name or handle identifies either of them.
			r.entries[key] = rosterEntry{person: -1}
			return
		}
		r.entries[key] = rosterEntry{person: i, handle: handle}
		r.maxLen = max(r.maxLen, len(words))
	}
	for i, p := range people {
		words := wordsOf(p.Name)
		add(words, i, false)
		for _, h := range p.Handles {
			h = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(h), "@"), "@")
			if h != "" {
				add([]string{strings.ToLower(h)}, i, true)
			}
		}
	}
	// First and last names alone, when unambiguous and not too short to be safe.
	for i, p := range people {
		words := wordsOf(p.Name)
		if len(words) < 2 {
			continue
		}
		for _, w := range []string{words[0], words[len(words)-1]} {
			if len([]rune(w)) < 2 {
				continue
			}
			if e, ok := r.entries[w]; ok {
				if e.person != i {
					r.entries[w] = rosterEntry{person: -1}
				}
				continue
			}
			r.entries[w] = rosterEntry{person: i}
		}
	}
	return r
}

// wordsOf lower-cases a name and splits it the way the tokenizer splits prose.
func wordsOf(s string) []string {
	toks := tokenize(s, 0, len(s))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.kind != tPunct {
			out = append(out, t.base)
		}
	}
	return out
}

// match returns the person whose name or handle ends at token i (backward) or
// starts at token i (forward), and how many tokens it spans.
func (r *roster) matchEnding(toks []token, i int) (int, int) {
	if r == nil {
		return -1, 0
	}
	for n := min(r.maxLen, i+1); n >= 1; n-- {
		if p, ok := r.lookup(toks[i-n+1 : i+1]); ok {
			return p, n
		}
	}
	return -1, 0
}

func (r *roster) matchStarting(toks []token, i int) (int, int) {
	if r == nil {
		return -1, 0
	}
	for n := min(r.maxLen, len(toks)-i); n >= 1; n-- {
		if p, ok := r.lookup(toks[i : i+n]); ok {
			return p, n
		}
	}
	return -1, 0
}

func (r *roster) lookup(ts []token) (int, bool) {
	var b strings.Builder
	for k, t := range ts {
		if t.kind == tPunct || t.kind == tOther || t.kind == tNumber || t.kind == tCode {
			return -1, false
		}
		// A possessive may only end the name: "Sarah's", not "Sarah's Chen".
		if t.poss && k != len(ts)-1 {
			return -1, false
		}
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.base)
	}
	e, ok := r.entries[b.String()]
	if !ok || e.person < 0 {
		return -1, false
	}
	if !e.handle {
		// Names are capitalised in prose; "will" and "mark" in lower case are words.
		for _, t := range ts {
			if !t.cap && t.kind != tMention && t.kind != tHandle {
				return -1, false
			}
		}
	} else if len(ts) == 1 && ts[0].kind == tWord && !ts[0].cap && ts[0].joined {
		return -1, false
	}
	return e.person, true
}

// subject is the grammatical subject (or passive agent) found for a verb.
type subject struct {
	class      string
	start, end int // token range [start, end)
	person     int // roster index, or -1
}

// pronounClass tells one person (he, she, someone: lexicon individual_pronouns) from
// the team or anyone (we, I, you, everyone).
func (l *Linter) pronounClass(t token) string {
	if l.lex.has("individual_pronouns", t.low) {
		return classSingle
	}
	return classPronoun
}

// isDet reports whether a word is a determiner or possessive pronoun that can open
// a noun phrase.
func (l *Linter) isDet(t token) bool { return t.kind == tWord && l.lex.has("determiners", t.low) }

// givenNameAt reports whether token i reads as a person's given name: capitalised,
// on the shipped list, not a known product, not an acronym, not after a determiner
// ("the Victoria cluster").
func (l *Linter) givenNameAt(toks []token, i int) bool {
	t := toks[i]
	if t.kind != tWord || !t.cap || t.isAcronym() || t.joined {
		return false
	}
	base := foldAccents(t.base)
	if !l.lex.has("given_names", base) || l.lex.has("not_people", base) {
		return false
	}
	// "the Sarah" is odd, but "that Sarah deployed" is a clause: before a listed
	// name, "that" joins a clause rather than determines a noun.
	if i > 0 && l.isDet(toks[i-1]) && toks[i-1].low != "that" {
		return false
	}
	if i+1 < len(toks) && toks[i+1].joined {
		return false // Victoria-metrics, Julia-based
	}
	return true
}

// nameLikeAt reports whether token i could be a given name that is on no list
// ("Yuvi", "Aron"): a capitalised word of letters only, not an acronym or camel-case
// product name, not glued to a neighbour, not after a determiner, on none of the
// grammar's word lists (roles, systems, not_people, not_names, pronouns …), and not
// shaped like an English noun, adverb or plural (-ing, -tion, -ment, -ness, -ity,
// -ly, "Requests"). On its own this is weak evidence; inferredNameAt adds context.
func (l *Linter) nameLikeAt(toks []token, i int) bool {
	t := toks[i]
	if t.kind != tWord || !t.cap || t.joined || t.isAcronym() {
		return false
	}
	if i+1 < len(toks) && toks[i+1].joined {
		return false
	}
	if i > 0 && l.isDet(toks[i-1]) {
		return false
	}
	n := 0
	for k, r := range t.text {
		if r == '\'' || r == '’' {
			if !t.poss {
				return false // a contraction: We're, It'll
			}
			break // the possessive ending
		}
		if !unicode.IsLetter(r) || (k > 0 && unicode.IsUpper(r)) {
			return false
		}
		n++
	}
	if n < 2 || n > 14 {
		return false
	}
	b := t.base
	fb := foldAccents(b)
	for _, list := range []string{"not_people", "not_names", "role_nouns", "system_nouns", "pronouns",
		"possessive_pronouns", "determiners", "stop_words", "adverbs", "auxiliaries", "participles",
		"human_verbs", "work_nouns"} {
		if l.lex.has(list, b) || l.lex.has(list, fb) {
			return false
		}
	}
	if isLyAdverb(b) {
		return false
	}
	for _, suf := range []string{"ing", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ure", "age", "ful", "less", "ous", "ive", "able", "ible", "ship", "hood", "ward", "wards", "ics"} {
		if len(fb) > len(suf)+2 && strings.HasSuffix(fb, suf) {
			return false
		}
	}
	// A plural ("Requests", "Customers"); short names ending in a consonant and s
	// (Hans, Lars) and names in -as, -es, -is, -os, -us (Lukas, Charles, Marcus) stay.
	if m := len(fb); m > 4 && fb[m-1] == 's' && !strings.ContainsRune("aeiousy", rune(fb[m-2])) {
		return false
	}
	return true
}

// clauseStart reports whether token i opens a sentence, a clause or a timeline
// entry, where any word may be capitalised.
func clauseStart(toks []token, i int) bool {
	return i == 0 || toks[i-1].kind == tPunct || toks[i-1].kind == tNumber
}

// inferredNameAt reports whether token i is a person's name that no list knows, from
// its shape (nameLikeAt) and its context: the next word (after adverbs) is a verb
// that people do rather than systems (lexicon human_verbs: forgot, skipped,
// approved …) or a negation, or the sentence refers to the same person as he, she,
// his or her. A name is not assumed from capitalisation alone, so unknown products
// and sentence-initial nouns stay what they are.
func (l *Linter) inferredNameAt(toks []token, i int) bool {
	if !l.nameLikeAt(toks, i) {
		return false
	}
	if toks[i].poss {
		return l.workNounAfter(toks, i)
	}
	j := i + 1
	if j+1 < len(toks) && toks[j].low == "," {
		// "Quentin, who …", "Esi, our most senior DBA, …": a relative "who" or a
		// role in apposition is about a person; otherwise look past the aside
		// ("Wiremu, after a long night, misread …").
		if toks[j+1].low == "who" {
			return true
		}
		if s, ok := l.personAt(toks, j+1, nil); ok && s.class == classRole && s.end < len(toks) {
			return true
		}
		for k := j + 1; k < len(toks) && k <= j+20; k++ {
			if toks[k].kind == tPunct {
				if toks[k].low == "," && k > j+1 && l.asideStart(toks, k) == j {
					j = k + 1
				}
				break
			}
		}
	}
	for j < len(toks) && j < i+4 && toks[j].kind == tWord && (l.lex.has("adverbs", toks[j].low) || isLyAdverb(toks[j].low)) && toks[j].low != "never" {
		j++
	}
	if j < len(toks) && toks[j].kind == tWord {
		w := toks[j].low
		if l.lex.has("human_verbs", w) {
			return true
		}
		switch w {
		case "never", "didn't", "did", "hadn't", "wasn't", "who":
			return true
		case "had":
			// "if Marcus had waited": a clause after if/when/because is about an agent.
			if !clauseStart(toks, i) {
				return true
			}
		case "is", "was":
			if j+1 < len(toks) && (toks[j+1].low == "responsible" || toks[j+1].low == "accountable") {
				return true
			}
		}
	}
	for k := i + 1; k < len(toks); k++ {
		switch toks[k].low {
		case "he", "she", "him", "his", "her", "hers", "himself", "herself":
			return true
		}
	}
	return false
}

// workNounAfter reports whether a possessive at token i owns a piece of a person's
// work ("Elsa's decision", "Hiro's typo", "Ewan's untested patch"): lexicon
// work_nouns within the next two words. Products own configs and deployments too
// ("Prow's config"), so those are not on the list.
func (l *Linter) workNounAfter(toks []token, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+2; k++ {
		if toks[k].kind != tWord || toks[k].cap {
			return false
		}
		if l.lex.has("work_nouns", toks[k].low) {
			return true
		}
	}
	return false
}

// foldAccents maps common Latin letters with diacritics to their base letters, so
// "Tomás" finds "tomas" on the name list.
func foldAccents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if f, ok := accentFold[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var accentFold = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}
	for base, rs := range map[string]string{
		"a": "áàâäãåāăą", "c": "çćčĉ", "d": "ď", "e": "éèêëēėęě", "g": "ğĝģ", "h": "ĥ", "i": "íìîïīįĩ",
		"j": "ĵ", "k": "ķ", "l": "ĺļľ", "n": "ñńňņ", "o": "óòôöõōő", "r": "ŕřŗ", "s": "śšşșŝ",
		"t": "ťţț", "u": "úùûüūůűųũ", "y": "ýÿ", "z": "źžż",
	} {
		for _, r := range rs {
			m[r] = base
		}
	}
	return m
}()

// roleEnding returns how many tokens a role noun ending at token i spans
// ("engineer" 1, "new hire" 2, "on call" 2), or 0. Role phrases are indexed by their
// last word, so this costs one map lookup for most words.
func (l *Linter) roleEnding(toks []token, i int) int {
	t := toks[i]
	if t.kind != tWord {
		return 0
	}
	best := 0
	for _, seq := range l.roleLast[t.base] {
		n := len(seq)
		if n > i+1 || n <= best {
			continue
		}
		ok := true
		for k := 0; k < n-1; k++ {
			u := toks[i-n+1+k]
			if u.kind != tWord || u.low != seq[k] {
				ok = false
				break
			}
		}
		if ok {
			best = n
		}
	}
	// "Management decided" is people; "change management" is a process.
	if best == 1 && i > 0 && l.lex.has("bare_roles", t.base) {
		if p := toks[i-1]; p.kind == tWord && !l.isDet(p) && !p.poss && !l.lex.has("stop_words", p.low) && !l.lex.has("clause_openers", p.low) {
			return 0
		}
	}
	return best
}

// nounPhraseStart walks left from the head of a noun phrase over its modifiers and
// determiner, so a suggestion can quote "the new on-call engineer" whole.
func (l *Linter) nounPhraseStart(toks []token, head int) int {
	j := head
	for k := 0; k < 3 && j > 0; k++ {
		t := toks[j-1]
		if t.kind != tWord {
			break
		}
		if l.isDet(t) {
			return j - 1
		}
		if toks[j].joined {
			j-- // the first half of a hyphenated modifier: on-call, follow-up
			continue
		}
		if t.cap && !t.joined || l.lex.has("stop_words", t.low) {
			break
		}
		j--
	}
	return j
}

// nearSubject classifies the noun phrase that ends at token i, the word just before
// a verb group (after its adverbs and auxiliaries): a name, a role, a pronoun, a
// system, a possessive owner ("Hannah's change") or anything else. It looks at that
// phrase only; subjectBefore decides which phrase is the subject.
func (l *Linter) nearSubject(toks []token, i int, r *roster) subject {
	if i < 0 {
		return subject{class: classNone, person: -1}
	}
	t := toks[i]
	switch t.kind {
	case tPunct, tNumber, tOther:
		return subject{class: classNone, person: -1}
	case tCode:
		return subject{class: classSystem, start: i, end: i + 1, person: -1}
	case tMention, tHandle:
		p, n := r.matchEnding(toks, i)
		if p >= 0 && n == 1 {
			return subject{class: classRoster, start: i, end: i + 1, person: p}
		}
		return subject{class: classHandle, start: i, end: i + 1, person: -1}
	}
	if p, n := r.matchEnding(toks, i); p >= 0 {
		return subject{class: classRoster, start: i - n + 1, end: i + 1, person: p}
	}
	if !t.cap || i == 0 || t.low == "i" {
		if t.low == "they" {
			return subject{class: classThey, start: i, end: i + 1, person: -1}
		}
		if l.lex.has("pronouns", t.low) {
			return subject{class: l.pronounClass(t), start: i, end: i + 1, person: -1}
		}
	}
	// A capitalised product name that is also a role word ("posted on Teams").
	if t.cap && i > 0 && l.lex.has("not_people", t.base) {
		return subject{class: classSystem, start: i, end: i + 1, person: -1}
	}
	if n := l.roleEnding(toks, i); n > 0 {
		start := l.nounPhraseStart(toks, i-n+1)
		// "the Kafka operator" is software; "the database team" is people.
		if l.lex.has("machine_roles", toks[i].base) {
			for k := start; k < i; k++ {
				if l.isSystemWord(toks[k]) {
					return subject{class: classSystem, start: start, end: i + 1, person: -1}
				}
			}
		}
		return subject{class: classRole, start: start, end: i + 1, person: -1}
	}
	if start := honorificBefore(toks, i); start >= 0 && !l.isSystemWord(t) {
		return subject{class: className, start: start, end: i + 1, person: -1}
	}
	if l.givenNameAt(toks, i) || l.inferredNameAt(toks, i) {
		return subject{class: className, start: i, end: i + 1, person: -1}
	}
	if l.lowerHandleAt(toks, i) == 1 {
		return subject{class: classHandle, start: i, end: i + 1, person: -1}
	}
	if t.joined && i > 0 && l.lowerHandleAt(toks, i-1) == 2 {
		return subject{class: classHandle, start: i - 1, end: i + 1, person: -1}
	}
	// "Chen Wei" or "Wei Zhang": a given name next to another capitalised word.
	if i > 0 && t.cap && t.kind == tWord && !t.isAcronym() && l.givenNameAt(toks, i-1) && !l.isSystemWord(t) {
		return subject{class: className, start: i - 1, end: i + 1, person: -1}
	}
	// "Hannah's change", "Tom's sloppy rollback": a named owner of the subject noun.
	if !t.cap {
		for k := i - 1; k >= max(0, i-2); k-- {
			o := toks[k]
			if !o.poss {
				if o.kind != tWord || o.cap {
					break
				}
				continue
			}
			if p, n := r.matchEnding(toks, k); p >= 0 {
				return subject{class: classRoster, start: k - n + 1, end: i + 1, person: p}
			}
			if l.givenNameAt(toks, k) || l.inferredNameAt(toks, k) {
				return subject{class: className, start: k, end: i + 1, person: -1}
			}
			if l.lowerHandleAt(toks, k) == 1 {
				return subject{class: classHandle, start: k, end: i + 1, person: -1}
			}
			// "the new hire's config change": a role owns the subject noun.
			if l.roleEnding(toks, k) > 0 && l.workNounAfter(toks, k) {
				return subject{class: classRole, start: l.nounPhraseStart(toks, k-l.roleEnding(toks, k)+1), end: i + 1, person: -1}
			}
			break
		}
	}
	if l.isSystemWord(t) {
		return subject{class: classSystem, start: i, end: i + 1, person: -1}
	}
	switch t.low {
	case "this", "that", "it", "these", "those":
		return subject{class: classDemo, start: i, end: i + 1, person: -1}
	}
	return subject{class: classOther, start: i, end: i + 1, person: -1}
}

// personAt matches a person reference starting at token i: a roster name or handle,
// a given name, an @mention, a pronoun, or a role phrase ("the new hire"). It
// returns the subject and true, or false when token i does not start one.
func (l *Linter) personAt(toks []token, i int, r *roster) (subject, bool) {
	if i >= len(toks) {
		return subject{}, false
	}
	if m := r.memoFor(toks); m != nil {
		if !m[i].done {
			s, ok := l.personAtUncached(toks, i, r)
			m[i] = personMemo{done: true, ok: ok, s: s}
		}
		return m[i].s, m[i].ok
	}
	return l.personAtUncached(toks, i, r)
}

// honorifics are titles that put a person's name after them.
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "mx": true, "miss": true, "dr": true}

// honorificBefore returns where a title before the capitalised word at i starts
// ("Mr. Osei", "Dr Ferreira"), or -1.
func honorificBefore(toks []token, i int) int {
	if !toks[i].cap || toks[i].kind != tWord {
		return -1
	}
	j := i - 1
	if j >= 0 && toks[j].text == "." {
		j--
	}
	if j >= 0 && toks[j].cap && honorifics[toks[j].low] {
		return j
	}
	return -1
}

func (l *Linter) personAtUncached(toks []token, i int, r *roster) (subject, bool) {
	t := toks[i]
	if p, n := r.matchStarting(toks, i); p >= 0 {
		return subject{class: classRoster, start: i, end: i + n, person: p}, true
	}
	switch t.kind {
	case tMention, tHandle:
		return subject{class: classHandle, start: i, end: i + 1, person: -1}, true
	case tWord:
	default:
		return subject{}, false
	}
	// A title and a capitalised word: "Mr. Osei", "Dr Ferreira".
	if honorifics[t.low] && t.cap {
		j := i + 1
		if j < len(toks) && toks[j].text == "." {
			j++
		}
		if j < len(toks) && toks[j].kind == tWord && toks[j].cap && !l.isSystemWord(toks[j]) {
			return subject{class: className, start: i, end: j + 1, person: -1}, true
		}
	}
	if l.givenNameAt(toks, i) || l.inferredNameAt(toks, i) {
		end := i + 1
		if end < len(toks) && toks[end].cap && toks[end].kind == tWord && !toks[end].isAcronym() && !l.isSystemWord(toks[end]) && !toks[end-1].poss {
			end++
		}
		return subject{class: className, start: i, end: end, person: -1}, true
	}
	if n := l.lowerHandleAt(toks, i); n > 0 {
		return subject{class: classHandle, start: i, end: i + n, person: -1}, true
	}
	if t.low == "they" || t.low == "them" {
		return subject{class: classThey, start: i, end: i + 1, person: -1}, true
	}
	if l.lex.has("pronouns", t.low) {
		return subject{class: l.pronounClass(t), start: i, end: i + 1, person: -1}, true
	}
	// A role phrase: optional determiner, up to three modifiers, a role noun.
	j := i
	if l.isDet(t) {
		j++
	}
	for k := 0; k < 4 && j+k < len(toks); k++ {
		u := toks[j+k]
		if u.kind != tWord {
			break
		}
		for n := 3; n >= 1; n-- {
			if j+k+n > len(toks) {
				continue
			}
			if l.roleEnding(toks[:j+k+n], j+k+n-1) == n {
				e := j + k + n
				// The longest role phrase: "the on-call engineer", not "the on-call".
				for e < len(toks) && !toks[e-1].poss && l.roleEnding(toks[:e+1], e) > 0 {
					e++
				}
				// The role noun must be the head: "the team calendar" is a calendar.
				// ("the on-call check the dashboards" is a verb after the role.)
				if e < len(toks) && l.isSystemWord(toks[e]) && (e+1 >= len(toks) || !l.isDet(toks[e+1])) {
					return subject{}, false
				}
				return subject{class: classRole, start: i, end: e, person: -1}, true
			}
		}
		if (u.cap && (k > 0 || !clauseStart(toks, j))) || l.lex.has("stop_words", u.low) || l.isDet(u) {
			break
		}
	}
	return subject{}, false
}

// isSystemWord reports whether a word names software or a component.
func (l *Linter) isSystemWord(t token) bool {
	if t.kind == tCode {
		return true
	}
	if t.kind != tWord {
		return false
	}
	if t.cap && l.lex.has("not_people", t.base) {
		return true
	}
	return l.lex.has("system_nouns", t.base)
}

// isLyAdverb recognises "-ly" adverbs such as quickly or mistakenly without a list,
// leaving out the common "-ly" words that are not adverbs.
func isLyAdverb(w string) bool {
	if len(w) < 5 || !strings.HasSuffix(w, "ly") {
		return false
	}
	switch w {
	case "apply", "reply", "supply", "family", "daily", "weekly", "monthly", "yearly",
		"hourly", "early", "only", "italy", "july", "rely", "assembly", "anomaly",
		"butterfly", "friendly", "lonely", "holy", "ugly", "silly", "jelly", "belly",
		"bully", "rally", "tally", "multiply", "comply", "imply", "ally", "poly":
		return false
	}
	return true
}
