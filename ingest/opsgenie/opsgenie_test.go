package opsgenie

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
	type want struct {
		ref   string
		kind  hindsight.EventKind
		actor string
		text  string
		at    string
	}
	tests := []struct {
		file  string
		wants []want
	}{
		{"logs.json", []want{
			{"1714564980120_1714564980120000001", hindsight.KindAlert, "", "Alert created via API", "2024-05-01T12:03:00.12Z"},
			{"1714564982500_1714564982500000002", hindsight.KindPage, "", "Sent [SMS] to amara@example.com", "2024-05-01T12:03:02.5Z"},
			{"1714565111941_1714565111941000003", hindsight.KindAck, "amara@example.com", "Alert acknowledged via web", "2024-05-01T12:05:11.941Z"},
			{"1714565070000_1714565070000000004", hindsight.KindPage, "", "Escalated to [API on-call] next level", "2024-05-01T12:04:30Z"},
			{"1714566000000_1714566000000000005", hindsight.KindNote, "Jin Park", "Added note: replica promoted", "2024-05-01T12:20:00Z"},
			{"1714567270000_1714567270000000006", hindsight.KindStatus, "jin@example.com", "Alert closed via web", "2024-05-01T12:41:10Z"},
		}},
		{"notes.json", []want{
			{"note/1714566300000_1714566300000000001", hindsight.KindNote, "amara@example.com", "Failover complete, watching lag", "2024-05-01T12:25:00Z"},
		}},
		{"alert.json", []want{
			{"alert/70413a06-38d6-4c85-92b8-5ebc900d42e2", hindsight.KindAlert, "", "Opsgenie alert #1791 created: API p99 latency > 2s (P1)", "2024-05-01T12:03:00.12Z"},
			{"alert/70413a06-38d6-4c85-92b8-5ebc900d42e2/ack", hindsight.KindAck, "amara@example.com", "Opsgenie alert #1791 acknowledged by amara@example.com", "2024-05-01T12:05:11.941Z"},
			{"alert/70413a06-38d6-4c85-92b8-5ebc900d42e2/closed", hindsight.KindStatus, "jin@example.com", "Opsgenie alert #1791 closed by jin@example.com", "2024-05-01T12:41:10Z"},
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
				t.Errorf("%d events, want %d", len(b.Events), len(tt.wants))
			}
			for i, w := range tt.wants {
				if i >= len(b.Events) {
					break
				}
				e := b.Events[i]
				if e.Ref != w.ref || e.Kind != w.kind || e.Actor != w.actor || e.Text != w.text || e.Time.Format(time.RFC3339Nano) != w.at {
					t.Errorf("event %d:\n got  %s %s %q %q %s\n want %s %s %q %q %s", i, e.Ref, e.Kind, e.Actor, e.Text, e.Time.Format(time.RFC3339Nano), w.ref, w.kind, w.actor, w.text, w.at)
				}
			}
			for _, id := range b.Identities {
				if strings.Contains(id.Name, "@") && id.Email != id.Name {
					t.Errorf("identity %+v: an e-mail owner should be recorded as the e-mail", id)
				}
			}
		})
	}
}

func TestBareArray(t *testing.T) {
	data := `[{"log": "Alert created via API", "owner": "", "createdAt": "2024-05-01T12:03:00Z", "offset": "1"}]`
	b, err := Parse(evidence.File{Name: "o.json", Data: []byte(data)}, evidence.Options{})
	if err != nil || len(b.Events) != 1 || b.Events[0].Kind != hindsight.KindAlert {
		t.Fatalf("bare array: %v %+v", err, b.Events)
	}
}

func TestErrors(t *testing.T) {
	evidencetest.Errors(t, "o.json", Parse, [][3]string{
		{"no data", `{"took": 1}`, "o.json:1: expected Opsgenie JSON"},
		{"bad time", "{\"data\": [\n{\"log\": \"x\", \"createdAt\": \"12:03\"}]}", `o.json:2: createdAt: expected an RFC 3339 time`},
		{"alert bad time", "{\"data\": {\"tinyId\": \"1\",\n \"createdAt\": \"12:03\"}}", `o.json:2: createdAt: expected an RFC 3339 time`},
		{"wrong type", "{\"data\": [\n{\"log\": 7}]}", "o.json:2: data.log: expected a string, not a JSON number"},
		{"truncated", "{\"data\": [\n{\"log\": \"x\",", "o.json:2: the file is truncated"},
	})
}

func TestKindOf(t *testing.T) {
	tests := map[string]hindsight.EventKind{
		"Alert created via Integration":  hindsight.KindAlert,
		"Alert acknowledged via mobile":  hindsight.KindAck,
		"Alert unacknowledged via web":   hindsight.KindStatus,
		"Alert closed by Auto Close":     hindsight.KindStatus,
		"Sent [voice] to jane":           hindsight.KindPage,
		"Notified [email] jane":          hindsight.KindPage,
		"Escalated to next":              hindsight.KindPage,
		"Alert description updated":      hindsight.KindNote,
		"Added tags [db] to alert":       hindsight.KindNote,
		"Snoozed until 2024-05-01 13:00": hindsight.KindNote,
	}
	for log, want := range tests {
		if got := kindOf(log); got != want {
			t.Errorf("kindOf(%q) = %s, want %s", log, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	evidencetest.Seed(f, "logs.json", "notes.json", "alert.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(evidence.File{Name: "f.json", Data: data}, evidence.Options{})
		evidencetest.Fuzz(t, Name, b, err)
	})
}
