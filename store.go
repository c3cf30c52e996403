package hindsight

import "context"

// Store persists incidents. Implementations are dumb persistence: every rule
// is checked by the Service before a Store sees the data.
type Store interface {
	// CreateIncident writes a new incident with its timeline and appendices.
	// It fails with CodeConflict when the id is taken.
	CreateIncident(ctx context.Context, inc *Incident) error
	// Incident reads one whole incident, or fails with CodeNotFound.
	Incident(ctx context.Context, id string) (*Incident, error)
	// Incidents lists every incident, most recently updated first.
	Incidents(ctx context.Context) ([]IncidentSummary, error)
	// UpdateIncident writes a change in one transaction, only if the stored
	// version still equals change.ReadVersion; otherwise it fails with
	// CodeConflict and writes nothing.
	UpdateIncident(ctx context.Context, change Change) error
	// Close releases the store.
	Close() error
}

// Change is what one update writes: the incident's new document fields and
// version, plus only the events and appendices that are new or changed, so
// that a one-word edit of a 100,000-event incident stays cheap.
type Change struct {
	Incident      *Incident
	ReadVersion   int
	AddedEvents   []Event
	ChangedEvents []Event
	AddedFiles    []Appendix
}
