package markdown

import (
	"html"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// The outline is the document as the importer sees it: a tree of sections
// (from headings, and from the pseudo-headings people write as plain lines
// or as bold list fields), each holding its top-level blocks in order.
// Goldmark does the block parsing (lists, lazy continuation lines, tables,
// fences); the outline adds what a postmortem needs on top: line numbers,
// plain text per source line, and the section each block belongs to.

// link is one hyperlink found in inline text.
type link struct {
	text, url string
}

// pline is one source line of a paragraph, as plain text.
type pline struct {
	text  string
	line  int // 1-based
	off   int // byte offset where the line's text starts
	links []link
	// strong is the text of the bold span the line starts with, if any:
	// the "**Impact**" of "- **Impact**: …".
	strong string
}

type blockKind int

const (
	bPara blockKind = iota
	bList
	bTable
	bCode
	bQuote
	bHTML
	bRule
)

// block is one top-level block of a section, or a block nested in a list
// item.
type block struct {
	kind  blockKind
	lines []pline  // paragraph lines; for quotes, the quoted text
	items []*item  // list items
	rows  [][]cell // table rows, header first
	// rowLines are the source lines of the rows.
	rowLines []int
	// ordered and start describe a numbered list.
	ordered bool
	start   int
	off     int // byte offset where the block starts
	end     int // byte offset where the next anchor starts
	line    int
	used    bool
	// synthetic blocks are made from part of a line (the text after a bold
	// field label); their source slice starts with the label.
	synthetic bool
}

// item is one list item: its first paragraph and whatever follows it.
type item struct {
	lines    []pline
	checked  *bool // GitHub task list box, when there is one
	children []*block
	line     int
}

// cell is one table cell.
type cell struct {
	text  string
	links []link
}

// section is a heading and everything up to the next heading of the same or
// a higher level.
type section struct {
	title  string
	links  []link
	level  int
	line   int
	off    int
	end    int // end of the heading anchor (start of the next anchor)
	pseudo bool
	// field holds the text after the label of a bold list field
	// ("- **Impact**: text"); it is already a block of the section.
	kind     sectionKind
	own      bool // kind comes from this section's own title
	hint     string
	blocks   []*block
	children []*section
	parent   *section
}

// outline is the parsed document.
type outline struct {
	src   []byte
	lines lineIndex
	root  *section
	// anchors are every heading and top-level block in source order; each
	// one's verbatim text runs to the start of the next.
	anchors []anchor
}

type anchor struct {
	off int
	sec *section
	blk *block
}

var md = goldmark.New(goldmark.WithExtensions(extension.GFM))

// parseOutline parses src (front matter already blanked out).
func parseOutline(src []byte) *outline {
	o := &outline{src: src, lines: newLineIndex(src)}
	o.root = &section{level: 0, off: 0, line: 1}
	doc := md.Parser().Parse(text.NewReader(src))
	stack := []*section{o.root}
	top := func() *section { return stack[len(stack)-1] }
	open := func(s *section) {
		for len(stack) > 1 && (top().level >= s.level) {
			stack = stack[:len(stack)-1]
		}
		s.parent = top()
		s.parent.children = append(s.parent.children, s)
		stack = append(stack, s)
		o.anchors = append(o.anchors, anchor{off: s.off, sec: s})
	}
	add := func(b *block) {
		top().blocks = append(top().blocks, b)
		o.anchors = append(o.anchors, anchor{off: b.off, blk: b})
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			lines := o.inline(h)
			s := &section{level: h.Level, off: o.pos(h)}
			s.line = o.lines.line(s.off)
			if len(lines) > 0 {
				s.title = strings.TrimSpace(joinText(lines))
				s.links = lines[0].links
			}
			classify(s)
			open(s)
			continue
		}
		b := o.block(n)
		if b == nil {
			continue
		}
		switch {
		case b.kind == bPara:
			// A line that is nothing but a section name ("Action Items",
			// "Conclusion") is a heading written as plain text.
			for _, part := range splitPlainHeadings(b) {
				if part.sec != nil {
					part.sec.level = max(top().level, 1)
					open(part.sec)
					continue
				}
				add(part.blk)
			}
		case b.kind == bList && isFieldList(b):
			// "- **Impact**: …" lists (MoJ style): each item is a section.
			base := top()
			for base.pseudo && base.parent != nil {
				base = base.parent
			}
			for len(stack) > 1 && top() != base {
				stack = stack[:len(stack)-1]
			}
			for _, it := range b.items {
				s, rest := fieldSection(it, base.level+1)
				open(s)
				for _, c := range rest {
					add(c)
				}
			}
		default:
			add(b)
		}
	}
	sort.SliceStable(o.anchors, func(i, j int) bool { return o.anchors[i].off < o.anchors[j].off })
	for i, a := range o.anchors {
		end := len(src)
		if i+1 < len(o.anchors) {
			end = o.anchors[i+1].off
		}
		if a.sec != nil {
			a.sec.end = end
		} else {
			a.blk.end = end
		}
	}
	return o
}

