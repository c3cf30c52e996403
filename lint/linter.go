package lint

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Linter runs a loaded rule set. It is safe for concurrent use: checks only read it.
type Linter struct {
	rules    []*rule          // every enabled rule, in load order
	byID     map[string]*rule // every rule, enabled or not
	textIdx  map[string][]hook
	textWild []hook
	mentions []*rule
	models   []*rule     // model rules (blame.model)
	model    *blameModel // the embedded model they score with
	action   []*rule
	actions  []*rule
	document []*rule
	lex      lexicon
	roleLast map[string][][]string // role phrases by their last word
	sections []sectionDef
	cats     []categoryDef
}

// RuleInfo describes a loaded rule, for listings and SARIF rule metadata.
type RuleInfo struct {
	ID       string
	Kind     string
	Severity Severity
	Enabled  bool
	Message  string
	Why      string
	Source   string // file:line that defined it
}

// rule is a compiled rule.
type rule struct {
	RuleInfo
	idx            int // position in Linter.rules
	suggestion     string
	suggestionRole string
	scope, except  map[string]bool
	supersedes     []string
	pats           []*pattern // phrases, patterns or verbs
	subjects       map[string]bool
	objects        []*pattern
	window         int
	threshold      *float64 // model rules: the score to reach (nil: the model file's)
	unlessBefore   []*pattern
	unlessAfter    []*pattern
	unlessSentence []*pattern
	whenSentence   []*pattern // the sentence must also match one of these
	excuses        []*pattern
	check          string
	verbs          []*pattern // action checks
	phrases        []*pattern
	signals        []*pattern
	categories     []Category
	sectionKinds   []string
	layers         []string
	rawPhrases     []string
}

// hook ties one compiled pattern to its rule, for the first-word index.
type hook struct {
	r   *rule
	pat *pattern
}

type sectionDef struct {
	kind     string
	headings [][]string // token sequences
}

type categoryDef struct {
	name        Category
	description string
	verbs       []*pattern
	keywords    []*pattern
}

// lexicon holds the word lists, as sets of lower-case words or phrases.
type lexicon map[string]map[string]bool

func (x lexicon) has(list, w string) bool { return x[list][w] }

// Rules returns every loaded rule, enabled or not, in load order.
func (l *Linter) Rules() []RuleInfo {
	out := make([]RuleInfo, 0, len(l.byID))
	seen := map[string]bool{}
	for _, r := range l.rules {
		out = append(out, r.RuleInfo)
		seen[r.ID] = true
	}
	ids := sortedKeys(l.byID)
	for _, id := range ids {
		if !seen[id] {
			out = append(out, l.byID[id].RuleInfo)
		}
	}
	return out
}

// Rule returns the rule with the given id.
func (l *Linter) Rule(id string) (RuleInfo, bool) {
	r, ok := l.byID[id]
	if !ok {
		return RuleInfo{}, false
	}
	return r.RuleInfo, true
}

// SectionKinds returns the section kinds headings are classified into, in the order
// they are tried.
func (l *Linter) SectionKinds() []string {
	out := make([]string, 0, len(l.sections))
	for _, s := range l.sections {
		out = append(out, s.kind)
	}
	return out
}

