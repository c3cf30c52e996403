package slack

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidencetest"
)

func exportDir() fs.FS { return os.DirFS("testdata/export") }

// byRef indexes events for assertions.
func byRef(b evidence.Batch) map[string]hindsight.Event {
	m := map[string]hindsight.Event{}
	for _, e := range b.Events {
		m[e.Ref] = e
	}
	return m
}

func TestParseExport(t *testing.T) {
	b, err := Parse(evidence.File{Name: "export", FS: exportDir()}, evidence.Options{Channel: "#incident-db"})
	if err != nil {
		t.Fatal(err)
	}
	evidencetest.Check(t, Name, b)
	if len(b.Events) != 8 {
		for _, e := range b.Events {
			t.Logf("%s %s: %s", e.Ref, e.Actor, e.Text)
		}
		t.Fatalf("got %d events, want 8 (leaves skipped, the edit record folded in)", len(b.Events))
	}
	ev := byRef(b)
	tests := []struct {
		ref, actor, text string
		flags            []string
	}{
		{"incident-db/1714564985.000200", "PagerDuty", "Triggered #1234: API p99 latency > 2s", nil},
		{"incident-db/1714564900.000100", "amara.o", "@amara.o has joined the channel", nil},
		{"incident-db/1714565071.279035", "amara.o", "db primary failing over, @Jin Park can you look at replication lag?", nil},
		{"incident-db/1714565100.000100", "Jin Park", "[re: db primary failing over, @Jin Park can you look…] replica promoted & lag is 0, see the DB dashboard (https://grafana.example.com/d/db)", nil},
		{"incident-db/1714565160.000400", "liwei", "[re: db primary failing over, @Jin Park can you look…] writes are back, discussing in #general too", []string{evidence.FlagEdited}},
		{"incident-db/1714565220.000500", "Jin Park", "rolling back deploy 42 (v1.8.2 -> v1.8.1)", []string{evidence.FlagEdited}},
		{"incident-db/1714565400.000700", "amara.o", "[file: p99 latency graph]", nil},
		{"incident-db/1714565460.000800", "sam-contractor", "@here status page updated", nil},
	}
	for _, tt := range tests {
		e, ok := ev[tt.ref]
		if !ok {
			t.Errorf("no event %s", tt.ref)
			continue
		}
		if e.Actor != tt.actor || e.Text != tt.text || strings.Join(e.Flags, ",") != strings.Join(tt.flags, ",") {
			t.Errorf("%s:\n got  %q %q %v\n want %q %q %v", tt.ref, e.Actor, e.Text, e.Flags, tt.actor, tt.text, tt.flags)
		}
		kind := hindsight.KindMessage
		if strings.HasSuffix(tt.text, "has joined the channel") {
			kind = hindsight.KindNote
		}
		if e.Kind != kind || e.Zone != "UTC" || e.TimeText != strings.TrimPrefix(tt.ref, "incident-db/") {
			t.Errorf("%s: kind %s zone %s time text %s", tt.ref, e.Kind, e.Zone, e.TimeText)
		}
	}
	if got, want := ev["incident-db/1714565071.279035"].Time, time.Date(2024, 5, 1, 12, 4, 31, 279035000, time.UTC); !got.Equal(want) {
		t.Errorf("ts read as %v, want %v (exact microseconds)", got, want)
	}
	ids := map[string]evidence.Identity{}
	for _, id := range b.Identities {
		ids[id.Name] = id
	}
	if id := ids["amara.o"]; id.Handle != "amara" || id.RealName != "Amara Okafor" || id.Email != "amara@example.com" || id.Bot {
		t.Errorf("amara's identity: %+v", id)
	}
	if id := ids["PagerDuty"]; !id.Bot {
		t.Errorf("the PagerDuty bot is not marked as a bot: %+v", id)
	}
	if id, ok := ids["sam-contractor"]; !ok || id.Handle != "sguest" {
		t.Errorf("the guest's identity from user_profile: %+v", id)
	}
}

func TestPickChannel(t *testing.T) {
	tests := []struct {
		channel string
		events  int
		err     string
	}{
		{"", 0, "the export has 2 channels (general, incident-db); choose one with --channel"},
		{"nope", 0, `no channel "nope" in the export; it has general, incident-db`},
		{"incident-db", 8, ""},
		{"C01INC", 8, ""},
		{"general", 2, ""},
		{"general, #incident-db", 10, ""},
		{"*", 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.channel, func(t *testing.T) {
			b, err := Parse(evidence.File{Name: "export", FS: exportDir()}, evidence.Options{Channel: tt.channel})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want it to contain %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Events) != tt.events {
				t.Errorf("%d events, want %d", len(b.Events), tt.events)
			}
		})
	}
}

