package hindsight

import (
	"strings"
	"time"
)

// Category sorts action items by what they do about the incident.
type Category string

// The action-item categories.
const (
	// CategoryInvestigate: find out what is still unknown about the incident.
	CategoryInvestigate Category = "investigate"
	// CategoryMitigate: reduce the impact of this incident while it lasts.
	CategoryMitigate Category = "mitigate"
	// CategoryRepair: restore what the incident damaged.
	CategoryRepair Category = "repair"
	// CategoryDetect: notice this kind of incident sooner next time.
	CategoryDetect Category = "detect"
	// CategoryMitigateFuture: make the next incident of this kind hurt less.
	CategoryMitigateFuture Category = "mitigate-future"
	// CategoryPrevent: stop this kind of incident from happening again.
	CategoryPrevent Category = "prevent"
)

// Categories lists every valid Category in report order.
var Categories = []Category{CategoryInvestigate, CategoryMitigate, CategoryRepair, CategoryDetect,
	CategoryMitigateFuture, CategoryPrevent}

// Priority orders action items; P0 is the most urgent.
type Priority string

// The priorities.
const (
	P0 Priority = "P0"
	P1 Priority = "P1"
	P2 Priority = "P2"
	P3 Priority = "P3"
)

// Priorities lists every valid Priority.
var Priorities = []Priority{P0, P1, P2, P3}

// ActionStatus is how far an action item has got.
type ActionStatus string

// The action statuses.
const (
	ActionOpen       ActionStatus = "open"
	ActionInProgress ActionStatus = "in-progress"
	ActionDone       ActionStatus = "done"
	ActionWontDo     ActionStatus = "wont-do"
)

// ActionStatuses lists every valid ActionStatus.
var ActionStatuses = []ActionStatus{ActionOpen, ActionInProgress, ActionDone, ActionWontDo}

// DateLayout is the layout of due dates: a calendar day, no time or zone.
const DateLayout = "2006-01-02"

// ActionItem is one follow-up. Owner is a role or team, never a person's
// name in the report; Due is a calendar day in DateLayout.
type ActionItem struct {
	ID       string       `json:"id"`
	Title    string       `json:"title"`
	Category Category     `json:"category"`
	Priority Priority     `json:"priority,omitempty"`
	Owner    string       `json:"owner,omitempty"`
	Due      string       `json:"due,omitempty"`
	Status   ActionStatus `json:"status"`
	// Tracker is the ticket that carries the work (URL or key).
	Tracker string `json:"tracker,omitempty"`
	// Addresses lists the ids of the factors the action deals with.
	Addresses []string `json:"addresses,omitempty"`
	// DoneWhen says how everyone will know the item is finished.
	DoneWhen string `json:"done_when,omitempty"`
}

// Overdue reports whether the item is past its due day and not closed.
func (a ActionItem) Overdue(now time.Time) bool {
	if a.Due == "" || a.Status == ActionDone || a.Status == ActionWontDo {
		return false
	}
	due, err := time.Parse(DateLayout, a.Due)
	return err == nil && now.After(due.AddDate(0, 0, 1))
}

// AddAction validates and appends an action item, giving it the next id and
// the open status when none is set.
func (inc *Incident) AddAction(a ActionItem) (ActionItem, error) {
	a.ID = nextID("A", len(inc.Actions), func(id string) bool {
		for _, x := range inc.Actions {
			if x.ID == id {
				return true
			}
		}
		return false
	})
	if a.Status == "" {
		a.Status = ActionOpen
	}
	a.Title = strings.TrimSpace(a.Title)
	if err := inc.validateAction(a); err != nil {
		return ActionItem{}, err
	}
	inc.Actions = append(inc.Actions, a)
	return a, nil
}

func (inc *Incident) validateAction(a ActionItem) error {
	switch {
	case a.Title == "":
		return Errorf(CodeInvalid, "action item %s has no title", a.ID)
	case !oneOf(a.Category, Categories):
		return Errorf(CodeInvalid, "unknown category %q for action item %s (want one of %s)", a.Category, a.ID, list(Categories))
	case a.Priority != "" && !oneOf(a.Priority, Priorities):
		return Errorf(CodeInvalid, "unknown priority %q for action item %s (want one of %s)", a.Priority, a.ID, list(Priorities))
	case !oneOf(a.Status, ActionStatuses):
		return Errorf(CodeInvalid, "unknown status %q for action item %s (want one of %s)", a.Status, a.ID, list(ActionStatuses))
	}
	if a.Due != "" {
		if _, err := time.Parse(DateLayout, a.Due); err != nil {
			return Errorf(CodeInvalid, "due date %q of action item %s is not a day in the form YYYY-MM-DD", a.Due, a.ID)
		}
	}
	for _, f := range a.Addresses {
		if _, ok := inc.Factor(f); !ok {
			return Errorf(CodeNotFound, "action item %s addresses unknown factor %s", a.ID, f)
		}
	}
	return nil
}
