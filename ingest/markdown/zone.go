package markdown

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Time zones as postmortems write them. Hindsight does not rely on the
// system's tz database here: the handful of rules people use in
// postmortems (US and EU daylight saving time) are written out below, so an
// import reads the same on every machine.

// dstRule says when a zone observes daylight saving time.
type dstRule int

const (
	dstNone dstRule = iota
	dstUS           // second Sunday of March to first Sunday of November (since 2007)
	dstEU           // last Sunday of March to last Sunday of October, 01:00 UTC
)

// zoneInfo is one zone wording.
type zoneInfo struct {
	// std and dst are the offsets east of UTC, in seconds.
	std, dst int
	rule     dstRule
	// written says whether the wording names standard time ("PST"),
	// daylight time ("PDT") or neither ("PT", "Pacific").
	written   int
	stdName   string
	dstName   string
	ambiguous string // why the abbreviation is ambiguous, if it is
	loc       *time.Location
}

const (
	writtenGeneric = iota
	writtenStd
	writtenDST
)

const hour = 3600

var zones = map[string]zoneInfo{
	"UTC": {rule: dstNone, stdName: "UTC"}, "GMT": {rule: dstNone, stdName: "UTC"},
	"Z": {rule: dstNone, stdName: "UTC"}, "UT": {rule: dstNone, stdName: "UTC"},
	"PST":  {-8 * hour, -7 * hour, dstUS, writtenStd, "PST", "PDT", "", nil},
	"PDT":  {-8 * hour, -7 * hour, dstUS, writtenDST, "PST", "PDT", "", nil},
	"PT":   {-8 * hour, -7 * hour, dstUS, writtenGeneric, "PST", "PDT", "", nil},
	"MST":  {-7 * hour, -6 * hour, dstUS, writtenStd, "MST", "MDT", "", nil},
	"MDT":  {-7 * hour, -6 * hour, dstUS, writtenDST, "MST", "MDT", "", nil},
	"MT":   {-7 * hour, -6 * hour, dstUS, writtenGeneric, "MST", "MDT", "", nil},
	"CST":  {-6 * hour, -5 * hour, dstUS, writtenStd, "CST", "CDT", "CST is also China Standard Time", nil},
	"CDT":  {-6 * hour, -5 * hour, dstUS, writtenDST, "CST", "CDT", "", nil},
	"CT":   {-6 * hour, -5 * hour, dstUS, writtenGeneric, "CST", "CDT", "", nil},
	"EST":  {-5 * hour, -4 * hour, dstUS, writtenStd, "EST", "EDT", "", nil},
	"EDT":  {-5 * hour, -4 * hour, dstUS, writtenDST, "EST", "EDT", "", nil},
	"ET":   {-5 * hour, -4 * hour, dstUS, writtenGeneric, "EST", "EDT", "", nil},
	"AKST": {-9 * hour, -8 * hour, dstUS, writtenStd, "AKST", "AKDT", "", nil},
	"AKDT": {-9 * hour, -8 * hour, dstUS, writtenDST, "AKST", "AKDT", "", nil},
	"HST":  {-10 * hour, -10 * hour, dstNone, writtenStd, "HST", "HST", "", nil},
	"WET":  {0, 1 * hour, dstEU, writtenStd, "WET", "WEST", "", nil},
	"WEST": {0, 1 * hour, dstEU, writtenDST, "WET", "WEST", "", nil},
	"BST":  {0, 1 * hour, dstEU, writtenDST, "GMT", "BST", "", nil},
	"CET":  {1 * hour, 2 * hour, dstEU, writtenStd, "CET", "CEST", "", nil},
	"CEST": {1 * hour, 2 * hour, dstEU, writtenDST, "CET", "CEST", "", nil},
	"EET":  {2 * hour, 3 * hour, dstEU, writtenStd, "EET", "EEST", "", nil},
	"EEST": {2 * hour, 3 * hour, dstEU, writtenDST, "EET", "EEST", "", nil},
	"MSK":  {3 * hour, 3 * hour, dstNone, writtenStd, "MSK", "MSK", "", nil},
	"IST":  {5*hour + 1800, 5*hour + 1800, dstNone, writtenStd, "IST", "IST", "IST is India, Irish or Israel Standard Time; read as India (UTC+05:30)", nil},
	"SGT":  {8 * hour, 8 * hour, dstNone, writtenStd, "SGT", "SGT", "", nil},
	"HKT":  {8 * hour, 8 * hour, dstNone, writtenStd, "HKT", "HKT", "", nil},
	"JST":  {9 * hour, 9 * hour, dstNone, writtenStd, "JST", "JST", "", nil},
	"KST":  {9 * hour, 9 * hour, dstNone, writtenStd, "KST", "KST", "", nil},
	"AEST": {10 * hour, 10 * hour, dstNone, writtenStd, "AEST", "AEST", "", nil},
	"AEDT": {11 * hour, 11 * hour, dstNone, writtenDST, "AEDT", "AEDT", "", nil},
	"NZST": {12 * hour, 12 * hour, dstNone, writtenStd, "NZST", "NZST", "", nil},
	"NZDT": {13 * hour, 13 * hour, dstNone, writtenDST, "NZDT", "NZDT", "", nil},
}

