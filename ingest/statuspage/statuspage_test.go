package statuspage

import (
	"os"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidencetest"
)

func TestParse(t *testing.T) {
	type want struct {
		ref, text, at string
		backdated     bool
	}
	tests := []struct {
		file, data string
		wants      []want
	}{
		{file: "incidents.json", wants: []want{
			{"z3lct0r596n4/u4", `Status page "Database query delays" resolved: This incident has been resolved.`, "2024-05-01T12:45:10Z", false},
			// A minute's difference is posting, not backdating.
			{"z3lct0r596n4/u3", `Status page "Database query delays" monitoring: A fix has been implemented and we are monitoring the results.`, "2024-05-01T12:30:00Z", false},
			{"z3lct0r596n4/u2", `Status page "Database query delays" identified: The issue has been identified: a database failover is in progress. (posted 2024-05-01T12:15:00.000Z)`, "2024-05-01T12:10:00Z", true},
			{"z3lct0r596n4/u1", `Status page "Database query delays" investigating: We are investigating slow responses from the API.`, "2024-05-01T12:04:00.507Z", false},
		}},
		{file: "webhook.json", wants: []want{
			{"lbkhbwn21v5q/drfcwbnpxnr6", `Status page "Checkout errors" investigating: We're investigating elevated checkout errors.`, "2024-05-01T12:04:00Z", false},
		}},
		{file: "bare.json", data: `{"id": "i1", "name": "Login failures", "impact": "minor", "created_at": "2024-05-01T10:00:00Z", "resolved_at": "2024-05-01T11:00:00Z"}`, wants: []want{
			{"i1/created", `Status page "Login failures" opened (impact minor)`, "2024-05-01T10:00:00Z", false},
			{"i1/resolved", `Status page "Login failures" resolved`, "2024-05-01T11:00:00Z", false},
		}},
		{file: "array.json", data: `[{"id": "i2", "incident_updates": [{"id": "a", "status": "scheduled", "body": "", "created_at": "2024-05-01T09:00:00+02:00"}]}]`, wants: []want{
			{"i2/a", "Status page scheduled", "2024-05-01T07:00:00Z", false},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := []byte(tt.data)
			if tt.data == "" {
				var err error
				if data, err = os.ReadFile("testdata/" + tt.file); err != nil {
					t.Fatal(err)
				}
			}
			b, err := Parse(evidence.File{Name: tt.file, Data: data}, evidence.Options{})
			if err != nil {
				t.Fatal(err)
			}
			evidencetest.Check(t, Name, b)
			if len(b.Events) != len(tt.wants) {
				t.Fatalf("%d events, want %d", len(b.Events), len(tt.wants))
			}
			for i, w := range tt.wants {
				e := b.Events[i]
				backdated := len(e.Flags) == 1 && e.Flags[0] == evidence.FlagBackdated
				if e.Ref != w.ref || e.Text != w.text || e.Time.Format(time.RFC3339Nano) != w.at || backdated != w.backdated || e.Kind != hindsight.KindStatus {
					t.Errorf("event %d:\n got  %s %q %s %v\n want %s %q %s %v", i, e.Ref, e.Text, e.Time.Format(time.RFC3339Nano), e.Flags, w.ref, w.text, w.at, w.backdated)
				}
			}
		})
	}
}

func TestErrors(t *testing.T) {
	evidencetest.Errors(t, "s.json", Parse, [][3]string{
		{"other", `{"page": {}}`, "s.json:1: expected Statuspage JSON"},
		{"bad display_at", "{\"incidents\": [{\"incident_updates\": [\n{\"display_at\": \"noon\"}]}]}", "s.json:2: display_at: expected an RFC 3339 time"},
		{"bad created_at", "{\"incident\": {\"incident_updates\": [\n{\"display_at\": \"2024-05-01T12:00:00Z\",\n \"created_at\": \"x\"}]}}", "s.json:3: created_at: expected an RFC 3339 time"},
		{"truncated", "{\"incidents\": [\n", "s.json:2: the file is truncated"},
	})
}

func FuzzParse(f *testing.F) {
	evidencetest.Seed(f, "incidents.json", "webhook.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(evidence.File{Name: "f.json", Data: data}, evidence.Options{})
		evidencetest.Fuzz(t, Name, b, err)
	})
}
