package markdown

import (
	"regexp"
	"strings"

	"github.com/hindsight-sre/hindsight"
)

// keyEventsSection reads the MoJ "Key events" field: "First detected
// 2021-07-12 15:44", "Incident declared: 2023-06-06 11:00". They become
// milestones, and timeline entries when the document has no other timeline.
func (p *parser) keyEventsSection(s *section) {
	r := &tlRun{p: p, ctx: p.ctx}
	var lines []pline
	s.walk(func(x *section) {
		if x != s && x.own {
			return
		}
		for _, b := range x.blocks {
			switch b.kind {
			case bPara:
				lines = append(lines, b.lines...)
			case bList:
				for _, it := range b.items {
					lines = append(lines, it.lines...)
				}
			}
			b.used = true
		}
	})
	for _, l := range lines {
		t := l.text
		for i := 0; i < len(t); i++ {
			if i > 0 && isWordByte(t[i-1]) {
				continue
			}
			st, rest, ok := scanStamp(t[i:])
			if !ok || !(st.hasDate || st.hasTime) {
				continue
			}
			label := strings.Trim(t[:i], " :-–—")
			if label == "" {
				label = rest
			}
			e := &entry{st: st, text: []string{label}, line: l.line, label: label}
			r.resolve(e)
			if e.ok {
				p.keyEvents = append(p.keyEvents, e)
			}
			break
		}
	}
}

// milestoneWords maps key-event labels to milestones.
var milestoneWords = []struct {
	re   *regexp.Regexp
	name hindsight.MilestoneName
}{
	{regexp.MustCompile(`(?i)\b(?:impact (?:start|began|begins)|started|began|start)\b`), hindsight.MilestoneImpactStart},
	{regexp.MustCompile(`(?i)\bdetect`), hindsight.MilestoneDetected},
	{regexp.MustCompile(`(?i)\bdeclared\b`), hindsight.MilestoneDeclared},
	{regexp.MustCompile(`(?i)\backnowledg`), hindsight.MilestoneAcknowledged},
	{regexp.MustCompile(`(?i)\bidentified\b`), hindsight.MilestoneIdentified},
	{regexp.MustCompile(`(?i)\b(?:repaired|mitigated|mitigation)\b`), hindsight.MilestoneMitigated},
	{regexp.MustCompile(`(?i)\bimpact end`), hindsight.MilestoneImpactEnd},
	{regexp.MustCompile(`(?i)\bresolved\b`), hindsight.MilestoneResolved},
	{regexp.MustCompile(`(?i)\bclosed\b`), hindsight.MilestoneClosed},
}
