package markdown

import (
	"strings"

	"github.com/hindsight-sre/hindsight"
)

// child reads a subsection of a timeline: a day heading ("### 2023-07-19"),
// an entry heading ("### 13:35", "### 07:30am - First report"), or a plain
// grouping heading.
func (r *tlRun) child(c *section) {
	r.open = nil
	if strings.Contains(c.title, "{{") {
		r.p.findOnce("timeline", "template-leftover", hindsight.FindingWarning, "timeline", c.line,
			"timeline headings still hold template placeholders ({{ … }})", "remove the braces and check the times")
	}
	st, rest, ok := scanStamp(c.title)
	switch {
	case ok && isDateLine(st, rest):
		r.setDay(st)
		r.section(c)
	case ok && st.template:
		r.drops = append(r.drops, c.line)
	case ok:
		e := r.newEntry(st, rest, c.line)
		var body []string
		for _, b := range c.blocks {
			switch b.kind {
			case bPara:
				body = append(body, joinText(b.lines))
				r.use(b)
			case bList:
				body = append(body, strings.Join(listText(b.items), "; "))
				r.use(b)
			case bRule:
				r.use(b)
			}
		}
		if t := strings.Join(body, " "); t != "" {
			if len(e.text) > 0 && e.text[0] != "" {
				e.text[0] = strings.TrimRight(e.text[0], ":") + ":"
			}
			e.text = append(e.text, t)
		}
		for _, g := range c.children {
			if !g.own {
				r.child(g)
			}
		}
	default:
		headingContext(c.title, &r.ctx)
		r.section(c)
	}
}

func (r *tlRun) paragraph(b *block) {
	if r.p.contextLine(joinText(b.lines), &r.ctx) {
		r.open = nil
		return
	}
	all, any := true, false
	var cur *entry
	for _, l := range b.lines {
		st, rest, ok := scanStamp(l.text)
		switch {
		case ok && isDateLine(st, rest):
			r.setDay(st)
			cur, any = nil, true
		case ok && st.template:
			r.drops = append(r.drops, l.line)
			cur, all = nil, false
		case ok:
			cur = r.newEntry(st, rest, l.line)
			any = true
			if !cur.ok {
				all = false
			}
		case r.p.contextLine(l.text, &r.ctx):
			cur, all = nil, false
		case cur != nil:
			cur.text = append(cur.text, l.text)
		default:
			all = false
		}
	}
	r.open = cur
	if all && any {
		r.use(b)
	}
}

// list reads a list of entries. A list with no dated item right after an
// entry paragraph holds that entry's details ("16:48 – More secrets
// found:" followed by the secrets).
func (r *tlRun) list(b *block, top bool) bool {
	stamped := 0
	for _, it := range b.items {
		if len(it.lines) > 0 {
			if st, rest, ok := scanStamp(it.lines[0].text); ok && !isDateLine(st, rest) {
				stamped++
			}
		}
	}
	if stamped == 0 && r.open != nil {
		r.open.text = append(r.open.text, strings.Join(listText(b.items), "; "))
		r.open = nil
		r.use(b)
		return true
	}
	r.open = nil
	all := true
	for _, it := range b.items {
		if len(it.lines) == 0 {
			all = r.nested(it) && all
			continue
		}
		first := it.lines[0]
		st, rest, ok := scanStamp(first.text)
		switch {
		case ok && isDateLine(st, rest) && len(it.lines) == 1:
			r.setDay(st)
			all = r.nested(it) && all
		case ok && st.template:
			r.drops = append(r.drops, first.line)
			all = false
		case ok:
			e := r.newEntry(st, rest, first.line)
			for _, l := range it.lines[1:] {
				e.text = append(e.text, l.text)
			}
			e.text = append(e.text, childText(it.children)...)
			all = all && e.ok
		default:
			// An item without a time among dated ones ("Timeline: [notes]
			// (…)") is a remark, not an entry; it stays for the appendix.
			all = false
		}
	}
	if all && top {
		r.use(b)
	}
	return all
}

// nested reads the lists inside an item that held only a day.
func (r *tlRun) nested(it *item) bool {
	all := true
	for _, c := range it.children {
		switch c.kind {
		case bList:
			all = r.list(c, false) && all
		case bPara:
			r.paragraph(c)
		default:
			all = false
		}
	}
	return all
}

// listText renders list items as "text; text" pieces, nested items
// included.
func listText(items []*item) []string {
	var out []string
	for _, it := range items {
		t := joinText(it.lines)
		if t != "" {
			out = append(out, t)
		}
		out = append(out, childText(it.children)...)
	}
	return out
}

func childText(bs []*block) []string {
	var out []string
	for _, c := range bs {
		switch c.kind {
		case bPara:
			out = append(out, joinText(c.lines))
		case bList:
			out = append(out, listText(c.items)...)
		}
	}
	return out
}
