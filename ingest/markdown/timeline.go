package markdown

import (
	"fmt"
	"time"

	"github.com/hindsight-sre/hindsight"
)

// entry is one timeline entry found in the document.
type entry struct {
	st    stamp
	text  []string
	line  int
	label string // key events: "First detected", "Resolved"
	ok    bool   // the entry has a time
	at    time.Time
	zone  string
	flags []string
	ambig string // why the zone is ambiguous
}

// tlRun reads one timeline section. It works on a copy of the context so
// that a "Context" section that turns out to hold no entries changes
// nothing.
type tlRun struct {
	p       *parser
	ctx     timeCtx
	entries []*entry
	used    []*block
	open    *entry // the entry a following detail list belongs to
	drops   []int  // lines of template rows left out
}

// timelineSection reads a timeline section and its subsections. For a
// section that may or may not be a timeline ("Context"), it keeps the
// result only when entries were found, and reports whether it did.
func (p *parser) timelineSection(s *section, maybe bool) bool {
	r := &tlRun{p: p, ctx: p.ctx}
	approx := r.ctx.approx
	headingContext(s.title, &r.ctx)
	r.section(s)
	if maybe && len(r.entries) == 0 {
		return false
	}
	r.ctx.approx = approx
	p.ctx = r.ctx
	for _, b := range r.used {
		b.used = true
	}
	p.entries = append(p.entries, r.entries...)
	for _, l := range r.drops {
		p.find("template-row", hindsight.FindingWarning, "timeline", l,
			"a timeline row still has the template's placeholder time (HH:mm); it was left out of the timeline", "fill in the time or delete the row")
	}
	if len(r.entries) == 0 {
		p.find("timeline-empty", hindsight.FindingWarning, "timeline", s.line,
			fmt.Sprintf("the %q section holds no dated entries (a link elsewhere is not a timeline)", s.title),
			"copy the timeline into the document, one entry per line starting with its time")
	}
	return true
}

func (r *tlRun) section(s *section) {
	for _, b := range s.blocks {
		r.block(b)
	}
	for _, c := range s.children {
		if c.own {
			continue
		}
		r.child(c)
	}
}

func (r *tlRun) use(b *block) { r.used = append(r.used, b) }

func (r *tlRun) block(b *block) {
	switch b.kind {
	case bPara:
		r.paragraph(b)
	case bList:
		r.list(b, true)
	case bTable:
		r.open = nil
		r.table(b)
	case bRule:
		r.use(b)
	default:
		// Code blocks, quoted chat and HTML hold log lines whose times are
		// not timeline entries; they stay for the appendix.
	}
}

// newEntry makes an entry and reads its time in the current context.
func (r *tlRun) newEntry(st stamp, text string, line int) *entry {
	e := &entry{st: st, text: []string{text}, line: line}
	r.entries = append(r.entries, e)
	r.resolve(e)
	return e
}