// compile turns validated raw rules into a Linter.
func compile(set *ruleSet) (*Linter, error) {
	l := &Linter{byID: map[string]*rule{}, textIdx: map[string][]hook{}, lex: lexicon{}}
	var errs []error
	l.roleLast = map[string][][]string{}
	for k, words := range set.lexicon {
		m := map[string]bool{}
		for _, w := range words {
			seq := wordsOfLower(w)
			m[strings.Join(seq, " ")] = true
			if k == "role_nouns" && len(seq) > 0 {
				last := seq[len(seq)-1]
				l.roleLast[last] = append(l.roleLast[last], seq)
			}
		}
		l.lex[k] = m
	}
	// "other" is any heading no section matches; "action-item" is the kind Action and
	// Markdown give a single action item, so rules can target items and not prose.
	kinds := map[string]bool{"other": true, "action-item": true}
	for _, s := range set.sections {
		d := sectionDef{kind: s.kind}
		for _, h := range s.headings {
			d.headings = append(d.headings, wordsOfLower(h))
		}
		l.sections = append(l.sections, d)
		kinds[s.kind] = true
	}
	for _, c := range set.categories {
		d := categoryDef{name: Category(c.name), description: c.description}
		for _, v := range c.verbs {
			p, err := compilePattern(v, true)
			if err != nil {
				errs = append(errs, &LoadError{c.file, c.line, fmt.Sprintf("category %s: %v", c.name, err)})
				continue
			}
			d.verbs = append(d.verbs, p)
		}
		for _, v := range c.keywords {
			p, err := compilePattern(v, true)
			if err != nil {
				errs = append(errs, &LoadError{c.file, c.line, fmt.Sprintf("category %s: %v", c.name, err)})
				continue
			}
			d.keywords = append(d.keywords, p)
		}
		l.cats = append(l.cats, d)
	}
	for _, raw := range set.rules {
		r, err := compileRule(raw, kinds)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		l.byID[r.ID] = r
		if r.Enabled {
			r.idx = len(l.rules)
			l.rules = append(l.rules, r)
		}
	}
	for _, r := range l.byID {
		for _, s := range r.supersedes {
			if _, ok := l.byID[s]; !ok {
				raw := set.rules[slices.IndexFunc(set.rules, func(x *rawRule) bool { return x.ID == r.ID })]
				errs = append(errs, &LoadError{raw.file, raw.lines["supersedes"], fmt.Sprintf("rule %q supersedes unknown rule %q", r.ID, s)})
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, r := range l.rules {
		switch r.Kind {
		case KindPhrase, KindPattern, KindSubjectVerb:
			for _, p := range r.pats {
				lits := p.firstLiterals()
				if lits == nil {
					l.textWild = append(l.textWild, hook{r, p})
					continue
				}
				for _, w := range lits {
					l.textIdx[w] = append(l.textIdx[w], hook{r, p})
				}
			}
		case KindMention:
			l.mentions = append(l.mentions, r)
		case KindModel:
			l.models = append(l.models, r)
		case KindAction:
			l.action = append(l.action, r)
		case KindActions:
			l.actions = append(l.actions, r)
		case KindDocument:
			l.document = append(l.document, r)
		}
	}
	return l, nil
}

func wordsOfLower(s string) []string {
	toks := tokenize(s, 0, len(s))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, t.low)
	}
	return out
}

func compileRule(raw *rawRule, kinds map[string]bool) (*rule, error) {
	sev, _ := ParseSeverity(raw.Severity)
	r := &rule{
		RuleInfo: RuleInfo{
			ID: raw.ID, Kind: raw.Kind, Severity: sev, Enabled: raw.enabled == nil || *raw.enabled,
			Message: raw.Message, Why: raw.Why, Source: fmt.Sprintf("%s:%d", raw.file, raw.line),
		},
		suggestion: raw.Suggestion, suggestionRole: raw.SuggestionRole,
		supersedes: raw.Supersedes, check: raw.Check, window: raw.Window, threshold: raw.Threshold,
		sectionKinds: raw.Sections, layers: raw.Layers, rawPhrases: raw.Phrases,
	}
	if r.window == 0 {
		r.window = 6
	}
	var errs []error
	bad := func(field, format string, args ...any) {
		line := raw.lines[field]
		if line == 0 {
			line = raw.line
		}
		errs = append(errs, &LoadError{raw.file, line, fmt.Sprintf("rule %q: ", raw.ID) + fmt.Sprintf(format, args...)})
	}
	kindSet := func(field string, list []string) map[string]bool {
		if len(list) == 0 {
			return nil
		}
		m := map[string]bool{}
		for _, k := range list {
			if !kinds[k] {
				bad(field, "unknown section kind %q in %s (known: %s)", k, field, strings.Join(sortedKeys(kinds), ", "))
			}
			m[k] = true
		}
		return m
	}
	r.scope = kindSet("scope", raw.Scope)
	r.except = kindSet("except", raw.Except)
	for _, s := range raw.Sections {
		if !kinds[s] {
			bad("sections", "unknown section kind %q (known: %s)", s, strings.Join(sortedKeys(kinds), ", "))
		}
	}
	comp := func(field string, list []string, literal bool) []*pattern {
		var out []*pattern
		for _, s := range list {
			p, err := compilePattern(s, literal)
			if err != nil {
				bad(field, "%s: %v", field, err)
				continue
			}
			out = append(out, p)
		}
		return out
	}
	switch raw.Kind {
	case KindPhrase:
		r.pats = comp("phrases", raw.Phrases, true)
	case KindPattern:
		r.pats = comp("patterns", raw.Patterns, false)
	case KindSubjectVerb:
		r.pats = comp("verbs", raw.Verbs, false)
	case KindAction, KindDocument:
		r.verbs = comp("verbs", raw.Verbs, true)
		r.phrases = comp("phrases", raw.Phrases, true)
		r.signals = comp("signals", raw.Signals, true)
	}
	r.objects = comp("objects", raw.Objects, false)
	r.unlessBefore = comp("unless_before", raw.UnlessBefore, true)
	r.unlessAfter = comp("unless_after", raw.UnlessAfter, true)
	r.unlessSentence = comp("unless_sentence", raw.UnlessSentence, false)
	r.whenSentence = comp("when_sentence", raw.WhenSentence, false)
	r.excuses = comp("excuses", raw.Excuses, false)
	if len(raw.Subjects) > 0 {
		r.subjects = map[string]bool{}
		for _, s := range raw.Subjects {
			cs, ok := subjectClasses[s]
			if !ok {
				bad("subjects", "unknown subject class %q (known: %s)", s, strings.Join(sortedKeys(subjectClasses), ", "))
				continue
			}
			for _, c := range cs {
				r.subjects[c] = true
			}
		}
	}
	for _, c := range raw.Categories {
		if _, ok := categoryNames[Category(c)]; !ok {
			bad("categories", "unknown category %q (known: %s)", c, strings.Join(categoryList(), ", "))
			continue
		}
		r.categories = append(r.categories, Category(c))
	}
	for _, t := range []struct{ name, v string }{{"message", raw.Message}, {"suggestion", raw.Suggestion}, {"suggestion_role", raw.SuggestionRole}} {
		if err := checkTemplate(t.v); err != nil {
			bad(t.name, "%s: %v", t.name, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// Template placeholders a message or suggestion may use.
var placeholders = map[string]string{
	"match":   "the flagged text",
	"role":    "the role of the person involved, from the roster (suggestion_role only)",
	"verb":    "the verb that was flagged (subject-verb rules)",
	"detail":  "what the check found, e.g. the missing sections (action, actions and document rules)",
	"section": "the section the finding is in",
}

func checkTemplate(s string) error {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return nil
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return fmt.Errorf("unclosed { in template")
		}
		name := s[i+1 : i+j]
		if _, ok := placeholders[name]; !ok {
			return fmt.Errorf("unknown placeholder {%s} (known: %s)", name, strings.Join(sortedKeys(placeholders), ", "))
		}
		s = s[i+j+1:]
	}
}

// expand fills a template's placeholders.
func expand(tpl string, vars map[string]string) string {
	if !strings.Contains(tpl, "{") {
		return tpl
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		j := strings.IndexByte(tpl[i:], '}')
		if j < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		b.WriteString(tpl[:i])
		b.WriteString(vars[tpl[i+1:i+j]])
		tpl = tpl[i+j+1:]
	}
}

// inScope reports whether rule r applies in a section of the given kind. With no
// scope a rule applies everywhere except appendices, which hold pasted material
// (chat logs, transcripts) rather than the team's own account.
func (r *rule) inScope(kind string) bool {
	if kind == "" {
		kind = "other"
	}
	if r.except[kind] {
		return false
	}
	if r.scope != nil {
		return r.scope[kind]
	}
	return kind != "appendix"
}

// classifyHeading maps a heading to a section kind: the first kind (in the order
// the sections are listed) one of whose heading phrases occurs in the heading.
func (l *Linter) classifyHeading(h string) string {
	words := wordsOfLower(h)
	for _, s := range l.sections {
		for _, hw := range s.headings {
			if containsSeq(words, hw) {
				return s.kind
			}
		}
	}
	return "other"
}

func containsSeq(words, seq []string) bool {
	if len(seq) == 0 {
		return false
	}
	for i := 0; i+len(seq) <= len(words); i++ {
		ok := true
		for k, w := range seq {
			if words[i+k] != w && !(k == len(seq)-1 && strings.TrimSuffix(words[i+k], "s") == w) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// resolveSection turns a caller's section (a kind or a heading) into a kind.
func (l *Linter) resolveSection(s string) (kind, heading string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ""
	}
	for _, d := range l.sections {
		if d.kind == s {
			return s, ""
		}
	}
	if s == "other" || s == "action-item" {
		return s, ""
	}
	return l.classifyHeading(s), s
}
