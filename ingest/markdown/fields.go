package markdown

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hindsight-sre/hindsight"
)

// findTitle picks the document's title heading: the first heading that names
// no known section, before the first section that does. Its text under it,
// before the first section, is the preamble.
func (p *parser) findTitle() {
	stopped := false
	p.o.root.walk(func(s *section) {
		if stopped || s == p.o.root || s.pseudo || p.titleSec != nil {
			return
		}
		if s.own {
			if s.kind != kindMeta {
				stopped = true
			}
			return
		}
		if strings.TrimSpace(s.title) == "" {
			return
		}
		if st, rest, ok := scanStamp(s.title); ok && s.level > 1 && (st.hasTime || st.placeholder || rest == "") {
			// "### 13:35" is a timeline entry, not a title; "# 2017-09-27,
			// Hub 403" is a title.
			stopped = true
			return
		}
		p.titleSec = s
	})
	if p.titleSec != nil {
		p.titleSec.kind, p.titleSec.own = kindTitle, true
	}
	title := p.fm.str("title")
	if title == "" && p.titleSec != nil {
		title = p.titleSec.title
	}
	title = collapseSpace(strings.NewReplacer("{{", "", "}}", "").Replace(title))
	if title == "" {
		stem := strings.TrimSuffix(p.name, path2ext(p.name))
		title = collapseSpace(strings.NewReplacer("-", " ", "_", " ").Replace(stem))
		if title == "" {
			title = "Imported postmortem"
		}
		p.find("no-title", hindsight.FindingWarning, "title", 0,
			fmt.Sprintf("the document has no title; %q was made from the file name", title),
			"start the document with a level-1 heading naming the incident")
	}
	p.inc.Title = title
}

func path2ext(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 && !strings.ContainsAny(name[i:], " /") {
		return name[i:]
	}
	return ""
}

// metadata sets the id, severity, services and the reference date from
// the front matter, the title and metadata headings.
func (p *parser) metadata() {
	id := strings.ToLower(p.fm.str("id", "slug"))
	if !hindsight.ValidID(id) {
		id = hindsight.Slug(id)
	}
	if id == "" {
		id = hindsight.Slug(strings.TrimSuffix(p.name, path2ext(p.name)))
	}
	if id == "" {
		id = hindsight.Slug(p.inc.Title)
	}
	if id == "" {
		id = "imported-postmortem"
	}
	p.inc.ID = id

	if v := p.fm.str("severity", "sev", "priority", "incident_severity", "level"); v != "" {
		p.setSeverity(v, 1)
	}
	p.setServices(p.fm.fields["services"], p.fm.fields["service"], p.fm.fields["components"], p.fm.fields["systems"])

	// The reference date carries into timelines whose entries give only a
	// time. The title is the best witness; a "Date" field next; the front
	// matter last, because blogs put the publication date there.
	if d, ambig, ok := findDate(p.inc.Title); ok && d.y != 0 && !ambig {
		p.refDate, p.refSrc, p.hasRef = d, "title", true
	}
	p.o.root.walk(func(s *section) {
		if p.hasRef || s.kind != kindMeta {
			return
		}
		core, _ := normTitle(s.title)
		if !strings.HasPrefix(core, "date") {
			return
		}
		text := s.title
		for _, b := range s.blocks {
			text += " " + joinText(b.lines)
		}
		if d, _, ok := findDate(text); ok && d.y != 0 {
			p.refDate, p.refSrc, p.hasRef = d, "metadata", true
		}
	})
	if !p.hasRef {
		if v := p.fm.str("date"); v != "" {
			if d, _, ok := findDate(v); ok && d.y != 0 {
				p.refDate, p.refSrc, p.hasRef = d, "front matter", true
			}
		}
	}
	p.ctx = timeCtx{}
	if p.hasRef {
		p.ctx.date, p.ctx.hasDate, p.ctx.dateSrc = p.refDate, true, p.refSrc
	}
}

