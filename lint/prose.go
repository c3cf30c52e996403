package lint

import (
	"sort"
	"strings"
)

// This file turns a checked text (plain prose or light Markdown) into blocks of prose
// that rules can read. Everything that is not prose written by the team — code,
// URLs, markup, quoted chat, front matter — is blanked out in a copy of the text of
// the same length. Blanking rather than deleting keeps every byte offset valid, so a
// finding points at the exact bytes of the caller's text.

// block is one run of prose: a paragraph, a list item or a table cell.
type block struct {
	start, end int
	section    string // section kind in force where the block starts
	heading    string // the heading text of that section, as written
	item       bool   // the block is a list item
	indent     int    // indentation of the list marker
	cell       bool   // the block is a table cell
}

// prose is the result of scanning a text.
type prose struct {
	text     string // the original text
	masked   string // same length; non-prose bytes replaced by spaces
	blocks   []block
	headings []headingAt
	lines    []int // byte offset of the start of each line
}

// headingAt records a heading and where its section's content starts.
type headingAt struct {
	text  string
	kind  string
	line  int // 1-based line of the heading
	end   int // byte offset just past the heading line
	level int // 1-6 for headings; 7 for a bold "Label:" that acts as one
}

// lineOf returns the 1-based line holding byte offset off and that line's start.
func (p *prose) lineOf(off int) (int, int) {
	i := sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, p.lines[i]
}

