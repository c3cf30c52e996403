// Package evidence is the contract between package ingest and the format
// packages under it: what a format parser is given, what it returns, and the
// error it fails with. It lives apart from package ingest so that ingest can
// import every format package while the format packages share these types;
// ingest re-exports them under the same names.
package evidence

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"time"

	"github.com/hindsight-sre/hindsight"
)

// File is one piece of evidence as given to an import: a plain file (Data),
// or a folder or an opened archive (FS), such as an unpacked Slack export.
// Name is how the user named it; refs and errors start with it.
//
// A plain file too big to hold in memory comes as a stream instead: Open
// reads the whole of it, Size is its length, and Data holds only its first
// bytes, enough to sniff the format. Formats that stream (logfile) read
// Open; for every other format ingest.Import reads the file into Data
// first, so those parsers only ever see Data.
type File struct {
	Name string
	Data []byte
	FS   fs.FS
	Open func() (io.ReadCloser, error)
	Size int64
}

// Options steer an import. The zero value is usable: format sniffed,
// secrets redacted, no time zone or date assumed.
type Options struct {
	// Format forces a format by name instead of sniffing it.
	Format string
	// Channel picks the Slack channel(s) to import: a name (with or without
	// '#') or id, several separated by commas, or "*" for all of them.
	Channel string
	// TZ is the zone for times that do not carry one (typed notes, git
	// --date=local). Without it such times are read as UTC and flagged.
	TZ *time.Location
	// Date is the day for typed notes that carry no date line; only its
	// year, month and day count.
	Date time.Time
	// NoRedact keeps secrets found in the evidence. The zero value redacts,
	// so that forgetting the option can never leak a token into a report.
	NoRedact bool
	// Progress, when set, is told how far a long read has come: the file's
	// name, the bytes read so far and its size (0 when unknown). Only
	// formats that read big files call it (logfile, about every 4 MiB), so
	// that a front end can draw a progress bar.
	Progress func(file string, read, size int64)
}

// Identity is one person or bot as the evidence names them. The domain uses
// identities to map the names seen in events to roster roles, and the
// blameless checks use them to know which words are people.
type Identity struct {
	// Source is the format the identity was seen in.
	Source string `json:"source"`
	// Handle is the account in that system: a Slack user name, a GitHub
	// login, a PagerDuty user id. Empty when the source has none (git).
	Handle string `json:"handle,omitempty"`
	// Name is the name as displayed, the same string events carry as Actor.
	Name     string `json:"name"`
	RealName string `json:"real_name,omitempty"`
	Email    string `json:"email,omitempty"`
	// Bot is true for integrations and bots, which are not people.
	Bot bool `json:"bot,omitempty"`
}

// Batch is what one file yields. Patterns is the pattern table of a log
// (format logfile): it goes with the incident for the report, while the log
// adds only a handful of Events to the timeline.
type Batch struct {
	Events     []hindsight.Event      `json:"events"`
	Identities []Identity             `json:"identities"`
	Warnings   []hindsight.Finding    `json:"warnings"`
	Patterns   []hindsight.LogPattern `json:"patterns,omitempty"`
}

// ParseError says where a file stopped making sense: Error() reads
// "FILE:LINE: what was expected". Line is 0 when the problem is the file as
// a whole (an unknown format, a channel that is not in the export).
type ParseError struct {
	Source string
	Line   int
	Err    error
}

// Error reads "FILE:LINE: what was expected", or "FILE: …" without a line.
func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Source, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Source, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// As lets errors.As see a ParseError as a *hindsight.Error with CodeInvalid,
// so that every front end shows the whole "FILE:LINE: …" text to the user
// instead of hiding it as an internal error.
func (e *ParseError) As(target any) bool {
	if t, ok := target.(**hindsight.Error); ok {
		*t = &hindsight.Error{Code: hindsight.CodeInvalid, Message: e.Error()}
		return true
	}
	return false
}

// Errorf returns a *ParseError for a place in a file.
func Errorf(source string, line int, format string, args ...any) *ParseError {
	return &ParseError{Source: source, Line: line, Err: fmt.Errorf(format, args...)}
}

// At wraps err with a place, keeping an existing ParseError as it is: the
// innermost place is the most precise one.
func At(source string, line int, err error) error {
	if err == nil {
		return nil
	}
	var pe *ParseError
	if errors.As(err, &pe) {
		return err
	}
	return &ParseError{Source: source, Line: line, Err: err}
}

// Rules of the warnings importers emit, so that front ends and tests can
// tell them apart.
const (
	// RuleAmbiguousTime: a time that could be read more than one way; the
	// event carries FlagAmbiguousTime and the warning says what was assumed.
	RuleAmbiguousTime = "ingest.ambiguous-time"
	// RuleSkipped: input that was not turned into an event.
	RuleSkipped = "ingest.skipped"
	// RuleAssumedDate: typed notes dated from a date found in their prose
	// (a title line) rather than from a date line or --date; log stamps
	// without a year given one.
	RuleAssumedDate = "ingest.assumed-date"
	// RuleAssumedZone: times without a zone read in the zone Options.TZ
	// named. Said once per file, so that the reader can check it.
	RuleAssumedZone = "ingest.assumed-zone"
)

// Event flags set by importers.
const (
	// FlagAmbiguousTime marks a time read with an assumption (zone, AM/PM,
	// day); the matching warning says which.
	FlagAmbiguousTime = "ambiguous-time"
	// FlagEdited marks a chat message edited after it was first posted:
	// responders may first have read other words.
	FlagEdited = "edited"
	// FlagBackdated marks a status update displayed at an earlier time than
	// it was posted.
	FlagBackdated = "backdated"
)

// Warn appends a warning about a place in a file.
func (b *Batch) Warn(rule, source string, line int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	where := source
	if line > 0 {
		where = fmt.Sprintf("%s:%d", source, line)
	}
	b.Warnings = append(b.Warnings, hindsight.Finding{
		Rule: rule, Severity: hindsight.FindingWarning,
		Message: where + ": " + msg, Field: source, Line: line,
	})
}

// AmbiguousTime flags an event whose time was read with an assumption and
// records the assumption as a warning, so that nothing is guessed silently.
func (b *Batch) AmbiguousTime(e *hindsight.Event, source string, line int, format string, args ...any) {
	if !slices.Contains(e.Flags, FlagAmbiguousTime) {
		e.Flags = append(e.Flags, FlagAmbiguousTime)
	}
	b.Warn(RuleAmbiguousTime, source, line, format, args...)
}

// Clip shortens a line quoted in a message to at most 60 characters.
func Clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// CombinePatterns folds the patterns of one source that read the same
// (clipping a long template, or redacting a secret in it, can make two read
// alike) into one row: counts added, the earliest first line and its ref,
// the latest last line, the most severe level. Order of first appearance is
// kept. Rows of the same source and template must be one row, since the
// incident keeps one per pair.
func CombinePatterns(ps []hindsight.LogPattern) []hindsight.LogPattern {
	type key struct{ source, template string }
	at := make(map[key]int, len(ps))
	out := ps[:0:0]
	for _, p := range ps {
		k := key{p.Source, p.Template}
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out = append(out, p)
			continue
		}
		q := &out[i]
		q.Count += p.Count
		if hindsight.LogLevelRank(p.Level) > hindsight.LogLevelRank(q.Level) {
			q.Level = p.Level
		}
		if !p.First.IsZero() && (q.First.IsZero() || p.First.Before(q.First)) {
			q.First, q.Ref = p.First, p.Ref
		}
		if p.Last.After(q.Last) {
			q.Last = p.Last
		}
	}
	return out
}
