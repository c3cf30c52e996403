// Package kube imports Kubernetes events as `kubectl get events -o json`
// writes them ({"kind": "List", "items": […]}, or the API's EventList),
// a bare array of events, or a single Event; events.k8s.io/v1 events
// (regarding, note, deprecated* fields) are read too.
//
// The time of an event is eventTime, else lastTimestamp, else
// firstTimestamp, else metadata.creationTimestamp: any of them may be
// null. A repeated event (count > 1) says how often and since when.
// Kubernetes events are observations of the cluster, not alerts anyone
// was paged for, so every one is a KindNote event whose text starts with
// its type (Normal or Warning) and reason. The API server keeps events for
// about an hour: export them right after an incident.
package kube

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
)

// Name is the format name used by sniffing, --format and Event.Source.
const Name = "kube"

type objectRef struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
}

type event struct {
	Kind     string `json:"kind"`
	Metadata struct {
		Name              string `json:"name"`
		Namespace         string `json:"namespace"`
		UID               string `json:"uid"`
		CreationTimestamp string `json:"creationTimestamp"`
	} `json:"metadata"`
	InvolvedObject           *objectRef `json:"involvedObject"`
	Regarding                *objectRef `json:"regarding"`
	Reason                   string     `json:"reason"`
	Message                  string     `json:"message"`
	Note                     string     `json:"note"`
	Type                     string     `json:"type"`
	Count                    int        `json:"count"`
	DeprecatedCount          int        `json:"deprecatedCount"`
	EventTime                string     `json:"eventTime"`
	LastTimestamp            string     `json:"lastTimestamp"`
	FirstTimestamp           string     `json:"firstTimestamp"`
	DeprecatedLastTimestamp  string     `json:"deprecatedLastTimestamp"`
	DeprecatedFirstTimestamp string     `json:"deprecatedFirstTimestamp"`
}

type list struct {
	Kind  string  `json:"kind"`
	Items []event `json:"items"`
}

const what = `Kubernetes events JSON: {"kind": "List", "items": […]} as kubectl get events -o json writes it, an array of events, or one Event`

// Parse imports one file of Kubernetes events.
func Parse(f evidence.File, _ evidence.Options) (evidence.Batch, error) {
	var items []event
	var prefix []any
	body := bytes.TrimSpace(f.Data)
	switch {
	case len(body) > 0 && body[0] == '[':
		if err := evidence.DecodeJSON(f.Name, f.Data, &items, what); err != nil {
			return evidence.Batch{}, err
		}
	default:
		var l list
		if err := evidence.DecodeJSON(f.Name, f.Data, &l, what); err != nil {
			return evidence.Batch{}, err
		}
		if l.Kind == "Event" {
			var one event
			if err := evidence.DecodeJSON(f.Name, f.Data, &one, what); err != nil {
				return evidence.Batch{}, err
			}
			items = []event{one}
			break
		}
		if l.Items == nil {
			return evidence.Batch{}, evidence.Errorf(f.Name, 1, "no \"items\" array; expected %s", what)
		}
		items, prefix = l.Items, []any{"items"}
	}
	var b evidence.Batch
	for i := range items {
		e, err := convert(&items[i])
		if err != nil {
			path := append(append([]any{}, prefix...), i)
			if len(prefix) == 0 && len(items) == 1 && body[0] == '{' {
				path = nil
			}
			return b, evidence.Errorf(f.Name, evidence.Locate(f.Data, path...), "event %d: %v", i+1, err)
		}
		if e.Ref == "" {
			e.Ref = fmt.Sprintf("%s:%d", f.Name, evidence.Locate(f.Data, append(append([]any{}, prefix...), i)...))
		}
		b.Events = append(b.Events, e)
	}
	return b, nil
}

// null reports whether a time was null or absent, which decode alike.
func null(s string) bool { return s == "" }

func convert(k *event) (hindsight.Event, error) {
	var stamp, field string
	for _, c := range []struct{ v, name string }{
		{k.EventTime, "eventTime"},
		{k.LastTimestamp, "lastTimestamp"},
		{k.DeprecatedLastTimestamp, "deprecatedLastTimestamp"},
		{k.FirstTimestamp, "firstTimestamp"},
		{k.DeprecatedFirstTimestamp, "deprecatedFirstTimestamp"},
		{k.Metadata.CreationTimestamp, "metadata.creationTimestamp"},
	} {
		if !null(c.v) {
			stamp, field = c.v, c.name
			break
		}
	}
	if stamp == "" {
		return hindsight.Event{}, fmt.Errorf("no time: eventTime, lastTimestamp, firstTimestamp and metadata.creationTimestamp are all null")
	}
	at, zone, err := evidence.ParseTime(stamp)
	if err != nil {
		return hindsight.Event{}, fmt.Errorf("%s: %v", field, err)
	}
	obj := k.InvolvedObject
	if obj == nil {
		obj = k.Regarding
	}
	var text strings.Builder
	text.WriteString(cmp.Or(k.Type, "Normal"))
	if k.Reason != "" {
		text.WriteString(" " + k.Reason)
	}
	if obj != nil && obj.Name != "" {
		text.WriteString(" " + cmp.Or(obj.Kind, "object") + " ")
		if obj.Namespace != "" {
			text.WriteString(obj.Namespace + "/")
		}
		text.WriteString(obj.Name)
	}
	if msg := strings.TrimSpace(cmp.Or(k.Message, k.Note)); msg != "" {
		text.WriteString(": " + msg)
	}
	if n := cmp.Or(k.Count, k.DeprecatedCount); n > 1 {
		first := cmp.Or(k.FirstTimestamp, k.DeprecatedFirstTimestamp)
		if !null(first) && first != stamp {
			fmt.Fprintf(&text, " (%d times since %s)", n, first)
		} else {
			fmt.Fprintf(&text, " (%d times)", n)
		}
	}
	ref := k.Metadata.UID
	if k.Metadata.Name != "" {
		ref = cmp.Or(k.Metadata.Namespace, "default") + "/" + k.Metadata.Name
	}
	return hindsight.Event{
		Time: at, TimeText: stamp, Zone: zone, Source: Name, Ref: ref,
		Kind: hindsight.KindNote, Text: text.String(),
	}, nil
}
