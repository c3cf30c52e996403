// Package opsgenie imports Opsgenie alert exports from the Alert API:
// the activity log (GET /v2/alerts/{id}/logs: {"data": [{log, type,
// owner, createdAt, offset}]}, or a bare array), the notes (the same shape
// with "note" instead of "log") and the alert itself ({"data": {tinyId,
// message, createdAt, report{…}}}).
//
// Log lines are classified by what they say, since Opsgenie's type field
// names the kind of actor rather than the action: "created" → alert,
// "acknowledged" → ack, "closed" → status, notifications and escalations
// → page, anything else → note. The owner (a user's e-mail or name) is the
// actor; "System" and empty owners are not people.
package opsgenie

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
)

// Name is the format name used by sniffing, --format and Event.Source.
const Name = "opsgenie"

type logRecord struct {
	Log       string `json:"log"`
	Note      string `json:"note"`
	Type      string `json:"type"`
	Owner     string `json:"owner"`
	CreatedAt string `json:"createdAt"`
	Offset    string `json:"offset"`
}

type alert struct {
	ID        string `json:"id"`
	TinyID    string `json:"tinyId"`
	Message   string `json:"message"`
	Priority  string `json:"priority"`
	CreatedAt string `json:"createdAt"`
	Report    struct {
		AckTime        int64  `json:"ackTime"`
		CloseTime      int64  `json:"closeTime"`
		AcknowledgedBy string `json:"acknowledgedBy"`
		ClosedBy       string `json:"closedBy"`
	} `json:"report"`
}

const what = `Opsgenie JSON: {"data": [{"log"|"note", "owner", "createdAt", "offset"}]}, a bare array of those, or {"data": {alert}}`

// Parse imports one Opsgenie JSON file.
func Parse(f evidence.File, _ evidence.Options) (evidence.Batch, error) {
	p := &parser{file: f, seen: map[string]bool{}}
	body := bytes.TrimSpace(f.Data)
	if len(body) > 0 && body[0] == '[' {
		var recs []logRecord
		if err := evidence.DecodeJSON(f.Name, f.Data, &recs, what); err != nil {
			return evidence.Batch{}, err
		}
		err := p.records(recs, nil)
		return p.batch, err
	}
	var doc struct {
		Data json.RawMessage `json:"data"`
	}
	if err := evidence.DecodeJSON(f.Name, f.Data, &doc, what); err != nil {
		return evidence.Batch{}, err
	}
	// The first pass only learns whether data is the log (an array) or the
	// alert (an object); the second decodes the file again with the right
	// type, so that errors point at lines of the file.
	data := bytes.TrimSpace(doc.Data)
	switch {
	case len(data) > 0 && data[0] == '[':
		var logs struct {
			Data []logRecord `json:"data"`
		}
		if err := evidence.DecodeJSON(f.Name, f.Data, &logs, what); err != nil {
			return evidence.Batch{}, err
		}
		err := p.records(logs.Data, []any{"data"})
		return p.batch, err
	case len(data) > 0 && data[0] == '{':
		var a struct {
			Data alert `json:"data"`
		}
		if err := evidence.DecodeJSON(f.Name, f.Data, &a, what); err != nil {
			return evidence.Batch{}, err
		}
		err := p.alert(&a.Data)
		return p.batch, err
	}
	return evidence.Batch{}, evidence.Errorf(f.Name, 1, "expected %s", what)
}

type parser struct {
	file  evidence.File
	batch evidence.Batch
	seen  map[string]bool
}