// scan splits text into prose blocks. sectionKind is the kind in force before any
// heading (the caller's section, or "" for none); classify maps heading text to a
// section kind.
func scanProse(text, sectionKind, heading string, classify func(string) string) *prose {
	p := &prose{text: text}
	m := []byte(text)
	blank := func(a, b int) {
		for k := a; k < b && k < len(m); k++ {
			if m[k] != '\n' {
				m[k] = ' '
			}
		}
	}
	// Line starts.
	p.lines = append(p.lines, 0)
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	type lineT struct{ start, end int } // end excludes \r\n
	lines := make([]lineT, len(p.lines))
	for i, s := range p.lines {
		e := len(text)
		if i+1 < len(p.lines) {
			e = p.lines[i+1] - 1
		}
		if e > s && text[e-1] == '\r' {
			e--
		}
		lines[i] = lineT{s, e}
	}

	cur := -1 // index of the open block, -1 when none
	closeBlock := func() { cur = -1 }
	section, secHeading := sectionKind, heading
	openBlock := func(start, end int, item bool, indent int, cell bool) {
		p.blocks = append(p.blocks, block{start: start, end: end, section: section, heading: secHeading, item: item, indent: indent, cell: cell})
		cur = len(p.blocks) - 1
	}
	setSection := func(h string, line, end, level int) {
		h = strings.TrimSpace(strings.Trim(strings.TrimSpace(h), "*_#: "))
		k := classify(h)
		section, secHeading = k, h
		p.headings = append(p.headings, headingAt{text: h, kind: k, line: line, end: end, level: level})
	}

	var fence string
	front := ""
	inComment := false
	for li := 0; li < len(lines); li++ {
		ls, le := lines[li].start, lines[li].end
		raw := text[ls:le]
		trimmed := strings.TrimLeft(raw, " \t")
		indent := len(raw) - len(trimmed)
		ts := ls + indent // offset of trimmed

		// Front matter: YAML (---) or TOML (+++) at the very top.
		if li == 0 && (raw == "---" || raw == "+++") && len(lines) > 1 {
			front = raw
			blank(ls, le)
			continue
		}
		if front != "" {
			blank(ls, le)
			if raw == front || (front == "---" && raw == "...") {
				front = ""
			}
			continue
		}
		if fence != "" {
			blank(ls, le)
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if inComment {
			if k := strings.Index(raw, "-->"); k >= 0 {
				blank(ls, ls+k+3)
				inComment = false
				maskInline(m, ls+k+3, le)
			} else {
				blank(ls, le)
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			closeBlock()
			blank(ls, le)
			continue
		}
		if strings.TrimSpace(raw) == "" {
			closeBlock()
			continue
		}
		if strings.HasPrefix(trimmed, "<!--") && !strings.Contains(trimmed, "-->") {
			inComment = true
			closeBlock()
			blank(ls, le)
			continue
		}
		// ATX heading.
		if h, level, ok := atxHeading(trimmed); ok {
			closeBlock()
			setSection(h, li+1, le, level)
			blank(ls, le)
			continue
		}
		// Setext heading: a text line underlined with === or ---.
		if cur < 0 && li+1 < len(lines) && !isListMarker(trimmed) && !strings.HasPrefix(trimmed, "|") {
			next := strings.TrimSpace(text[lines[li+1].start:lines[li+1].end])
			if len(next) >= 2 && (strings.Trim(next, "=") == "" || strings.Trim(next, "-") == "") && indent < 4 {
				level := 1
				if next[0] == '-' {
					level = 2
				}
				setSection(trimmed, li+1, lines[li+1].end, level)
				blank(ls, lines[li+1].end)
				li++
				continue
			}
		}
		if isThematicBreak(trimmed) {
			closeBlock()
			blank(ls, le)
			continue
		}
		// Block quotes usually hold pasted chat or quoted material: not the team's prose.
		if strings.HasPrefix(trimmed, ">") {
			closeBlock()
			blank(ls, le)
			continue
		}
		// Link reference definitions.
		if strings.HasPrefix(trimmed, "[") && strings.Contains(trimmed, "]:") && !strings.Contains(trimmed[:strings.Index(trimmed, "]:")], " ") {
			closeBlock()
			blank(ls, le)
			continue
		}
		// Table rows: each cell is its own block.
		if strings.HasPrefix(trimmed, "|") {
			closeBlock()
			if strings.Trim(trimmed, "|:- \t") == "" {
				blank(ls, le)
				continue
			}
			maskInline(m, ts, le)
			cs := ts
			for k := ts; k <= le; k++ {
				if k == le || text[k] == '|' {
					if k < le {
						m[k] = ' '
					}
					if strings.TrimSpace(text[cs:k]) != "" {
						openBlock(cs, k, false, 0, true)
					}
					cs = k + 1
				}
			}
			closeBlock()
			continue
		}
		// List items start a new block; continuation lines extend it.
		if n := listMarkerLen(trimmed); n > 0 {
			closeBlock()
			blank(ts, ts+n)
			body := ts + n
			// A GitHub task-list checkbox.
			rest := text[body:le]
			r2 := strings.TrimLeft(rest, " ")
			if len(r2) >= 3 && r2[0] == '[' && r2[2] == ']' && strings.ContainsRune(" xX", rune(r2[1])) {
				b := body + (len(rest) - len(r2))
				blank(b, b+3)
			} else if strings.HasPrefix(r2, "[]") {
				b := body + (len(rest) - len(r2))
				blank(b, b+2)
			}
			maskInline(m, body, le)
			labelSection(text, m, body, le, classify, &section, &secHeading, p, li+1)
			openBlock(ts, le, true, indent, false)
			continue
		}
		maskInline(m, ls, le)
		if cur < 0 {
			labelSection(text, m, ts, le, classify, &section, &secHeading, p, li+1)
			openBlock(ls, le, false, indent, false)
		} else {
			p.blocks[cur].end = le
		}
	}
	p.masked = string(m)
	for i := range p.blocks {
		maskQuotes(m, p.blocks[i].start, p.blocks[i].end)
	}
	p.masked = string(m)
	return p
}

// labelSection handles the "- **Root cause**: ..." style some teams use instead of
// headings: a bold label that names a known section starts that section.
func labelSection(text string, m []byte, from, to int, classify func(string) string, section, heading *string, p *prose, line int) {
	s := text[from:to]
	t := strings.TrimLeft(s, " ")
	off := from + len(s) - len(t)
	if !strings.HasPrefix(t, "**") && !strings.HasPrefix(t, "__") {
		return
	}
	end := strings.Index(t[2:], t[:2])
	if end < 0 || end > 60 {
		return
	}
	label := strings.TrimSuffix(strings.TrimSpace(t[2:2+end]), ":")
	after := strings.TrimLeft(t[2+end+2:], " ")
	colon := strings.HasSuffix(strings.TrimSpace(t[2:2+end]), ":") || strings.HasPrefix(after, ":")
	if !colon {
		return
	}
	k := classify(label)
	if k == "" || k == "other" {
		return
	}
	*section, *heading = k, label
	p.headings = append(p.headings, headingAt{text: label, kind: k, line: line, end: off, level: 7})
	stop := off + 2 + end + 2
	if strings.HasPrefix(after, ":") {
		stop = off + len(t) - len(after) + 1
	}
	for i := off; i < stop && i < len(m); i++ {
		m[i] = ' '
	}
}

func atxHeading(t string) (string, int, bool) {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(t) && t[n] != ' ' && t[n] != '\t') {
		return "", 0, false
	}
	h := strings.TrimSpace(t[n:])
	h = strings.TrimSpace(strings.TrimRight(h, "#"))
	return h, n, true
}

func isThematicBreak(t string) bool {
	t = strings.ReplaceAll(strings.TrimSpace(t), " ", "")
	if len(t) < 3 {
		return false
	}
	for _, c := range []string{"-", "*", "_"} {
		if strings.Trim(t, c) == "" {
			return true
		}
	}
	return false
}

func isListMarker(t string) bool { return listMarkerLen(t) > 0 }

// listMarkerLen returns the length of a list marker and the space after it.
func listMarkerLen(t string) int {
	if len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t') {
		return 2
	}
	i := 0
	for i < len(t) && i < 9 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && (t[i+1] == ' ' || t[i+1] == '\t') {
		return i + 2
	}
	return 0
}

