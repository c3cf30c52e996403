package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Edit is one replacement Fix made.
type Edit struct {
	Line int    // 1-based line of the replaced text
	Span [2]int // byte range in that line, as in Finding
	Old  string // the text replaced
	New  string // what replaced it
}

// Fix rewrites every roster name and handle in the prose of text to the person's
// role ("Sarah Chen" → "the on-call engineer", "@schen's" → "the on-call engineer's"),
// capitalising at the start of a sentence. People without a role in the roster are
// left as written. Code, URLs and quoted passages are not touched. It returns the new
// text and the edits in order.
func (l *Linter) Fix(text string, people []Person) (string, []Edit) {
	r := newRoster(people)
	p := scanProse(text, "", "", l.classifyHeading)
	var edits []Edit
	type span struct {
		start, end int
		repl       string
	}
	var spans []span
	for _, s := range p.sentences() {
		for i := 0; i < len(s.toks); i++ {
			who, n := r.matchStarting(s.toks, i)
			if who < 0 {
				continue
			}
			role := strings.TrimSpace(r.people[who].Role)
			if role == "" {
				i += n - 1
				continue
			}
			last := s.toks[i+n-1]
			start, end := s.toks[i].start, last.end
			repl := withArticle(role)
			if last.poss {
				// Keep the possessive ending as written ("'s" or "’s").
				end = last.start + len(last.text) - possLen(last.text)
			}
			if i == 0 || (i > 0 && s.toks[i-1].kind == tPunct && (s.toks[i-1].low == ":" || s.toks[i-1].low == "|")) {
				repl = upperFirst(repl)
			}
			spans = append(spans, span{start, end, repl})
			i += n - 1
		}
	}
	if len(spans) == 0 {
		return text, nil
	}
	var b strings.Builder
	prev := 0
	for _, sp := range spans {
		b.WriteString(text[prev:sp.start])
		b.WriteString(sp.repl)
		prev = sp.end
		line, ls := p.lineOf(sp.start)
		edits = append(edits, Edit{Line: line, Span: [2]int{sp.start - ls, sp.end - ls}, Old: text[sp.start:sp.end], New: sp.repl})
	}
	b.WriteString(text[prev:])
	return b.String(), edits
}

// possLen is the byte length of a trailing possessive marker.
func possLen(s string) int {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, suf) {
			return len(suf)
		}
	}
	return 0
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