func (p *parser) records(recs []logRecord, path []any) error {
	for i, r := range recs {
		at := append(append([]any{}, path...), i)
		e, err := p.event(r.CreatedAt, append(at, "createdAt"))
		if err != nil {
			return err
		}
		text := strings.TrimSpace(r.Log)
		e.Kind = kindOf(text)
		ref := cmp.Or(r.Offset, r.CreatedAt)
		if r.Note != "" || (text == "" && r.Log == "") {
			text, e.Kind, ref = strings.TrimSpace(r.Note), hindsight.KindNote, "note/"+ref
		}
		if text == "" {
			p.batch.Warn(evidence.RuleSkipped, p.file.Name, evidence.Locate(p.file.Data, at...), "record %d has neither log nor note text; skipped", i+1)
			continue
		}
		e.Ref, e.Text, e.Actor = ref, text, p.actor(r.Owner)
		p.batch.Events = append(p.batch.Events, e)
	}
	return nil
}

// kindOf classifies an activity log line by its words.
func kindOf(log string) hindsight.EventKind {
	l := strings.ToLower(log)
	switch {
	case strings.Contains(l, "unacknowledged"):
		return hindsight.KindStatus
	case strings.Contains(l, "acknowledged"):
		return hindsight.KindAck
	case strings.Contains(l, "closed"):
		return hindsight.KindStatus
	case strings.HasPrefix(l, "alert created") || strings.HasPrefix(l, "created"):
		return hindsight.KindAlert
	case strings.Contains(l, "escalat") || strings.Contains(l, "notif") || strings.HasPrefix(l, "sent "):
		return hindsight.KindPage
	}
	return hindsight.KindNote
}

// alert turns the alert object into its creation, acknowledgement and
// closing, whose times Opsgenie gives as milliseconds after creation.
func (p *parser) alert(a *alert) error {
	e, err := p.event(a.CreatedAt, []any{"data", "createdAt"})
	if err != nil {
		return err
	}
	name := "Opsgenie alert"
	if a.TinyID != "" {
		name += " #" + a.TinyID
	}
	id := cmp.Or(a.ID, a.TinyID, a.CreatedAt)
	e.Kind, e.Ref, e.Text = hindsight.KindAlert, "alert/"+id, strings.TrimSpace(name+" created: "+a.Message)
	if a.Priority != "" {
		e.Text += " (" + a.Priority + ")"
	}
	p.batch.Events = append(p.batch.Events, e)
	after := func(ms int64, by string, kind hindsight.EventKind, verb, suffix string) {
		x := e
		x.Time = e.Time.Add(time.Duration(ms) * time.Millisecond)
		x.TimeText = fmt.Sprintf("%s + %dms", a.CreatedAt, ms)
		x.Kind, x.Ref, x.Text = kind, "alert/"+id+"/"+suffix, name+" "+verb
		x.Actor = p.actor(by)
		if x.Actor != "" {
			x.Text += " by " + x.Actor
		}
		p.batch.Events = append(p.batch.Events, x)
	}
	if a.Report.AckTime > 0 {
		after(a.Report.AckTime, a.Report.AcknowledgedBy, hindsight.KindAck, "acknowledged", "ack")
	}
	if a.Report.CloseTime > 0 {
		after(a.Report.CloseTime, a.Report.ClosedBy, hindsight.KindStatus, "closed", "closed")
	}
	return nil
}

func (p *parser) event(s string, path []any) (hindsight.Event, error) {
	at, zone, err := evidence.ParseTime(s)
	if err != nil {
		return hindsight.Event{}, evidence.Errorf(p.file.Name, evidence.Locate(p.file.Data, path...), "createdAt: %v", err)
	}
	return hindsight.Event{Time: at, TimeText: s, Zone: zone, Source: Name}, nil
}

// actor returns the owner as the actor and records the identity, unless
// the owner is Opsgenie itself.
func (p *parser) actor(owner string) string {
	owner = strings.TrimSpace(owner)
	if owner == "" || strings.EqualFold(owner, "system") || strings.EqualFold(owner, "opsgenie") {
		return ""
	}
	if !p.seen[owner] {
		p.seen[owner] = true
		id := evidence.Identity{Source: Name, Handle: owner, Name: owner}
		if strings.Contains(owner, "@") {
			id.Email = owner
		}
		p.batch.Identities = append(p.batch.Identities, id)
	}
	return owner
}
