package markdown

import (
	"regexp"
	"strings"
	"time"
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