// maskInline blanks inline markup in m[from:to]: code spans, images, link targets,
// URLs, HTML tags, template braces and emphasis markers.
func maskInline(m []byte, from, to int) {
	blank := func(a, b int) {
		for k := a; k < b && k < to; k++ {
			m[k] = ' '
		}
	}
	for i := from; i < to; i++ {
		c := m[i]
		switch {
		case c == '`':
			n := 0
			for i+n < to && m[i+n] == '`' {
				n++
			}
			ticks := strings.Repeat("`", n)
			if k := strings.Index(string(m[i+n:to]), ticks); k >= 0 {
				for x := i; x < i+n+k+n; x++ {
					m[x] = codeMark
				}
				i = i + n + k + n - 1
			} else {
				blank(i, i+n)
				i += n - 1
			}
		case c == '<' && strings.HasPrefix(string(m[i:to]), "<!--"):
			// An HTML comment is not prose: notes to editors, suppressions.
			e := to
			if k := strings.Index(string(m[i+4:to]), "-->"); k >= 0 {
				e = i + 4 + k + 3
			}
			blank(i, e)
			i = e - 1
		case c == '!' && i+1 < to && m[i+1] == '[':
			if e := linkEnd(m, i+1, to); e > 0 {
				blank(i, e)
				i = e - 1
			}
		case c == '[':
			if e := linkEnd(m, i, to); e > 0 {
				// Keep the link text, blank the brackets and the target.
				close := closingBracket(m, i, to)
				blank(i, i+1)
				blank(close, e)
				i = close
			}
		case c == '<':
			if k := strings.IndexByte(string(m[i:to]), '>'); k > 0 {
				inner := string(m[i+1 : i+k])
				if looksLikeTag(inner) {
					blank(i, i+k+1)
					i += k
				}
			}
		case c == 'h' || c == 'w':
			rest := string(m[i:to])
			if (strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "https://") || strings.HasPrefix(rest, "www.")) && (i == from || !isWordByte(m[i-1])) {
				k := i
				for k < to && m[k] != ' ' && m[k] != '\t' && m[k] != ')' && m[k] != '>' {
					k++
				}
				// A URL at the end of a sentence keeps its full stop.
				for k > i && (m[k-1] == '.' || m[k-1] == ',') {
					k--
				}
				blank(i, k)
				i = k - 1
			}
		case c == '{' && i+1 < to && m[i+1] == '{':
			if k := strings.Index(string(m[i:to]), "}}"); k > 0 {
				blank(i, i+k+2)
				i += k + 1
			}
		case c == '*' || c == '~':
			m[i] = ' '
		case c == '_':
			// Emphasis underscores sit at word edges; snake_case keeps its underscores.
			if i == from || !isWordByte(m[i-1]) || i+1 >= to || !isWordByte(m[i+1]) {
				m[i] = ' '
			}
		case c == '&':
			if k := strings.IndexByte(string(m[i:min(to, i+10)]), ';'); k > 1 && isEntity(string(m[i+1:i+k])) {
				blank(i, i+k+1)
				i += k
			}
		}
	}
}

