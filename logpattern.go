package hindsight

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// LogPattern is one row of the pattern table a mined log leaves with the
// incident: a message template (variables shown as <*>), how often the log
// wrote it and between which times. The report shows the table under
// technical impact; the timeline gets only a handful of events from the
// same log, never one per line.
type LogPattern struct {
	// Source is the log the pattern was mined from, by file name
	// ("checkout-api.log"), so that the same log imported from another
	// folder is the same source.
	Source string `json:"source"`
	// Template is the message with its variable parts as <*>.
	Template string `json:"template"`
	// Level is the most severe level the pattern's lines carried (one of
	// LogLevels); empty when the log gave none.
	Level string `json:"level,omitempty"`
	Count int64  `json:"count"`
	// First and Last are the times of the pattern's first and last line in
	// UTC; zero when its lines carried no time.
	First time.Time `json:"first,omitzero"`
	Last  time.Time `json:"last,omitzero"`
	// Ref is where its first line is ("checkout-api.log:8312").
	Ref string `json:"ref,omitempty"`
}

// LogLevels lists the levels a LogPattern may carry, least severe first.
// They are the normalised names the log miner gives, whatever the log wrote
// (W, warning, Warn and WARN are all WARN).
var LogLevels = []string{"TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "FATAL"}

// LogLevelRank orders levels by severity: 0 for none or an unknown name,
// then 1 (TRACE) up to 7 (FATAL).
func LogLevelRank(level string) int { return slices.Index(LogLevels, level) + 1 }

// IsErrorLevel reports whether a level counts towards the error rate:
// ERROR or worse.
func IsErrorLevel(level string) bool { return LogLevelRank(level) >= LogLevelRank("ERROR") }

// validate checks one pattern on its own.
func (p *LogPattern) validate() error {
	switch {
	case strings.TrimSpace(p.Source) == "":
		return Errorf(CodeInvalid, "log pattern %q has no source log", p.Template)
	case strings.TrimSpace(p.Template) == "":
		return Errorf(CodeInvalid, "a log pattern of %s has no template", p.Source)
	case p.Level != "" && LogLevelRank(p.Level) == 0:
		return Errorf(CodeInvalid, "log pattern %q of %s: unknown level %q (want one of %s)", p.Template, p.Source, p.Level, strings.Join(LogLevels, ", "))
	case p.Count <= 0:
		return Errorf(CodeInvalid, "log pattern %q of %s: count must be at least 1", p.Template, p.Source)
	case !p.First.IsZero() && !p.Last.IsZero() && p.Last.Before(p.First):
		return Errorf(CodeInvalid, "log pattern %q of %s: last seen before first seen", p.Template, p.Source)
	}
	return nil
}

// validateLogPatterns checks every pattern and that no log has the same
// template twice: MergeLogPatterns keeps one row per (source, template).
func validateLogPatterns(ps []LogPattern) error {
	type key struct{ source, template string }
	seen := make(map[key]bool, len(ps))
	for i := range ps {
		if err := ps[i].validate(); err != nil {
			return err
		}
		k := key{ps[i].Source, ps[i].Template}
		if seen[k] {
			return Errorf(CodeInvalid, "log pattern %q of %s is listed twice", ps[i].Template, ps[i].Source)
		}
		seen[k] = true
	}
	return nil
}

// MergeLogPatterns adds patterns to the incident's table. A pattern of the
// same source and template replaces the row already there rather than
// adding to its count: importing a log twice, or a longer copy of it, must
// not double the numbers. Logs of several hosts therefore need distinct
// file names to be counted apart. It returns how many rows are new.
func (inc *Incident) MergeLogPatterns(ps []LogPattern) int {
	type key struct{ source, template string }
	at := make(map[key]int, len(inc.LogPatterns))
	for i, p := range inc.LogPatterns {
		at[key{p.Source, p.Template}] = i
	}
	added := 0
	for _, p := range ps {
		k := key{p.Source, p.Template}
		if i, ok := at[k]; ok {
			inc.LogPatterns[i] = p
			continue
		}
		at[k] = len(inc.LogPatterns)
		inc.LogPatterns = append(inc.LogPatterns, p)
		added++
	}
	return added
}

// normalizeLogPatterns puts times in UTC, keeps one row per source and
// template, and orders the table the way a reader looks for what went
// wrong: by log, most severe level first, then most frequent. A stable
// order keeps exports diffable.
//
// Rows can come to read alike after the roster rewrote names into roles:
// a re-import brings "deploy by dana" while the table holds "deploy by
// incident commander". The later row wins, as in MergeLogPatterns.
func normalizeLogPatterns(ps []LogPattern) []LogPattern {
	type key struct{ source, template string }
	last := make(map[key]int, len(ps))
	for i := range ps {
		ps[i].First, ps[i].Last = utcOrZero(ps[i].First), utcOrZero(ps[i].Last)
		last[key{ps[i].Source, ps[i].Template}] = i
	}
	if len(last) < len(ps) {
		kept := ps[:0]
		for i, p := range ps {
			if last[key{p.Source, p.Template}] == i {
				kept = append(kept, p)
			}
		}
		ps = kept
	}
	slices.SortStableFunc(ps, func(a, b LogPattern) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(LogLevelRank(b.Level), LogLevelRank(a.Level)),
			cmp.Compare(b.Count, a.Count), cmp.Compare(a.Template, b.Template))
	})
	return ps
}

// utcOrZero converts t to UTC, keeping the zero time zero.
func utcOrZero(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}