// verbatim returns the source text of a block, trailing blank lines cut.
func (o *outline) verbatim(off, end int) string {
	if off < 0 || end > len(o.src) || off >= end {
		return ""
	}
	return strings.TrimRight(string(o.src[off:end]), " \t\n")
}

// pos returns the byte offset where node n starts, searching its
// descendants when the node itself has no position (tables are built from
// paragraphs by an AST transformer).
func (o *outline) pos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return o.lines.start(o.lines.line(p))
	}
	best := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		p := c.Pos()
		if p < 0 && c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			p = c.Lines().At(0).Start
		}
		if p >= 0 && (best < 0 || p < best) {
			best = p
		}
		return ast.WalkContinue, nil
	})
	if best < 0 {
		return 0
	}
	return o.lines.start(o.lines.line(best))
}

// block converts one goldmark block node.
func (o *outline) block(n ast.Node) *block {
	b := &block{off: o.pos(n)}
	b.line = o.lines.line(b.off)
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		b.kind = bPara
		b.lines = o.inline(n)
		if len(b.lines) == 0 {
			return nil
		}
	case *ast.List:
		b.kind = bList
		b.ordered, b.start = n.IsOrdered(), n.Start
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if li, ok := c.(*ast.ListItem); ok {
				b.items = append(b.items, o.listItem(li))
			}
		}
	case *east.Table:
		b.kind = bTable
		for r := n.FirstChild(); r != nil; r = r.NextSibling() {
			b.rowLines = append(b.rowLines, o.lines.line(o.pos(r)))
			var row []cell
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				ls := o.inline(c)
				row = append(row, cell{text: strings.TrimSpace(joinText(ls)), links: allLinks(ls)})
			}
			b.rows = append(b.rows, row)
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		b.kind = bCode
	case *ast.Blockquote:
		b.kind = bQuote
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && (c.Kind() == ast.KindParagraph || c.Kind() == ast.KindTextBlock) {
				b.lines = append(b.lines, o.inline(c)...)
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	case *ast.HTMLBlock:
		b.kind = bHTML
	case *ast.ThematicBreak:
		b.kind = bRule
	case *ast.Heading:
		// A heading inside a list item or quote: keep its text as a line.
		b.kind = bPara
		b.lines = o.inline(n)
	default:
		b.kind = bHTML
	}
	return b
}

func (o *outline) listItem(li *ast.ListItem) *item {
	it := &item{line: o.lines.line(o.pos(li))}
	c := li.FirstChild()
	if c != nil && (c.Kind() == ast.KindParagraph || c.Kind() == ast.KindTextBlock) {
		it.lines = o.inline(c)
		if cb, ok := c.FirstChild().(*east.TaskCheckBox); ok {
			v := cb.IsChecked
			it.checked = &v
		}
		c = c.NextSibling()
	}
	for ; c != nil; c = c.NextSibling() {
		if b := o.block(c); b != nil {
			it.children = append(it.children, b)
		}
	}
	return it
}

