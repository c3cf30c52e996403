package hindsight

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"path"
	"reflect"
	"strings"
	"time"
)

// Service holds the use cases that every front end shares. The CLI, the web
// UI and the MCP server call these methods and nothing below them.
type Service struct {
	store Store
	scale Scale
	now   func() time.Time
}

// Option configures a Service.
type Option func(*Service)

// WithScale sets the severity scale (DefaultScale otherwise).
func WithScale(s Scale) Option { return func(svc *Service) { svc.scale = s } }

// WithClock sets the clock, so tests and demos get stable times.
func WithClock(now func() time.Time) Option { return func(svc *Service) { svc.now = now } }

// NewService returns a Service over the given store.
func NewService(store Store, opts ...Option) *Service {
	svc := &Service{store: store, scale: DefaultScale, now: time.Now}
	for _, o := range opts {
		o(svc)
	}
	return svc
}

// Scale returns the severity scale in use.
func (s *Service) Scale() Scale { return s.scale }

// Now returns the service clock's current time in UTC.
func (s *Service) Now() time.Time { return s.now().UTC() }

// NewIncident is what it takes to open an incident.
type NewIncident struct {
	// ID is optional; without it one is made from the date and the title.
	ID       string
	Title    string
	Severity string
}

// Create opens a new draft incident.
func (s *Service) Create(ctx context.Context, n NewIncident) (*Incident, error) {
	now := s.Now()
	inc := &Incident{ID: n.ID, Title: strings.TrimSpace(n.Title), Severity: strings.ToUpper(strings.TrimSpace(n.Severity)), Version: 1}
	if inc.Title == "" {
		return nil, Errorf(CodeInvalid, "an incident needs a title")
	}
	if inc.ID == "" {
		base := now.Format(DateLayout) + "-" + Slug(inc.Title)
		inc.ID = strings.TrimSuffix(base, "-")
		for i := 2; ; i++ {
			if _, err := s.store.Incident(ctx, inc.ID); ErrorCodeOf(err) == CodeNotFound {
				break
			} else if err != nil {
				return nil, err
			}
			inc.ID = fmt.Sprintf("%s-%d", base, i)
		}
	}
	inc.normalize(now)
	if err := inc.Validate(s.scale); err != nil {
		return nil, err
	}
	if err := s.store.CreateIncident(ctx, inc); err != nil {
		return nil, err
	}
	return inc, nil
}

// Restore creates an incident from an exported document, keeping its id.
func (s *Service) Restore(ctx context.Context, doc []byte) (*Incident, error) {
	inc, err := DecodeIncident(doc)
	if err != nil {
		return nil, err
	}
	return s.create(ctx, inc)
}

// DecodeIncident reads an exported incident document strictly: an unknown
// key or a value of the wrong type is an error naming its line, so that a
// hand-edited export cannot lose data silently.
func DecodeIncident(doc []byte) (*Incident, error) {
	var inc Incident
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&inc); err != nil {
		line := 1 + bytes.Count(doc[:min(int(dec.InputOffset()), len(doc))], []byte("\n"))
		return nil, Errorf(CodeInvalid, "line %d: not an exported incident document: %v", line, err)
	}
	if dec.More() {
		return nil, Errorf(CodeInvalid, "not an exported incident document: more than one JSON value")
	}
	return &inc, nil
}

// CreateFrom creates an incident that was built in memory rather than typed
// in: an imported postmortem, for example. It keeps the incident's id and
// content, fills what an import cannot know (version, timestamps, ids,
// appendix sizes and digests), validates the whole incident, and fails with
// CodeConflict when the id is taken. The caller's incident is not changed.
func (s *Service) CreateFrom(ctx context.Context, inc *Incident) (*Incident, error) {
	if inc == nil {
		return nil, Errorf(CodeInvalid, "no incident to create")
	}
	return s.create(ctx, inc.clone())
}

// create stores a whole incident as version 1, keeping its creation time
// when it has one.
func (s *Service) create(ctx context.Context, inc *Incident) (*Incident, error) {
	inc.Version = 1
	now := s.Now()
	for i := range inc.Appendices {
		a := &inc.Appendices[i]
		a.Size, a.SHA256 = int64(len(a.Content)), digest(a.Content)
		if a.AddedAt.IsZero() {
			a.AddedAt = now
		}
	}
	created := inc.CreatedAt
	inc.normalize(now)
	if !created.IsZero() {
		inc.CreatedAt = created
	}
	if err := inc.Validate(s.scale); err != nil {
		return nil, err
	}
	if err := s.store.CreateIncident(ctx, inc); err != nil {
		return nil, err
	}
	return inc, nil
}

// Incident returns one whole incident.
func (s *Service) Incident(ctx context.Context, id string) (*Incident, error) {
	return s.load(ctx, id)
}

