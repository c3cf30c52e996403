// Package notes imports timelines that people typed: a scribe's notes, a
// text file kept during the incident, lines pasted from a document. Each
// entry starts with a time; lines without one continue the entry above.
//
// Accepted entry forms (a list bullet before them is fine):
//
//	14:32 paged the on-call engineer
//	14:32:10 - text           [14:32] text          (14:32 UTC) text
//	2:54 PM PST: rolled back  2:54pm rolled back    14:32Z text
//	2024-03-05 14:32 UTC text 2024-03-05T14:32:10+01:00 text
//
// A date line ("2024-03-05", "## 2024-03-05", "March 5, 2024", "Tuesday,
// 5 March 2024", "Date: 2024-03-05") sets the day for the entries after
// it. Without one, Options.Date is the day; without that, a date written in
// a line before the first entry (a title such as "Checkout 503s, Wed 14 Oct
// 2026 - IC notes") is taken, with a warning; with no date anywhere the
// import fails. A zone line ("All times UTC", "All times CEST unless a line
// says otherwise", "Timezone: Europe/Berlin") sets the zone for the entries
// after it.
//
// Lines without a time continue the entry above; a blank line or a heading
// ends it, and untimed lines outside any entry are skipped with a warning.
//
// The zone of an entry is the one it writes, else the zone line's, else
// Options.TZ; with none of them the time is read as UTC and flagged.
// Abbreviations are read as written, with three doubts flagged: IST
// (India, Irish or Israel), a standard-time abbreviation on a summer date
// or the reverse (PST in July), and no zone at all.
//
// The clock is 24-hour unless the entry says AM or PM. An hour from 1 to
// 12 written without a leading zero, without AM/PM and without an ISO date
// ("2:54") is taken as written when that keeps the entries in order and the
// notes never use AM/PM; otherwise it is ambiguous: the reading (2:54 or
// 14:54) that comes soonest after the entry before is chosen, and flagged.
// An entry more than 12 hours earlier than the one before is taken to be on
// the next day, and flagged. Entries that go back less than that stay on
// the same day: people write things down late.
//
// Every entry becomes a KindNote event with Ref "file:line" (the file's
// base name, so the ref does not depend on the folder imported from) and
// TimeText the time as typed.
package notes

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
)

// Name is the format name used by sniffing, --format and Event.Source.
const Name = "notes"

var (
	// bullet is a list marker before an entry or a continuation.
	bullet = regexp.MustCompile(`^(?:[-*•+]|\d{1,3}[.)])\s+`)
	// clock is the start of an entry: an optional bracket, an optional ISO
	// date, the time, and AM/PM.
	clock = regexp.MustCompile(`^([\[(]|\*\*)?(?:(\d{4}-\d{2}-\d{2})(?:T|\s+))?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:\s*([AaPp])(?:[Mm]\b|\.[Mm]\.))?`)
	// zoneToken is a zone right after the time.
	zoneToken = regexp.MustCompile(`^\s*\(?(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,5}|[A-Z][a-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)\)?`)
	// separator is what people put between the time and the text.
	separator = regexp.MustCompile(`^\s*(?:[\])]|\*\*)?\s*(?:[-–—:|>]+|\.\s)?\s*`)
	// zoneLine declares the zone of the notes.
	zoneLine = regexp.MustCompile(`(?i)^(?:all\s+times?\s+(?:are\s+)?(?:in\s+)?|times?\s+(?:are\s+)?(?:in|shown\s+in)\s+|time\s*zone\s*[:=]?\s*|tz\s*[:=]\s*)([^\s,;.]+(?:\.\d+)?)(?:[\s,;.].*)?$`)
	// weekday is a day name before a date.
	weekday = regexp.MustCompile(`(?i)^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+`)
)

// dateLayouts are the date lines accepted, after heading marks, a weekday
// and a "Date:" label are stripped.
var dateLayouts = []string{
	"2006-01-02", "2006/01/02",
	"January 2, 2006", "January 2 2006", "Jan 2, 2006", "Jan 2 2006", "Jan. 2, 2006",
	"2 January 2006", "2 Jan 2006", "2. January 2006",
}

