package lint

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity ranks a finding. The zero value is not a valid severity.
type Severity string

// The three severities, from least to most serious. "info" is a hint a writer may
// ignore; "warning" is worth fixing before publishing; "error" is language or
// structure that undermines a blameless review.
const (
	Info    Severity = "info"
	Warning Severity = "warning"
	Error   Severity = "error"
)

// ParseSeverity returns the severity named s ("info", "warning" or "error").
func ParseSeverity(s string) (Severity, error) {
	switch Severity(s) {
	case Info, Warning, Error:
		return Severity(s), nil
	}
	return "", fmt.Errorf("unknown severity %q (want info, warning or error)", s)
}

// rank orders severities so thresholds can be compared; an unknown severity ranks
// below info so it never trips a threshold by accident.
func (s Severity) rank() int {
	switch s {
	case Info:
		return 1
	case Warning:
		return 2
	case Error:
		return 3
	}
	return 0
}

// AtLeast reports whether s is as serious as min or more.
func (s Severity) AtLeast(min Severity) bool { return s.rank() >= min.rank() }

// Finding is one problem a check found. Checks never change the text; they report.
//
// Line is 1-based; 0 means the finding is about the document as a whole (a missing
// section, an uncovered factor) rather than a place in the text. Span is the
// half-open byte range [start, end) of the flagged text counted from the first byte
// of Line, so text[lineStart+Span[0]:lineStart+Span[1]] is the match (a match that
// continues onto the next line has an end past the line's length).
type Finding struct {
	Rule       string   `json:"rule"`
	Severity   Severity `json:"severity"`
	Message    string   `json:"message"`
	Line       int      `json:"line"`
	Span       [2]int   `json:"span"`
	Suggestion string   `json:"suggestion"`
	Section    string   `json:"section,omitempty"`

	// Match is the flagged text as written. It stays out of JSON because it may hold
	// a person's name, and the JSON shape is a published contract.
	Match string `json:"-"`
	// Column is the 1-based column of Span[0] counted in Unicode code points, which
	// is what SARIF and most editors expect; 0 when unknown.
	Column int `json:"-"`
	// Why is the rule's rationale, for SARIF rule descriptions and verbose output.
	Why string `json:"-"`
}

// Worst returns the most serious severity among findings, or "" when there are none.
func Worst(findings []Finding) Severity {
	var w Severity
	for _, f := range findings {
		if f.Severity.rank() > w.rank() {
			w = f.Severity
		}
	}
	return w
}

// Exceeds reports whether any finding is at or above threshold; front ends use it to
// choose the "checks found problems" exit code.
func Exceeds(findings []Finding, threshold Severity) bool {
	for _, f := range findings {
		if f.Severity.AtLeast(threshold) {
			return true
		}
	}
	return false
}

// sortFindings puts findings in reading order so output is stable and diffs of
// golden files stay small.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Span[0], b.Span[0]),
			cmp.Compare(a.Span[1], b.Span[1]),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Section, b.Section),
		)
	})
}
