package logmine

import "time"

// clock turns stamps into UTC instants. It owns the two decisions that a
// timestamp alone cannot make: which zone a zone-less wall-clock time is in
// (Options.Location), and which year a year-less date belongs to
// (Options.Year, advanced on a December→January rollover).
type clock struct {
	loc  *time.Location
	year int

	lastMonth int

	// One-hour cache of the zone conversion: consecutive lines nearly
	// always share the hour, and time.Date costs far more than the addition.
	hourKey  int
	hourBase int64

	zoneAssumed bool // a zone-less stamp was resolved with loc
	yearAssumed bool // a year-less stamp was resolved with year
}

func newClock(loc *time.Location, year int) *clock {
	if loc == nil {
		loc = time.UTC
	}
	return &clock{loc: loc, year: year, hourKey: -1}
}

// daysFromCivil returns the number of days since 1970-01-01 of a proleptic
// Gregorian date (Howard Hinnant's algorithm), for zone arithmetic without
// allocating time.Time values.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// unixNano resolves st to nanoseconds since the epoch (UTC).
func (c *clock) unixNano(st *stamp) int64 {
	switch st.kind {
	case stampUnix:
		return st.unix*1e9 + int64(st.nsec)
	}
	y := st.year
	if st.yearless {
		c.yearAssumed = true
		if c.lastMonth != 0 && st.month+6 < c.lastMonth {
			c.year++ // Dec -> Jan: the log crossed New Year
		}
		c.lastMonth = st.month
		y = c.year
	}
	if st.kind == stampOffset {
		secs := daysFromCivil(y, st.month, st.day)*86400 + int64(st.hour*3600+st.min*60+st.sec) - int64(st.off)
		return secs*1e9 + int64(st.nsec)
	}
	c.zoneAssumed = true
	key := ((y*13+st.month)*32+st.day)*24 + st.hour
	if key != c.hourKey {
		if c.loc == time.UTC {
			c.hourBase = daysFromCivil(y, st.month, st.day)*86400 + int64(st.hour*3600)
		} else {
			c.hourBase = time.Date(y, time.Month(st.month), st.day, st.hour, 0, 0, 0, c.loc).Unix()
		}
		c.hourKey = key
	}
	return (c.hourBase+int64(st.min*60+st.sec))*1e9 + int64(st.nsec)
}
