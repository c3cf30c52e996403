// Package pagerduty imports PagerDuty REST API v2 exports: an incident's
// log entries ({"log_entries": […]} as GET /incidents/{id}/log_entries
// returns it, or a bare array), the incident itself ({"incident": {…}} or
// {"incidents": […]}) and its notes ({"notes": […]}); one file may hold
// several of these keys.
//
// Log entry types map to kinds: trigger → alert; notify and escalate →
// page (someone is being paged); acknowledge → ack; annotate → note;
// resolve, assign, unacknowledge, snooze and the rest → status. The agent
// of an entry is its actor when it is a user; services and integrations
// act without an actor, and the text says what they did.
package pagerduty

import (
	"bytes"
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
)

// Name is the format name used by sniffing, --format and Event.Source.
const Name = "pagerduty"

// reference is PagerDuty's pointer to another object, with its summary.
type reference struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Summary string `json:"summary"`
	Email   string `json:"email"`
}

// person reports whether the reference is a user, who is a person;
// services, integrations and escalation policies are not.
func (r *reference) person() bool {
	return r != nil && r.Summary != "" && (r.Type == "user_reference" || r.Type == "user")
}

func (r *reference) identity() evidence.Identity {
	return evidence.Identity{Source: Name, Handle: r.ID, Name: r.Summary, Email: r.Email}
}

type logEntry struct {
	ID        string     `json:"id"`
	Type      string     `json:"type"`
	Summary   string     `json:"summary"`
	CreatedAt string     `json:"created_at"`
	Agent     *reference `json:"agent"`
	User      *reference `json:"user"`
	Channel   *struct {
		Type    string `json:"type"`
		Summary string `json:"summary"`
	} `json:"channel"`
	Assignees []reference `json:"assignees"`
	Note      string      `json:"note"`
}

type incident struct {
	ID                 string     `json:"id"`
	IncidentNumber     int        `json:"incident_number"`
	Title              string     `json:"title"`
	Status             string     `json:"status"`
	Urgency            string     `json:"urgency"`
	CreatedAt          string     `json:"created_at"`
	ResolvedAt         string     `json:"resolved_at"`
	LastStatusChangeAt string     `json:"last_status_change_at"`
	LastStatusChangeBy *reference `json:"last_status_change_by"`
	Service            *reference `json:"service"`
	Acknowledgements   []struct {
		At           string    `json:"at"`
		Acknowledger reference `json:"acknowledger"`
	} `json:"acknowledgements"`
}

type note struct {
	ID        string     `json:"id"`
	User      *reference `json:"user"`
	Content   string     `json:"content"`
	CreatedAt string     `json:"created_at"`
}

type document struct {
	LogEntries []logEntry `json:"log_entries"`
	Incident   *incident  `json:"incident"`
	Incidents  []incident `json:"incidents"`
	Notes      []note     `json:"notes"`
}

// kinds maps log entry types to event kinds; unknown types are notes.
var kinds = map[string]hindsight.EventKind{
	"trigger_log_entry":                 hindsight.KindAlert,
	"notify_log_entry":                  hindsight.KindPage,
	"escalate_log_entry":                hindsight.KindPage,
	"repeat_escalation_path_log_entry":  hindsight.KindPage,
	"acknowledge_log_entry":             hindsight.KindAck,
	"annotate_log_entry":                hindsight.KindNote,
	"resolve_log_entry":                 hindsight.KindStatus,
	"unacknowledge_log_entry":           hindsight.KindStatus,
	"assign_log_entry":                  hindsight.KindStatus,
	"delegate_log_entry":                hindsight.KindStatus,
	"snooze_log_entry":                  hindsight.KindStatus,
	"unsnooze_log_entry":                hindsight.KindStatus,
	"priority_change_log_entry":         hindsight.KindStatus,
	"urgency_change_log_entry":          hindsight.KindStatus,
	"exhaust_escalation_path_log_entry": hindsight.KindStatus,
	"reach_trigger_limit_log_entry":     hindsight.KindStatus,
}

const what = `PagerDuty JSON: {"log_entries": […]}, a bare array of log entries, {"incident": {…}} or {"notes": […]}`

// Parse imports one PagerDuty JSON file.
func Parse(f evidence.File, _ evidence.Options) (evidence.Batch, error) {
	var doc document
	var bare bool
	if body := bytes.TrimSpace(f.Data); len(body) > 0 && body[0] == '[' {
		bare = true
		if err := evidence.DecodeJSON(f.Name, f.Data, &doc.LogEntries, what); err != nil {
			return evidence.Batch{}, err
		}
	} else if err := evidence.DecodeJSON(f.Name, f.Data, &doc, what); err != nil {
		return evidence.Batch{}, err
	}
	if !bare && doc.LogEntries == nil && doc.Incident == nil && doc.Incidents == nil && doc.Notes == nil {
		return evidence.Batch{}, evidence.Errorf(f.Name, 1, "expected %s", what)
	}
	p := &parser{file: f, seen: map[string]bool{}}
	for i := range doc.LogEntries {
		path := []any{"log_entries", i}
		if bare {
			path = []any{i}
		}
		if err := p.logEntry(&doc.LogEntries[i], path); err != nil {
			return evidence.Batch{}, err
		}
	}
	if doc.Incident != nil {
		if err := p.incident(doc.Incident, []any{"incident"}); err != nil {
			return evidence.Batch{}, err
		}
	}
	for i := range doc.Incidents {
		if err := p.incident(&doc.Incidents[i], []any{"incidents", i}); err != nil {
			return evidence.Batch{}, err
		}
	}
	for i, n := range doc.Notes {
		e, err := p.event(n.CreatedAt, []any{"notes", i, "created_at"})
		if err != nil {
			return evidence.Batch{}, err
		}
		e.Kind, e.Ref, e.Text = hindsight.KindNote, "note/"+cmp.Or(n.ID, strconv.Itoa(i+1)), strings.TrimSpace(n.Content)
		e.Actor = p.actor(n.User)
		if e.Text == "" {
			p.batch.Warn(evidence.RuleSkipped, f.Name, evidence.Locate(f.Data, "notes", i), "note %s is empty; skipped", e.Ref)
			continue
		}
		p.batch.Events = append(p.batch.Events, e)
	}
	return p.batch, nil
}

