package logmine

// Timestamp readers. Each reader looks at the bytes of a line starting at a
// given position and either recognises one timestamp layout there or fails.
// They are hand-written byte scanners rather than time.Parse layouts or
// regular expressions because they run once per line on the hot path (tens of
// nanoseconds instead of microseconds) and because several real layouts are
// not expressible as a Go reference layout at all (unpadded fields with a
// colon before the milliseconds, year-less dates, epoch columns).

// stampKind says how much a reader learnt about the instant.
type stampKind uint8

const (
	stampLocal  stampKind = iota // wall clock without zone: needs Options.Location
	stampOffset                  // wall clock with an explicit UTC offset
	stampUnix                    // absolute epoch value
)

// stamp is a timestamp as written in a line, before zone resolution.
type stamp struct {
	unix                             int64 // seconds since the epoch (stampUnix only)
	year, month, day, hour, min, sec int
	nsec                             int
	off                              int // seconds east of UTC (stampOffset only)
	kind                             stampKind
	yearless                         bool
	dateOnly                         bool
	level                            Level // a level carried inside the stamp (klog)
}

// Each reader reads one layout at the start of b and returns the number of
// bytes consumed, or 0 when b does not start with that layout.

// readerNames name the readers, in the order of readStamp's cases, so that a
// Result can report the layout it found. The order breaks ties between
// equally good candidates (e.g. yy/mm/dd is preferred to dd/mm/yy for
// "17/06/09", the log4j default used by Spark and Hadoop tools).
var readerNames = []string{
	"iso8601", "syslog", "ctime", "clf", "epoch", "yymmdd-hhmmss", "yy/mm/dd", "mm/dd/yy", "dd/mm/yy",
	"mm-dd", "yyyymmdd-h:m:s:ms", "[mm.dd hh:mm:ss]", "klog", "dd-mon-yyyy",
}

