package markdown

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hindsight-sre/hindsight"
)

// Contributing factors and lessons. Both are read item by item: a list item
// is one factor or lesson, a paragraph is one, and a nested list under a
// factor is the next "why?" down (a 5 Whys chain), so the factor graph keeps
// the document's own structure.

// factorsSection reads a causes section ("Root cause", "Contributing
// factors", "Five Whys") and its inherited subsections.
func (p *parser) factorsSection(s *section) {
	p.factorBlocks(s.blocks)
	for _, c := range s.children {
		if !c.own {
			p.factorsSection(c)
		}
	}
}

func (p *parser) factorBlocks(blocks []*block) {
	for _, b := range blocks {
		switch b.kind {
		case bList:
			for _, it := range b.items {
				p.factorItem(it, "")
			}
			b.used = true
		case bPara:
			t := factorText(b.lines)
			if t == "" {
				b.used = true
				continue
			}
			if strings.HasSuffix(t, ":") {
				// "This was caused by two factors:" introduces what follows.
				continue
			}
			p.addFactor(t, "")
			b.used = true
		case bRule:
			b.used = true
		}
	}
}

// factorItem adds a list item as a factor and its nested items as the
// factors that caused it.
func (p *parser) factorItem(it *item, causes string) {
	t := factorText(it.lines)
	id := causes
	if t != "" {
		id = p.addFactor(t, causes)
	}
	for _, c := range it.children {
		switch c.kind {
		case bList:
			for _, sub := range c.items {
				p.factorItem(sub, id)
			}
		case bPara:
			if t := factorText(c.lines); t != "" && id != "" {
				// A further paragraph of the same item: more of its text.
				for i := range p.inc.Factors {
					if p.inc.Factors[i].ID == id {
						p.inc.Factors[i].Text += " " + t
					}
				}
			}
		}
	}
}

// factorText drops the "**Why …?**" questions of a 5 Whys list: the
// answers are the factors, the questions are the edges.
func factorText(lines []pline) string {
	var keep []string
	for _, l := range lines {
		t := strings.TrimSpace(l.text)
		if l.strong != "" && strings.HasSuffix(t, "?") && strings.TrimSpace(l.strong) == t {
			continue
		}
		keep = append(keep, t)
	}
	return cleanItemText(strings.Join(keep, " "))
}

func (p *parser) addFactor(text, causes string) string {
	f := hindsight.Factor{ID: fmt.Sprintf("F%d", len(p.inc.Factors)+1), Text: text, Layer: guessLayer(text)}
	if causes != "" {
		f.Causes = []string{causes}
	}
	p.inc.Factors = append(p.inc.Factors, f)
	return f.ID
}

// layerWords guess a factor's layer from its wording. The default is
// technical; the analysis with the team decides.
var layerWords = []struct {
	re    *regexp.Regexp
	layer hindsight.Layer
}{
	{regexp.MustCompile(`(?i)\b(?:process\w*|review\w*|runbooks?|documentation|documented|checklists?|procedures?|test plan|testing|tested|qa|on-?call|rotation|communicat\w*|escalation|approval|policy|policies|guide|guidelines|manual\w*|deploy process|release process|staging|smoke test\w*|monitoring|alerting|alerts?)\b`), hindsight.LayerProcess},
	{regexp.MustCompile(`(?i)\b(?:team|teams|staff\w*|training|knowledge|priorit\w*|budget|resourc\w*|hiring|hire|ownership|owner|culture|conference|workload|burnout|focus on|organi[sz]ation\w*|management|leadership|volunteer\w*|holiday|weekend|friday|timezone|time zone|members?)\b`), hindsight.LayerOrganizational},
}

func guessLayer(text string) hindsight.Layer {
	for _, w := range layerWords {
		if w.re.MatchString(text) {
			return w.layer
		}
	}
	return hindsight.LayerTechnical
}

var reLeadMarks = regexp.MustCompile(`^(?:[✅❌✔✘✓✗⚠️👍👎•·\-–—*]\s*)+`)

// cleanItemText trims the marks people put before list-like text.
func cleanItemText(s string) string {
	s = collapseSpace(strings.NewReplacer("{{", "", "}}", "").Replace(s))
	s = reLeadMarks.ReplaceAllString(s, "")
	return strings.TrimSpace(s)
}

// lessonsSection reads a lessons section; its kind comes from its own
// heading or the nearest heading above that names one.
func (p *parser) lessonsSection(s *section) {
	kind := hindsight.LessonKind(s.hint)
	for _, b := range s.blocks {
		switch b.kind {
		case bList:
			for _, it := range b.items {
				t := cleanItemText(lessonParagraph(it.lines))
				if d := childText(it.children); len(d) > 0 {
					t += " (" + strings.Join(d, "; ") + ")"
				}
				p.addLesson(kind, t)
			}
			b.used = true
		case bPara:
			t := lessonParagraph(b.lines)
			if strings.HasSuffix(t, ":") {
				continue
			}
			p.addLesson(kind, t)
			b.used = true
		case bRule:
			b.used = true
		}
	}
	for _, c := range s.children {
		if !c.own {
			p.lessonsSection(c)
		}
	}
}

// lessonParagraph joins a bold title line with its text: "Diagnosis took
// too long: It took roughly a day …".
func lessonParagraph(lines []pline) string {
	if len(lines) >= 2 && lines[0].strong != "" && cleanItemText(lines[0].text) == cleanItemText(lines[0].strong) {
		head := cleanItemText(lines[0].text)
		return head + ": " + cleanItemText(joinText(lines[1:]))
	}
	return cleanItemText(joinText(lines))
}

func (p *parser) addLesson(kind hindsight.LessonKind, text string) {
	if text == "" {
		return
	}
	if kind == "" {
		// "Lessons learned" without saying which: the kind is read from
		// the wording, most being things to do differently, and the
		// finding below says so.
		kind = guessLessonKind(text)
		p.unkinded++
	}
	p.inc.Lessons = append(p.inc.Lessons, hindsight.Lesson{Kind: kind, Text: text})
}

var (
	reLucky    = regexp.MustCompile(`(?i)\b(?:lucky|luckily|fortunately|by chance|happened to)\b`)
	rePositive = regexp.MustCompile(`(?i)\b(?:went well|worked well|was fast|were fast|quick(?:ly)?|effective(?:ly)?|helped|good response|smooth(?:ly)?|successfully)\b`)
	reNegative = regexp.MustCompile(`(?i)\b(?:should|need|needs|could have|must|lack|missing|not|no|never|slow|difficult|hard|unstructured|failed|without)\b`)
)

// guessLessonKind reads a lesson's kind from its wording when its section
// did not say.
func guessLessonKind(text string) hindsight.LessonKind {
	switch {
	case reLucky.MatchString(text):
		return hindsight.LessonLucky
	case rePositive.MatchString(text) && !reNegative.MatchString(text):
		return hindsight.LessonWentWell
	}
	return hindsight.LessonWentWrong
}
