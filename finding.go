package hindsight

// FindingSeverity says how much a finding matters before publishing.
type FindingSeverity string

// The finding severities.
const (
	// FindingError must change before publishing.
	FindingError FindingSeverity = "error"
	// FindingWarning very likely needs a change.
	FindingWarning FindingSeverity = "warning"
	// FindingInfo is a hint that may need no change.
	FindingInfo FindingSeverity = "info"
)

// Finding is the output of a check. Checks never change the incident; they
// report what they found, where, and how to fix it.
type Finding struct {
	Rule     string          `json:"rule"`
	Severity FindingSeverity `json:"severity"`
	Message  string          `json:"message"`
	// Field names where the finding is (a section, "timeline", "actions[A2]").
	Field      string `json:"field,omitempty"`
	Line       int    `json:"line,omitempty"`
	Span       [2]int `json:"span,omitzero"`
	Suggestion string `json:"suggestion,omitempty"`
}
