package markdown

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/hindsight-sre/hindsight"
)

// timeCtx is what a timeline entry that does not say everything inherits
// from the entries and statements before it: the day, the zone, whether
// times are approximate, and the last time seen (to notice midnight).
type timeCtx struct {
	date    civil
	hasDate bool
	dateSrc string // "timeline", "title", "metadata" or "front matter"
	// sticky: the date came from "Unless otherwise noted all events
	// happened on …", so an entry's own date does not carry forward.
	sticky bool

	zoneName string
	zone     zoneInfo
	hasZone  bool
	approx   bool

	last     time.Time
	lastDate civil
	lastSecs int
	hasLast  bool
}

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

var (
	reContextStart = regexp.MustCompile(`(?i)^[(\[_*]*\s*(?:all\s+)?(?:times?|timestamps?|timezones?|time zones?)\b|^(?i)unless otherwise|^(?i)timeline for\b|^(?i)all events\b|^(?i)dates and times\b`)
	reSticky       = regexp.MustCompile(`(?i)unless otherwise|all events (?:happened|occurred|took place)`)
	reApproxWord   = regexp.MustCompile(`(?i)\bapprox\w*|\brough(?:ly)?\b|\bestimated\b`)
)

// contextLine applies a statement such as "All times in PST, on February
// 8th 2019" or "Unless otherwise noted all events happened on 2019-10-21,
// and all times are in UTC" to ctx, and reports whether t was one.
func (p *parser) contextLine(t string, ctx *timeCtx) bool {
	t = strings.TrimSpace(t)
	if t == "" || len(t) > 240 || !reContextStart.MatchString(t) {
		return false
	}
	if _, _, ok := scanStamp(t); ok {
		return false
	}
	name, z, okZ := findZone(t)
	d, _, okD := findDate(t)
	approx := reApproxWord.MatchString(t)
	if !okZ && !(okD && d.y != 0) && !approx {
		return false
	}
	if okZ {
		ctx.zoneName, ctx.zone, ctx.hasZone = name, z, true
	}
	if okD && d.y != 0 {
		ctx.date, ctx.hasDate, ctx.dateSrc = d, true, "timeline"
		ctx.sticky = reSticky.MatchString(t)
	}
	if approx {
		ctx.approx = true
	}
	return true
}