// load reads an incident with its timeline in the domain's order (time,
// source, ref, id): the store orders by time alone, and ties must come out
// the same on every read, or reports would shuffle simultaneous events.
func (s *Service) load(ctx context.Context, id string) (*Incident, error) {
	inc, err := s.store.Incident(ctx, id)
	if err != nil {
		return nil, err
	}
	sortEvents(inc.Timeline)
	return inc, nil
}

// Incidents lists all incidents.
func (s *Service) Incidents(ctx context.Context) ([]IncidentSummary, error) {
	return s.store.Incidents(ctx)
}

// AnyVersion, passed as the read version to Update, means "whatever is
// stored now": the caller read and changes the incident in one step.
const AnyVersion = 0

// Update applies edit to the incident and writes the result if it is valid.
// readVersion is the version the caller based the edit on (AnyVersion when
// it reads and writes in one step); when the stored incident has moved on,
// the update fails with CodeConflict and changes nothing. Timeline events
// may be added or curated but never removed.
func (s *Service) Update(ctx context.Context, id string, readVersion int, edit func(*Incident) error) (*Incident, error) {
	old, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	if readVersion != AnyVersion && readVersion != old.Version {
		return nil, Errorf(CodeConflict, "incident %s was changed by someone else (version %d, you edited version %d); reload and try again", id, old.Version, readVersion)
	}
	inc := old.clone()
	if err := edit(inc); err != nil {
		return nil, err
	}
	inc.ID, inc.Version, inc.CreatedAt = old.ID, old.Version+1, old.CreatedAt
	inc.normalize(s.Now())
	if err := inc.Validate(s.scale); err != nil {
		return nil, err
	}
	change, err := diff(old, inc)
	if err != nil {
		return nil, err
	}
	if err := s.store.UpdateIncident(ctx, change); err != nil {
		return nil, err
	}
	return inc, nil
}

// diff finds the events and appendices an update adds or changes.
func diff(old, inc *Incident) (Change, error) {
	c := Change{Incident: inc, ReadVersion: old.Version}
	before := make(map[string]*Event, len(old.Timeline))
	for i := range old.Timeline {
		before[old.Timeline[i].ID] = &old.Timeline[i]
	}
	kept := 0
	for _, e := range inc.Timeline {
		prev, ok := before[e.ID]
		switch {
		case !ok:
			c.AddedEvents = append(c.AddedEvents, e)
		case !reflect.DeepEqual(*prev, e):
			c.ChangedEvents = append(c.ChangedEvents, e)
			kept++
		default:
			kept++
		}
	}
	if kept != len(old.Timeline) {
		return Change{}, Errorf(CodeInvalid, "timeline events are never deleted; star or unstar them instead")
	}
	files := make(map[string]bool, len(old.Appendices))
	for _, a := range old.Appendices {
		files[a.Name] = true
	}
	for _, a := range inc.Appendices {
		if !files[a.Name] {
			c.AddedFiles = append(c.AddedFiles, a)
		}
	}
	if len(inc.Appendices)-len(c.AddedFiles) != len(old.Appendices) {
		return Change{}, Errorf(CodeInvalid, "appendices are never deleted")
	}
	return c, nil
}

// clone deep-copies an incident through JSON, which is exactly the set of
// fields the incident has as a document.
func (inc *Incident) clone() *Incident {
	b, err := json.Marshal(inc)
	if err != nil {
		panic(fmt.Sprintf("hindsight: incident %s does not marshal: %v", inc.ID, err))
	}
	var c Incident
	if err := json.Unmarshal(b, &c); err != nil {
		panic(fmt.Sprintf("hindsight: incident %s does not unmarshal: %v", inc.ID, err))
	}
	return &c
}

// maxAppendix bounds one attached file; postmortem screenshots and graphs
// are far smaller, and the whole incident travels in one export.
const maxAppendix = 20 << 20

// Attach stores a file with the incident, named by its base name.
func (s *Service) Attach(ctx context.Context, id, name, caption string, content []byte) (Appendix, error) {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	if name == "." || name == "/" || name == "" {
		return Appendix{}, Errorf(CodeInvalid, "an attachment needs a file name")
	}
	if len(content) > maxAppendix {
		return Appendix{}, Errorf(CodeInvalid, "%s is %d bytes; attachments are limited to %d MiB", name, len(content), maxAppendix>>20)
	}
	a := Appendix{Name: name, Caption: caption, MediaType: mediaType(name, content),
		Size: int64(len(content)), SHA256: digest(content), AddedAt: s.Now(), Content: content}
	_, err := s.Update(ctx, id, AnyVersion, func(inc *Incident) error {
		for _, x := range inc.Appendices {
			if x.Name == name {
				return Errorf(CodeConflict, "incident %s already has an attachment named %s", id, name)
			}
		}
		inc.Appendices = append(inc.Appendices, a)
		return nil
	})
	return a, err
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// mediaType names the file's type from its extension, or from its bytes
// when the extension says nothing.
func mediaType(name string, content []byte) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return http.DetectContentType(content)
}