// Sniff reports whether head looks like typed notes: among its first
// lines, entries that start with a time.
func Sniff(head []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(head))
	entries, other := 0, 0
	for sc.Scan() && entries+other < 40 {
		line := strings.TrimSpace(bullet.ReplaceAllString(strings.TrimSpace(sc.Text()), ""))
		switch {
		case line == "":
		case clock.MatchString(line):
			entries++
		default:
			other++
		}
	}
	return entries > 0 && entries >= other/4
}

// entry is one timed line being read, with its continuation lines.
type entry struct {
	event hindsight.Event
	line  int
	text  []string
}

// Parse imports one file of typed notes.
func Parse(f evidence.File, opts evidence.Options) (evidence.Batch, error) {
	p := &parser{file: f, opts: opts, base: path.Base(strings.ReplaceAll(f.Name, `\`, "/"))}
	lines := strings.Split(string(f.Data), "\n")
	for _, raw := range lines {
		if m := clock.FindStringSubmatch(stripLine(raw)); m != nil && m[6] != "" {
			p.twelveHour = true
			break
		}
	}
	if !opts.Date.IsZero() {
		y, m, d := opts.Date.Date()
		p.day, p.haveDay = time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	for i, raw := range lines {
		if err := p.line(i+1, raw); err != nil {
			return p.batch, err
		}
	}
	p.flush()
	p.endSkip()
	if p.unzoned > 0 {
		p.batch.Warn(evidence.RuleAmbiguousTime, f.Name, p.firstUnzoned,
			"%d entries give no time zone and none was set (zone line such as \"All times UTC\", or --tz); read as UTC and flagged", p.unzoned)
	}
	if len(p.batch.Events) == 0 {
		return p.batch, evidence.Errorf(f.Name, 1, "no entries found; expected lines that start with a time, such as \"14:32 paged the on-call engineer\"")
	}
	return p.batch, nil
}

type parser struct {
	file  evidence.File
	opts  evidence.Options
	batch evidence.Batch
	// twelveHour is set when any entry says AM or PM: then a bare "2:54"
	// cannot be assumed to be on a 24-hour clock.
	twelveHour   bool
	day          time.Time // civil date (UTC midnight) of the current section
	haveDay      bool
	rolled       int // days added by midnight roll-overs since the date was set
	prev         time.Time
	havePrev     bool
	zone         *zone // from a zone line
	cur          *entry
	seenEntry    bool
	unzoned      int
	firstUnzoned int
	// base is the file's name without its folder, for refs that stay the
	// same whichever folder the notes are imported from.
	base string
	// skipFrom..skipTo is the run of untimed lines outside any entry being
	// collected into one warning; skipText is its first line.
	skipFrom, skipTo int
	skipText         string
}

// stripLine removes surrounding space and a list bullet.
func stripLine(raw string) string {
	s := strings.TrimSpace(raw)
	return bullet.ReplaceAllString(s, "")
}

func (p *parser) line(n int, raw string) error {
	s := stripLine(raw)
	if s == "" {
		// A blank line ends the entry: what follows is a new paragraph.
		p.flush()
		return nil
	}
	if day, ok := parseDate(s); ok {
		p.flush()
		p.day, p.haveDay, p.rolled, p.havePrev = day, true, 0, false
		return nil
	}
	if m := zoneLine.FindStringSubmatch(strings.Trim(s, "*_() ")); m != nil {
		if z, ok := resolveZone(m[1]); ok {
			p.flush()
			p.zone = &z
			return nil
		}
	}
	if m := clock.FindStringSubmatchIndex(s); m != nil && !followedByDigit(s, m[1]) {
		p.flush()
		p.endSkip()
		p.seenEntry = true
		return p.entry(n, s, m)
	}
	if strings.HasPrefix(s, "#") {
		// A heading that is not a date closes the entry above: what
		// follows belongs to another section.
		p.flush()
		return nil
	}
	if p.cur == nil {
		if !p.haveDay && !p.seenEntry {
			if day, text, ok := findDate(s); ok {
				// A title such as "Checkout 503s, Wed 14 Oct 2026 - IC
				// notes" dates the notes; say so, since it is read from
				// prose rather than from a date line.
				p.day, p.haveDay = day, true
				p.batch.Warn(evidence.RuleAssumedDate, p.file.Name, n, "took the date %s from %q; add a date line or pass --date to override", day.Format("2006-01-02"), text)
				return nil
			}
		}
		p.skip(n, s)
		return nil
	}
	p.cur.text = append(p.cur.text, s)
	return nil
}

func followedByDigit(s string, i int) bool {
	return i < len(s) && s[i] >= '0' && s[i] <= '9'
}

// parseDate reads a line that is only a date.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(strings.TrimLeft(s, "#"))
	s = strings.Trim(s, "*_ :")
	if rest, ok := strings.CutPrefix(strings.ToLower(s), "date:"); ok {
		s = strings.TrimSpace(s[len(s)-len(rest):])
	}
	s = weekday.ReplaceAllString(s, "")
	if len(s) < 8 || len(s) > 30 {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// entry starts an entry from a line whose start matched clock (m holds
// the submatch indexes).
func (p *parser) entry(n int, s string, m []int) error {
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	// The time as typed starts after an opening bracket, if any.
	timeStart := 0
	if m[2] >= 0 {
		timeStart = m[3]
	}
	hourText, minText, secText, ampm := group(3), group(4), group(5), strings.ToUpper(group(6))
	hour, _ := strconv.Atoi(hourText)
	minute, _ := strconv.Atoi(minText)
	sec := 0
	if secText != "" {
		sec, _ = strconv.Atoi(secText)
	}
	end := m[1]
	rest := s[end:]
	var z *zone
	if zm := zoneToken.FindStringSubmatchIndex(rest); zm != nil {
		tok := strings.ReplaceAll(rest[zm[2]:zm[3]], " ", "")
		if resolved, ok := resolveZone(tok); ok {
			z = &resolved
			end += zm[1]
			rest = s[end:]
		}
	}
	timeText := strings.TrimSpace(strings.Trim(s[timeStart:end], "[]()*"))
	sep := separator.FindString(rest)
	text := strings.TrimSpace(rest[len(sep):])
	where := func(format string, args ...any) error {
		return evidence.Errorf(p.file.Name, n, format, args...)
	}
	switch {
	case ampm != "" && (hour < 1 || hour > 12):
		return where("%q: an hour with AM/PM must be 1 to 12", timeText)
	case hour > 23 || minute > 59 || sec > 59:
		return where("%q: expected a time of day such as 14:32 or 2:32 PM", timeText)
	}
	// The day: the entry's own date, else the section's.
	day, explicit := p.day, false
	if d := group(2); d != "" {
		t, err := time.Parse("2006-01-02", d)
		if err != nil {
			return where("%q: expected a date such as 2024-03-05", d)
		}
		day, explicit = t, true
		p.day, p.haveDay, p.rolled, p.havePrev = t, true, 0, false
	} else if !p.haveDay {
		return where("%q has no date: add a date line such as \"2024-03-05\" above it, or pass --date", timeText)
	}
	// The zone: written, else the zone line's, else --tz, else UTC.
	unzoned := false
	if z == nil {
		switch {
		case p.zone != nil:
			z = p.zone
		case p.opts.TZ != nil:
			z = &zone{loc: p.opts.TZ, name: p.opts.TZ.String()}
		default:
			z, unzoned = &zone{loc: time.UTC, name: "UTC"}, true
		}
	}
	// The hour: certain with AM/PM, past 12, 0, or with a leading zero;
	// otherwise it could be either half of the day.
	readings := []int{hour}
	switch {
	case ampm == "A" && hour == 12:
		readings = []int{0}
	case ampm == "P" && hour < 12:
		readings = []int{hour + 12}
	case ampm != "" || group(2) != "":
		// AM/PM says which half of the day; an ISO date before the time
		// says the writer uses ISO 8601, which is 24-hour.
	case hour >= 1 && hour <= 12 && !strings.HasPrefix(hourText, "0"):
		readings = []int{hour, (hour + 12) % 24}
	}
	at := func(h, extraDays int) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day()+p.rolled+extraDays, h, minute, sec, 0, z.loc)
	}
	type candidate struct {
		at     time.Time
		hour   int
		rolled bool
	}
	cands := make([]candidate, len(readings))
	for i, h := range readings {
		c := candidate{at: at(h, 0), hour: h}
		if !explicit && p.havePrev && c.at.Before(p.prev.Add(-12*time.Hour)) {
			c.at, c.rolled = at(h, 1), true
		}
		cands[i] = c
	}
	chosen := cands[0]
	if len(cands) > 1 && p.havePrev {
		best := -1
		for i, c := range cands {
			if d := c.at.Sub(p.prev); d >= 0 && (best < 0 || d < cands[best].at.Sub(p.prev)) {
				best = i
			}
		}
		if best < 0 {
			best = 0
			for i, c := range cands {
				if c.at.After(cands[best].at) {
					best = i
				}
			}
		}
		chosen = cands[best]
	}
	e := hindsight.Event{
		Time: chosen.at.UTC(), TimeText: timeText, Zone: z.name, Source: Name,
		Ref: fmt.Sprintf("%s:%d", p.base, n), Kind: hindsight.KindNote,
	}
	if len(cands) > 1 && (p.twelveHour || chosen.hour != hour) {
		reason := "the notes use AM/PM elsewhere"
		if !p.twelveHour {
			reason = "the 24-hour reading would go back in time"
		}
		p.batch.AmbiguousTime(&e, p.file.Name, n, "%q could be %02d:%02d or %02d:%02d (%s); read as %02d:%02d — write 24-hour time or AM/PM",
			timeText, readings[0], minute, readings[1], minute, reason, chosen.hour, minute)
	}
	if chosen.rolled {
		p.rolled++
		p.batch.AmbiguousTime(&e, p.file.Name, n, "%q is more than 12 hours before the entry above; read as the next day, %s — add a date line to be sure",
			timeText, chosen.at.Format("2006-01-02"))
	}
	if z.doubt != "" {
		p.batch.AmbiguousTime(&e, p.file.Name, n, "%q: %s", timeText, z.doubt)
	}
	if doubt := seasonDoubt(*z, chosen.at); doubt != "" {
		p.batch.AmbiguousTime(&e, p.file.Name, n, "%q: %s", timeText, doubt)
	}
	if unzoned {
		if p.unzoned == 0 {
			p.firstUnzoned = n
		}
		p.unzoned++
		if !slices.Contains(e.Flags, evidence.FlagAmbiguousTime) {
			e.Flags = append(e.Flags, evidence.FlagAmbiguousTime)
		}
	}
	p.prev, p.havePrev = chosen.at, true
	p.cur = &entry{event: e, line: n}
	if text != "" {
		p.cur.text = []string{text}
	}
	return nil
}

// flush finishes the entry being read.
func (p *parser) flush() {
	if p.cur == nil {
		return
	}
	e := p.cur.event
	e.Text = strings.Join(p.cur.text, " ")
	if e.Text == "" {
		p.batch.Warn(evidence.RuleSkipped, p.file.Name, p.cur.line, "entry %q has no text; skipped", e.TimeText)
	} else {
		p.batch.Events = append(p.batch.Events, e)
	}
	p.cur = nil
}

// skip collects an untimed line outside any entry; a run of them makes
// one warning.
func (p *parser) skip(n int, s string) {
	if p.skipFrom > 0 && p.skipTo == n-1 {
		p.skipTo = n
		return
	}
	p.endSkip()
	p.skipFrom, p.skipTo, p.skipText = n, n, s
}

// endSkip warns about the run of skipped lines, if any.
func (p *parser) endSkip() {
	switch {
	case p.skipFrom == 0:
		return
	case p.skipFrom == p.skipTo:
		p.batch.Warn(evidence.RuleSkipped, p.file.Name, p.skipFrom, "line has no time and follows no entry; skipped: %q", evidence.Clip(p.skipText))
	default:
		p.batch.Warn(evidence.RuleSkipped, p.file.Name, p.skipFrom, "lines %d-%d have no time and follow no entry; skipped: %q …", p.skipFrom, p.skipTo, evidence.Clip(p.skipText))
	}
	p.skipFrom, p.skipTo = 0, 0
}

// datePhrase finds a date inside a line of prose.
var datePhrase = regexp.MustCompile(`(?i)\b(\d{4}-\d{2}-\d{2}|\d{1,2}\.? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4})\b`)

// findDate returns the first date written inside a line, and its text.
func findDate(s string) (time.Time, string, bool) {
	for _, m := range datePhrase.FindAllString(s, -1) {
		if day, ok := parseDate(m); ok {
			return day, m, true
		}
	}
	return time.Time{}, "", false
}
