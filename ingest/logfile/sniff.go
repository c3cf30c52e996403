package logfile

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"github.com/hindsight-sre/hindsight/logmine"
)

// logName is a file name that says "log": app.log, app.log.1 (rotated),
// syslog, messages.
var logName = regexp.MustCompile(`(?i)(\.log(\.\d+)?|^syslog(\.\d+)?|^messages(\.\d+)?)$`)

// Sniff reports whether a file looks like a log, from its name and first
// bytes. logmine reads the head the way it would read the whole file: a log
// is a file whose lines mostly start with a timestamp (in a header, or under
// a time key of JSON lines or logfmt) and that either carries levels in a
// fixed place (INFO, WARN, "level": "error") or is named like a log (.log).
// Typed notes start with times too, but people write neither levels in a
// column nor full timestamps on every line, so they stay notes.
func Sniff(name string, head []byte) bool {
	// A line cut off by the end of the head is not evidence either way.
	if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
		head = head[:i+1]
	}
	lines := 0
	for _, l := range bytes.Split(head, []byte("\n")) {
		if len(bytes.TrimSpace(l)) > 0 {
			lines++
		}
	}
	if lines == 0 {
		return false
	}
	res, err := logmine.Mine(bytes.NewReader(head), logmine.Options{Year: 2000})
	if err != nil {
		return false
	}
	timed := res.Lines - res.NoTime
	// Stack traces and continuation lines carry no time of their own, so a
	// quarter of the lines is enough; two at least, unless there is one.
	if timed < min(2, int64(lines)) || timed*4 < int64(lines) {
		return false
	}
	for _, t := range res.Templates {
		if t.Level != logmine.LevelUnknown && !t.LevelInferred {
			return true
		}
	}
	return logName.MatchString(path.Base(strings.ReplaceAll(name, `\`, "/")))
}
