package ingest_test

import (
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight/examples"
	"github.com/hindsight-sre/hindsight/ingest"
)

// TestCheckoutLatencyExample imports every evidence file of the bundled
// example and checks the key moments its README lists, in UTC, so that
// the importers and the example agree to the second.
func TestCheckoutLatencyExample(t *testing.T) {
	ex, err := fs.Sub(examples.FS, examples.CheckoutLatency)
	if err != nil {
		t.Fatal(err)
	}
	slack, err := fs.Sub(ex, "slack")
	if err != nil {
		t.Fatal(err)
	}
	files := []ingest.File{{Name: "slack", FS: slack}}
	for _, name := range []string{"pagerduty/incident.json", "pagerduty/log_entries.json", "alertmanager/webhook.json",
		"github/deployments.json", "github/deployment_statuses.json", "gitlog/config-repo.log",
		"statuspage/incident.json", "notes.txt"} {
		data, err := fs.ReadFile(ex, name)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, ingest.File{Name: name, Data: data})
	}
	res, err := ingest.Import(files, ingest.Options{Channel: "inc-2026-10-14-checkout"})
	if err != nil {
		t.Fatal(err)
	}
	wantFormats := "slack pagerduty pagerduty alertmanager github github gitlog statuspage notes"
	var formats []string
	for _, f := range res.Files {
		formats = append(formats, f.Format)
	}
	if got := strings.Join(formats, " "); got != wantFormats {
		t.Errorf("sniffed %s, want %s", got, wantFormats)
	}
	at := func(source, ref string) time.Time {
		for _, e := range res.Events {
			if e.Source == source && e.Ref == ref {
				return e.Time
			}
		}
		t.Errorf("no %s event %s", source, ref)
		return time.Time{}
	}
	moments := []struct {
		what, source, ref, utc string
	}{
		{"config change merged", "gitlog", "b567251e56fcd3aa8ad6aeeb8a02a2d752e26eff", "2026-10-14T08:41:17Z"},
		{"canary deploy created", "github", "canary/deployment/2194790233", "2026-10-14T08:52:03Z"},
		{"bad deploy created", "github", "production/deployment/2194826417", "2026-10-14T09:36:02Z"},
		{"latency warning fires", "alertmanager", "7c1f2e9a4b5d3e08/firing", "2026-10-14T10:44:18.604Z"},
		{"alert firing", "alertmanager", "b3e8d2a91f0c6e47/firing", "2026-10-14T11:01:53.117Z"},
		{"page", "pagerduty", "R0TRG8YB6N2K4C", "2026-10-14T11:02:24Z"},
		{"ack", "pagerduty", "R0ACK4TZ9B3N5J", "2026-10-14T11:04:07Z"},
		{"Slack channel opened", "slack", "inc-2026-10-14-checkout/1791975910.418203", "2026-10-14T11:05:10.418203Z"},
		{"Statuspage investigating", "statuspage", "k7w2x9b1r4hd/p4n7t2y9g5lc", "2026-10-14T11:08:40.512Z"},
		{"incident commander assigned (Slack)", "slack", "inc-2026-10-14-checkout/1791976170.655720", "2026-10-14T11:09:30.65572Z"},
		{"incident commander assigned (notes, 13:09 CEST)", "notes", "notes.txt:9", "2026-10-14T11:09:00Z"},
		{"revert merged", "gitlog", "f18df68ebd63837ea63b7e0adfe42e57dc18e737", "2026-10-14T11:17:02Z"},
		{"rollback deploy created", "github", "production/deployment/2194871105", "2026-10-14T11:17:40Z"},
		{"alert resolved", "alertmanager", "b3e8d2a91f0c6e47/resolved", "2026-10-14T11:29:23.117Z"},
		{"incident resolved (Slack)", "slack", "inc-2026-10-14-checkout/1791978090.326774", "2026-10-14T11:41:30.326774Z"},
		{"incident resolved (notes, 1:41 PM CEST)", "notes", "notes.txt:23", "2026-10-14T11:41:00Z"},
	}
	for _, m := range moments {
		if got := at(m.source, m.ref); got.Format(time.RFC3339Nano) != m.utc {
			t.Errorf("%s: %s, want %s", m.what, got.Format(time.RFC3339Nano), m.utc)
		}
	}
	// The notes say "All times CEST unless a line says otherwise", carry
	// their date in the title, and write "1:12" among AM/PM and 24-hour
	// times: that one is flagged, the others are not.
	for _, e := range res.Events {
		if e.Source != "notes" {
			continue
		}
		flagged := len(e.Flags) > 0
		if want := e.Ref == "notes.txt:12" || e.Ref == "notes.txt:22"; flagged != want {
			t.Errorf("%s %q: flags %v", e.Ref, e.TimeText, e.Flags)
		}
	}
	// Every person the evidence names is an identity, and the roster
	// covers every one of them by handle, name or alias.
	f, err := ex.Open("roster.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	people, err := ingest.ReadRoster(f)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, p := range people {
		for _, s := range append([]string{p.Handle, p.Name}, p.Aliases...) {
			known[strings.ToLower(s)] = true
		}
	}
	for _, id := range res.Identities {
		if !known[strings.ToLower(id.Name)] && !known[strings.ToLower(id.Handle)] && !known[strings.ToLower(id.Email)] {
			t.Errorf("identity %+v is not on the example's roster", id)
		}
	}
}