// zipOf packs a folder into a ZIP under prefix, as people do by hand.
func zipOf(t *testing.T, dir, prefix string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		w, err := zw.Create(prefix + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Create("__MACOSX/._users.json"); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseZip(t *testing.T) {
	for _, prefix := range []string{"", "Acme Slack export May 1 2024/"} {
		data := zipOf(t, "testdata/export", prefix)
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		b, err := Parse(evidence.File{Name: "export.zip", FS: zr}, evidence.Options{Channel: "incident-db"})
		if err != nil {
			t.Fatalf("prefix %q: %v", prefix, err)
		}
		if len(b.Events) != 8 {
			t.Errorf("prefix %q: %d events, want 8", prefix, len(b.Events))
		}
	}
}

func TestParseDayFile(t *testing.T) {
	data, err := os.ReadFile("testdata/export/incident-db/2024-05-01.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(evidence.File{Name: "incident-db/2024-05-01.json", Data: data}, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	evidencetest.Check(t, Name, b)
	ev := byRef(b)
	// Without users.json, ids stay ids unless the message carries a profile.
	if e := ev["incident-db/1714565071.279035"]; e.Actor != "amara.o" || !strings.Contains(e.Text, "@U01BBBB2") {
		t.Errorf("day file on its own: %q %q", e.Actor, e.Text)
	}
	if e := ev["incident-db/1714565100.000100"]; e.Actor != "U01BBBB2" {
		t.Errorf("unknown user: actor %q, want the id", e.Actor)
	}
}

func TestParseErrors(t *testing.T) {
	users := &fstest.MapFile{Data: []byte(`[{"id":"U1","name":"a"}]`)}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"bad ts", fstest.MapFS{
			"users.json":          users,
			"inc/2024-05-01.json": {Data: []byte("[\n {\"type\":\"message\",\"ts\":\"1714565071.1\"},\n {\"type\":\"message\",\"ts\":\"yesterday\"}\n]")},
		}, `x/inc/2024-05-01.json:3: message 2: ts: expected epoch seconds with microseconds`},
		{"truncated", fstest.MapFS{
			"users.json":          users,
			"inc/2024-05-01.json": {Data: []byte("[\n {\"type\":\"message\",\"ts\":\"1714565071.1\",\n")},
		}, `x/inc/2024-05-01.json:3: the file is truncated`},
		{"not an array", fstest.MapFS{
			"users.json":          users,
			"inc/2024-05-01.json": {Data: []byte(`{"messages": []}`)},
		}, `x/inc/2024-05-01.json:1: expected a JSON array of Slack messages, not a JSON object`},
		{"bad users", fstest.MapFS{
			"users.json":          {Data: []byte("[\n{\"id\": 7}]")},
			"inc/2024-05-01.json": {Data: []byte(`[]`)},
		}, `x/users.json:2: id: expected a string, not a JSON number`},
		{"no export", fstest.MapFS{"a/b.txt": {Data: []byte("hi")}}, "x: not a Slack export"},
		{"no messages", fstest.MapFS{"users.json": users}, "x: the export holds no messages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(evidence.File{Name: "x", FS: tt.fsys}, evidence.Options{})
			var pe *evidence.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n %s\nwant it to start with\n %s", err, tt.want)
			}
		})
	}
}

func TestParseTS(t *testing.T) {
	tests := []struct {
		ts   string
		want time.Time
		ok   bool
	}{
		{"1355517523.000005", time.Unix(1355517523, 5000).UTC(), true},
		{"1355517523", time.Unix(1355517523, 0).UTC(), true},
		{"1355517523.5", time.Unix(1355517523, 500000000).UTC(), true},
		{"", time.Time{}, false},
		{"-1.0", time.Time{}, false},
		{"1e9", time.Time{}, false},
		{"1355517523.-5", time.Time{}, false},
		{"99999999999999.1", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := parseTS(tt.ts)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseTS(%q) = %v, %v; want %v ok=%v", tt.ts, got, err, tt.want, tt.ok)
		}
	}
}

func TestPlain(t *testing.T) {
	ex := &export{
		users:        map[string]*user{"U1": {ID: "U1", Name: "amara"}},
		channelNames: map[string]string{"C1": "incident"},
	}
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<@U1> and <@U2|bob> and <@U3>", "@amara and @bob and @U3"},
		{"see <#C1> or <#C2|ops>", "see #incident or #ops"},
		{"<https://x.example/a|dash> <https://x.example/b> <https://x.example|x.example>", "dash (https://x.example/a) https://x.example/b https://x.example"},
		{"<mailto:a@example.com|a@example.com>", "a@example.com"},
		{"<!here> <!channel> <!subteam^S1|@sre>", "@here @channel @sre"},
		{"<!date^1714565071^{date}|May 1st>", "May 1st"},
		{"a &lt;b&gt; &amp;amp; c", "a <b> &amp; c"},
		{"unclosed <https://x", "unclosed <https://x"},
	}
	for _, tt := range tests {
		if got := ex.plain(tt.in, func(evidence.Identity) {}); got != tt.want {
			t.Errorf("plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, p := range []string{"testdata/export/incident-db/2024-05-01.json", "testdata/export/users.json"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`[{"ts":"1.1","text":"<@U1|"}]`))
	users, _ := os.ReadFile("testdata/export/users.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(evidence.File{Name: "c/2024-05-01.json", Data: data}, evidence.Options{})
		evidencetest.Fuzz(t, Name, b, err)
		fsys := fstest.MapFS{"users.json": {Data: users}, "c/2024-05-01.json": {Data: data}}
		b, err = Parse(evidence.File{Name: "x", FS: fsys}, evidence.Options{Channel: "*"})
		evidencetest.Fuzz(t, Name, b, err)
	})
}
