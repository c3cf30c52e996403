package hindsight

import "context"

// CreateFrom creates an incident that was built in memory rather than typed
// in: an imported postmortem, for example. It keeps the incident's id and
// content, fills what an import cannot know (version, timestamps, ids,
// appendix sizes and digests), validates the whole incident, and fails with
// CodeConflict when the id is taken. The caller's incident is not changed.
func (s *Service) CreateFrom(ctx context.Context, inc *Incident) (*Incident, error) {
	if inc == nil {
		return nil, Errorf(CodeInvalid, "no incident to create")
	}
	c := inc.clone()
	c.Version = 1
	now := s.Now()
	for i := range c.Appendices {
		a := &c.Appendices[i]
		a.Size, a.SHA256 = int64(len(a.Content)), digest(a.Content)
		if a.AddedAt.IsZero() {
			a.AddedAt = now
		}
	}
	created := c.CreatedAt
	c.normalize(now)
	if !created.IsZero() {
		c.CreatedAt = created
	}
	if err := c.Validate(s.scale); err != nil {
		return nil, err
	}
	if err := s.store.CreateIncident(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}
