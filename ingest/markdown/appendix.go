package markdown

import (
	"fmt"
	"strings"

	"github.com/hindsight-sre/hindsight"
)

// appendices keeps what the report has no place for. Every heading and
// top-level block of the document is an anchor whose verbatim text runs to
// the next anchor; the anchors that were not read into a field, an event,
// an action, a lesson or a factor are copied, in order, into
// "unmapped-sections.md", each run of them under a comment saying where it
// came from. The original file is attached as well unless OmitSource.
func (p *parser) appendices() {
	var b strings.Builder
	b.WriteString(fmt.Sprintf("<!-- Text of %s that maps to no part of the report, kept verbatim. -->\n", p.name))
	chunks := 0
	if p.fm.raw != "" {
		fmt.Fprintf(&b, "\n<!-- %s:1-%d: front matter -->\n%s\n", p.name, p.fm.lines, strings.TrimRight(p.fm.raw, "\n"))
		chunks++
	}
	var run strings.Builder
	runStart, runEnd := 0, 0
	var runSec *section
	flush := func() {
		t := strings.TrimRight(run.String(), " \t\n")
		if strings.TrimSpace(t) != "" {
			where := fmt.Sprintf("%s:%d-%d", p.name, runStart, runEnd)
			if runSec != nil && strings.TrimSpace(runSec.title) != "" {
				where += fmt.Sprintf(", under %q", runSec.title)
			}
			fmt.Fprintf(&b, "\n<!-- %s -->\n%s\n", where, strings.Trim(t, "\n"))
			chunks++
		}
		run.Reset()
		runSec = nil
	}
	prevKept := false
	var owner *section // the section the current anchor belongs to
	unmapped := map[*section]bool{}
	var names []string
	p.o.root.walk(func(s *section) {
		if s != p.o.root && (s.kind == kindUnknown || s.kind == kindAppendix || s.kind == kindMeta) {
			unmapped[s] = true
			if s.own || s.parent == p.o.root || s.parent == p.titleSec || !unmapped[s.parent] {
				names = append(names, fmt.Sprintf("%q", s.title))
			}
		}
	})
	for _, a := range p.o.anchors {
		keep := false
		var text string
		var end int
		if a.sec != nil {
			owner = a.sec
			keep = unmapped[a.sec]
			text, end = string(p.src[a.sec.off:a.sec.end]), a.sec.end
		} else {
			keep = !a.blk.used
			text, end = string(p.src[a.blk.off:a.blk.end]), a.blk.end
		}
		if !keep {
			if prevKept {
				flush()
			}
			prevKept = false
			continue
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		if !prevKept {
			runStart = p.o.lines.line(a.off)
			runSec = owner
			if a.sec != nil {
				runSec = nil
			}
		}
		run.WriteString(text)
		runEnd = p.o.lines.line(max(a.off, end-1))
		prevKept = true
	}
	flush()
	if len(names) > 0 {
		p.find("unmapped", hindsight.FindingInfo, "appendices", 0,
			fmt.Sprintf("%d sections map to no part of the report and are kept verbatim in %s: %s", len(names), UnmappedName, clip(strings.Join(names, ", "), 300)),
			"move their content into the report's sections, or leave them as an appendix")
	}
	if chunks > 0 {
		p.attach(UnmappedName, "Text of the imported document that maps to no part of the report", []byte(b.String()))
	}
	if !p.opts.OmitSource {
		name := "source-" + p.name
		if path2ext(name) == "" {
			name += ".md"
		}
		p.attach(name, "The imported document, as it was", p.original)
	}
}

func (p *parser) attach(name, caption string, content []byte) {
	p.inc.Appendices = append(p.inc.Appendices, hindsight.Appendix{Name: name, Caption: caption,
		MediaType: "text/markdown; charset=utf-8", Size: int64(len(content)), SHA256: digest(content),
		AddedAt: p.opts.Now.UTC(), Content: content})
}
