// Package webhook reads the alert notification payloads that Prometheus
// Alertmanager (version "4") and Grafana unified alerting (version "1",
// the same shape plus title, state, message and values) post to webhooks.
// Packages alertmanager and grafana are thin fronts over it.
package webhook

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
)

// Payload is one webhook notification: a group of alerts.
type Payload struct {
	Version           string            `json:"version"`
	Status            string            `json:"status"`
	Receiver          string            `json:"receiver"`
	CommonLabels      map[string]string `json:"commonLabels"`
	CommonAnnotations map[string]string `json:"commonAnnotations"`
	Alerts            []Alert           `json:"alerts"`
	// Grafana only.
	Title string `json:"title"`
	State string `json:"state"`
	// Legacy Grafana (before unified alerting) sends ruleName and
	// evalMatches and no times at all.
	RuleName    string          `json:"ruleName"`
	EvalMatches json.RawMessage `json:"evalMatches"`
}

// Alert is one alert of a payload.
type Alert struct {
	Status       string            `json:"status"`
	Labels       map[string]string `json:"labels"`
	Annotations  map[string]string `json:"annotations"`
	StartsAt     string            `json:"startsAt"`
	EndsAt       string            `json:"endsAt"`
	GeneratorURL string            `json:"generatorURL"`
	Fingerprint  string            `json:"fingerprint"`
	// Grafana only: the query values that fired the rule.
	Values      map[string]json.RawMessage `json:"values"`
	ValueString string                     `json:"valueString"`
}

// Parse reads a file holding one payload, a JSON array of payloads, or one
// payload per line (NDJSON, as a webhook receiver logs them), and returns
// an alert event at startsAt for every alert and a second one at endsAt
// for every resolved alert. source names the format; what describes it in
// errors.
func Parse(f evidence.File, source, what string) (evidence.Batch, error) {
	var b evidence.Batch
	docs, err := split(f, what)
	if err != nil {
		return b, err
	}
	for _, d := range docs {
		var ps []Payload
		var prefix []any
		if d.array {
			err = json.Unmarshal(d.data, &ps)
		} else {
			ps = make([]Payload, 1)
			err = json.Unmarshal(d.data, &ps[0])
		}
		if err != nil {
			return b, shift(evidence.JSONError(f.Name, d.data, err, what), d.line)
		}
		for i := range ps {
			if d.array {
				prefix = []any{i}
			}
			loc := func(path ...any) int {
				return d.line - 1 + evidence.Locate(d.data, append(slices.Clone(prefix), path...)...)
			}
			if err := events(&b, f.Name, source, what, &ps[i], loc); err != nil {
				return b, err
			}
		}
	}
	return b, nil
}

// doc is one JSON document in the file and the line it starts on.
type doc struct {
	data  []byte
	line  int
	array bool
}

// split finds the JSON documents of the file: the whole file, or one per
// line when the first line is a whole JSON object and more lines follow.
func split(f evidence.File, what string) ([]doc, error) {
	body := bytes.TrimSpace(f.Data)
	if len(body) == 0 {
		return nil, evidence.Errorf(f.Name, 1, "the file is empty; expected %s", what)
	}
	lines := bytes.Split(f.Data, []byte{'\n'})
	first := -1
	count := 0
	for i, l := range lines {
		if len(bytes.TrimSpace(l)) > 0 {
			if first < 0 {
				first = i
			}
			count++
		}
	}
	if body[0] != '{' || count < 2 || !json.Valid(lines[first]) {
		return []doc{{data: f.Data, line: 1, array: body[0] == '['}}, nil
	}
	var docs []doc
	for i, l := range lines {
		if t := bytes.TrimSpace(l); len(t) > 0 {
			docs = append(docs, doc{data: l, line: i + 1, array: t[0] == '['})
		}
	}
	return docs, nil
}