func isEntity(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '#') {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

func looksLikeTag(inner string) bool {
	if inner == "" {
		return false
	}
	if strings.HasPrefix(inner, "http") || strings.HasPrefix(inner, "mailto:") {
		return true
	}
	s := strings.TrimPrefix(inner, "/")
	if s == "" {
		return false
	}
	c := s[0]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		return false
	}
	// "<tag>", "<tag attr=...>", "<br/>": a name of letters and digits first.
	k := 0
	for k < len(s) && (isWordByte(s[k]) || s[k] == '-') {
		k++
	}
	return k == len(s) || s[k] == ' ' || s[k] == '/'
}

// closingBracket finds the ] matching the [ at i.
func closingBracket(m []byte, i, to int) int {
	depth := 0
	for k := i; k < to; k++ {
		switch m[k] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// linkEnd returns the end of a [text](target) or [text][ref] link starting at i,
// or -1 when the bracket does not start a link.
func linkEnd(m []byte, i, to int) int {
	c := closingBracket(m, i, to)
	if c < 0 || c+1 >= to {
		return -1
	}
	open, shut := m[c+1], byte(0)
	switch open {
	case '(':
		shut = ')'
	case '[':
		shut = ']'
	default:
		return -1
	}
	depth := 0
	for k := c + 1; k < to; k++ {
		switch m[k] {
		case open:
			depth++
		case shut:
			depth--
			if depth == 0 {
				return k + 1
			}
		}
	}
	return -1
}

// maskQuotes blanks quoted passages in m[from:to]. Quoted words are someone else's
// (a chat message, an error string, the label a team says it avoids) and are not
// the report's own claims.
func maskQuotes(m []byte, from, to int) {
	s := string(m[from:to])
	blankRange := func(a, b int) {
		for k := from + a; k < from+b; k++ {
			if m[k] != '\n' {
				m[k] = ' '
			}
		}
	}
	// Straight double quotes pair up in order.
	open := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			if open < 0 {
				open = i
			} else {
				blankRange(open, i+1)
				open = -1
			}
		}
	}
	// Curly double and single quotes.
	pairs := [][2]string{{"“", "”"}, {"‘", "’"}}
	for _, q := range pairs {
		for i := 0; i < len(s); {
			a := strings.Index(s[i:], q[0])
			if a < 0 {
				break
			}
			a += i
			b := strings.Index(s[a+len(q[0]):], q[1])
			if q[1] == "’" {
				// ’ is also an apostrophe; the closing quote is one not followed by a letter.
				b = -1
				for k := a + len(q[0]); k < len(s); {
					j := strings.Index(s[k:], "’")
					if j < 0 {
						break
					}
					k += j
					if !isWordByte(byteAt(s, k+len("’"))) {
						b = k - (a + len(q[0]))
						break
					}
					k += len("’")
				}
			}
			if b < 0 {
				break
			}
			end := a + len(q[0]) + b + len(q[1])
			blankRange(a, end)
			i = end
		}
	}
	// Straight single quotes used as quotation marks: 'like this'. An apostrophe
	// inside a word (Dan's, don't) never opens or closes one.
	for i := 0; i < len(s); i++ {
		if s[i] != '\'' || (i > 0 && isWordByte(s[i-1])) || i+1 >= len(s) || !isWordByte(s[i+1]) {
			continue
		}
		for k := i + 1; k < len(s); k++ {
			if s[k] == '\n' && k+1 < len(s) && s[k+1] == '\n' {
				break
			}
			if s[k] == '\'' && isWordByte(s[k-1]) && (k+1 >= len(s) || !isWordByte(s[k+1])) {
				if k-i <= 80 {
					blankRange(i, k+1)
				}
				i = k
				break
			}
		}
	}
}

func byteAt(s string, i int) byte {
	if i < 0 || i >= len(s) {
		return 0
	}
	return s[i]
}