// parser accumulates the events and identities of one file.
type parser struct {
	file  evidence.File
	batch evidence.Batch
	seen  map[string]bool
}

// event starts an event at the timestamp s, found at path in the file.
func (p *parser) event(s string, path []any) (hindsight.Event, error) {
	at, zone, err := evidence.ParseTime(s)
	if err != nil {
		return hindsight.Event{}, evidence.Errorf(p.file.Name, evidence.Locate(p.file.Data, path...), "%s: %v", path[len(path)-1], err)
	}
	return hindsight.Event{Time: at, TimeText: s, Zone: zone, Source: Name}, nil
}

// actor returns the name of a user reference and records the identity;
// other references (services, integrations) are not actors.
func (p *parser) actor(r *reference) string {
	if !r.person() {
		return ""
	}
	p.identify(r)
	return r.Summary
}

func (p *parser) identify(r *reference) {
	if !r.person() {
		return
	}
	id := r.identity()
	if key := id.Handle + "\x00" + id.Name; !p.seen[key] {
		p.seen[key] = true
		p.batch.Identities = append(p.batch.Identities, id)
	}
}

func (p *parser) logEntry(le *logEntry, path []any) error {
	le.Type = strings.TrimSpace(le.Type)
	if le.Type == "" {
		return evidence.Errorf(p.file.Name, evidence.Locate(p.file.Data, path...), "log entry has no type; expected a PagerDuty log entry such as trigger_log_entry")
	}
	e, err := p.event(le.CreatedAt, append(path, "created_at"))
	if err != nil {
		return err
	}
	e.Kind = kinds[le.Type]
	if e.Kind == "" {
		e.Kind = hindsight.KindNote
	}
	e.Ref = le.ID
	if e.Ref == "" {
		e.Ref = fmt.Sprintf("%s:%d", p.file.Name, evidence.Locate(p.file.Data, path...))
	}
	e.Actor = p.actor(le.Agent)
	p.identify(le.User)
	for i := range le.Assignees {
		p.identify(&le.Assignees[i])
	}
	text := strings.TrimSpace(le.Summary)
	if text == "" {
		text = cmp.Or(strings.TrimSpace(strings.ReplaceAll(strings.TrimSuffix(le.Type, "_log_entry"), "_", " ")), le.Type)
	}
	// The channel summary carries the alert description of a trigger and
	// the words of a note; the entry summary alone says only "Note added".
	detail := strings.TrimSpace(le.Note)
	if detail == "" && le.Channel != nil {
		detail = strings.TrimSpace(le.Channel.Summary)
	}
	if detail != "" && !strings.Contains(text, detail) {
		text = strings.TrimSuffix(text, ".") + ": " + detail
	}
	if le.Agent != nil && !le.Agent.person() && le.Agent.Summary != "" && le.Type == "trigger_log_entry" {
		text += " (" + le.Agent.Summary + ")"
	}
	e.Text = text
	p.batch.Events = append(p.batch.Events, e)
	return nil
}

func (p *parser) incident(inc *incident, path []any) error {
	e, err := p.event(inc.CreatedAt, append(path, "created_at"))
	if err != nil {
		return err
	}
	name := "PagerDuty incident"
	if inc.IncidentNumber > 0 {
		name += " #" + strconv.Itoa(inc.IncidentNumber)
	}
	id := cmp.Or(inc.ID, strconv.Itoa(inc.IncidentNumber))
	var facts []string
	if inc.Urgency != "" {
		facts = append(facts, "urgency "+inc.Urgency)
	}
	if inc.Service != nil && inc.Service.Summary != "" {
		facts = append(facts, "service "+inc.Service.Summary)
	}
	e.Kind, e.Ref = hindsight.KindAlert, "incident/"+id
	e.Text = strings.TrimSpace(name + " triggered: " + inc.Title)
	if len(facts) > 0 {
		e.Text += " (" + strings.Join(facts, ", ") + ")"
	}
	p.batch.Events = append(p.batch.Events, e)
	for i := range inc.Acknowledgements {
		a := &inc.Acknowledgements[i]
		e, err := p.event(a.At, append(path, "acknowledgements", i, "at"))
		if err != nil {
			return err
		}
		e.Kind, e.Ref = hindsight.KindAck, fmt.Sprintf("incident/%s/ack/%d", id, i+1)
		e.Actor = p.actor(&a.Acknowledger)
		e.Text = name + " acknowledged"
		if a.Acknowledger.Summary != "" {
			e.Text += " by " + a.Acknowledger.Summary
		}
		p.batch.Events = append(p.batch.Events, e)
	}
	if inc.Status == "resolved" {
		at, field := inc.ResolvedAt, "resolved_at"
		if at == "" {
			at, field = inc.LastStatusChangeAt, "last_status_change_at"
		}
		if at != "" {
			e, err := p.event(at, append(path, field))
			if err != nil {
				return err
			}
			e.Kind, e.Ref, e.Text = hindsight.KindStatus, "incident/"+id+"/resolved", name+" resolved"
			e.Actor = p.actor(inc.LastStatusChangeBy)
			if e.Actor != "" {
				e.Text += " by " + e.Actor
			}
			p.batch.Events = append(p.batch.Events, e)
		}
	}
	return nil
}
