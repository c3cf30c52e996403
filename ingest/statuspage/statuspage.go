// Package statuspage imports Atlassian Statuspage incidents: the public
// status API (GET /api/v2/incidents.json: {"page": …, "incidents": […]}),
// the Manage API (one incident object, or an array of them) and webhook
// deliveries ({"incident": {…}}).
//
// Every incident update becomes a KindStatus event at its display_at (the
// time the page showed, which people may backdate) or else created_at; a
// backdated update is flagged. Its text names the incident, the status
// (investigating, identified, monitoring, resolved, postmortem, or the
// maintenance ones) and the body. An incident without updates yields its
// creation and, when resolved, its resolution.
package statuspage

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
)

// Name is the format name used by sniffing, --format and Event.Source.
const Name = "statuspage"

type update struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	Body      string `json:"body"`
	CreatedAt string `json:"created_at"`
	DisplayAt string `json:"display_at"`
}

type incident struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	Status          string   `json:"status"`
	Impact          string   `json:"impact"`
	CreatedAt       string   `json:"created_at"`
	ResolvedAt      string   `json:"resolved_at"`
	IncidentUpdates []update `json:"incident_updates"`
}

type document struct {
	Incidents []incident `json:"incidents"`
	Incident  *incident  `json:"incident"`
	incident
}

// backdate is how much earlier than its posting an update must be shown
// to count as backdated; posting takes a few seconds.
const backdate = time.Minute

const what = `Statuspage JSON: {"incidents": […]}, {"incident": {…}}, an incident with incident_updates, or an array of incidents`

// Parse imports one Statuspage JSON file.
func Parse(f evidence.File, _ evidence.Options) (evidence.Batch, error) {
	var b evidence.Batch
	body := bytes.TrimSpace(f.Data)
	if len(body) > 0 && body[0] == '[' {
		var incs []incident
		if err := evidence.DecodeJSON(f.Name, f.Data, &incs, what); err != nil {
			return b, err
		}
		for i := range incs {
			if err := convert(&b, f, &incs[i], []any{i}); err != nil {
				return b, err
			}
		}
		return b, nil
	}
	var doc document
	if err := evidence.DecodeJSON(f.Name, f.Data, &doc, what); err != nil {
		return b, err
	}
	switch {
	case doc.Incidents != nil:
		for i := range doc.Incidents {
			if err := convert(&b, f, &doc.Incidents[i], []any{"incidents", i}); err != nil {
				return b, err
			}
		}
	case doc.Incident != nil:
		if err := convert(&b, f, doc.Incident, []any{"incident"}); err != nil {
			return b, err
		}
	case doc.IncidentUpdates != nil || doc.CreatedAt != "":
		if err := convert(&b, f, &doc.incident, nil); err != nil {
			return b, err
		}
	default:
		return b, evidence.Errorf(f.Name, 1, "expected %s", what)
	}
	return b, nil
}

func convert(b *evidence.Batch, f evidence.File, inc *incident, path []any) error {
	at := func(field string, rest ...any) []any {
		return append(append(append([]any{}, path...), rest...), field)
	}
	stamp := func(s string, where []any) (time.Time, string, error) {
		t, zone, err := evidence.ParseTime(s)
		if err != nil {
			return t, zone, evidence.Errorf(f.Name, evidence.Locate(f.Data, where...), "%s: %v", where[len(where)-1], err)
		}
		return t, zone, nil
	}
	name := "Status page"
	if inc.Name != "" {
		name += fmt.Sprintf(" %q", inc.Name)
	}
	id := cmp.Or(inc.ID, inc.Name)
	if len(inc.IncidentUpdates) == 0 {
		t, zone, err := stamp(inc.CreatedAt, at("created_at"))
		if err != nil {
			return err
		}
		text := name + " opened"
		if inc.Impact != "" {
			text += " (impact " + inc.Impact + ")"
		}
		b.Events = append(b.Events, hindsight.Event{Time: t, TimeText: inc.CreatedAt, Zone: zone, Source: Name,
			Ref: id + "/created", Kind: hindsight.KindStatus, Text: text})
		if inc.ResolvedAt != "" {
			t, zone, err := stamp(inc.ResolvedAt, at("resolved_at"))
			if err != nil {
				return err
			}
			b.Events = append(b.Events, hindsight.Event{Time: t, TimeText: inc.ResolvedAt, Zone: zone, Source: Name,
				Ref: id + "/resolved", Kind: hindsight.KindStatus, Text: name + " resolved"})
		}
		return nil
	}
	for i, u := range inc.IncidentUpdates {
		shown, field := u.DisplayAt, "display_at"
		if shown == "" {
			shown, field = u.CreatedAt, "created_at"
		}
		t, zone, err := stamp(shown, at(field, "incident_updates", i))
		if err != nil {
			return err
		}
		text := name + " " + cmp.Or(u.Status, "update")
		if body := strings.TrimSpace(u.Body); body != "" {
			text += ": " + body
		}
		e := hindsight.Event{Time: t, TimeText: shown, Zone: zone, Source: Name,
			Ref: id + "/" + cmp.Or(u.ID, fmt.Sprint(i+1)), Kind: hindsight.KindStatus, Text: text}
		if field == "display_at" && u.CreatedAt != "" {
			posted, _, err := stamp(u.CreatedAt, at("created_at", "incident_updates", i))
			if err != nil {
				return err
			}
			if posted.Sub(t) > backdate {
				e.Flags = append(e.Flags, evidence.FlagBackdated)
				e.Text += fmt.Sprintf(" (posted %s)", u.CreatedAt)
			}
		}
		b.Events = append(b.Events, e)
	}
	return nil
}