// severityWords maps the severity wordings seen in the wild onto the
// default scale's levels.
var severityWords = []struct {
	re    *regexp.Regexp
	level string
}{
	{regexp.MustCompile(`^(?:sev(?:erity)?0|s0|p0|0|critical|blocker|emergency|highest)$`), "SEV1"},
	{regexp.MustCompile(`^(?:sev(?:erity)?1|s1|p1|1|urgent)$`), "SEV1"},
	{regexp.MustCompile(`^(?:sev(?:erity)?2|s2|p2|2|high|major)$`), "SEV2"},
	{regexp.MustCompile(`^(?:sev(?:erity)?3|s3|p3|3|medium|moderate|minor)$`), "SEV3"},
	{regexp.MustCompile(`^(?:sev(?:erity)?4|s4|p4|4|low|lowest|trivial|informational|info)$`), "SEV4"},
}

// setSeverity sets the severity when the wording maps onto a level of the
// scale, and says so when it does not.
func (p *parser) setSeverity(v string, line int) {
	v = strings.TrimSpace(v)
	for _, name := range p.scale.Names() {
		if strings.EqualFold(name, v) {
			p.inc.Severity = name
			return
		}
	}
	key := strings.ToLower(strings.NewReplacer(" ", "", "-", "", "_", "").Replace(v))
	for _, w := range severityWords {
		if w.re.MatchString(key) {
			if _, ok := p.scale.Level(w.level); ok {
				p.inc.Severity = w.level
				if key != strings.ToLower(w.level) {
					p.find("severity-mapped", hindsight.FindingInfo, "severity", line,
						fmt.Sprintf("severity %q was read as %s", v, w.level), "check the severity against your scale")
				}
				return
			}
		}
	}
	p.find("severity-unmapped", hindsight.FindingWarning, "severity", line,
		fmt.Sprintf("severity %q does not map onto the scale (%s); it was left empty", v, strings.Join(p.scale.Names(), ", ")),
		"set the severity with `hindsight set severity`")
}

func (p *parser) setServices(vals ...any) {
	for _, v := range vals {
		switch v := v.(type) {
		case string:
			for _, s := range strings.Split(v, ",") {
				if s = strings.TrimSpace(s); s != "" {
					p.inc.Services = append(p.inc.Services, s)
				}
			}
		case []any:
			for _, x := range v {
				if s, ok := x.(string); ok && strings.TrimSpace(s) != "" {
					p.inc.Services = append(p.inc.Services, strings.TrimSpace(s))
				}
			}
		}
	}
}

// readSections reads every section in document order. A subsection that
// inherited its kind is read by its ancestor, so that a timeline's day
// headings or an action list's groups are seen in order.
func (p *parser) readSections() {
	p.preamble()
	p.o.root.walk(func(s *section) {
		if s == p.o.root || !s.own {
			return
		}
		switch s.kind {
		case kindSummary:
			p.summary = appendText(p.summary, p.narrative(s))
		case kindImpact:
			p.impact = appendText(p.impact, p.narrative(s))
		case kindDetection:
			p.detection = appendText(p.detection, p.narrative(s))
		case kindResolution:
			p.resolution = appendText(p.resolution, p.narrative(s))
		case kindTrigger:
			p.trigger = appendText(p.trigger, p.narrative(s))
		case kindTimeline:
			p.timelineSection(s, false)
		case kindMaybeTimeline:
			if !p.timelineSection(s, true) {
				p.summary = appendText(p.summary, p.narrative(s))
			}
		case kindKeyEvents:
			p.keyEventsSection(s)
		case kindCauses:
			p.factorsSection(s)
		case kindLessons:
			p.lessonsSection(s)
		case kindMeta:
			p.metaSection(s)
		}
	})
}

func appendText(list []string, s string) []string {
	if strings.TrimSpace(s) == "" {
		return list
	}
	return append(list, s)
}

