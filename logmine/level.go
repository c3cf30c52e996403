package logmine

import "bytes"

// Level is a normalised severity. The zero value means "unknown": the line
// or template carried no level and none could be inferred.
type Level uint8

// Levels from least to most severe, so that comparisons order severity.
const (
	LevelUnknown Level = iota
	LevelTrace
	LevelDebug
	LevelInfo
	LevelNotice
	LevelWarn
	LevelError
	LevelFatal
)

var levelNames = [...]string{"", "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "FATAL"}

// String returns the upper-case name ("ERROR"), or "" for LevelUnknown.
func (l Level) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return ""
}

// IsError reports whether l is ERROR or worse: the levels that count towards
// the error rate and that "error patterns first" puts at the top.
func (l Level) IsError() bool { return l >= LevelError }

// ParseLevel maps a level word as found in log headers (any case; with or
// without brackets, a trailing ':' or ','; single-letter logcat/klog codes)
// to a Level. It returns false for words that are not levels.
func ParseLevel(word []byte) (Level, bool) {
	w := word
	if len(w) >= 2 && ((w[0] == '[' && w[len(w)-1] == ']') || (w[0] == '<' && w[len(w)-1] == '>')) {
		w = w[1 : len(w)-1]
	}
	for len(w) > 0 && (w[len(w)-1] == ':' || w[len(w)-1] == ',') {
		w = w[:len(w)-1]
	}
	if len(w) == 1 {
		switch w[0] {
		case 'V', 'T':
			return LevelTrace, true
		case 'D':
			return LevelDebug, true
		case 'I':
			return LevelInfo, true
		case 'N':
			return LevelNotice, true
		case 'W':
			return LevelWarn, true
		case 'E':
			return LevelError, true
		case 'F', 'A', 'C':
			return LevelFatal, true
		}
		return LevelUnknown, false
	}
	if len(w) < 3 || len(w) > 9 {
		return LevelUnknown, false
	}
	var buf [9]byte
	for i, c := range w {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		} else if c < 'a' || c > 'z' {
			return LevelUnknown, false
		}
		buf[i] = c
	}
	switch string(buf[:len(w)]) {
	case "trace", "verbose", "finest", "finer":
		return LevelTrace, true
	case "debug", "dbg", "fine":
		return LevelDebug, true
	case "info", "inf", "information":
		return LevelInfo, true
	case "notice":
		return LevelNotice, true
	case "warn", "warning", "wrn":
		return LevelWarn, true
	case "error", "err", "severe", "failure", "fail":
		return LevelError, true
	case "fatal", "crit", "critical", "alert", "emerg", "emergency", "panic":
		return LevelFatal, true
	}
	return LevelUnknown, false
}

// syslogSeverity maps an RFC 5424 severity (PRI & 7) to a Level.
func syslogSeverity(s int) Level {
	switch s {
	case 0, 1, 2:
		return LevelFatal
	case 3:
		return LevelError
	case 4:
		return LevelWarn
	case 5:
		return LevelNotice
	case 6:
		return LevelInfo
	}
	return LevelDebug
}

// errorWords are the words whose presence in a template makes its level
// ERROR when no header ever gave it one. Matching is on whole words,
// case-insensitive; besides, a capitalised word ending in "Exception" or
// "Error" (IOException, OutOfMemoryError) names a thrown error, while a
// lower-case "exception" ("exception support enabled") does not.
var errorWords = [][]byte{
	[]byte("error"), []byte("errors"), []byte("err"), []byte("fatal"), []byte("failed"), []byte("failure"),
	[]byte("fail"), []byte("fails"), []byte("panic"), []byte("critical"),
	[]byte("crash"), []byte("crashed"), []byte("refused"), []byte("denied"), []byte("timeout"),
	[]byte("unreachable"), []byte("abort"), []byte("aborted"), []byte("killed"), []byte("segfault"),
}

var warnWords = [][]byte{[]byte("warn"), []byte("warning"), []byte("deprecated"), []byte("retry"), []byte("retrying")}

// inferLevel guesses a level from a template's words; used only when no
// header level was ever seen for the template.
func inferLevel(text string) Level {
	best := LevelUnknown
	b := []byte(text)
	for i := 0; i < len(b); {
		for i < len(b) && !isAlpha(b[i]) {
			i++
		}
		j := i
		for j < len(b) && isAlpha(b[j]) {
			j++
		}
		if j > i {
			w := b[i:j]
			if bytes.HasSuffix(w, []byte("Exception")) || (len(w) > 5 && bytes.HasSuffix(w, []byte("Error"))) {
				return LevelError
			}
			for _, e := range errorWords {
				if bytes.EqualFold(w, e) {
					return LevelError
				}
			}
			for _, e := range warnWords {
				if bytes.EqualFold(w, e) {
					best = LevelWarn
				}
			}
		}
		i = j
	}
	return best
}
