// Package logfile imports application and system logs. A log is mined
// (package logmine), never copied line by line: it becomes a handful of
// timeline events and a pattern table.
//
// Events (kind log-pattern, source logfile), at most about a dozen per file:
//
//   - "New error pattern in api.log: `pool: timed out after <*>` — 853 lines
//     from 10:38:12Z to 11:25:09Z": an error pattern absent at the start of
//     the log that appeared and rose within minutes (a sustained rise, not a
//     one-off line). It can set impact_start.
//   - "Error pattern in api.log, absent before 10:56:22Z: `…` — 14 lines
//     from 10:56:22Z to 11:21:22Z": a new error pattern that never rose on
//     its own. Worded so that it sets no milestone.
//   - "Error pattern in api.log rose at 10:41Z: `…` (from ~0.2/min to a
//     peak of 35/min)": an error pattern the log had all along, rising.
//   - "Error rate in api.log rose at 10:41Z (from ~0.1/min to a peak of
//     37/min)" and "Error rate in api.log back to baseline at 11:24Z (861
//     error lines from 10:41Z)": the rises of all error lines together and
//     their ends. The first rise and its end are the impact window logmine
//     suggests; they can set impact_start and impact_end.
//
// Templates are quoted in backticks, which the timeline rules skip: a log
// that says "queue depth rising" is not read as a rise. Every event's Ref is
// "FILE:LINE" (the file's base name, so the ref does not depend on the
// folder imported from): the first line of the pattern, or for a moment of
// the error rate the first line at or after it. Rate moments fall on the
// start of a rate interval (a minute, or a coarser one for logs spanning
// weeks), so their times are to the interval.
//
// Batch.Patterns holds the log's warning and error templates (the most
// severe and most frequent first, at most MaxPatterns), for the report's
// technical impact.
//
// Times without a zone are read in Options.TZ (UTC without it), and stamps
// without a year take the year of Options.Date (the current year without
// it); either assumption is said in a warning, and without the option the
// events are flagged ambiguous-time. A file in which no line carries a
// readable time fails: its events would have no place in the timeline.
//
// The file is read as a stream when ingest gives it one (File.Open), so
// memory stays bounded whatever its size.
package logfile

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/logmine"
)

// Name is the format name used by sniffing, --format and Event.Source.
const Name = "logfile"

const (
	// MaxPatterns bounds the pattern table one log adds to the incident:
	// the report needs the top patterns, not the long tail.
	MaxPatterns = 20
	// maxPatternEvents bounds the events about single error patterns, and
	// maxRises the rises of the error rate that become events, so that a
	// noisy log still yields a handful of events.
	maxPatternEvents = 6
	maxRises         = 3
	// riseLead is how soon after its first line a new pattern must start
	// rising for its appearance to count as the start of a rise: one line
	// an hour before a surge is not when the trouble began. Logs long
	// enough for coarse rate intervals get three intervals instead, since a
	// rise is only known to the interval.
	riseLead = 5 * time.Minute
	// maxTemplateRunes clips templates in event texts and the table; a
	// template can be a whole 64 KiB line.
	maxTemplateRunes = 200
)