// inline renders the inline content of a block as plain text, one pline per
// source line: emphasis markers dropped, links reduced to their text (the
// URLs kept aside), code spans kept in backticks, HTML entities and
// backslash escapes resolved, raw HTML dropped except line breaks.
func (o *outline) inline(n ast.Node) []pline {
	var out []pline
	var cur strings.Builder
	curOff, curStrong := -1, ""
	var curLinks []link
	atStart := true
	flush := func() {
		t := strings.TrimSpace(cur.String())
		if t != "" || curOff >= 0 {
			off := curOff
			if off < 0 {
				off = 0
			}
			out = append(out, pline{text: t, line: o.lines.line(off), off: o.lines.start(o.lines.line(off)), links: curLinks, strong: curStrong})
		}
		cur.Reset()
		curOff, curStrong, curLinks, atStart = -1, "", nil, true
	}
	mark := func(p int) {
		if curOff < 0 && p >= 0 {
			curOff = p
		}
	}
	var walk func(c ast.Node)
	walk = func(c ast.Node) {
		switch c := c.(type) {
		case *ast.Text:
			mark(c.Segment.Start)
			v := string(c.Segment.Value(o.src))
			if !c.IsRaw() {
				v = unescape(v)
			}
			if atStart && strings.TrimSpace(reLeadMarks.ReplaceAllString(strings.TrimSpace(v), "")) != "" {
				// Leading marks ("✅ **Title**") do not end the line's start.
				atStart = false
			}
			cur.WriteString(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				flush()
			}
		case *ast.String:
			cur.WriteString(string(c.Value))
			atStart = false
		case *ast.CodeSpan:
			mark(c.Pos())
			cur.WriteByte('`')
			for g := c.FirstChild(); g != nil; g = g.NextSibling() {
				switch g := g.(type) {
				case *ast.Text:
					cur.Write(g.Segment.Value(o.src))
				case *ast.String:
					cur.Write(g.Value)
				}
			}
			cur.WriteByte('`')
			atStart = false
		case *ast.Emphasis:
			start := atStart
			before := cur.Len()
			for g := c.FirstChild(); g != nil; g = g.NextSibling() {
				walk(g)
			}
			if start && c.Level == 2 && curStrong == "" {
				curStrong = strings.TrimSpace(cur.String()[min(before, cur.Len()):])
			}
		case *ast.Link:
			mark(c.Pos())
			before := cur.Len()
			for g := c.FirstChild(); g != nil; g = g.NextSibling() {
				walk(g)
			}
			curLinks = append(curLinks, link{text: strings.TrimSpace(cur.String()[min(before, cur.Len()):]), url: string(c.Destination)})
			atStart = false
		case *ast.AutoLink:
			mark(c.Pos())
			u := string(c.URL(o.src))
			cur.WriteString(string(c.Label(o.src)))
			curLinks = append(curLinks, link{text: string(c.Label(o.src)), url: u})
			atStart = false
		case *ast.Image:
			// Images carry no event text; the source keeps them.
		case *ast.RawHTML:
			raw := ""
			for i := range c.Segments.Len() {
				s := c.Segments.At(i)
				mark(s.Start)
				raw += string(s.Value(o.src))
			}
			if reBreakTag.MatchString(raw) {
				cur.WriteString(" ")
			}
		case *east.TaskCheckBox:
			// Recorded on the item; nothing to print.
		default:
			for g := c.FirstChild(); g != nil; g = g.NextSibling() {
				walk(g)
			}
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		walk(c)
	}
	flush()
	// Drop empty lines left by trailing breaks.
	kept := out[:0]
	for _, l := range out {
		if l.text != "" {
			l.text = collapseSpace(l.text)
			kept = append(kept, l)
		}
	}
	return kept
}

var reBreakTag = regexp.MustCompile(`(?i)^<br\s*/?>$`)

// unescape resolves backslash escapes of ASCII punctuation (goldmark keeps
// them in text segments, so a table's "\|" would otherwise survive) and
// HTML entities such as "&amp;".
func unescape(s string) string {
	if strings.IndexByte(s, '\\') >= 0 {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
				i++
			}
			b.WriteByte(s[i])
		}
		s = b.String()
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// joinText joins plain lines with spaces.
func joinText(ls []pline) string {
	parts := make([]string, 0, len(ls))
	for _, l := range ls {
		if l.text != "" {
			parts = append(parts, l.text)
		}
	}
	return strings.Join(parts, " ")
}

func allLinks(ls []pline) []link {
	var out []link
	for _, l := range ls {
		out = append(out, l.links...)
	}
	return out
}

// plainPart is a piece of a paragraph after splitting out plain-text
// headings: either a pseudo-section or a block.
type plainPart struct {
	sec *section
	blk *block
}

// splitPlainHeadings splits a paragraph at lines that are only a known
// section name ("Action Items", "Conclusion", optionally with a colon).
func splitPlainHeadings(b *block) []plainPart {
	var parts []plainPart
	var cur []pline
	emit := func() {
		if len(cur) > 0 {
			nb := &block{kind: bPara, lines: cur, off: cur[0].off, line: cur[0].line}
			parts = append(parts, plainPart{blk: nb})
			cur = nil
		}
	}
	for _, l := range b.lines {
		if s := plainHeading(l); s != nil {
			emit()
			parts = append(parts, plainPart{sec: s})
			continue
		}
		cur = append(cur, l)
	}
	emit()
	if len(parts) == 1 && parts[0].blk != nil {
		b.lines = parts[0].blk.lines
		return []plainPart{{blk: b}}
	}
	if len(parts) > 0 && parts[0].blk != nil {
		parts[0].blk.off = b.off
	}
	return parts
}

// plainHeading returns a pseudo-section when the line reads as a section
// name on its own.
func plainHeading(l pline) *section {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l.text), ":"))
	if t == "" || len(strings.Fields(t)) > 6 || !startsUpper(t) {
		return nil
	}
	s := &section{title: t, line: l.line, off: l.off, pseudo: true}
	classify(s)
	if !s.own || s.kind == kindMeta {
		return nil
	}
	return s
}

