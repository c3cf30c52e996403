package kube

import (
	"os"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidencetest"
)

func TestParse(t *testing.T) {
	data, err := os.ReadFile("testdata/events.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(evidence.File{Name: "events.json", Data: data}, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	evidencetest.Check(t, Name, b)
	wants := []struct{ ref, text, at string }{
		// lastTimestamp wins over firstTimestamp; the text keeps the onset.
		{"prod/api-7d9f.17c1a2b3c4d5e6f7", "Warning BackOff Pod prod/api-7d9f: Back-off restarting failed container api in pod api-7d9f_prod(4a1f0e77) (7 times since 2024-05-01T12:02:58Z)", "2024-05-01T12:09:40Z"},
		// eventTime (MicroTime) when the legacy fields are null.
		{"prod/api-8c2e.17c1a2b3c4d5e6f8", "Normal Scheduled Pod prod/api-8c2e: Successfully assigned prod/api-8c2e to node-2", "2024-05-01T12:01:30.412345Z"},
		{"prod/api.17c1a2b3c4d5e6f9", "Normal ScalingReplicaSet Deployment prod/api: Scaled up replica set api-8c2e to 3", "2024-05-01T12:00:05Z"},
		// All three null: the object's creation time.
		{"default/node-3.17c1a2b3c4d5e700", "Normal NodeNotReady Node node-3: Node node-3 status is now: NodeNotReady", "2024-05-01T12:10:00Z"},
	}
	if len(b.Events) != len(wants) {
		t.Fatalf("%d events, want %d", len(b.Events), len(wants))
	}
	for i, w := range wants {
		e := b.Events[i]
		if e.Ref != w.ref || e.Text != w.text || e.Time.Format(time.RFC3339Nano) != w.at || e.Kind != hindsight.KindNote {
			t.Errorf("event %d:\n got  %s %q %s %s\n want %s %q %s", i, e.Ref, e.Text, e.Time.Format(time.RFC3339Nano), e.Kind, w.ref, w.text, w.at)
		}
	}
}

func TestShapes(t *testing.T) {
	one := `{"kind":"Event","metadata":{"name":"e1","namespace":"ns"},"reason":"Killing","type":"Normal","message":"Stopping container api","lastTimestamp":"2024-05-01T12:00:00Z","involvedObject":{"kind":"Pod","name":"p"}}`
	v1 := `{"kind":"EventList","apiVersion":"events.k8s.io/v1","items":[{"metadata":{"name":"e2","namespace":"ns"},"regarding":{"kind":"Pod","name":"p","namespace":"ns"},"note":"Pulled image","reason":"Pulled","type":"Normal","eventTime":"2024-05-01T12:00:00.000001Z","deprecatedCount":3}]}`
	tests := []struct{ name, data, text string }{
		{"single event", one, "Normal Killing Pod p: Stopping container api"},
		{"bare array", "[" + one + "]", "Normal Killing Pod p: Stopping container api"},
		{"events.k8s.io/v1", v1, "Normal Pulled Pod ns/p: Pulled image (3 times)"},
	}
	for _, tt := range tests {
		b, err := Parse(evidence.File{Name: "k.json", Data: []byte(tt.data)}, evidence.Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(b.Events) != 1 || b.Events[0].Text != tt.text {
			t.Errorf("%s: %+v", tt.name, b.Events)
		}
	}
}

func TestErrors(t *testing.T) {
	evidencetest.Errors(t, "k.json", Parse, [][3]string{
		{"no items", `{"kind": "List"}`, `k.json:1: no "items" array`},
		{"no time", "{\"kind\": \"List\", \"items\": [\n  {\"reason\": \"X\", \"eventTime\": null, \"lastTimestamp\": null}]}", "k.json:2: event 1: no time"},
		{"bad time", "{\"kind\": \"List\", \"items\": [{\"eventTime\": \"2024-05-01T12:00:00Z\"},\n  {\"reason\": \"X\", \"lastTimestamp\": \"noon\"}]}", "k.json:2: event 2: lastTimestamp: expected an RFC 3339 time"},
		{"count type", "{\"items\": [\n{\"count\": \"7\"}]}", "k.json:2: items.count: expected a number, not a JSON string"},
	})
}

func FuzzParse(f *testing.F) {
	evidencetest.Seed(f, "events.json")
	f.Add([]byte(`[{"kind":"Event","eventTime":"2024-05-01T12:00:00Z"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(evidence.File{Name: "f.json", Data: data}, evidence.Options{})
		evidencetest.Fuzz(t, Name, b, err)
	})
}