// preamble reads the text before the first section: the lines under the
// title, or the whole document when it has no headings. Statements about
// time ("All times in PDT") set the timeline's context; metadata lines
// ("Created By: …") stay for the appendix; the rest is summary.
func (p *parser) preamble() {
	var blocks []*block
	blocks = append(blocks, p.o.root.blocks...)
	if p.titleSec != nil {
		blocks = append(blocks, p.titleSec.blocks...)
	}
	var parts []string
	for _, b := range blocks {
		switch b.kind {
		case bPara:
			var keep []pline
			for _, l := range b.lines {
				if p.contextLine(l.text, &p.ctx) || reMetaLine.MatchString(l.text) {
					continue
				}
				keep = append(keep, l)
			}
			if len(keep) == len(b.lines) {
				parts = append(parts, p.blockText(b))
				b.used = true
			} else if len(keep) > 0 {
				parts = append(parts, linesText(keep))
			}
		case bTable:
			if p.keyValueTable(b) {
				continue
			}
			parts = append(parts, p.blockText(b))
			b.used = true
		case bHTML:
			// Comments such as "<!-- more -->" say nothing to a reader.
		case bRule:
			b.used = true
		default:
			parts = append(parts, p.blockText(b))
			b.used = true
		}
	}
	if len(parts) > 0 {
		p.summary = append([]string{strings.Join(parts, "\n\n")}, p.summary...)
	}
}

var reMetaLine = regexp.MustCompile(`(?i)^(?:created by|last modified|last updated|author|authors|date|status|owner|editor|reviewers?)\s*:`)

func linesText(ls []pline) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.text)
	}
	return b.String()
}

// narrative renders a section (and the subsections that inherited its kind)
// as Markdown for one of the report's text fields. It keeps the source
// wording and formatting; subheadings become bold lines so they do not
// fight with the report's own headings.
func (p *parser) narrative(s *section) string {
	var parts []string
	for _, b := range s.blocks {
		switch b.kind {
		case bHTML:
			continue
		case bRule:
			b.used = true
			continue
		case bTable:
			if p.keyValueTable(b) {
				continue
			}
		}
		if t := p.blockText(b); t != "" {
			parts = append(parts, t)
		}
		b.used = true
	}
	for _, c := range s.children {
		if c.own {
			continue
		}
		t := p.narrative(c)
		title := strings.TrimSpace(c.title)
		if title != "" {
			if t != "" {
				t = "**" + title + "**\n\n" + t
			} else {
				t = "**" + title + "**"
			}
		}
		if t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n\n")
}

// blockText is a block's Markdown source, dedented; a block made from part
// of a line (the text after a bold field label) is its plain text.
func (p *parser) blockText(b *block) string {
	if b.synthetic {
		return linesText(b.lines)
	}
	return dedent(p.o.verbatim(b.off, b.end))
}

// dedent removes the indentation all lines share.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	if common <= 0 {
		return s
	}
	for i, l := range lines {
		if len(l) >= common {
			lines[i] = l[common:]
		} else {
			lines[i] = strings.TrimLeft(l, " \t")
		}
	}
	return strings.Join(lines, "\n")
}

// keyValueTable reads a two-column table of labels and values ("| Summary |
// … |", "| Authors | … |") into the fields its labels name. It reports
// whether the table was one.
func (p *parser) keyValueTable(b *block) bool {
	if b.kind != bTable || !p.isKeyValue(b) {
		return false
	}
	rows := b.rows
	if strings.TrimSpace(rows[0][0].text) == "" {
		rows = rows[1:]
	}
	all := true
	for _, r := range rows {
		k, _, _ := classifyTitle(r[0].text)
		v := r[1].text
		switch k {
		case kindSummary:
			p.summary = appendText(p.summary, v)
		case kindImpact:
			p.impact = appendText(p.impact, v)
		case kindDetection:
			p.detection = appendText(p.detection, v)
		case kindResolution:
			p.resolution = appendText(p.resolution, v)
		case kindTrigger:
			p.trigger = appendText(p.trigger, v)
		default:
			if core, _ := normTitle(r[0].text); core == "severity" && v != "" {
				p.setSeverity(v, b.line)
				continue
			}
			all = false
		}
	}
	b.used = all
	return true
}