func startsUpper(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z'
	}
	return false
}

// isFieldList reports whether a list is a list of bold fields, like
// "- **Impact**: …" / "- **Key events**", where at least half the labels
// are section names Hindsight knows.
func isFieldList(b *block) bool {
	if b.ordered {
		return false
	}
	known := 0
	for _, it := range b.items {
		if len(it.lines) == 0 || it.lines[0].strong == "" {
			return false
		}
		s := &section{title: fieldLabel(it.lines[0]), pseudo: true}
		classify(s)
		if s.own {
			known++
		}
	}
	return known > 0 && 2*known >= len(b.items)
}

func fieldLabel(l pline) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l.strong), ":"))
}

// fieldSection turns one bold-field item into a pseudo-section holding the
// text after the label and the item's nested blocks.
func fieldSection(it *item, level int) (*section, []*block) {
	first := it.lines[0]
	s := &section{title: fieldLabel(first), level: level, line: first.line, off: first.off, pseudo: true}
	classify(s)
	var rest []*block
	// The text after the label: the remainder of the first line and any
	// further lines of the first paragraph.
	lines := append([]pline(nil), it.lines...)
	t := strings.TrimSpace(strings.TrimPrefix(first.text, first.strong))
	t = strings.TrimSpace(strings.TrimPrefix(t, ":"))
	lines[0].text = t
	lines[0].strong = ""
	if t == "" {
		lines = lines[1:]
	}
	if len(lines) > 0 {
		rest = append(rest, &block{kind: bPara, lines: lines, off: lines[0].off, line: lines[0].line, synthetic: true})
		if lines[0].off == s.off {
			// Same line as the label: keep the heading anchor first.
			rest[0].off = s.off
		}
	}
	rest = append(rest, it.children...)
	return s, rest
}
