package github

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
	type want struct{ ref, actor, text, at string }
	tests := []struct {
		file     string
		wants    []want
		warnings int
	}{
		{"deployments.json", []want{
			{"production/deployment/42", "amara-o", "acme/api deployment 42 to production created: v1.8.2 (a84d88e) — Raise pool size to 64", "2024-05-01T11:58:00Z"},
			{"production/deployment/43", "github-actions[bot]", "acme/api deployment 43 to production created: v1.8.1 (9f1c2b3) [deploy:rollback]", "2024-05-01T12:22:40Z"},
		}, 0},
		{"statuses.json", []want{
			{"production/deployment/42/status/1001", "github-actions[bot]", "acme/api deployment 42 to production: success — Deployment finished successfully. (https://ci.example.com/run/9)", "2024-05-01T12:01:30Z"},
			{"production/deployment/42/status/1000", "github-actions[bot]", "acme/api deployment 42 to production: in_progress (https://ci.example.com/run/9)", "2024-05-01T11:58:05Z"},
		}, 0},
		{"releases.json", []want{
			{"release/v1.8.2", "jpark", "acme/api release v1.8.2 published: v1.8.2: connection pool tuning", "2024-05-01T11:52:10Z"},
			{"release/v1.9.0-rc1", "jpark", "acme/api release v1.9.0-rc1 published (prerelease)", "2024-05-01T12:05:00Z"},
		}, 1},
		{"deployment_status_webhook.json", []want{
			{"staging/deployment/44/status/2002", "amara-o", "acme/api deployment 44 to staging: failure — Health checks failed (https://ci.example.com/run/11)", "2024-05-01T12:10:00Z"},
		}, 0},
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
			if len(b.Events) != len(tt.wants) || len(b.Warnings) != tt.warnings {
				t.Fatalf("%d events and %d warnings, want %d and %d", len(b.Events), len(b.Warnings), len(tt.wants), tt.warnings)
			}
			for i, w := range tt.wants {
				e := b.Events[i]
				if e.Ref != w.ref || e.Actor != w.actor || e.Text != w.text || e.Time.Format(time.RFC3339) != w.at || e.Kind != hindsight.KindDeploy {
					t.Errorf("event %d:\n got  %s %q %q %s %s\n want %s %q %q %s", i, e.Ref, e.Actor, e.Text, e.Time.Format(time.RFC3339), e.Kind, w.ref, w.actor, w.text, w.at)
				}
			}
			for _, id := range b.Identities {
				if id.Bot != strings.HasSuffix(id.Name, "[bot]") {
					t.Errorf("identity %+v: bot flag", id)
				}
			}
		})
	}
}

func TestErrors(t *testing.T) {
	evidencetest.Errors(t, "g.json", Parse, [][3]string{
		{"unknown object", "[\n{\"id\": 1, \"created_at\": \"2024-05-01T12:00:00Z\"}]", "g.json:2: expected a deployment (sha, environment), a deployment status (state) or a release (tag_name)"},
		{"bad time", "[{\"id\": 1, \"state\": \"success\",\n \"created_at\": \"yesterday\"}]", "g.json:2: created_at: expected an RFC 3339 time"},
		{"no time", "[\n{\"id\": 1, \"state\": \"success\"}]", "g.json:2: created_at: expected an RFC 3339 time"},
		{"id type", "[{\"id\": \"42\"}]", "g.json:1: id: expected a number, not a JSON string"},
	})
}

func FuzzParse(f *testing.F) {
	evidencetest.Seed(f, "deployments.json", "statuses.json", "releases.json", "deployment_status_webhook.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(evidence.File{Name: "f.json", Data: data}, evidence.Options{})
		evidencetest.Fuzz(t, Name, b, err)
	})
}