// shift moves a ParseError from a line of a document to a line of the file.
func shift(err error, firstLine int) error {
	if pe, ok := err.(*evidence.ParseError); ok && pe.Line > 0 {
		pe.Line += firstLine - 1
	}
	return err
}

// unset reports whether a webhook time means "none": empty, or Go's zero
// time, which Alertmanager sends as endsAt of a firing alert.
func unset(s string) bool {
	return s == "" || strings.HasPrefix(s, "0001-01-01T00:00:00")
}

func events(b *evidence.Batch, file, source, what string, p *Payload, loc func(...any) int) error {
	if len(p.Alerts) == 0 && (p.RuleName != "" || p.EvalMatches != nil) {
		return evidence.Errorf(file, loc(), "a legacy Grafana alert notification carries no times; expected %s (Grafana 8+ unified alerting)", what)
	}
	if p.Alerts == nil {
		return evidence.Errorf(file, loc(), "no \"alerts\" array; expected %s", what)
	}
	for i := range p.Alerts {
		a := &p.Alerts[i]
		if unset(a.StartsAt) {
			return evidence.Errorf(file, loc("alerts", i), "alert %d: startsAt: expected an RFC 3339 time, got %q", i+1, a.StartsAt)
		}
		at, zone, err := evidence.ParseTime(a.StartsAt)
		if err != nil {
			return evidence.Errorf(file, loc("alerts", i, "startsAt"), "alert %d: startsAt: %v", i+1, err)
		}
		id := a.Fingerprint
		if id == "" {
			id = fingerprint(a.Labels)
		}
		desc := describe(p, a)
		b.Events = append(b.Events, hindsight.Event{
			Time: at, TimeText: a.StartsAt, Zone: zone, Source: source,
			Ref: id + "/firing", Kind: hindsight.KindAlert, Text: "[FIRING] " + desc,
		})
		status := cmp.Or(a.Status, p.Status)
		if status != "resolved" || unset(a.EndsAt) {
			continue
		}
		end, zone, err := evidence.ParseTime(a.EndsAt)
		if err != nil {
			return evidence.Errorf(file, loc("alerts", i, "endsAt"), "alert %d: endsAt: %v", i+1, err)
		}
		b.Events = append(b.Events, hindsight.Event{
			Time: end, TimeText: a.EndsAt, Zone: zone, Source: source,
			Ref: id + "/resolved", Kind: hindsight.KindAlert, Text: "[RESOLVED] " + desc,
		})
	}
	return nil
}

// describe says which alert it is: "ProbeFailure (critical): summary",
// plus the values that fired a Grafana rule.
func describe(p *Payload, a *Alert) string {
	label := func(k string) string { return cmp.Or(a.Labels[k], p.CommonLabels[k]) }
	note := func(k string) string {
		return strings.TrimSpace(cmp.Or(a.Annotations[k], p.CommonAnnotations[k]))
	}
	text := cmp.Or(label("alertname"), label("__alert_rule_title__"), p.Title, "alert")
	if sev := label("severity"); sev != "" {
		text += " (" + sev + ")"
	}
	if s := cmp.Or(note("summary"), note("description"), note("message")); s != "" {
		text += ": " + s
	}
	if len(a.Values) > 0 {
		var vs []string
		for _, k := range slices.Sorted(maps.Keys(a.Values)) {
			vs = append(vs, k+"="+string(a.Values[k]))
		}
		text += " [" + strings.Join(vs, " ") + "]"
	} else if a.ValueString != "" {
		text += " [" + a.ValueString + "]"
	}
	return text
}

// fingerprint stands in for the fingerprint older Alertmanagers do not
// send: a hash of the sorted labels, which is what identifies an alert.
func fingerprint(labels map[string]string) string {
	h := fnv.New64a()
	for _, k := range slices.Sorted(maps.Keys(labels)) {
		fmt.Fprintf(h, "%s=%s\x00", k, labels[k])
	}
	return "labels-" + strconv.FormatUint(h.Sum64(), 16)
}
