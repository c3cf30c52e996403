package grafana

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidencetest"
)

func TestParse(t *testing.T) {
	data, err := os.ReadFile("testdata/grafana.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(evidence.File{Name: "grafana.json", Data: data}, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	evidencetest.Check(t, Name, b)
	wants := []struct{ ref, text, at, zone string }{
		{"c6eadffa33fcdf37/firing", "[FIRING] High memory usage: This alert was triggered for zone us-1 [B=44.23943737541908 C=1]", "2021-10-12T07:51:03.157076Z", "+02:00"},
		{"bc97ff14869b13e3/firing", "[FIRING] High CPU usage: The system has high CPU usage [[ var='B' labels={} value=70.1 ]]", "2021-10-12T07:56:03.157076Z", "+02:00"},
		{"bc97ff14869b13e3/resolved", "[RESOLVED] High CPU usage: The system has high CPU usage [[ var='B' labels={} value=70.1 ]]", "2021-10-12T08:05:03.157076Z", "+02:00"},
	}
	if len(b.Events) != len(wants) {
		t.Fatalf("%d events, want %d", len(b.Events), len(wants))
	}
	for i, w := range wants {
		e := b.Events[i]
		if e.Ref != w.ref || e.Text != w.text || e.Time.Format(time.RFC3339Nano) != w.at || e.Zone != w.zone || e.Source != Name {
			t.Errorf("event %d:\n got  %s %q %s %s\n want %s %q %s %s", i, e.Ref, e.Text, e.Time.Format(time.RFC3339Nano), e.Zone, w.ref, w.text, w.at, w.zone)
		}
	}
}

func TestLegacyRefused(t *testing.T) {
	data, err := os.ReadFile("testdata/legacy.json")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse(evidence.File{Name: "legacy.json", Data: data}, evidence.Options{})
	var pe *evidence.ParseError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "legacy Grafana alert notification carries no times") {
		t.Errorf("legacy payload: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	evidencetest.Seed(f, "grafana.json", "legacy.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(evidence.File{Name: "f.json", Data: data}, evidence.Options{})
		evidencetest.Fuzz(t, Name, b, err)
	})
}
