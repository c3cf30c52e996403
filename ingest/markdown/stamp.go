package markdown

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A stamp is the date and time an entry starts with, as written: "2:54 PM
// PST", "[03-26 23:04]", "**June 14th, 2022, 10:00 AM:**", "### 8:20 - 8:24",
// "13:14 EDT (17:14 UTC)". Scanning is done with a table of small patterns
// tried in a fixed order, all from the standard library; nothing is guessed
// from context here — carrying dates and zones is the timeline's job.

// civil is a calendar day. y is 0 when the year was not written.
type civil struct{ y, m, d int }

func (c civil) valid() bool {
	if c.m < 1 || c.m > 12 || c.d < 1 || c.d > 31 {
		return false
	}
	y := c.y
	if y == 0 {
		y = 2000 // a leap year, so "Feb 29" without a year is kept
	}
	t := time.Date(y, time.Month(c.m), c.d, 0, 0, 0, 0, time.UTC)
	return t.Day() == c.d
}

func (c civil) time() time.Time { return time.Date(c.y, time.Month(c.m), c.d, 0, 0, 0, 0, time.UTC) }

func (c civil) addDays(n int) civil {
	t := c.time().AddDate(0, 0, n)
	return civil{t.Year(), int(t.Month()), t.Day()}
}

// clock is a time of day.
type clock struct{ h, m, s int }

func (c clock) seconds() int { return c.h*3600 + c.m*60 + c.s }

type stamp struct {
	text string // the stamp as written, wrappers left out

	hasDate     bool
	date        civil
	datePartial bool // "2023-MM-DD": only the year is known
	dateAmbig   bool // 03/04/2024: day and month could be swapped

	hasTime     bool
	clock       clock
	placeholder bool // "--:--", "14:??", "[???]": the time is not known
	template    bool // "HH:mm": a template row never filled in
	hourAmbig   bool // "13:55 PM": a 24-hour value with AM/PM
	ampm        string
	approx      bool
	isRange     bool

	zone    string
	zi      zoneInfo
	hasZone bool

	// alt is a second reading of the same moment, as in "20:07 EDT (00:07
	// UTC)", used to check the first.
	hasAlt  bool
	alt     clock
	altZone zoneInfo
}