// metaSection reads the metadata sections that have a place in the
// incident; the others stay for the appendix.
func (p *parser) metaSection(s *section) {
	core, _ := normTitle(s.title)
	label := core
	if i := strings.Index(core, ":"); i > 0 {
		label = strings.TrimSpace(core[:i])
	}
	var text []string
	if i := strings.Index(s.title, ":"); i > 0 {
		text = append(text, strings.TrimSpace(s.title[i+1:]))
	}
	for _, b := range s.blocks {
		if b.kind == bPara {
			text = append(text, joinText(b.lines))
		}
	}
	v := strings.TrimSpace(strings.Join(text, " "))
	switch label {
	case "severity":
		if v != "" {
			p.setSeverity(v, s.line)
			for _, b := range s.blocks {
				b.used = true
			}
		}
	case "services", "service", "affected services":
		p.setServices(v)
	}
}

// finishFields moves the collected texts into the incident.
func (p *parser) finishFields() {
	join := func(parts []string) string { return strings.TrimSpace(strings.Join(parts, "\n\n")) }
	p.inc.Summary = join(p.summary)
	p.inc.Impact.Description = join(p.impact)
	p.impactFigures(p.inc.Impact.Description)
	p.inc.Detection = join(p.detection)
	p.inc.Resolution = join(p.resolution)
	p.inc.Trigger = join(p.trigger)
}

var (
	reUsersPct = regexp.MustCompile(`(?i)\b(\d{1,3}(?:\.\d+)?)\s*%\s+of\s+(?:all\s+|our\s+)?(?:users|customers|accounts|visitors)\b`)
	reUsers    = regexp.MustCompile(`(?i)\b(\d[\d,]*)\s+(?:users|customers|accounts)\s+(?:were\s+)?(?:affected|impacted)\b`)
	reTickets  = regexp.MustCompile(`(?i)\b(\d[\d,]*)\s+(?:support\s+)?tickets?\b`)
)

// impactFigures reads the numbers an impact text states in so many words:
// "12% of users", "3,400 customers were affected", "240 support tickets".
// Anything less explicit stays in the text for a person to read.
func (p *parser) impactFigures(text string) {
	set := func(field, v string) {
		if err := p.inc.SetField(field, strings.ReplaceAll(v, ",", "")); err != nil {
			p.find("impact-figure", hindsight.FindingInfo, "impact", 0, fmt.Sprintf("%s %q was not read: %v", field, v, err), "")
		}
	}
	if m := reUsersPct.FindStringSubmatch(text); m != nil {
		set("impact.users_percent", m[1])
	}
	if m := reUsers.FindStringSubmatch(text); m != nil {
		set("impact.users_affected", m[1])
	}
	if m := reTickets.FindStringSubmatch(text); m != nil && strings.Contains(strings.ToLower(m[0]), "support") {
		set("impact.support_tickets", m[1])
	}
}

// checkMissing reports the parts of a complete report the document lacks.
func (p *parser) checkMissing() {
	miss := func(field, what, suggestion string) {
		p.find("section-missing", hindsight.FindingWarning, field, 0, "the document has no "+what, suggestion)
	}
	if p.inc.Summary == "" {
		miss("summary", "summary", "add a Summary section: what happened, to whom, for how long")
	}
	if !p.inc.Impact.Known() {
		miss("impact", "impact section", "add an Impact section: who was affected, how many, for how long")
	}
	if p.inc.Detection == "" {
		miss("detection", "detection section", "add a Detection section: how the incident was noticed, and how it could be noticed sooner")
	}
	if len(p.inc.Timeline) == 0 {
		miss("timeline", "timeline entries", "add a Timeline section with one entry per line, each starting with a date and time and stating the zone")
	}
	if len(p.inc.Factors) == 0 && p.inc.Trigger == "" {
		miss("factors", "contributing factors", "add a Contributing factors section; ask why more than once")
	}
	if p.inc.Resolution == "" {
		miss("resolution", "resolution section", "add a Resolution section: what stopped the impact and what restored service")
	}
	if len(p.inc.Actions) == 0 {
		miss("actions", "action items", "add an Action items section as a list or table, one item per line, with an owner")
	}
	if len(p.inc.Lessons) == 0 {
		p.find("section-missing", hindsight.FindingInfo, "lessons", 0, "the document has no lessons",
			"add What went well, What went wrong and Where we got lucky sections")
	}
}
