package gitlog

import (
	"os"
	"testing"
	"time"
	_ "time/tzdata" // zones work on machines without a zoneinfo database

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidencetest"
)

func TestParse(t *testing.T) {
	type want struct{ ref, actor, text, at, zone string }
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	tests := []struct {
		file     string
		opts     evidence.Options
		wants    []want
		warnings int
	}{
		{"default.txt", evidence.Options{}, []want{
			{"9f1c2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c", "Jin Park", "Merge pull request #311 from acme/revert-pool-size", "2024-05-01T10:22:10Z", "+02:00"},
			{"a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "Amara Okafor", "Raise pool size to 64 [tag: v1.8.2, prod-2024-05-01]", "2024-05-01T09:40:02Z", "+02:00"},
			{"3c2d1e0aa11bb22cc33dd44ee55ff66778899aab", "dependabot[bot]", "Bump golang.org/x/net from 0.24.0 to 0.25.0", "2024-04-30T16:05:00Z", "-07:00"},
		}, 0},
		// fuller: the commit date (when it landed), not the author date.
		{"fuller.txt", evidence.Options{}, []want{
			{"a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "Amara Okafor", "Raise pool size to 64", "2024-05-01T09:52:10Z", "+02:00"},
		}, 0},
		{"iso.txt", evidence.Options{}, []want{
			{"a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "Amara Okafor", "Raise pool size to 64", "2024-05-01T09:40:02Z", "+02:00"},
			{"3c2d1e0aa11bb22cc33dd44ee55ff66778899aab", "Jin Park", "Add p99 latency alert", "2024-05-01T09:30:00Z", "UTC"},
		}, 0},
		{"machine.txt", evidence.Options{}, []want{
			{"a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "Amara Okafor", "Raise pool size to 64 [tag: v1.8.2]", "2024-05-01T09:52:10Z", "+02:00"},
			{"3c2d1e0aa11bb22cc33dd44ee55ff66778899aab", "Jin Park", "Add p99 latency alert", "2024-05-01T09:31:00Z", "UTC"},
		}, 0},
		// --date=local: no zone; read as UTC and flagged, or in --tz.
		{"local.txt", evidence.Options{}, []want{
			{"a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "Amara Okafor", "Raise pool size to 64", "2024-05-01T11:40:02Z", "UTC"},
		}, 1},
		{"local.txt", evidence.Options{TZ: berlin}, []want{
			{"a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "Amara Okafor", "Raise pool size to 64", "2024-05-01T09:40:02Z", "Europe/Berlin"},
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Parse(evidence.File{Name: tt.file, Data: data}, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			evidencetest.Check(t, Name, b)
			if len(b.Events) != len(tt.wants) || len(b.Warnings) != tt.warnings {
				t.Fatalf("%d events and %d warnings, want %d and %d: %+v", len(b.Events), len(b.Warnings), len(tt.wants), tt.warnings, b.Warnings)
			}
			for i, w := range tt.wants {
				e := b.Events[i]
				if e.Ref != w.ref || e.Actor != w.actor || e.Text != w.text || e.Time.Format(time.RFC3339) != w.at || e.Zone != w.zone || e.Kind != hindsight.KindChange {
					t.Errorf("event %d:\n got  %s %q %q %s %s\n want %s %q %q %s %s", i, e.Ref, e.Actor, e.Text, e.Time.Format(time.RFC3339), e.Zone, w.ref, w.actor, w.text, w.at, w.zone)
				}
				if tt.warnings > 0 && (len(e.Flags) != 1 || e.Flags[0] != evidence.FlagAmbiguousTime) {
					t.Errorf("event %d: flags %v, want the ambiguous-time flag", i, e.Flags)
				}
			}
		})
	}
}

func TestIdentities(t *testing.T) {
	data, _ := os.ReadFile("testdata/default.txt")
	b, err := Parse(evidence.File{Name: "log", Data: data}, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]evidence.Identity{}
	for _, id := range b.Identities {
		got[id.Name] = id
	}
	if id := got["Amara Okafor"]; id.Email != "amara@example.com" || id.Bot {
		t.Errorf("author identity %+v", id)
	}
	if id := got["dependabot[bot]"]; !id.Bot {
		t.Errorf("dependabot is a bot: %+v", id)
	}
}

func TestDateForms(t *testing.T) {
	tests := []struct{ date, want string }{
		{"Wed May 1 12:03:04 2024 +0200", "2024-05-01T10:03:04Z"},
		{"Wed May  1 12:03:04 2024 +0200", "2024-05-01T10:03:04Z"},
		{"Wed May 15 12:03:04 2024 -0000", "2024-05-15T12:03:04Z"},
		{"2024-05-01 12:03:04 +0200", "2024-05-01T10:03:04Z"},
		{"2024-05-01T12:03:04+02:00", "2024-05-01T10:03:04Z"},
		{"Wed, 1 May 2024 12:03:04 +0200", "2024-05-01T10:03:04Z"},
		{"1714557784 +0200", "2024-05-01T10:03:04Z"},
	}
	for _, tt := range tests {
		p := &parser{file: evidence.File{Name: "log"}}
		e, err := p.event(tt.date, 1)
		if err != nil || e.Time.Format(time.RFC3339) != tt.want {
			t.Errorf("%q: %v %v, want %s", tt.date, e.Time, err, tt.want)
		}
	}
}

func TestErrors(t *testing.T) {
	evidencetest.Errors(t, "log", Parse, [][3]string{
		{"oneline", "a84d88e Raise pool size\n", `log:1: expected a "commit <sha>" line`},
		{"no date", "commit a84d88e7\nAuthor: A <a@x>\n\n    msg\n", "log:1: commit a84d88e7 has no Date line"},
		{"short date", "commit a84d88e7\nAuthor: A <a@x>\nDate:   2024-05-01\n\n    msg\n", `log:3: expected a git date with a time, such as "Mon Jan 2 15:04:05 2006 -0700" or --date=iso-strict, got "2024-05-01"`},
		{"relative", "commit a84d88e7\nDate:   2 hours ago\n", `log:2: expected a git date with a time`},
		{"bad header", "commit a84d88e7\nAuthor A\n", `log:2: expected a header line`},
		{"machine fields", "a84d\x1f2024-05-01T11:40:02+02:00\x1e\n", "log:1: expected 7 fields"},
		{"machine second record", "a\x1f2024-05-01T11:40:02Z\x1f\x1fA\x1fa@x\x1f\x1fs\x1e\nb\x1fnope\x1f\x1fA\x1fa@x\x1f\x1fs\x1e\n", `log:2: expected a git date with a time`},
		{"empty", "\n\n", "log:1: no commits found"},
	})
}

func TestSniff(t *testing.T) {
	for _, f := range []string{"default.txt", "fuller.txt", "iso.txt", "machine.txt", "local.txt"} {
		data, _ := os.ReadFile("testdata/" + f)
		if !Sniff(data) {
			t.Errorf("Sniff(%s) = false", f)
		}
	}
	for _, s := range []string{"", "14:32 paged", "commit to the plan\n", `{"commit": "a84d88e"}`} {
		if Sniff([]byte(s)) {
			t.Errorf("Sniff(%q) = true", s)
		}
	}
}

func FuzzParse(f *testing.F) {
	evidencetest.Seed(f, "default.txt", "fuller.txt", "iso.txt", "machine.txt", "local.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(evidence.File{Name: "f.log", Data: data}, evidence.Options{})
		evidencetest.Fuzz(t, Name, b, err)
	})
}
