package report

import (
	"bytes"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file holds the Markdown side of the report: escaping for the
// Markdown output, and goldmark for turning the Markdown people write in
// free-text fields into HTML. Two kinds of text reach the templates and
// they are treated differently on purpose:
//
//   - evidence (event texts, names of sources, ids) is plain text: every
//     character that Markdown would read as syntax is escaped, so that a
//     chat message with "*" or "_" shows exactly as it was written;
//   - authored fields (summary, resolution, lessons, factor statements…) are
//     Markdown the facilitator wrote: their inline syntax is kept, but raw
//     HTML is neutralised and their headings are demoted below the report's
//     own, so that no field can break the structure of the document.

// mdText escapes plain text for an inline Markdown context. Line breaks
// become spaces: the caller decides whether the context may hold them.
func mdText(s string) string {
	s = oneLine(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '[', ']', '<', '~':
			b.WriteByte('\\')
		case '_':
			// An underscore between two letters or digits cannot open
			// emphasis in CommonMark, so snake_case stays readable.
			if !(alnumBefore(s, i) && alnumAfter(s, i+1)) {
				b.WriteByte('\\')
			}
		case '&':
			// Only an entity ("&amp;", "&#35;") would be read as one.
			if entityAt(s[i:]) {
				b.WriteByte('\\')
			}
		case '#', '>':
			if i == 0 {
				b.WriteByte('\\')
			}
		case '-', '+', '=':
			// At the start these make a list item, a rule ("---") or a
			// heading underline.
			if i == 0 {
				b.WriteByte('\\')
			}
		case '.', ')':
			// "1. text" at the start would become an ordered list.
			if i > 0 && allDigits(s[:i]) && (i+1 == len(s) || s[i+1] == ' ') {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdInline makes authored Markdown safe for an inline context such as a
// list item or a table cell: one line, no leading block marker, no raw HTML.
// Emphasis, code and links survive.
func mdInline(s string) string {
	return escapeStart(neutraliseHTML(oneLine(s)))
}

// mdBlock makes authored Markdown safe as a block inside the report: headings
// are demoted below the report's sections, raw HTML is neutralised outside
// code, and the rest is kept as written.
func mdBlock(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	lines := strings.Split(s, "\n")
	fence := ""
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		if f := fenceOpener(trimmed); f != "" && indent < 4 {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(f, fence[:1]) && len(f) >= len(fence) && strings.TrimSpace(trimmed[len(f):]) == "":
				fence = ""
			}
			continue
		}
		if fence != "" || indent >= 4 || strings.HasPrefix(line, "\t") {
			continue
		}
		if level := atxLevel(trimmed); level > 0 {
			lines[i] = strings.Repeat("#", min(level+3, 6)) + trimmed[level:]
			continue
		}
		lines[i] = neutraliseHTML(line)
	}
	return strings.Join(lines, "\n")
}

// cell prepares text for a GitHub table cell: pipes are escaped (also inside
// code spans, which GFM requires) and line breaks become <br>.
func cell(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
	var b strings.Builder
	backslashes := 0
	for _, r := range s {
		switch r {
		case '|':
			if backslashes%2 == 0 {
				b.WriteByte('\\')
			}
		case '\n':
			b.WriteString("<br>")
			backslashes = 0
			continue
		}
		if r == '\\' {
			backslashes++
		} else {
			backslashes = 0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// code wraps text in an inline code span whose fence is longer than any run
// of backticks inside it.
func code(s string) string {
	s = oneLine(s)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// fence wraps text in a fenced code block that its content cannot close.
func fence(info, s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	f := strings.Repeat("`", max(3, longestRun(s, '`')+1))
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return f + info + "\n" + s + f
}

// mermaidText makes a label safe inside a Mermaid gantt line, where ":"
// ends the task name, ";" and "#" are syntax, and long names crowd the chart.
func mermaidText(s string) string {
	s = strings.NewReplacer(":", " -", ";", ",", "#", "", "%%", "%", "`", "'", "\"", "'", "{", "(", "}", ")", "<", "", ">", "").Replace(oneLine(s))
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 60 {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:59])) + "…"
	}
	return s
}

// oneLine folds every run of white space that contains a line break into a
// single space, and trims the ends.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// neutraliseHTML escapes "<" where it would start an HTML tag, comment or
// declaration, outside code spans. Autolinks such as <https://…> are kept.
func neutraliseHTML(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	inCode := 0 // length of the backtick run that opened the current code span
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '`' {
			n := longestRunAt(s, i)
			switch {
			case inCode == 0 && strings.Contains(s[i+n:], strings.Repeat("`", n)):
				inCode = n
			case inCode == n:
				inCode = 0
			}
			b.WriteString(s[i : i+n])
			i += n - 1
			continue
		}
		if c == '<' && inCode == 0 && startsTag(s[i+1:]) && !(i > 0 && s[i-1] == '\\') {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// startsTag reports whether the text after a "<" reads as the start of an
// HTML tag rather than an autolink or a comparison ("< 1%").
func startsTag(rest string) bool {
	if rest == "" {
		return false
	}
	for _, scheme := range []string{"http://", "https://", "mailto:"} {
		if strings.HasPrefix(strings.ToLower(rest), scheme) {
			return false
		}
	}
	c := rest[0]
	return c == '/' || c == '!' || c == '?' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// escapeStart escapes a block marker at the start of inline text, which
// would otherwise turn a list item into a heading, quote or nested list.
func escapeStart(s string) string {
	switch {
	case s == "":
		return s
	case strings.HasPrefix(s, "#"), strings.HasPrefix(s, ">"), strings.HasPrefix(s, "="),
		strings.HasPrefix(s, "- "), strings.HasPrefix(s, "+ "), strings.HasPrefix(s, "* "):
		return "\\" + s
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }); i > 0 && i < 10 &&
		(s[i] == '.' || s[i] == ')') {
		return s[:i] + "\\" + s[i:]
	}
	return s
}

// fenceOpener returns the run of ``` or ~~~ that opens a fenced block.
func fenceOpener(line string) string {
	if line == "" || (line[0] != '`' && line[0] != '~') {
		return ""
	}
	if n := longestRunAt(line, 0); n >= 3 {
		return line[:n]
	}
	return ""
}

// atxLevel returns the level of an ATX heading line, or 0.
func atxLevel(line string) int {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(line) && line[n] != ' ' && line[n] != '\t') {
		return 0
	}
	return n
}

func longestRunAt(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == s[i] {
		n++
	}
	return n
}

func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

func alnumBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func alnumAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// entityAt reports whether s starts with an HTML entity reference such as
// "&amp;" or "&#35;", which Markdown would decode.
func entityAt(s string) bool {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 32 {
		return false
	}
	for _, r := range s[1:end] {
		if !(r == '#' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// markdownHTML is the goldmark converter for authored fields in the HTML
// report. goldmark's default is safe: raw HTML is dropped and dangerous
// link schemes (javascript:) are not rendered, so user text cannot inject
// markup into a report that others open.
var markdownHTML = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(demoteHeadings{}, 100))),
)

// demoteHeadings pushes headings inside a field below the report's own
// <h2>/<h3> sections, so a "# Heading" in a summary cannot outrank them.
type demoteHeadings struct{}

// Transform implements parser.ASTTransformer.
func (demoteHeadings) Transform(doc *ast.Document, _ gmtext.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(h.Level+3, 6)
		}
		return ast.WalkContinue, nil
	})
}

// toHTML renders authored Markdown as a block of HTML.
func toHTML(s string) (template.HTML, error) {
	var buf bytes.Buffer
	if err := markdownHTML.Convert([]byte(strings.TrimSpace(s)), &buf); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// toInlineHTML renders authored Markdown for an inline place (a list item,
// a table cell): a lone paragraph loses its <p> so it sits in the line.
func toInlineHTML(s string) (template.HTML, error) {
	h, err := toHTML(s)
	if err != nil {
		return "", err
	}
	out := strings.TrimSpace(string(h))
	if inner, ok := strings.CutPrefix(out, "<p>"); ok {
		if inner, ok = strings.CutSuffix(inner, "</p>"); ok && !strings.Contains(inner, "<p>") {
			return template.HTML(inner), nil
		}
	}
	return template.HTML(out), nil
}

// mdLink writes a Markdown link whose destination cannot end early: it sits
// in <…>, and the characters that would close it or split a table cell are
// percent-encoded.
func mdLink(text, dest string) string {
	dest = strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E", "|", "%7C", "\n", "", "\r", "").Replace(strings.TrimSpace(dest))
	return "[" + mdText(text) + "](<" + dest + ">)"
}