// zoneWords are the spelled-out zone names, matched case-insensitively.
var zoneWords = []struct {
	re   *regexp.Regexp
	abbr string
}{
	{regexp.MustCompile(`^(?i:pacific daylight(?: time)?)`), "PDT"},
	{regexp.MustCompile(`^(?i:pacific standard(?: time)?)`), "PST"},
	{regexp.MustCompile(`^(?i:(?:uc/|us/)?pacific(?: time)?)`), "PT"},
	{regexp.MustCompile(`^(?i:eastern daylight(?: time)?)`), "EDT"},
	{regexp.MustCompile(`^(?i:eastern standard(?: time)?)`), "EST"},
	{regexp.MustCompile(`^(?i:(?:us/)?eastern(?: time)?)`), "ET"},
	{regexp.MustCompile(`^(?i:(?:us/)?central(?: time)?)`), "CT"},
	{regexp.MustCompile(`^(?i:(?:us/)?mountain(?: time)?)`), "MT"},
	{regexp.MustCompile(`^(?i:central european summer time)`), "CEST"},
	{regexp.MustCompile(`^(?i:central european(?: time)?)`), "CET"},
	{regexp.MustCompile(`^(?i:british summer time)`), "BST"},
	{regexp.MustCompile(`^(?i:coordinated universal time|universal time)`), "UTC"},
}

var (
	reZoneAbbr   = regexp.MustCompile(`^([A-Z]{1,4})\b`)
	reZoneOffset = regexp.MustCompile(`^([+\-−])(\d{2})(?::?(\d{2}))?\b`)
	reUTCOffset  = regexp.MustCompile(`^(?:UTC|GMT)([+\-−])(\d{1,2})(?::?(\d{2}))?\b`)
)

// scanZone reads a zone at the start of s and returns it with the number of
// bytes it took. Abbreviations must be upper case: "est" in "estimated" or
// "ist" in a word is not a zone.
func scanZone(s string) (name string, z zoneInfo, n int, ok bool) {
	if m := reUTCOffset.FindStringSubmatch(s); m != nil {
		return offsetZone(m)
	}
	for _, w := range zoneWords {
		if loc := w.re.FindStringIndex(s); loc != nil {
			if loc[1] < len(s) && isWordByte(s[loc[1]]) {
				continue
			}
			return w.abbr, zones[w.abbr], loc[1], true
		}
	}
	if m := reZoneAbbr.FindStringSubmatch(s); m != nil {
		if zi, ok := zones[m[1]]; ok {
			return m[1], zi, len(m[0]), true
		}
	}
	if m := reZoneOffset.FindStringSubmatch(s); m != nil && (strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−")) && m[3] != "" {
		return offsetZone(m)
	}
	return "", zoneInfo{}, 0, false
}

func offsetZone(m []string) (string, zoneInfo, int, bool) {
	h, _ := strconv.Atoi(m[2])
	mi := 0
	if m[3] != "" {
		mi, _ = strconv.Atoi(m[3])
	}
	if h > 14 || mi > 59 {
		return "", zoneInfo{}, 0, false
	}
	off := h*hour + mi*60
	if m[1] != "+" {
		off = -off
	}
	name := fmt.Sprintf("UTC%s", formatOffset(off))
	return name, zoneInfo{std: off, dst: off, rule: dstNone, written: writtenStd, stdName: name, dstName: name}, len(m[0]), true
}

