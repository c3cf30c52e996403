package hindsight

import (
	"context"
	"encoding/json"
	"sync"
)

// memStore keeps incidents as JSON documents, so that every read is a deep
// copy, as it would be from a database. It stands in for package store in
// the domain's own tests only; the store contract suite covers the real one.
type memStore struct {
	mu   sync.Mutex
	docs map[string][]byte
}

func newMemStore() *memStore { return &memStore{docs: map[string][]byte{}} }

func (m *memStore) CreateIncident(_ context.Context, inc *Incident) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.docs[inc.ID]; ok {
		return Errorf(CodeConflict, "incident %s exists", inc.ID)
	}
	return m.put(inc)
}

func (m *memStore) put(inc *Incident) error {
	b, err := json.Marshal(inc)
	if err != nil {
		return err
	}
	m.docs[inc.ID] = b
	return nil
}

func (m *memStore) Incident(_ context.Context, id string) (*Incident, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.docs[id]
	if !ok {
		return nil, Errorf(CodeNotFound, "no incident %s", id)
	}
	var inc Incident
	if err := json.Unmarshal(b, &inc); err != nil {
		return nil, err
	}
	return &inc, nil
}

func (m *memStore) Incidents(ctx context.Context) ([]IncidentSummary, error) {
	m.mu.Lock()
	ids := make([]string, 0, len(m.docs))
	for id := range m.docs {
		ids = append(ids, id)
	}
	m.mu.Unlock()
	var out []IncidentSummary
	for _, id := range ids {
		inc, err := m.Incident(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, inc.Summarize())
	}
	return out, nil
}

func (m *memStore) UpdateIncident(_ context.Context, c Change) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	var old Incident
	if err := json.Unmarshal(m.docs[c.Incident.ID], &old); err != nil {
		return err
	}
	if old.Version != c.ReadVersion {
		return Errorf(CodeConflict, "incident %s changed", c.Incident.ID)
	}
	return m.put(c.Incident)
}

func (m *memStore) Close() error { return nil }
