package pagerduty

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidencetest"
)

func parseFile(t *testing.T, name string) evidence.Batch {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(evidence.File{Name: name, Data: data}, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	evidencetest.Check(t, Name, b)
	return b
}

type want struct {
	ref   string
	kind  hindsight.EventKind
	actor string
	text  string
	time  string
}

func check(t *testing.T, b evidence.Batch, wants []want) {
	t.Helper()
	got := map[string]hindsight.Event{}
	for _, e := range b.Events {
		got[e.Ref] = e
	}
	if len(b.Events) != len(wants) {
		t.Errorf("%d events, want %d", len(b.Events), len(wants))
	}
	for _, w := range wants {
		e, ok := got[w.ref]
		if !ok {
			t.Errorf("no event %s", w.ref)
			continue
		}
		if e.Kind != w.kind || e.Actor != w.actor || e.Text != w.text || e.Time.Format(time.RFC3339) != w.time {
			t.Errorf("%s:\n got  %s %q %q %s\n want %s %q %q %s", w.ref, e.Kind, e.Actor, e.Text, e.Time.Format(time.RFC3339), w.kind, w.actor, w.text, w.time)
		}
	}
}

func TestLogEntries(t *testing.T) {
	b := parseFile(t, "log_entries.json")
	check(t, b, []want{
		{"R4Q1TRIGGER", hindsight.KindAlert, "", "Triggered through the API: API p99 latency > 2s (api-gateway)", "2024-05-01T12:03:00Z"},
		{"R4Q1ASSIGN", hindsight.KindStatus, "", "Assigned to Amara Okafor.", "2024-05-01T12:03:01Z"},
		{"R4Q1NOTIFY", hindsight.KindPage, "", "Notified Amara Okafor by SMS", "2024-05-01T12:03:05Z"},
		{"R4Q1ESC", hindsight.KindPage, "", "Escalated to Jin Park by PagerDuty (escalation policy level 2)", "2024-05-01T12:04:30Z"},
		{"R4Q1ACK", hindsight.KindAck, "Amara Okafor", "Acknowledged by Amara Okafor", "2024-05-01T12:05:11Z"},
		{"R4Q1NOTE", hindsight.KindNote, "Amara Okafor", "Note added: Replica promoted, writes recovering", "2024-05-01T12:20:02Z"},
		{"R4Q1RESOLVE", hindsight.KindStatus, "Jin Park", "Resolved by Jin Park", "2024-05-01T12:41:10Z"},
		{"R4Q1SNOOZE", hindsight.KindNote, "Amara Okafor", "Something new happened", "2024-05-01T19:30:00Z"},
	})
	var people []string
	for _, id := range b.Identities {
		people = append(people, id.Handle+"="+id.Name+"<"+id.Email+">")
	}
	if got := strings.Join(people, " "); got != "PJINPARK=Jin Park<> PAMARA=Amara Okafor<amara@example.com>" {
		t.Errorf("identities %s", got)
	}
	for _, e := range b.Events {
		if e.Ref == "R4Q1SNOOZE" && (e.Zone != "-07:00" || e.TimeText != "2024-05-01T12:30:00-07:00") {
			t.Errorf("offset time: zone %q text %q", e.Zone, e.TimeText)
		}
	}
}

func TestBareArray(t *testing.T) {
	check(t, parseFile(t, "bare_log_entries.json"), []want{
		{"PVPXJJC", hindsight.KindAlert, "", "Triggered through the website: Martian's are attacking (Test Service)", "2013-03-06T20:28:46Z"},
		{"PKU5VMR", hindsight.KindAck, "Tim Wright", "Acknowledged by Tim Wright", "2013-03-06T20:29:30Z"},
	})
}

func TestIncident(t *testing.T) {
	check(t, parseFile(t, "incident.json"), []want{
		{"incident/Q1DBFAIL", hindsight.KindAlert, "", "PagerDuty incident #1234 triggered: API p99 latency > 2s (urgency high, service api-gateway)", "2024-05-01T12:03:00Z"},
		{"incident/Q1DBFAIL/ack/1", hindsight.KindAck, "Amara Okafor", "PagerDuty incident #1234 acknowledged by Amara Okafor", "2024-05-01T12:05:11Z"},
		{"incident/Q1DBFAIL/resolved", hindsight.KindStatus, "Jin Park", "PagerDuty incident #1234 resolved by Jin Park", "2024-05-01T12:41:10Z"},
	})
}

func TestNotes(t *testing.T) {
	check(t, parseFile(t, "notes.json"), []want{
		{"note/PWL7QXS", hindsight.KindNote, "Amara Okafor", "Failover complete; watching replication lag.", "2024-05-01T12:25:00Z"},
	})
}

func TestErrors(t *testing.T) {
	evidencetest.Errors(t, "pd.json", Parse, [][3]string{
		{"empty", "  \n", "pd.json:1: the file is empty; expected PagerDuty JSON"},
		{"other object", `{"foo": 1}`, "pd.json:1: expected PagerDuty JSON"},
		{"bad time", "{\"log_entries\": [\n {\"id\": \"A\", \"type\": \"trigger_log_entry\", \"created_at\": \"2024-05-01T12:03:00Z\"},\n {\"id\": \"B\", \"type\": \"acknowledge_log_entry\",\n  \"created_at\": \"yesterday\"}]}",
			`pd.json:4: created_at: expected an RFC 3339 time such as 2024-05-01T12:03:04Z, got "yesterday"`},
		{"no type", "[\n{\"id\": \"A\", \"created_at\": \"2024-05-01T12:03:00Z\"}]", "pd.json:2: log entry has no type"},
		{"truncated", "{\"log_entries\": [\n {\"id\": \"A\",", "pd.json:2: the file is truncated"},
		{"syntax", "{\"log_entries\": [\n {\"id\": \"A\" \"type\": 1}]}", "pd.json:2: invalid JSON (invalid character '\"' after object key:value pair)"},
		{"wrong type", "{\"log_entries\": [\n {\"id\": 5}]}", "pd.json:2: log_entries.id: expected a string, not a JSON number"},
		{"bad ack time", "{\"incident\": {\"created_at\": \"2024-05-01T12:03:00Z\",\n \"acknowledgements\": [{\"at\": \"soon\"}]}}", "pd.json:2: at: expected an RFC 3339 time"},
	})
}

func FuzzParse(f *testing.F) {
	evidencetest.Seed(f, "log_entries.json", "bare_log_entries.json", "incident.json", "notes.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(evidence.File{Name: "f.json", Data: data}, evidence.Options{})
		evidencetest.Fuzz(t, Name, b, err)
	})
}