func formatOffset(off int) string {
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("%s%02d:%02d", sign, off/hour, off%hour/60)
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}

// findZone finds the first zone named anywhere in a sentence such as "All
// times in PST" or "(times in BST)".
func findZone(s string) (string, zoneInfo, bool) {
	for i := 0; i < len(s); i++ {
		if i > 0 && isWordByte(s[i-1]) {
			continue
		}
		if name, z, _, ok := scanZone(s[i:]); ok {
			if name == "Z" || name == "UT" {
				continue
			}
			return name, z, true
		}
	}
	return "", zoneInfo{}, false
}

// resolve returns the instant of a wall-clock time read in zone z, the
// zone name it was read in, and whether the wording disagreed with the
// date (a standard-time abbreviation on a daylight-time date, as in "PST"
// written in June). People write the abbreviation they are used to and mean
// the clock on the wall, so the wall clock wins and the mismatch is flagged.
func (z zoneInfo) resolve(y int, mo time.Month, d, h, mi, sec int) (time.Time, string, bool) {
	if z.loc != nil {
		t := time.Date(y, mo, d, h, mi, sec, 0, z.loc)
		name, _ := t.Zone()
		return t.UTC(), name, false
	}
	inDST := false
	switch z.rule {
	case dstUS:
		inDST = usDST(y, mo, d, h)
	case dstEU:
		inDST = euDST(y, mo, d, h, z.std)
	}
	off, name := z.std, z.stdName
	if inDST {
		off, name = z.dst, z.dstName
	}
	mismatch := z.rule != dstNone && (z.written == writtenStd && inDST || z.written == writtenDST && !inDST)
	t := time.Date(y, mo, d, h, mi, sec, 0, time.FixedZone(name, off))
	return t.UTC(), name, mismatch
}

// usDST reports whether a US wall-clock time is in daylight saving time.
func usDST(y int, mo time.Month, d, h int) bool {
	var start, end time.Time
	if y >= 2007 {
		start = nthWeekday(y, time.March, time.Sunday, 2)
		end = nthWeekday(y, time.November, time.Sunday, 1)
	} else {
		start = nthWeekday(y, time.April, time.Sunday, 1)
		end = lastWeekday(y, time.October, time.Sunday)
	}
	t := time.Date(y, mo, d, h, 0, 0, 0, time.UTC)
	return !t.Before(start.Add(2*time.Hour)) && t.Before(end.Add(1*time.Hour))
}

// euDST reports whether an EU wall-clock time (zone offset std) is in
// summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on
// the last Sunday of October.
func euDST(y int, mo time.Month, d, h, std int) bool {
	start := lastWeekday(y, time.March, time.Sunday).Add(time.Hour)
	end := lastWeekday(y, time.October, time.Sunday).Add(time.Hour)
	t := time.Date(y, mo, d, h, 0, 0, 0, time.UTC).Add(-time.Duration(std) * time.Second)
	return !t.Before(start) && t.Before(end)
}

func nthWeekday(y int, mo time.Month, wd time.Weekday, n int) time.Time {
	t := time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)
	for t.Weekday() != wd {
		t = t.AddDate(0, 0, 1)
	}
	return t.AddDate(0, 0, 7*(n-1))
}

func lastWeekday(y int, mo time.Month, wd time.Weekday) time.Time {
	t := time.Date(y, mo+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	for t.Weekday() != wd {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

// optionZone turns the --tz style option into a zone: an abbreviation
// Hindsight knows, an offset, or an IANA name from the system database.
func optionZone(s string) (string, zoneInfo, error) {
	s = strings.TrimSpace(s)
	if name, z, n, ok := scanZone(s); ok && n == len(s) {
		// Chosen for the whole document, "CET" means the zone, summer
		// or not.
		z.written = writtenGeneric
		return name, z, nil
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return "", zoneInfo{}, fmt.Errorf("unknown time zone %q", s)
	}
	return s, zoneInfo{loc: loc, stdName: s}, nil
}