var (
	reWeekday  = regexp.MustCompile(`^(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thur?s?|fri|sat|sun)\b\.?,?`)
	reISODate  = regexp.MustCompile(`^(\d{4})[-/](\d{1,2}|MM|mm)[-/](\d{1,2}|DD|dd)\b`)
	reNumDate  = regexp.MustCompile(`^(\d{1,2})([-/])(\d{1,2})([-/])(\d{4}|\d{2})\b`)
	reDotDate  = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
	reMonthDay = regexp.MustCompile(`^(\d{1,2})-(\d{1,2})\s+`)
	months     = `(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)`
	reMonthFst = regexp.MustCompile(`^(?i:` + months + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s*(\d{4})\b)?`)
	reDayFst   = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?i:` + months + `)\b\.?(?:,?\s*(\d{4})\b)?`)
	reFootnote = regexp.MustCompile(`^\[\^[^\]]*\]`)

	reClock      = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d{1,9})?`)
	reDotClock   = regexp.MustCompile(`^(\d{1,2})\.(\d{2})\s?(?i:(a\.m\.|p\.m\.|am|pm))\b`)
	reBareHour   = regexp.MustCompile(`^(\d{1,2})\s?(?i:(a\.m\.|p\.m\.|am|pm))\b`)
	reMilitary   = regexp.MustCompile(`^([01]\d|2[0-3])([0-5]\d)\s*(?:UTC|GMT|Z)\b`)
	reAmPm       = regexp.MustCompile(`^\s?(?i:(a\.m\.|p\.m\.|am|pm))\b`)
	reAmPmGlued  = regexp.MustCompile(`^(?i:([ap]))\b`)
	reTemplate   = regexp.MustCompile(`^(?:[Hh]{1,2}:[Mm]{2}(?::[Ss]{2})?)`)
	rePlaceholdr = regexp.MustCompile(`^(?:-{1,2}:-{1,2}|\d{1,2}:\d?\?{1,2}|\?{1,2}:\?{1,2}|\?{2,}|[Xx]{2}:[Xx]{2}|\d{1,2}:[Xx]{2})`)
	reRangeSep   = regexp.MustCompile(`^\s*(?:-|–|—|to|until|till|and)\s*`)
	reApproxPre  = regexp.MustCompile(`^(?i:approx(?:imately|\.)?|around|about|circa|ca\.|roughly|~|≈)\s*`)
	reApproxPost = regexp.MustCompile(`^\s*\(?(?i:approx(?:imately|imate|\.)?|est\.?|estimated|ish|-ish)\)?`)
	reBetween    = regexp.MustCompile(`^(?i:between)\s+`)
	reDual       = regexp.MustCompile(`^\s*\(\s*(\d{1,2}):(\d{2})\s*([A-Za-z]{1,4}(?:[+\-]\d{1,2})?)\s*\)`)
	reEndSep     = regexp.MustCompile(`^\s*(?:[-–—:|]+|\.(?:\s|$))\s*`)
	reDateTimeSp = regexp.MustCompile(`^(?:\s*,\s*|\s+at\s+|T|\s+)`)
)

var monthNum = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

func monthOf(s string) int { return monthNum[strings.ToLower(s)[:3]] }

// openers and the closers they call for. Emphasis markers are gone from
// plain text, but literal ones survive in headings and code-less places.
var openers = []struct{ open, close string }{
	{"**", "**"}, {"__", "__"}, {"{{", "}}"}, {"[", "]"}, {"(", ")"}, {"*", "*"}, {"_", "_"},
}

// scanStamp reads a stamp at the start of s. It returns the stamp and the
// text after it (separator removed), or ok == false when s does not start
// with a date or time.
func scanStamp(s string) (st stamp, rest string, ok bool) {
	i := skipSpace(s, 0)
	var closers []string
	for progress := true; progress; {
		progress = false
		for _, o := range openers {
			if strings.HasPrefix(s[i:], o.open) && !strings.HasPrefix(s[i:], "[^") {
				closers = append(closers, o.close)
				i = skipSpace(s, i+len(o.open))
				progress = true
			}
		}
		if m := reApproxPre.FindString(s[i:]); m != "" {
			st.approx = true
			i += len(m)
			progress = true
		}
	}
	textStart := i
	between := false
	if m := reBetween.FindString(s[i:]); m != "" {
		between = true
		i += len(m)
	}
	// An optional weekday, then a date.
	j := i
	if m := reWeekday.FindString(s[j:]); m != "" {
		j = skipSpace(s, j+len(m))
	}
	if n := scanDate(s[j:], &st); n > 0 {
		i = j + n
		if m := reFootnote.FindString(s[i:]); m != "" {
			i += len(m)
		}
		// "2025-07-26 Saturday", "### 2025-07-28 Monday"
		k := skipSpace(s, i)
		if m := reWeekday.FindString(s[k:]); m != "" {
			i = k + len(m)
		}
	}
	// The time of day, after a date or on its own.
	k := i
	if st.hasDate {
		m := reDateTimeSp.FindString(s[i:])
		k = i + len(m)
		if m2 := reBetween.FindString(s[k:]); m2 != "" {
			between = true
			k += len(m2)
		}
	}
	if n := scanTime(s[k:], &st); n > 0 {
		i = k + n
		// A range: "8:20 - 8:24", "00:25 - 00:29 AM", "between 02:00 and 02.30 PM".
		if m := reRangeSep.FindString(s[i:]); m != "" && (between || !strings.Contains(m, "and")) {
			var end stamp
			if n2 := scanTime(s[i+len(m):], &end); n2 > 0 && end.hasTime {
				st.isRange = true
				if end.ampm != "" && st.ampm == "" {
					applyAmPm(&st, end.ampm)
				}
				i += len(m) + n2
			}
		}
		// The zone, and a second reading in parentheses.
		z := skipSpace(s, i)
		paren := strings.HasPrefix(s[z:], "(")
		if paren {
			z++
		}
		if name, zi, n, ok := scanZone(s[z:]); ok && (!paren || strings.HasPrefix(s[z+n:], ")")) {
			st.zone, st.zi, st.hasZone = name, zi, true
			i = z + n
			if paren {
				i++
			}
		}
		if m := reDual.FindStringSubmatch(s[i:]); m != nil {
			if name, zi, n, ok := scanZone(m[3]); ok && n == len(m[3]) {
				h, _ := strconv.Atoi(m[1])
				mi, _ := strconv.Atoi(m[2])
				if h < 24 && mi < 60 {
					st.hasAlt, st.alt, st.altZone = true, clock{h, mi, 0}, zi
					_ = name
					i += len(m[0])
				}
			}
		}
		if m := reApproxPost.FindString(s[i:]); m != "" && (len(m) == len(s[i:]) || !isWordByte(s[i+len(m)])) {
			st.approx = true
			i += len(m)
		}
		// "12:45 PM PST Saturday Oct 30th: …" puts the date after the time.
		if !st.hasDate {
			k := skipSpace(s, i)
			if m := reWeekday.FindString(s[k:]); m != "" {
				k2 := skipSpace(s, k+len(m))
				var d stamp
				if n := scanDate(s[k2:], &d); n > 0 {
					st.hasDate, st.date, st.dateAmbig, st.datePartial = true, d.date, d.dateAmbig, d.datePartial
					i = k2 + n
				}
			}
		}
	}
	if !st.hasDate && !st.hasTime && !st.placeholder && !st.template {
		return stamp{}, s, false
	}
	textEnd := i
	// Close what was opened, in any order.
	for progress := true; progress; {
		progress = false
		k := skipSpace(s, i)
		for ci, c := range closers {
			if c != "" && strings.HasPrefix(s[k:], c) {
				i = k + len(c)
				closers[ci] = ""
				progress = true
			}
		}
	}
	if i < len(s) {
		if m := reEndSep.FindString(s[i:]); m != "" {
			i += len(m)
		} else if s[i] == ' ' || s[i] == '\t' {
			i = skipSpace(s, i)
		} else if s[i] == ',' || s[i] == ';' {
			i = skipSpace(s, i+1)
		} else {
			return stamp{}, s, false
		}
		// A closer after the separator: "**June 14th, 2022, 10:00 AM:** text"
		for ci, c := range closers {
			if c != "" && strings.HasPrefix(s[i:], c) {
				i = skipSpace(s, i+len(c))
				closers[ci] = ""
			}
		}
	}
	st.text = strings.TrimSpace(s[textStart:textEnd])
	return st, strings.TrimSpace(s[i:]), true
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// scanDate reads a calendar date at the start of s into st and returns the
// bytes it took.
func scanDate(s string, st *stamp) int {
	if m := reISODate.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, errM := strconv.Atoi(m[2])
		d, errD := strconv.Atoi(m[3])
		if errM != nil || errD != nil {
			// "2023-MM-DD": a template date with only the year filled in.
			st.hasDate, st.datePartial, st.date = true, true, civil{y, 1, 1}
			return len(m[0])
		}
		c := civil{y, mo, d}
		if !c.valid() {
			return 0
		}
		st.hasDate, st.date = true, c
		return len(m[0])
	}
	if m := reNumDate.FindStringSubmatch(s); m != nil && m[2] == m[4] {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[3])
		y := fullYear(m[5])
		c := civil{y, a, b} // month first, as in the US
		switch {
		case a > 12:
			c = civil{y, b, a} // day first: 24/07/25
		case b > 12:
		case a != b:
			st.dateAmbig = true
		}
		if !c.valid() {
			st.dateAmbig = false
			return 0
		}
		st.hasDate, st.date = true, c
		return len(m[0])
	}
	if m := reDotDate.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		c := civil{y, mo, d} // 10.10.2017 is day first wherever dots are used
		if !c.valid() {
			return 0
		}
		st.hasDate, st.date = true, c
		return len(m[0])
	}
	if m := reMonthFst.FindStringSubmatch(s); m != nil && (strings.ToLower(m[1]) != "may" || m[1] == "May") {
		return namedMonthDate(m, 1, 2, st)
	}
	if m := reDayFst.FindStringSubmatch(s); m != nil && (strings.ToLower(m[2]) != "may" || m[2] == "May") {
		return namedMonthDate(m, 2, 1, st)
	}
	// "[03-26 23:04]": month and day with no year, only before a time.
	if m := reMonthDay.FindStringSubmatch(s); m != nil {
		var t stamp
		if scanTime(s[len(m[0]):], &t) > 0 && t.hasTime {
			mo, _ := strconv.Atoi(m[1])
			d, _ := strconv.Atoi(m[2])
			c := civil{0, mo, d}
			if c.valid() {
				st.hasDate, st.date = true, c
				return len(m[0])
			}
		}
	}
	return 0
}

// namedMonthDate reads a match of reMonthFst or reDayFst into st: the month
// name in m[month], the day in m[day] and the year, when written, in m[3].
// It returns the bytes the date took, or 0 when it is not a calendar day.
func namedMonthDate(m []string, month, day int, st *stamp) int {
	d, _ := strconv.Atoi(m[day])
	c := civil{0, monthOf(m[month]), d}
	if m[3] != "" {
		c.y, _ = strconv.Atoi(m[3])
	}
	if !c.valid() {
		return 0
	}
	st.hasDate, st.date = true, c
	return len(m[0])
}

func fullYear(s string) int {
	y, _ := strconv.Atoi(s)
	if len(s) == 2 {
		if y < 70 {
			return 2000 + y
		}
		return 1900 + y
	}
	return y
}

// scanTime reads a time of day (or a placeholder for one) at the start of
// s into st and returns the bytes it took.
func scanTime(s string, st *stamp) int {
	if m := reTemplate.FindString(s); m != "" && !followsWord(s, len(m)) {
		st.template = true
		return len(m)
	}
	if m := rePlaceholdr.FindString(s); m != "" && !followsWord(s, len(m)) {
		st.placeholder = true
		return len(m)
	}
	if m := reMilitary.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		st.hasTime, st.clock = true, clock{h, mi, 0}
		// Leave the zone for the caller to read.
		return len(m[1]) + len(m[2])
	}
	if m := reDotClock.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		if h > 23 || mi > 59 {
			return 0
		}
		st.hasTime, st.clock = true, clock{h, mi, 0}
		applyAmPm(st, m[3])
		return len(m[0])
	}
	if m := reClock.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		sec := 0
		if m[3] != "" {
			sec, _ = strconv.Atoi(m[3])
		}
		if h > 24 || mi > 59 || sec > 60 || h == 24 && (mi > 0 || sec > 0) {
			return 0
		}
		if h == 24 {
			h = 0
		}
		n := len(m[0])
		if followsDigit(s, n) {
			return 0
		}
		st.hasTime, st.clock = true, clock{h, mi, min(sec, 59)}
		if a := reAmPm.FindStringSubmatch(s[n:]); a != nil {
			applyAmPm(st, a[1])
			n += len(a[0])
		} else if a := reAmPmGlued.FindStringSubmatch(s[n:]); a != nil {
			applyAmPm(st, a[1])
			n += len(a[0])
		}
		return n
	}
	if m := reBareHour.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		if h < 1 || h > 12 {
			return 0
		}
		st.hasTime, st.clock = true, clock{h, 0, 0}
		applyAmPm(st, m[2])
		return len(m[0])
	}
	return 0
}

func followsWord(s string, n int) bool { return n < len(s) && isWordByte(s[n]) }

// followsDigit reports whether a clock match is cut out of a longer number
// ("12:345", "1:2:3:4"); "00:55: text" is a clock and a separator.
func followsDigit(s string, n int) bool {
	return n < len(s) && (isDigit(s[n]) || s[n] == ':' && n+1 < len(s) && isDigit(s[n+1]))
}

// ampm is kept on the stamp so a range's end can lend it to the start.
func applyAmPm(st *stamp, v string) {
	v = strings.ToLower(strings.ReplaceAll(v, ".", ""))
	st.ampm = v
	h := st.clock.h
	switch {
	case h > 12 || (h == 0 && v[0] == 'p'):
		// "13:55 PM", "23:00 AM": a 24-hour value; keep it and say so.
		st.hourAmbig = true
	case v[0] == 'a' && h == 12:
		st.clock.h = 0
	case v[0] == 'p' && h < 12:
		st.clock.h = h + 12
	}
}

// findDate finds the first calendar date anywhere in s: in a title, a
// heading or a sentence such as "All times in PST, on February 8th 2019".
func findDate(s string) (civil, bool, bool) {
	for i := 0; i < len(s); i++ {
		if i > 0 && (isWordByte(s[i-1]) || s[i-1] == '.' || s[i-1] == '/' || s[i-1] == '-' && i > 1 && isDigit(s[i-2])) {
			continue
		}
		var st stamp
		if n := scanDate(s[i:], &st); n > 0 && !st.datePartial {
			if i+n < len(s) && (isDigit(s[i+n]) || s[i+n] == '/') {
				continue
			}
			return st.date, st.dateAmbig, true
		}
	}
	return civil{}, false, false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
