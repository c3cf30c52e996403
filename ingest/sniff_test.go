package ingest

import (
	"os"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := []struct{ file, want string }{
		{"slack/testdata/export/incident-db/2024-05-01.json", "slack"},
		{"pagerduty/testdata/log_entries.json", "pagerduty"},
		{"pagerduty/testdata/bare_log_entries.json", "pagerduty"},
		{"pagerduty/testdata/incident.json", "pagerduty"},
		{"pagerduty/testdata/notes.json", "pagerduty"},
		{"opsgenie/testdata/logs.json", "opsgenie"},
		{"opsgenie/testdata/notes.json", "opsgenie"},
		{"opsgenie/testdata/alert.json", "opsgenie"},
		{"alertmanager/testdata/firing.json", "alertmanager"},
		{"alertmanager/testdata/resolved.json", "alertmanager"},
		{"alertmanager/testdata/webhook.ndjson", "alertmanager"},
		{"grafana/testdata/grafana.json", "grafana"},
		{"grafana/testdata/legacy.json", "grafana"},
		{"kube/testdata/events.json", "kube"},
		{"github/testdata/deployments.json", "github"},
		{"github/testdata/statuses.json", "github"},
		{"github/testdata/releases.json", "github"},
		{"github/testdata/deployment_status_webhook.json", "github"},
		{"gitlog/testdata/default.txt", "gitlog"},
		{"gitlog/testdata/fuller.txt", "gitlog"},
		{"gitlog/testdata/machine.txt", "gitlog"},
		{"statuspage/testdata/incidents.json", "statuspage"},
		{"statuspage/testdata/webhook.json", "statuspage"},
		{"notes/testdata/scribe.md", "notes"},
		{"notes/testdata/overnight.txt", "notes"},
		{"../examples/checkout-latency/notes.txt", "notes"},
		{"../examples/checkout-latency/logs/checkout-api.log", "logfile"},
		{"../examples/checkout-latency/gitlog/config-repo.log", "gitlog"},
		// Files that are evidence of nothing Hindsight reads.
		{"slack/testdata/export/users.json", ""},
		{"slack/testdata/export/channels.json", ""},
		{"../go.mod", ""},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		if got := Sniff(tt.file, data); got != tt.want {
			t.Errorf("Sniff(%s) = %q, want %q", tt.file, got, tt.want)
		}
		// A head cut in the middle of a value still names the format.
		if cut := len(data) * 2 / 3; tt.want != "" && cut > 200 {
			if got := Sniff(tt.file, data[:cut]); got != tt.want {
				t.Errorf("Sniff(%s, first %d bytes) = %q, want %q", tt.file, cut, got, tt.want)
			}
		}
	}
}

func TestSniffShapes(t *testing.T) {
	tests := []struct{ name, head, want string }{
		{"zip", "PK\x03\x04rest", "slack"},
		{"empty", "", ""},
		{"bom", "\xef\xbb\xbf{\"log_entries\": []}", "pagerduty"},
		{"empty day file", "[]", ""},
		{"statuspage list", `{"page": {"id": "x"}, "incidents": [{"id": "i", "incident_updates": []}]}`, "statuspage"},
		{"pagerduty incidents", `{"incidents": [{"id": "Q", "incident_number": 1, "urgency": "high"}]}`, "pagerduty"},
		{"kube event list", `{"kind": "EventList", "items": []}`, "kube"},
		{"github release", `{"tag_name": "v1", "published_at": "2024-05-01T00:00:00Z"}`, "github"},
		{"not json", `{not json`, ""},
		{"prose", "We had an outage.\nIt was bad.\n", ""},
		{"text log", "2024-05-01T10:00:00Z INFO started\n2024-05-01T10:00:01Z ERROR pool: timed out\n", "logfile"},
		{"json lines log", "{\"time\":\"2024-05-01T10:00:00Z\",\"level\":\"info\",\"msg\":\"started\"}\n" +
			"{\"time\":\"2024-05-01T10:00:01Z\",\"level\":\"error\",\"msg\":\"timed out\"}\n", "logfile"},
		{"typed notes with full stamps", "2024-05-01 10:00 UTC paged the on-call\n2024-05-01 10:05 UTC rolled back\n", "notes"},
	}
	for _, tt := range tests {
		if got := Sniff("x", []byte(tt.head)); got != tt.want {
			t.Errorf("%s: Sniff = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := Sniff("incident/2024-05-01.json", []byte("[]")); got != "slack" {
		t.Errorf("an empty Slack day file, known by its name: %q", got)
	}
}