// Parse mines one log file into events and a pattern table.
func Parse(f evidence.File, opts evidence.Options) (evidence.Batch, error) {
	var b evidence.Batch
	base := path.Base(strings.ReplaceAll(f.Name, `\`, "/"))
	r, size, closeFile, err := reader(f)
	if err != nil {
		return b, evidence.At(f.Name, 0, err)
	}
	defer closeFile()

	loc := opts.TZ
	if loc == nil {
		loc = time.UTC
	}
	year := 0
	if !opts.Date.IsZero() {
		year = opts.Date.Year()
	}
	idx := newLineIndex()
	first := &firstLines{}
	var m *logmine.Miner
	mo := logmine.Options{Location: loc, Year: year, OnLine: func(line int64, id string) {
		first.note(id, line)
		if t, ok := m.LineTime(); ok {
			idx.note(t.UnixNano(), line)
		}
	}}
	if opts.Progress != nil {
		mo.OnProgress = func(n int64) { opts.Progress(f.Name, n, size) }
	}
	m = logmine.NewMiner(mo)
	if _, err := m.ReadFrom(r); err != nil {
		return b, evidence.At(f.Name, 0, fmt.Errorf("read the log: %w", err))
	}
	res := m.Result()
	switch {
	case res.Lines == 0:
		return b, evidence.Errorf(f.Name, 1, "the file is empty; expected log lines that start with a timestamp")
	case onlyBlank(res):
		return b, evidence.Errorf(f.Name, 1, "the file holds only blank lines; expected log lines that start with a timestamp")
	case res.Start.IsZero():
		return b, evidence.Errorf(f.Name, 1, "no line carries a timestamp Hindsight can read; expected log lines that start with one, such as \"2024-05-01T10:00:00Z ERROR …\"")
	}

	p := &parse{file: f.Name, base: base, res: res, moments: res.Moments(), idx: idx, first: first, loc: loc, batch: &b}
	p.rateEvents()
	p.patternEvents()
	p.table()
	p.assumptions(opts, year)
	if len(b.Events) == 0 && len(b.Patterns) == 0 {
		b.Warn(evidence.RuleSkipped, f.Name, 0, "%d lines mined, but no error or warning pattern found: nothing to add", res.Lines)
	}
	slices.SortStableFunc(b.Events, func(x, y hindsight.Event) int { return x.Time.Compare(y.Time) })
	return b, nil
}

// reader opens the file's content: the stream when there is one, Data
// otherwise. size is the length for progress reports.
func reader(f evidence.File) (r io.Reader, size int64, closeFile func(), err error) {
	if f.Open == nil {
		return bytes.NewReader(f.Data), int64(len(f.Data)), func() {}, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, 0, nil, fmt.Errorf("open the log: %w", err)
	}
	return rc, f.Size, func() { rc.Close() }, nil
}

// onlyBlank reports whether every line of the log was blank.
func onlyBlank(res *logmine.Result) bool {
	for _, t := range res.Templates {
		if t.Text != "" {
			return false
		}
	}
	return true
}

// parse holds what the event builders share.
type parse struct {
	file, base string
	res        *logmine.Result
	moments    []logmine.Moment
	idx        *lineIndex
	first      *firstLines
	loc        *time.Location
	batch      *evidence.Batch
}

// ref is "FILE:LINE".
func (p *parse) ref(line int64) string { return fmt.Sprintf("%s:%d", p.base, line) }

// templateLine returns the first line of a template: the earliest of its
// own pattern and the patterns folded into it.
func (p *parse) templateLine(t *logmine.Template) int64 {
	line := p.first.of(t.ID)
	for _, a := range t.Aliases {
		if l := p.first.of(a); l > 0 && (line == 0 || l < line) {
			line = l
		}
	}
	return max(line, 1)
}

// firstLines remembers the first line of every pattern id OnLine reports.
// It runs for every line of the log, so the ids logmine documents ("T"
// and the order of first appearance) index a slice instead of hashing a
// string per line; any other id goes to a map.
type firstLines struct {
	byNum []int64 // byNum[n] is the first line of "Tn"
	other map[string]int64
}

func (f *firstLines) note(id string, line int64) {
	if n, ok := idNumber(id); ok {
		if n < len(f.byNum) {
			if f.byNum[n] == 0 {
				f.byNum[n] = line
			}
			return
		}
		if n < 1<<20 {
			f.byNum = append(f.byNum, make([]int64, n+1-len(f.byNum))...)
			f.byNum[n] = line
			return
		}
	}
	if f.other == nil {
		f.other = map[string]int64{}
	}
	if _, ok := f.other[id]; !ok {
		f.other[id] = line
	}
}

// of returns the first line of a pattern id, 0 when it was never reported.
func (f *firstLines) of(id string) int64 {
	if n, ok := idNumber(id); ok && n < len(f.byNum) && f.byNum[n] != 0 {
		return f.byNum[n]
	}
	return f.other[id]
}

// idNumber reads the n of a pattern id "Tn".
func idNumber(id string) (int, bool) {
	if len(id) < 2 || len(id) > 8 || id[0] != 'T' {
		return 0, false
	}
	n := 0
	for i := 1; i < len(id); i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// event builds one log-pattern event at t.
func (p *parse) event(t time.Time, line int64, text string) hindsight.Event {
	e := hindsight.Event{Time: t.UTC(), Source: Name, Ref: p.ref(line), Kind: hindsight.KindLogPattern, Text: text}
	// A moment is computed, not written: its time text is the time in the
	// zone the log was read in, so that a reader can find it in the file.
	if p.res.ZoneAssumed {
		e.TimeText, e.Zone = t.In(p.loc).Format("2006-01-02 15:04:05.999999999"), p.loc.String()
	} else {
		e.TimeText, e.Zone = t.UTC().Format(time.RFC3339Nano), "UTC"
	}
	return e
}

// rise is one sustained rise of the error rate and its end (zero when the
// rate was still high at the end of the log).
type rise struct {
	start, end time.Time
	count      int64
}

// rateEvents adds the first maxRises rises of the error rate and their
// returns to baseline.
func (p *parse) rateEvents() {
	var rises []rise
	for _, mo := range p.moments {
		switch mo.Kind {
		case logmine.MomentRateRose:
			rises = append(rises, rise{start: mo.Time, count: mo.Count})
		case logmine.MomentBaseline:
			if n := len(rises); n > 0 && rises[n-1].end.IsZero() {
				rises[n-1].end = mo.Time
			}
		}
	}
	if len(rises) > maxRises {
		p.batch.Warn(evidence.RuleSkipped, p.file, 0, "the error rate rose %d more times after %s; only the first %d rises are in the timeline (hindsight logs mine lists them all)",
			len(rises)-maxRises, p.clock(rises[maxRises-1].start), maxRises)
		rises = rises[:maxRises]
	}
	for _, r := range rises {
		before, peak := p.rates(r)
		text := fmt.Sprintf("Error rate in %s rose at %s (from ~%s/min to a peak of %s/min)", p.base, p.clock(r.start), perMinute(before), perMinute(peak))
		if r.end.IsZero() {
			text += fmt.Sprintf("; still high when the log ends at %s", p.clock(p.res.End))
		}
		p.batch.Events = append(p.batch.Events, p.event(r.start, p.idx.lineAt(r.start.UnixNano()), text))
		if !r.end.IsZero() {
			text := fmt.Sprintf("Error rate in %s back to baseline at %s (%d error lines from %s)", p.base, p.clock(r.end), r.count, p.clock(r.start))
			p.batch.Events = append(p.batch.Events, p.event(r.end, p.idx.lineAt(r.end.UnixNano()), text))
		}
	}
}

// rates returns the error lines per minute before a rise (over the log
// before it) and at its busiest interval.
func (p *parse) rates(r rise) (before, peak float64) {
	return ratesAround(p.res.Errors, p.res.Start, r.start, r.end, p.res.Interval)
}

// ratesAround measures a series of buckets: the mean per minute from
// origin to start, and the highest bucket per minute in [start, end) (end
// zero: to the end).
func ratesAround(buckets []logmine.Bucket, origin, start, end time.Time, width time.Duration) (before, peak float64) {
	var sum, top int64
	for _, bk := range buckets {
		switch {
		case bk.Start.Before(start):
			sum += bk.Count
		case end.IsZero() || bk.Start.Before(end):
			top = max(top, bk.Count)
		}
	}
	minutes := width.Minutes()
	if span := start.Sub(origin).Minutes(); span >= minutes {
		before = float64(sum) / span
	}
	return before, float64(top) / minutes
}

// perMinute writes a rate: one decimal below 10, whole numbers above.
func perMinute(x float64) string {
	if x < 10 {
		return strings.TrimSuffix(fmt.Sprintf("%.1f", x), ".0")
	}
	return fmt.Sprintf("%.0f", x)
}

// patternEvents adds events for the busiest error patterns that are new
// or that rose.
func (p *parse) patternEvents() {
	type patternMoments struct {
		isNew bool
		rise  time.Time
	}
	byID := map[string]*patternMoments{}
	at := func(id string) *patternMoments {
		if byID[id] == nil {
			byID[id] = &patternMoments{}
		}
		return byID[id]
	}
	for _, mo := range p.moments {
		switch mo.Kind {
		case logmine.MomentNewPattern:
			at(mo.TemplateID).isNew = true
		case logmine.MomentPatternRose:
			if pm := at(mo.TemplateID); pm.rise.IsZero() {
				pm.rise = mo.Time
			}
		}
	}
	var errs []*logmine.Template
	for i := range p.res.Templates {
		t := &p.res.Templates[i]
		if t.Level.IsError() && !t.First.IsZero() && byID[t.ID] != nil {
			errs = append(errs, t)
		}
	}
	slices.SortStableFunc(errs, func(a, b *logmine.Template) int { return cmp.Compare(b.Count, a.Count) })
	budget := maxPatternEvents
	for _, t := range errs {
		if budget <= 0 {
			break
		}
		pm := byID[t.ID]
		quoted := quote(clip(t.Text))
		lines := fmt.Sprintf("%d %s from %s to %s", t.Count, plural(t.Count, "line"), p.stamp(t.First), p.stamp(t.Last))
		first := p.templateLine(t)
		rose := !pm.rise.IsZero()
		switch {
		case pm.isNew && rose && pm.rise.Sub(t.First) <= max(riseLead, 3*p.res.Interval):
			p.add(&budget, p.event(t.First, first, fmt.Sprintf("New error pattern in %s: %s — %s", p.base, quoted, lines)))
			continue
		case pm.isNew:
			p.add(&budget, p.event(t.First, first, fmt.Sprintf("Error pattern in %s, absent before %s: %s — %s", p.base, p.stamp(t.First), quoted, lines)))
		}
		if rose && budget > 0 {
			before, peak := ratesAround(t.Counts, p.res.Start, pm.rise, time.Time{}, p.res.Interval)
			p.add(&budget, p.event(pm.rise, p.idx.lineAt(pm.rise.UnixNano()),
				fmt.Sprintf("Error pattern in %s rose at %s: %s (from ~%s/min to a peak of %s/min)", p.base, p.clock(pm.rise), quoted, perMinute(before), perMinute(peak))))
		}
	}
}

// add appends an event and spends one of the budget.
func (p *parse) add(budget *int, e hindsight.Event) {
	p.batch.Events = append(p.batch.Events, e)
	*budget--
}

// table fills Batch.Patterns with the warning and error templates.
func (p *parse) table() {
	more := 0
	for _, t := range p.res.ErrorsFirst() {
		if t.Level < logmine.LevelWarn {
			break // ErrorsFirst puts the most severe first
		}
		if len(p.batch.Patterns) == MaxPatterns {
			more++
			continue
		}
		p.batch.Patterns = append(p.batch.Patterns, hindsight.LogPattern{Source: p.base, Template: clip(t.Text),
			Level: t.Level.String(), Count: t.Count, First: t.First, Last: t.Last, Ref: p.ref(p.templateLine(&t))})
	}
	if more > 0 {
		p.batch.Warn(evidence.RuleSkipped, p.file, 0, "%d more warning and error patterns are not kept for the report; the %d most severe and frequent are (hindsight logs mine lists them all)", more, MaxPatterns)
	}
	p.batch.Patterns = evidence.CombinePatterns(p.batch.Patterns)
}

// assumptions says which zone and year times were read with, and flags the
// events when the user did not choose them.
func (p *parse) assumptions(opts evidence.Options, year int) {
	flag := false
	if p.res.ZoneAssumed {
		if opts.TZ == nil {
			p.batch.Warn(evidence.RuleAmbiguousTime, p.file, 0, "the log's times carry no zone; read as UTC and flagged (pass --tz with the zone the log was written in)")
			flag = true
		} else {
			p.batch.Warn(evidence.RuleAssumedZone, p.file, 0, "the log's times carry no zone; read in %s as --tz says", p.loc)
		}
	}
	if p.res.YearAssumed {
		if year == 0 {
			p.batch.Warn(evidence.RuleAmbiguousTime, p.file, 0, "the log's dates carry no year; read as %d, this year, and flagged (pass --date with the incident's date)", p.res.Start.Year())
			flag = true
		} else {
			p.batch.Warn(evidence.RuleAssumedDate, p.file, 0, "the log's dates carry no year; read as %d from --date", year)
		}
	}
	if flag {
		for i := range p.batch.Events {
			p.batch.Events[i].Flags = append(p.batch.Events[i].Flags, evidence.FlagAmbiguousTime)
		}
	}
}

// clock writes the time of a moment in UTC to the minute, with the date
// when the log spans more than one day.
func (p *parse) clock(t time.Time) string {
	if p.multiDay() {
		return t.UTC().Format("2006-01-02 15:04Z")
	}
	return t.UTC().Format("15:04Z")
}

// stamp writes the time of a line in UTC to the second.
func (p *parse) stamp(t time.Time) string {
	if p.multiDay() {
		return t.UTC().Format("2006-01-02 15:04:05Z")
	}
	return t.UTC().Format("15:04:05Z")
}

func (p *parse) multiDay() bool {
	y1, m1, d1 := p.res.Start.UTC().Date()
	y2, m2, d2 := p.res.End.UTC().Date()
	return y1 != y2 || m1 != m2 || d1 != d2
}

// clip shortens a template to maxTemplateRunes, on valid UTF-8. A line
// with a header and no message ("… ERROR" and nothing after) has an empty
// template, which the table names as such.
func clip(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.TrimSpace(s) == "" {
		return "(no message)"
	}
	if utf8.RuneCountInString(s) <= maxTemplateRunes {
		return s
	}
	return string([]rune(s)[:maxTemplateRunes-1]) + "…"
}

// quote puts a template in a Markdown code span: a run of backticks longer
// than any inside it, with spaces when it starts or ends with one.
func quote(s string) string {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

func plural(n int64, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
