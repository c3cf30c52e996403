package alertmanager

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidencetest"
)

func TestParse(t *testing.T) {
	type want struct{ ref, text, at, zone string }
	tests := []struct {
		file  string
		wants []want
	}{
		{"firing.json", []want{
			{"1a30ba71cca2921f/firing", "[FIRING] ProbeFailure (critical): BlackBox Probe Failure: https://api", "2023-02-06T13:08:45.828Z", "UTC"},
		}},
		{"resolved.json", []want{
			{"1a30ba71cca2921f/firing", "[FIRING] ProbeFailure (critical): BlackBox Probe Failure: https://api", "2023-02-06T13:08:45.828Z", "UTC"},
			{"1a30ba71cca2921f/resolved", "[RESOLVED] ProbeFailure (critical): BlackBox Probe Failure: https://api", "2023-02-06T13:21:15.828Z", "UTC"},
			// A firing alert's endsAt is Prometheus' guess, not a resolution.
			{"labels-", "[FIRING] HighErrorRate (warning): 5xx ratio above 5% for 5 minutes", "2023-02-06T13:08:45Z", "+01:00"},
		}},
		{"webhook.ndjson", []want{
			{"aa01/firing", "[FIRING] DiskFull (page): db-1 disk 95% full", "2023-02-06T12:00:00Z", "UTC"},
			{"aa01/firing", "[FIRING] DiskFull (page): db-1 disk 95% full", "2023-02-06T12:00:00Z", "UTC"},
			{"aa01/firing", "[FIRING] DiskFull (page): db-1 disk 95% full", "2023-02-06T12:00:00Z", "UTC"},
			{"aa01/resolved", "[RESOLVED] DiskFull (page): db-1 disk 95% full", "2023-02-06T12:30:00Z", "UTC"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Parse(evidence.File{Name: tt.file, Data: data}, evidence.Options{})
			if err != nil {
				t.Fatal(err)
			}
			evidencetest.Check(t, Name, b)
			if len(b.Events) != len(tt.wants) {
				t.Fatalf("%d events, want %d: %+v", len(b.Events), len(tt.wants), b.Events)
			}
			for i, w := range tt.wants {
				e := b.Events[i]
				if !strings.HasPrefix(e.Ref, w.ref) || e.Text != w.text || e.Time.Format(time.RFC3339Nano) != w.at || e.Zone != w.zone || e.Kind != hindsight.KindAlert {
					t.Errorf("event %d:\n got  %s %q %s %s %s\n want %s %q %s %s", i, e.Ref, e.Text, e.Time.Format(time.RFC3339Nano), e.Zone, e.Kind, w.ref, w.text, w.at, w.zone)
				}
			}
		})
	}
}

func TestErrors(t *testing.T) {
	evidencetest.Errors(t, "am.json", Parse, [][3]string{
		{"empty", "", "am.json:1: the file is empty"},
		{"no alerts", `{"version": "4", "status": "firing"}`, `am.json:1: no "alerts" array`},
		{"bad startsAt", "{\"alerts\": [\n{\"status\": \"firing\",\n \"startsAt\": \"Monday\"}]}", "am.json:3: alert 1: startsAt: expected an RFC 3339 time"},
		{"zero startsAt", "{\"alerts\": [\n{\"startsAt\": \"0001-01-01T00:00:00Z\"}]}", "am.json:2: alert 1: startsAt: expected an RFC 3339 time"},
		{"bad endsAt", "{\"alerts\": [{\"status\": \"resolved\", \"startsAt\": \"2023-02-06T12:00:00Z\",\n\"endsAt\": \"later\"}]}", "am.json:2: alert 1: endsAt"},
		{"ndjson bad line", "{\"alerts\": []}\n{\"alerts\": []}\n{\"alerts\": [}\n", "am.json:3: invalid JSON"},
		{"ndjson bad time", "{\"alerts\": []}\n\n{\"alerts\": [{\"startsAt\": \"x\"}]}\n", "am.json:3: alert 1: startsAt"},
		{"array bad time", "[{\"alerts\": []},\n {\"alerts\": [\n  {\"startsAt\": \"x\"}]}]", "am.json:3: alert 1: startsAt"},
		{"truncated", "{\"alerts\": [\n{\"startsAt\": \"2023", "am.json:2: the file is truncated"},
	})
}

func FuzzParse(f *testing.F) {
	evidencetest.Seed(f, "firing.json", "resolved.json", "webhook.ndjson")
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(evidence.File{Name: "f.json", Data: data}, evidence.Options{})
		evidencetest.Fuzz(t, Name, b, err)
	})
}