// readStamp runs reader id. A switch rather than a table of func values, so
// that the compiler sees st does not escape and the per-line header stays on
// the stack.
func readStamp(id int, b []byte, st *stamp) int {
	switch id {
	case 0:
		return readISO(b, st)
	case 1:
		return readSyslog(b, st)
	case 2:
		return readCtime(b, st)
	case 3:
		return readCLF(b, st)
	case 4:
		return readEpoch(b, st)
	case 5:
		return readCompactYYMMDD(b, st)
	case 6:
		return readSlash(b, st, orderYMD)
	case 7:
		return readSlash(b, st, orderMDY)
	case 8:
		return readSlash(b, st, orderDMY)
	case 9:
		return readMonthDay(b, st)
	case 10:
		return readCompactDash(b, st)
	case 11:
		return readDotMonthDay(b, st)
	case 12:
		return readKlog(b, st)
	case 13:
		return readDayMonName(b, st)
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// num reads exactly n digits at b[i:].
func num(b []byte, i, n int) (int, bool) {
	if i+n > len(b) {
		return 0, false
	}
	v := 0
	for k := i; k < i+n; k++ {
		c := b[k]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// num12 reads one or two digits at b[i:] and returns the value and the next index.
func num12(b []byte, i int) (int, int, bool) {
	if i >= len(b) || !isDigit(b[i]) {
		return 0, i, false
	}
	v := int(b[i] - '0')
	i++
	if i < len(b) && isDigit(b[i]) {
		v = v*10 + int(b[i]-'0')
		i++
	}
	return v, i, true
}

// frac reads an optional fractional second introduced by '.' or ',' at b[i:]
// and returns nanoseconds and the next index. Digits beyond nanoseconds are
// skipped.
func frac(b []byte, i int) (int, int) {
	if i+1 >= len(b) || (b[i] != '.' && b[i] != ',') || !isDigit(b[i+1]) {
		return 0, i
	}
	i++
	ns, scale := 0, 100000000
	for i < len(b) && isDigit(b[i]) {
		ns += int(b[i]-'0') * scale
		scale /= 10
		i++
	}
	return ns, i
}

// hms reads hh<sep>mm<sep>ss with two-digit fields and a separator ':' or '.'.
func hms(b []byte, i int, st *stamp) (int, bool) {
	h, ok1 := num(b, i, 2)
	if !ok1 || i+2 >= len(b) {
		return 0, false
	}
	sep := b[i+2]
	if sep != ':' && sep != '.' {
		return 0, false
	}
	m, ok2 := num(b, i+3, 2)
	if !ok2 || i+5 >= len(b) || b[i+5] != sep {
		return 0, false
	}
	s, ok3 := num(b, i+6, 2)
	if !ok3 || h > 23 || m > 59 || s > 60 {
		return 0, false
	}
	st.hour, st.min, st.sec = h, m, s
	return i + 8, true
}

// timeOfDay reads "hh:mm:ss[.fff]" at b[i:] up to the end of the token and
// returns the index after it, or 0.
func timeOfDay(b []byte, i int, st *stamp) int {
	j, ok := hms(b, i, st)
	if !ok {
		return 0
	}
	st.nsec, j = frac(b, j)
	if !ends(b, j) {
		return 0
	}
	return j
}

// ends reports whether position i is the end of a token: end of input or a
// byte that cannot continue a timestamp.
func ends(b []byte, i int) bool {
	if i >= len(b) {
		return true
	}
	c := b[i]
	return !isDigit(c) && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')
}

func validDate(y, m, d int) bool {
	return y >= 1970 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// zone reads an optional 'Z' or ±hh[:]mm suffix at b[i:].
func zone(b []byte, i int, st *stamp) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case 'Z':
		st.kind, st.off = stampOffset, 0
		return i + 1
	case '+', '-':
		h, ok := num(b, i+1, 2)
		if !ok {
			return i
		}
		j := i + 3
		if j < len(b) && b[j] == ':' {
			j++
		}
		m, ok := num(b, j, 2)
		if !ok || h > 18 || m > 59 {
			return i
		}
		off := h*3600 + m*60
		if b[i] == '-' {
			off = -off
		}
		st.kind, st.off = stampOffset, off
		return j + 2
	}
	return i
}

// openBracket reports whether a stamp opens with '[' and returns where its
// first field starts.
func openBracket(b []byte) (int, bool) {
	if len(b) > 0 && b[0] == '[' {
		return 1, true
	}
	return 0, false
}

// closeBracket steps over the ']' that closes a stamp opened with '['
// (br) and returns the bytes consumed so far, or 0, as a reader that fails
// does, when the ']' is missing. Without br it returns i.
func closeBracket(b []byte, i int, br bool) int {
	if !br {
		return i
	}
	if i >= len(b) || b[i] != ']' {
		return 0
	}
	return i + 1
}

// readISO reads ISO 8601 / RFC 3339 and its common relatives:
// 2006-01-02T15:04:05.000Z07:00, "2006-01-02 15:04:05,000", 2006/01/02
// 15:04:05, BGL's 2006-01-02-15.04.05.000000, an optional surrounding [...]
// and a bare date (reported as dateOnly, used to recognise header columns).
func readISO(b []byte, st *stamp) int {
	i, br := openBracket(b)
	y, ok := num(b, i, 4)
	if !ok || i+4 >= len(b) {
		return 0
	}
	sep := b[i+4]
	if sep != '-' && sep != '/' && sep != '.' {
		return 0
	}
	mo, ok1 := num(b, i+5, 2)
	if !ok1 || i+7 >= len(b) || b[i+7] != sep {
		return 0
	}
	d, ok2 := num(b, i+8, 2)
	if !ok2 || !validDate(y, mo, d) {
		return 0
	}
	*st = stamp{year: y, month: mo, day: d}
	i += 10
	if i+1 < len(b) && (b[i] == 'T' || b[i] == ' ' || b[i] == '-' || b[i] == '_') && isDigit(b[i+1]) {
		if j, ok := hms(b, i+1, st); ok {
			i = j
			st.nsec, i = frac(b, i)
			i = zone(b, i, st)
			if st.kind == stampLocal && i+4 <= len(b) && b[i] == ' ' && (string(b[i+1:i+4]) == "UTC" || string(b[i+1:i+4]) == "GMT") && ends(b, i+4) {
				st.kind, st.off, i = stampOffset, 0, i+4 // PostgreSQL: "2024-01-02 03:04:05.123 UTC"
			}
		} else {
			st.dateOnly = true
		}
	} else {
		st.dateOnly = true
	}
	if i = closeBracket(b, i, br); i == 0 {
		return 0
	}
	if !ends(b, i) {
		return 0
	}
	return i
}

var monthNames = [12]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// month reads a three-letter English month name (any case).
func month(b []byte, i int) (int, bool) {
	if i+3 > len(b) {
		return 0, false
	}
	a, c, e := b[i]|0x20, b[i+1]|0x20, b[i+2]|0x20
	for k, n := range monthNames {
		if a == n[0] && c == n[1] && e == n[2] {
			return k + 1, true
		}
	}
	return 0, false
}

func isAlpha(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// year4 reads " 2006" (a following four-digit year) at b[i:].
func year4(b []byte, i int) (int, int, bool) {
	if i+5 > len(b) || b[i] != ' ' {
		return 0, i, false
	}
	y, ok := num(b, i+1, 4)
	if !ok || y < 1970 || y > 2200 || !ends(b, i+5) {
		return 0, i, false
	}
	return y, i + 5, true
}

// monthDayTime reads "Jan _2 15:04:05" with optional fractional seconds,
// the month name at b[i], into st as a year-less stamp, and returns the
// index after it.
func monthDayTime(b []byte, i int, st *stamp) (int, bool) {
	mo, ok := month(b, i)
	if !ok || i+4 > len(b) || b[i+3] != ' ' {
		return 0, false
	}
	i += 4
	if i < len(b) && b[i] == ' ' {
		i++
	}
	d, j, ok := num12(b, i)
	if !ok || j >= len(b) || b[j] != ' ' || d < 1 || d > 31 {
		return 0, false
	}
	*st = stamp{month: mo, day: d, yearless: true}
	j, ok = hms(b, j+1, st)
	if !ok {
		return 0, false
	}
	st.nsec, j = frac(b, j)
	return j, true
}

// readSyslog reads the RFC 3164 stamp "Jan _2 15:04:05" (year-less), with
// optional fractional seconds and an optional trailing year.
func readSyslog(b []byte, st *stamp) int {
	j, ok := monthDayTime(b, 0, st)
	if !ok {
		return 0
	}
	if y, k, ok := year4(b, j); ok {
		st.year, st.yearless, j = y, false, k
	}
	if !ends(b, j) {
		return 0
	}
	return j
}

// readCtime reads "[Sun Dec 04 04:47:44 2005]" (Apache error log, C ctime),
// brackets optional, fractional seconds allowed.
func readCtime(b []byte, st *stamp) int {
	i, br := openBracket(b)
	if i+4 > len(b) || !isAlpha(b[i]) || !isAlpha(b[i+1]) || !isAlpha(b[i+2]) || b[i+3] != ' ' {
		return 0
	}
	j, ok := monthDayTime(b, i+4, st)
	if !ok {
		return 0
	}
	y, j, ok := year4(b, j)
	if !ok {
		return 0
	}
	st.year, st.yearless = y, false
	if j = closeBracket(b, j, br); j == 0 {
		return 0
	}
	return j
}

// readCLF reads the Common Log Format stamp "[10/Oct/2000:13:55:36 -0700]".
func readCLF(b []byte, st *stamp) int {
	i, br := openBracket(b)
	d, ok := num(b, i, 2)
	if !ok || i+3 > len(b) || b[i+2] != '/' {
		return 0
	}
	mo, ok := month(b, i+3)
	if !ok || i+7 > len(b) || b[i+6] != '/' {
		return 0
	}
	y, ok := num(b, i+7, 4)
	if !ok || i+11 >= len(b) || b[i+11] != ':' || !validDate(y, mo, d) {
		return 0
	}
	*st = stamp{year: y, month: mo, day: d}
	j, ok := hms(b, i+12, st)
	if !ok {
		return 0
	}
	st.nsec, j = frac(b, j)
	if j < len(b) && b[j] == ' ' {
		if k := zone(b, j+1, st); k > j+1 {
			j = k
		}
	}
	if j = closeBracket(b, j, br); j == 0 {
		return 0
	}
	return j
}

// Plausible epoch range: 1990-01-01 .. 2100-01-01. Anything outside is far
// more likely to be a counter or an id than a timestamp.
const (
	epochMin = 631152000
	epochMax = 4102444800
)

// readEpoch reads epoch seconds (10 digits, optional fraction), millis (13),
// micros (16) or nanos (19).
func readEpoch(b []byte, st *stamp) int {
	i, br := openBracket(b)
	j := i
	var v int64
	for j < len(b) && isDigit(b[j]) && j-i < 20 {
		v = v*10 + int64(b[j]-'0')
		j++
	}
	*st = stamp{kind: stampUnix}
	switch j - i {
	case 10:
		st.unix = v
		st.nsec, j = frac(b, j)
	case 13:
		st.unix, st.nsec = v/1e3, int(v%1e3)*1e6
	case 16:
		st.unix, st.nsec = v/1e6, int(v%1e6)*1e3
	case 19:
		st.unix, st.nsec = v/1e9, int(v%1e9)
	default:
		return 0
	}
	if st.unix < epochMin || st.unix > epochMax {
		return 0
	}
	if j = closeBracket(b, j, br); j == 0 {
		return 0
	}
	if !ends(b, j) || (j < len(b) && (b[j] == '.' || b[j] == ',' || b[j] == ':')) {
		return 0
	}
	return j
}

// readCompactYYMMDD reads HDFS-style "081109 203615".
func readCompactYYMMDD(b []byte, st *stamp) int {
	if len(b) < 13 || b[6] != ' ' {
		return 0
	}
	yy, ok1 := num(b, 0, 2)
	mo, ok2 := num(b, 2, 2)
	d, ok3 := num(b, 4, 2)
	h, ok4 := num(b, 7, 2)
	mi, ok5 := num(b, 9, 2)
	s, ok6 := num(b, 11, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || !validDate(2000+yy, mo, d) || h > 23 || mi > 59 || s > 60 || !ends(b, 13) {
		return 0
	}
	*st = stamp{year: 2000 + yy, month: mo, day: d, hour: h, min: mi, sec: s}
	return 13
}

type dateOrder uint8

const (
	orderYMD dateOrder = iota
	orderMDY
	orderDMY
)

// readSlash reads "17/06/09 20:10:40" style dates with two- or four-digit
// years in the given field order. Which order a source uses is decided by
// layout detection from how many sample lines each order accepts.
func readSlash(b []byte, st *stamp, order dateOrder) int {
	a, i, ok := num12(b, 0)
	if !ok || i >= len(b) || b[i] != '/' {
		return 0
	}
	c, j, ok := num12(b, i+1)
	if !ok || j >= len(b) || b[j] != '/' {
		return 0
	}
	k := j + 1
	e := 0
	n := 0
	for k < len(b) && isDigit(b[k]) && n < 5 {
		e = e*10 + int(b[k]-'0')
		k++
		n++
	}
	var y, mo, d int
	switch {
	case order == orderYMD && i == 2 && n == 2:
		y, mo, d = 2000+a, c, e
	case order == orderMDY && (n == 2 || n == 4):
		y, mo, d = e, a, c
	case order == orderDMY && (n == 2 || n == 4):
		y, mo, d = e, c, a
	default:
		return 0
	}
	if n == 2 && order != orderYMD {
		y += 2000
	}
	if !validDate(y, mo, d) || k >= len(b) || b[k] != ' ' {
		return 0
	}
	*st = stamp{year: y, month: mo, day: d}
	return timeOfDay(b, k+1, st)
}

// readMonthDay reads Android logcat "03-17 16:13:38.811" (year-less).
func readMonthDay(b []byte, st *stamp) int {
	mo, ok1 := num(b, 0, 2)
	d, ok2 := num(b, 3, 2)
	if !ok1 || !ok2 || b[2] != '-' || len(b) < 6 || b[5] != ' ' || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return 0
	}
	*st = stamp{month: mo, day: d, yearless: true}
	return timeOfDay(b, 6, st)
}

// readCompactDash reads "20171223-22:15:29:606" including unpadded fields
// ("20171223-22:16:0:119") and a colon before the milliseconds.
func readCompactDash(b []byte, st *stamp) int {
	y, ok1 := num(b, 0, 4)
	mo, ok2 := num(b, 4, 2)
	d, ok3 := num(b, 6, 2)
	if !ok1 || !ok2 || !ok3 || len(b) < 10 || b[8] != '-' || !validDate(y, mo, d) {
		return 0
	}
	h, i, ok := num12(b, 9)
	if !ok || i >= len(b) || b[i] != ':' {
		return 0
	}
	m, i, ok := num12(b, i+1)
	if !ok || i >= len(b) || b[i] != ':' {
		return 0
	}
	s, i, ok := num12(b, i+1)
	if !ok || h > 23 || m > 59 || s > 60 {
		return 0
	}
	*st = stamp{year: y, month: mo, day: d, hour: h, min: m, sec: s}
	if i+1 < len(b) && (b[i] == ':' || b[i] == '.' || b[i] == ',') && isDigit(b[i+1]) {
		i++
		ms, n := 0, 0
		for i < len(b) && isDigit(b[i]) && n < 3 {
			ms = ms*10 + int(b[i]-'0')
			i++
			n++
		}
		st.nsec = ms * 1000000
	}
	if !ends(b, i) {
		return 0
	}
	return i
}

// readDotMonthDay reads Proxifier "[10.30 16:49:06]" (year-less).
func readDotMonthDay(b []byte, st *stamp) int {
	i, br := openBracket(b)
	mo, ok1 := num(b, i, 2)
	d, ok2 := num(b, i+3, 2)
	if !ok1 || !ok2 || b[i+2] != '.' || i+5 >= len(b) || b[i+5] != ' ' || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return 0
	}
	*st = stamp{month: mo, day: d, yearless: true}
	j, ok := hms(b, i+6, st)
	if !ok {
		return 0
	}
	st.nsec, j = frac(b, j)
	if j = closeBracket(b, j, br); j == 0 {
		return 0
	}
	if !ends(b, j) {
		return 0
	}
	return j
}

// readKlog reads the Kubernetes/glog prefix "I0102 15:04:05.000000"
// (year-less); the leading letter is the level.
func readKlog(b []byte, st *stamp) int {
	if len(b) < 6 {
		return 0
	}
	var lv Level
	switch b[0] {
	case 'I':
		lv = LevelInfo
	case 'W':
		lv = LevelWarn
	case 'E':
		lv = LevelError
	case 'F':
		lv = LevelFatal
	default:
		return 0
	}
	mo, ok1 := num(b, 1, 2)
	d, ok2 := num(b, 3, 2)
	if !ok1 || !ok2 || b[5] != ' ' || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return 0
	}
	*st = stamp{month: mo, day: d, yearless: true, level: lv}
	return timeOfDay(b, 6, st)
}

// readDayMonName reads "02-Jan-2006 15:04:05.000" (Tomcat, Oracle).
func readDayMonName(b []byte, st *stamp) int {
	d, ok := num(b, 0, 2)
	if !ok || len(b) < 12 || b[2] != '-' || b[6] != '-' {
		return 0
	}
	mo, ok := month(b, 3)
	if !ok {
		return 0
	}
	y, ok := num(b, 7, 4)
	if !ok || b[11] != ' ' || !validDate(y, mo, d) {
		return 0
	}
	*st = stamp{year: y, month: mo, day: d}
	return timeOfDay(b, 12, st)
}