// headingContext reads the zone, date and "approximate" remark a timeline
// heading may carry: "Timeline (all times PT )", "Timeline (all times PST)
// 01/16/2024 - 02/28/2024. All times approximations".
func headingContext(title string, ctx *timeCtx) {
	if name, z, ok := findZone(title); ok {
		ctx.zoneName, ctx.zone, ctx.hasZone = name, z, true
	}
	if d, _, ok := findDate(title); ok && d.y != 0 {
		ctx.date, ctx.hasDate, ctx.dateSrc, ctx.sticky = d, true, "timeline", false
	}
	if reApproxWord.MatchString(title) {
		ctx.approx = true
	}
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

func (r *tlRun) use(b *block) { r.used = append(r.used, b) }

func isDateLine(st stamp, rest string) bool {
	return st.hasDate && !st.hasTime && !st.placeholder && !st.template && strings.Trim(rest, " :") == ""
}

func (r *tlRun) setDay(st stamp) {
	d := st.date
	if d.y == 0 {
		d.y = r.yearFor(d)
	}
	if d.y == 0 {
		return
	}
	r.ctx.date, r.ctx.hasDate, r.ctx.dateSrc, r.ctx.sticky = d, true, "timeline", false
}

// yearFor finds the year of a month and day written without one, from the
// carried date or the document's date.
func (r *tlRun) yearFor(d civil) int {
	if r.ctx.hasDate {
		return r.ctx.date.y
	}
	if r.p.hasRef {
		return r.p.refDate.y
	}
	return 0
}

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

var (
	reTimeHeader = regexp.MustCompile(`(?i)\b(?:time|date|timestamp|when|day|hour|utc)s?\b|^\s*(?:date|time)`)
	reTextHeader = regexp.MustCompile(`(?i)\b(?:event|events|description|what|note|notes|details?|action|happened|summary|update|activity|message|comment|observation)\b`)
	reYear       = regexp.MustCompile(`\b(19[7-9]\d|20\d\d)\b`)
)

// table reads a timeline table: the time may sit in one column ("2019-11-29
// 12:00") or be spread over several ("Sun | Oct 31 | 21:33"); the zone and
// the year may sit in the header ("Time (PT)", "Date (2021)").
func (r *tlRun) table(b *block) {
	if len(b.rows) < 2 {
		return
	}
	head := b.rows[0]
	n := len(head)
	isTime := make([]bool, n)
	textCol := -1
	for c := range n {
		h := head[c].text
		if reTimeHeader.MatchString(h) && !reTextHeader.MatchString(h) {
			isTime[c] = true
		} else if textCol < 0 && reTextHeader.MatchString(h) {
			textCol = c
		}
	}
	anyTime := false
	for c := range n {
		anyTime = anyTime || isTime[c]
	}
	if !anyTime {
		// No header says where the time is: take the columns whose cells
		// read as dates or times.
		for c := range n {
			hits, filled := 0, 0
			for _, row := range b.rows[1:] {
				if c < len(row) && row[c].text != "" {
					filled++
					if st, rest, ok := scanStamp(row[c].text); ok && rest == "" && !st.template {
						hits++
					}
				}
			}
			if filled > 0 && 10*hits >= 6*filled {
				isTime[c], anyTime = true, true
			}
		}
	}
	if !anyTime {
		return
	}
	if textCol < 0 || isTime[textCol] {
		best := -1
		for c := range n {
			if isTime[c] {
				continue
			}
			total := 0
			for _, row := range b.rows[1:] {
				if c < len(row) {
					total += len(row[c].text)
				}
			}
			if total > best {
				best, textCol = total, c
			}
		}
	}
	ctx := &r.ctx
	year := 0
	for c := range n {
		if !isTime[c] {
			continue
		}
		if name, z, ok := findZone(head[c].text); ok {
			ctx.zoneName, ctx.zone, ctx.hasZone = name, z, true
		}
		if m := reYear.FindString(head[c].text); m != "" {
			fmt.Sscan(m, &year)
		}
	}
	all := true
	for ri, row := range b.rows[1:] {
		var stampParts, extra []string
		text := ""
		for c, cl := range row {
			switch {
			case c < n && isTime[c]:
				if cl.text != "" {
					stampParts = append(stampParts, cl.text)
				}
			case c == textCol:
				text = cl.text
			case cl.text != "" && c < n:
				extra = append(extra, fmt.Sprintf("(%s: %s)", head[c].text, cl.text))
			}
		}
		stampText := strings.Join(stampParts, " ")
		if text == "" && stampText == "" {
			continue
		}
		line := b.line
		if ri+1 < len(b.rowLines) {
			line = b.rowLines[ri+1]
		}
		st, rest, ok := scanStamp(stampText)
		if ok && st.template {
			r.drops = append(r.drops, line)
			all = false
			continue
		}
		if !ok {
			st = stamp{placeholder: true, text: stampText}
		} else if rest != "" {
			text = strings.TrimSpace(rest + " " + text)
		}
		if st.hasDate && st.date.y == 0 && year != 0 {
			st.date.y = year
		}
		if text == "" {
			all = false
			continue
		}
		e := r.newEntry(st, text, line)
		if len(extra) > 0 {
			e.text = append(e.text, extra...)
		}
		all = all && e.ok
	}
	if all {
		r.use(b)
	}
}

// newEntry makes an entry and reads its time in the current context.
func (r *tlRun) newEntry(st stamp, text string, line int) *entry {
	e := &entry{st: st, text: []string{text}, line: line}
	r.entries = append(r.entries, e)
	r.resolve(e)
	return e
}

// resolve turns an entry's stamp into an instant, carrying the date and
// zone from the context and flagging every assumption.
func (r *tlRun) resolve(e *entry) {
	ctx := &r.ctx
	st := e.st
	flag := func(f string) { e.flags = append(e.flags, f) }
	var d civil
	switch {
	case st.hasDate:
		d = st.date
		if st.datePartial {
			flag(FlagDatePartial)
		}
		if d.y == 0 {
			ref := ctx.date
			if !ctx.hasDate {
				if !r.p.hasRef {
					return
				}
				ref = r.p.refDate
			}
			d.y = ref.y
			// Keep a month and day near the carried date: "[12-05 16:21]"
			// in a March timeline is the December before.
			if diff := d.time().Sub(ref.time()); diff > 183*24*time.Hour {
				d.y--
				flag(FlagYearAdjusted)
			} else if diff < -183*24*time.Hour {
				d.y++
				flag(FlagYearAdjusted)
			}
		}
		if st.dateAmbig {
			flag(FlagDateAmbiguous)
		}
		if !ctx.sticky && !st.datePartial {
			ctx.date, ctx.hasDate, ctx.dateSrc = d, true, "timeline"
		}
	case ctx.hasDate:
		d = ctx.date
		if ctx.dateSrc == "front matter" {
			flag(FlagDateAssumed)
		}
	default:
		return
	}

	// A day without a time is placed at its start anyway; only a time of
	// day read in a zone nobody stated is an assumption worth a flag.
	timed := st.hasTime || st.placeholder
	zi := zoneInfo{stdName: "UTC"}
	switch {
	case st.hasZone:
		zi = st.zi
	case ctx.hasZone:
		zi = ctx.zone
	case r.p.hasDefZone:
		zi = r.p.defZone
		if timed {
			flag(FlagZoneAssumed)
		}
	default:
		if timed {
			flag(FlagZoneAssumed)
		}
	}
	if zi.ambiguous != "" {
		flag(FlagZoneAmbiguous)
		e.ambig = zi.ambiguous
	}

	c := st.clock
	switch {
	case st.hasTime:
		if !st.hasDate && ctx.hasLast && ctx.lastDate == d && c.seconds() < ctx.lastSecs-6*3600 {
			// No date, and hours earlier than the entry before: the
			// timeline went past midnight without saying so.
			d = d.addDays(1)
			ctx.date, ctx.hasDate = d, true
			flag(FlagDateRolledOver)
		}
	case st.placeholder || !st.hasDate:
		flag(FlagTimeUnknown)
		if ctx.hasLast && ctx.lastDate == d {
			c = clock{ctx.lastSecs / 3600, ctx.lastSecs % 3600 / 60, ctx.lastSecs % 60}
		}
	default:
		flag(FlagDateOnly)
	}
	at, name, mismatch := zi.resolve(d.y, time.Month(d.m), d.d, c.h, c.m, c.s)
	if mismatch {
		flag(FlagZoneDSTMismatch)
	}
	if st.hourAmbig {
		flag(FlagHourAmbiguous)
	}
	if st.approx || ctx.approx {
		flag(FlagApproximate)
	}
	if st.isRange {
		flag(FlagRange)
	}
	if st.hasAlt && st.hasTime {
		alt, _, _ := st.altZone.resolve(d.y, time.Month(d.m), d.d, st.alt.h, st.alt.m, 0)
		gap := at.Sub(alt) % (24 * time.Hour)
		if gap != 0 && gap != 24*time.Hour && gap != -24*time.Hour {
			flag(FlagTimesDisagree)
		}
	}
	if ctx.hasLast && at.Before(ctx.last) {
		flag(FlagOutOfOrder)
	}
	if st.hasTime || (st.hasDate && !st.placeholder) {
		ctx.last, ctx.lastDate, ctx.lastSecs, ctx.hasLast = at, d, c.seconds(), true
	}
	e.ok, e.at, e.zone = true, at, name
}

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

// finishTimeline turns the entries into events, adds the key events, and
// reports what was uncertain.
func (p *parser) finishTimeline() {
	seen := map[string]bool{}
	add := func(e *entry) (string, bool) {
		text := cleanEventText(strings.Join(e.text, " "))
		if !e.ok {
			p.find("date-unknown", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("no date could be found for the entry %q; it is kept in the appendix only", clip(text, 60)),
				"give the entry, or a heading or line above it, a date")
			return "", false
		}
		if text == "" {
			p.find("entry-empty", hindsight.FindingWarning, "timeline", e.line, "a timeline entry has a time but no text; it was left out", "describe what happened")
			return "", false
		}
		// The postmortem's author chose every entry of its timeline, so
		// each is starred as a person's choice: the default star rules
		// leave it alone and the report shows the document's timeline.
		ev := hindsight.Event{Time: e.at, TimeText: e.st.text, Zone: e.zone, Source: Source, Ref: p.ref(e.line),
			Kind: inferKind(text), Text: text, Starred: true, Curated: true, KnownDuring: true, Flags: e.flags}
		ev.Normalize()
		for n := 2; seen[ev.ID]; n++ {
			ev.ID = ""
			ev.Ref = fmt.Sprintf("%s#%d", p.ref(e.line), n)
			ev.Normalize()
		}
		seen[ev.ID] = true
		p.inc.Timeline = append(p.inc.Timeline, ev)
		p.reportFlags(e, text)
		return ev.ID, true
	}
	for _, e := range p.entries {
		add(e)
	}
	fromKeys := len(p.inc.Timeline) == 0 && len(p.keyEvents) > 0
	if fromKeys {
		p.find("timeline-from-key-events", hindsight.FindingInfo, "timeline", p.keyEvents[0].line,
			"the timeline was built from the Key events list alone", "add a timeline with what happened between those moments")
	}
	for _, k := range p.keyEvents {
		id := ""
		if fromKeys {
			id, _ = add(k)
		} else {
			for _, ev := range p.inc.Timeline {
				if ev.Time.Equal(k.at) {
					id = ev.ID
					break
				}
			}
		}
		for _, w := range milestoneWords {
			if !w.re.MatchString(k.label) {
				continue
			}
			if _, ok := p.inc.Milestone(w.name); ok {
				break
			}
			p.inc.Milestones = append(p.inc.Milestones, hindsight.Milestone{Name: w.name, Time: k.at, Event: id,
				Rule: hindsight.RulePerson, Because: fmt.Sprintf("written as %q under Key events (%s)", k.label, p.ref(k.line))})
			break
		}
	}
	sort.SliceStable(p.inc.Milestones, func(i, j int) bool {
		return milestoneRank(p.inc.Milestones[i].Name) < milestoneRank(p.inc.Milestones[j].Name)
	})
	sort.SliceStable(p.inc.Timeline, func(i, j int) bool { return p.inc.Timeline[i].Time.Before(p.inc.Timeline[j].Time) })
}

func milestoneRank(n hindsight.MilestoneName) int {
	for i, m := range hindsight.MilestoneNames {
		if m == n {
			return i
		}
	}
	return len(hindsight.MilestoneNames)
}

// reportFlags turns an event's flags into findings: one per event for the
// doubts a person must resolve, one per document for the rest.
func (p *parser) reportFlags(e *entry, text string) {
	what := clip(text, 50)
	for _, f := range e.flags {
		switch f {
		case FlagTimeUnknown:
			p.find("time-unreadable", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("the time of %q could not be read (%q); it was placed after the entry before it", what, e.st.text),
				"write the time as HH:MM with a zone, or say it is unknown in the text")
		case FlagHourAmbiguous:
			p.find("hour-ambiguous", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("%q mixes a 24-hour time with AM/PM; it was read as the 24-hour time", e.st.text), "use either a 24-hour clock or AM/PM")
		case FlagDateAmbiguous:
			p.find("date-ambiguous", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("%q could be day/month or month/day; month first was used", e.st.text), "write dates as YYYY-MM-DD")
		case FlagTimesDisagree:
			p.find("times-disagree", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("the two times in %q do not agree; the first was used", e.st.text), "correct one of the two times")
		case FlagDateRolledOver:
			p.find("date-rolled-over", hindsight.FindingInfo, "timeline", e.line,
				fmt.Sprintf("%q has no date and is earlier than the entry before it; it was read as the next day", e.st.text), "add a date line when the timeline passes midnight")
		case FlagOutOfOrder:
			p.find("out-of-order", hindsight.FindingInfo, "timeline", e.line,
				fmt.Sprintf("%q is earlier than the entry before it in the document", e.st.text), "check the time, or move the entry")
		case FlagYearAdjusted:
			p.find("year-adjusted", hindsight.FindingInfo, "timeline", e.line,
				fmt.Sprintf("%q has no year; it was placed in %d to stay near the rest of the timeline", e.st.text, e.at.Year()), "write the year")
		case FlagDatePartial:
			p.find("date-partial", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("only the year of %q is known; it was placed on 1 January", e.st.text), "find the date, or say in the text that it is unknown")
		case FlagZoneAssumed:
			zone := "UTC"
			if p.hasDefZone {
				zone = p.defZoneName
			}
			p.findOnce("", "zone-missing", hindsight.FindingWarning, "timeline", e.line,
				fmt.Sprintf("the document states no time zone; times were read as %s", zone),
				`state the zone once ("All times in UTC") or after each time`)
		case FlagZoneAmbiguous:
			p.findOnce(e.ambig, "zone-ambiguous", hindsight.FindingInfo, "timeline", e.line, e.ambig, "use UTC or an unambiguous offset such as UTC+05:30")
		case FlagZoneDSTMismatch:
			p.findOnce(e.st.zone+p.ctx.zoneName, "zone-dst-mismatch", hindsight.FindingInfo, "timeline", e.line,
				fmt.Sprintf("the zone is written as standard (or daylight) time on a date when the other was in force; times were read as local wall-clock time (%s)", e.zone),
				"use UTC, or the abbreviation in force on the day (PDT in summer)")
		case FlagDateAssumed:
			p.findOnce("", "date-assumed", hindsight.FindingInfo, "timeline", e.line,
				"some entries have no date; the front matter's date was used", "add a date line or day headings to the timeline")
		}
	}
}

var reEventTrim = regexp.MustCompile(`^[\s\-–—:|,.]+`)

func cleanEventText(s string) string {
	s = collapseSpace(s)
	s = reEventTrim.ReplaceAllString(s, "")
	s = strings.NewReplacer("{{", "", "}}", "").Replace(s)
	return strings.TrimSpace(s)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// kindWords infer an event's kind from its wording; the first match wins.
// Anything else is a note. Deliberately simple: the timeline engine and a
// person refine it.
var kindWords = []struct {
	re   *regexp.Regexp
	kind hindsight.EventKind
}{
	{regexp.MustCompile(`(?i)\backnowledg`), hindsight.KindAck},
	{regexp.MustCompile(`(?i)\b(?:paged|pages? (?:the )?on-?call|escalat\w*)\b`), hindsight.KindPage},
	{regexp.MustCompile(`(?i)\b(?:alert\w*|alarm\w*|uptime check)\b`), hindsight.KindAlert},
	{regexp.MustCompile(`(?i)\b(?:declared|resolved|status ?page|announce\w*|all clear|notif\w*|mailing list)\b`), hindsight.KindStatus},
	{regexp.MustCompile(`(?i)\b(?:decided|decides|decide|decision|agreed|agreement)\b`), hindsight.KindDecision},
	{regexp.MustCompile(`(?i)\b(?:revert\w*|roll(?:ed|s)? ?back|rollback|restart\w*|scaled|scaling|drain\w*|cordon\w*|delet\w*|revok\w*|terminat\w*|purge\w*|killed|mitigat\w*)\b`), hindsight.KindAction},
	{regexp.MustCompile(`(?i)\b(?:deploy\w*|rolled out|rollout|released|release|promoted|shipped)\b`), hindsight.KindDeploy},
	{regexp.MustCompile(`(?i)\b(?:merged|merge|config\w* change|changed|upgrad\w*|migrat\w*|pull request|commit\w*)\b`), hindsight.KindChange},
}

func inferKind(text string) hindsight.EventKind {
	for _, w := range kindWords {
		if w.re.MatchString(text) {
			return w.kind
		}
	}
	return hindsight.KindNote
}
