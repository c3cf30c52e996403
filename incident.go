package hindsight

import (
	"strings"
	"time"
)

// Status is where a postmortem stands in its review.
type Status string

// The statuses, in the order a postmortem normally moves through them.
const (
	StatusDraft     Status = "draft"
	StatusInReview  Status = "in-review"
	StatusPublished Status = "published"
)

// Statuses lists every valid Status.
var Statuses = []Status{StatusDraft, StatusInReview, StatusPublished}

// Incident is the aggregate a postmortem is about. Exported as JSON it is the
// whole postmortem document: `hindsight export` writes it and
// `hindsight new --from` reads it back.
type Incident struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Status   Status `json:"status"`
	Severity string `json:"severity"`
	// SeverityReasons are the criteria that set Severity, when it was assessed.
	SeverityReasons []string `json:"severity_reasons,omitempty"`
	Summary         string   `json:"summary"`
	Services        []string `json:"services"`
	Impact          Impact   `json:"impact"`
	// Roster maps the people in the evidence to roles; reports show roles.
	Roster []Person `json:"roster"`
	// Owner is the role that facilitates the postmortem.
	Owner string `json:"owner,omitempty"`
	// Trigger is the change or event that set the incident off; not a cause
	// on its own but the moment the contributing factors lined up.
	Trigger string `json:"trigger,omitempty"`
	// Detection says how the incident was noticed.
	Detection string `json:"detection,omitempty"`
	// Resolution says what stopped the impact and what restored service.
	Resolution   string       `json:"resolution,omitempty"`
	Timeline     []Event      `json:"timeline"`
	Milestones   []Milestone  `json:"milestones"`
	Factors      []Factor     `json:"factors"`
	Actions      []ActionItem `json:"actions"`
	Lessons      []Lesson     `json:"lessons"`
	ThirdParties []ThirdParty `json:"third_parties"`
	Appendices   []Appendix   `json:"appendices"`
	// LogPatterns is the pattern table of the logs imported as evidence:
	// what the systems wrote, for the technical impact.
	LogPatterns []LogPattern `json:"log_patterns"`
	// Version counts the writes to the incident; an update names the version
	// it read, and fails with a conflict when someone wrote in between.
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Impact is what the incident cost users, the business and the systems.
// Zero numbers mean "not known yet", which the report says as such.
type Impact struct {
	UsersAffected  int64   `json:"users_affected,omitempty"`
	UsersPercent   float64 `json:"users_percent,omitempty"`
	SupportTickets int64   `json:"support_tickets,omitempty"`
	// Revenue is the estimated revenue lost, in the organisation's currency.
	Revenue float64 `json:"revenue,omitempty"`
	// SLOBudget is the share of the error budget used, in percent.
	SLOBudget float64 `json:"slo_budget,omitempty"`
	DataLoss  bool    `json:"data_loss,omitempty"`
	Security  bool    `json:"security,omitempty"`
	// Description is the user-facing impact in words.
	Description string `json:"description,omitempty"`
	// Business is the impact on the business in words (contracts, revenue).
	Business string `json:"business,omitempty"`
	// Technical is the impact on systems in words (error rates, data).
	Technical string `json:"technical,omitempty"`
}

// Known reports whether any impact figure or description has been given.
func (im Impact) Known() bool {
	return im.UsersAffected > 0 || im.UsersPercent > 0 || im.SupportTickets > 0 ||
		im.Revenue > 0 || im.SLOBudget > 0 || im.DataLoss || im.Security ||
		im.Description != "" || im.Business != "" || im.Technical != ""
}

// Person is one roster entry: who appears in the evidence and the role they
// held. Reports name the role, never the person.
type Person struct {
	Handle string `json:"handle,omitempty"`
	Name   string `json:"name,omitempty"`
	Role   string `json:"role"`
	// Aliases are the other names the evidence knows the person by: a chat
	// display name, a user id, an e-mail address. They are rewritten too.
	Aliases []string `json:"aliases,omitempty"`
}

// Lesson is one thing learned, by kind.
type Lesson struct {
	ID   string     `json:"id"`
	Kind LessonKind `json:"kind"`
	Text string     `json:"text"`
}

// LessonKind sorts lessons the way the report does.
type LessonKind string

// The lesson kinds.
const (
	LessonWentWell  LessonKind = "went-well"
	LessonWentWrong LessonKind = "went-wrong"
	LessonLucky     LessonKind = "lucky"
)

// LessonKinds lists every valid LessonKind in report order.
var LessonKinds = []LessonKind{LessonWentWell, LessonWentWrong, LessonLucky}

// ThirdParty records how a vendor or upstream dependency took part.
type ThirdParty struct {
	Vendor string `json:"vendor"`
	// Expectation is one of violated (they broke what we expected of them),
	// met (they held up their side while our own design failed), or unclear
	// (we had no clear expectation, which is itself a finding).
	Expectation string   `json:"expectation"`
	Notes       string   `json:"notes,omitempty"`
	Actions     []string `json:"actions,omitempty"`
}

// The third-party expectation outcomes.
const (
	ExpectationViolated = "violated"
	ExpectationMet      = "met"
	ExpectationUnclear  = "unclear"
)

// Appendix is a file shared with the incident (a screenshot, a graph, a log
// excerpt). Content travels in exports so that a restore loses nothing.
type Appendix struct {
	Name      string    `json:"name"`
	Caption   string    `json:"caption,omitempty"`
	MediaType string    `json:"media_type"`
	Size      int64     `json:"size"`
	SHA256    string    `json:"sha256"`
	AddedAt   time.Time `json:"added_at"`
	Content   []byte    `json:"content,omitempty"`
}

// IsImage reports whether the appendix is an image a report can embed.
func (a Appendix) IsImage() bool { return strings.HasPrefix(a.MediaType, "image/") }

// IncidentSummary is the short form used in listings.
type IncidentSummary struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Status    Status    `json:"status"`
	Severity  string    `json:"severity"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Summarize returns the listing form of the incident.
func (inc *Incident) Summarize() IncidentSummary {
	return IncidentSummary{ID: inc.ID, Title: inc.Title, Status: inc.Status, Severity: inc.Severity,
		Version: inc.Version, CreatedAt: inc.CreatedAt, UpdatedAt: inc.UpdatedAt}
}
