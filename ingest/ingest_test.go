package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
)

func readAll(t *testing.T, paths ...string) []File {
	t.Helper()
	var files []File
	for _, p := range paths {
		f, err := ReadPath(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

func TestImportSeveralFiles(t *testing.T) {
	files := readAll(t,
		"slack/testdata/export",
		"pagerduty/testdata/log_entries.json",
		"alertmanager/testdata/webhook.ndjson",
		"gitlog/testdata/default.txt",
		"notes/testdata/scribe.md",
	)
	files = append(files, File{Name: "typed.txt", Data: []byte("14:00 used password=hunter2 on db-1\n")})
	res, err := Import(files, Options{Channel: "incident-db", Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), TZ: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []FileSummary{
		{"slack/testdata/export", "slack", 8, 0, 0},
		{"pagerduty/testdata/log_entries.json", "pagerduty", 8, 0, 0},
		{"alertmanager/testdata/webhook.ndjson", "alertmanager", 4, 0, 0},
		{"gitlog/testdata/default.txt", "gitlog", 3, 0, 0},
		{"notes/testdata/scribe.md", "notes", 8, 1, 0},
		{"typed.txt", "notes", 1, 0, 0},
	}
	if len(res.Files) != len(wantFiles) {
		t.Fatalf("files %+v", res.Files)
	}
	for i, w := range wantFiles {
		if res.Files[i] != w {
			t.Errorf("file %d: %+v, want %+v", i, res.Files[i], w)
		}
	}
	// The alert repeated in three notifications is one event.
	if got, want := len(res.Events), 8+8+2+3+8+1; got != want {
		t.Errorf("%d events, want %d", got, want)
	}
	ids := map[string]bool{}
	for i, e := range res.Events {
		if i > 0 && e.Time.Before(res.Events[i-1].Time) {
			t.Errorf("event %d (%s) is out of time order", i, e.Ref)
		}
		if e.ID == "" || ids[e.ID] {
			t.Errorf("event %s: id %q missing or repeated", e.Ref, e.ID)
		}
		ids[e.ID] = true
		if !e.KnownDuring || e.Time.Location() != time.UTC {
			t.Errorf("event %s: known during %v, time %v", e.Ref, e.KnownDuring, e.Time)
		}
		if err := e.Validate(); err != nil {
			t.Error(err)
		}
		if e.Ref == "typed.txt:1" && e.Text != "used password=[REDACTED] on db-1" {
			t.Errorf("secret not redacted: %q", e.Text)
		}
	}
	if len(res.Warnings) != 1 {
		t.Errorf("warnings %+v", res.Warnings)
	}
	sources := map[string]int{}
	for _, id := range res.Identities {
		sources[id.Source]++
	}
	if sources["slack"] != 5 || sources["pagerduty"] != 2 || sources["gitlog"] != 3 {
		t.Errorf("identities by source: %v", sources)
	}
}

func TestImportIsRepeatable(t *testing.T) {
	files := readAll(t, "pagerduty/testdata/log_entries.json", "kube/testdata/events.json")
	a, err := Import(files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Import([]File{files[1], files[0]}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Events) != len(b.Events) {
		t.Fatalf("%d and %d events", len(a.Events), len(b.Events))
	}
	for i := range a.Events {
		if a.Events[i].ID != b.Events[i].ID {
			t.Errorf("event %d: ids %s and %s differ with the file order", i, a.Events[i].ID, b.Events[i].ID)
		}
	}
}

func TestImportAllOrNothing(t *testing.T) {
	files := readAll(t, "pagerduty/testdata/log_entries.json")
	files = append(files, File{Name: "alerts.json", Data: []byte("{\"version\": \"4\", \"alerts\": [\n {\"startsAt\": \"later\"}]}")})
	res, err := Import(files, Options{})
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v is not a *ParseError", err)
	}
	if want := "alerts.json:2: alert 1: startsAt: expected an RFC 3339 time"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want it to start with %q", err, want)
	}
	if len(res.Events) != 0 || len(res.Files) != 0 {
		t.Errorf("a failed import returned %d events", len(res.Events))
	}
	// Front ends show the whole message, as for any invalid input.
	if hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid || hindsight.ErrorMessage(err) != err.Error() {
		t.Errorf("code %s, message %q", hindsight.ErrorCodeOf(err), hindsight.ErrorMessage(err))
	}
}

func TestImportErrors(t *testing.T) {
	export := readAll(t, "slack/testdata/export")[0]
	tests := []struct {
		name  string
		files []File
		opts  Options
		want  string
	}{
		{"unknown format", []File{{Name: "a", Data: []byte("x")}}, Options{Format: "jira"}, `unknown format "jira" (want one of slack, pagerduty`},
		{"cannot tell", []File{{Name: "essay.txt", Data: []byte("We had an outage.\n")}}, Options{}, "essay.txt: cannot tell the evidence format; pass --format (one of slack, pagerduty"},
		{"forced format that does not fit", []File{{Name: "a.json", Data: []byte(`{"log_entries": []}`)}}, Options{Format: "kube"}, `a.json:1: no "items" array`},
		{"folder as another format", []File{export}, Options{Format: "notes"}, "a folder or archive can only be a Slack export"},
		{"several channels", []File{export}, Options{}, "the export has 2 channels (general, incident-db)"},
		{"broken zip", []File{{Name: "x.zip", Data: []byte("PK\x03\x04 not really")}}, Options{}, "x.zip: not a readable ZIP archive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Import(tt.files, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
			if hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid {
				t.Errorf("code %s, want invalid", hindsight.ErrorCodeOf(err))
			}
		})
	}
}

func TestImportForcedFormat(t *testing.T) {
	// Sniffing gives up on notes that open with a long preamble; --format
	// still reads them.
	text := strings.Repeat("Background paragraph without times.\n", 30) + "14:32 paged the on-call engineer\n"
	f := File{Name: "notes.txt", Data: []byte(text)}
	if _, err := Import([]File{f}, Options{Date: time.Now()}); err == nil {
		t.Fatal("sniffing should not take this for notes")
	}
	res, err := Import([]File{f}, Options{Format: "notes", Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), TZ: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != 1 || res.Events[0].Time != time.Date(2024, 5, 1, 14, 32, 0, 0, time.UTC) {
		t.Errorf("%+v", res.Events)
	}
}

func TestImportNoRedact(t *testing.T) {
	f := File{Name: "n.txt", Data: []byte("14:00 token=abc123def456\n")}
	opts := Options{Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), TZ: time.UTC, NoRedact: true}
	res, err := Import([]File{f}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Events[0].Text != "token=abc123def456" {
		t.Errorf("NoRedact changed the text: %q", res.Events[0].Text)
	}
}

// zipOf packs a folder into a ZIP, as a Slack export arrives.
func zipOf(t *testing.T, dir string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		w, err := zw.Create(filepath.ToSlash(rel))
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
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportZip(t *testing.T) {
	data := zipOf(t, "slack/testdata/export")
	// As bytes (an upload in the web UI) and from disk (the CLI).
	res, err := Import([]File{{Name: "upload.zip", Data: data}}, Options{Channel: "general"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != 2 || res.Files[0].Format != "slack" {
		t.Errorf("from bytes: %+v", res.Files)
	}
	path := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := ReadPath(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.FS == nil {
		t.Fatal("ReadPath did not open the ZIP")
	}
	if res, err = Import([]File{f}, Options{Channel: "general"}); err != nil || len(res.Events) != 2 {
		t.Errorf("from disk: %v %+v", err, res.Files)
	}
}

func TestReadPath(t *testing.T) {
	_, err := ReadPath("testdata/does-not-exist.json")
	if hindsight.ErrorCodeOf(err) != hindsight.CodeNotFound {
		t.Errorf("missing file: %v (code %s)", err, hindsight.ErrorCodeOf(err))
	}
	f, err := ReadPath("slack/testdata/export")
	if err != nil || f.FS == nil || f.Data != nil || f.Name != "slack/testdata/export" {
		t.Errorf("folder: %+v %v", f, err)
	}
	f, err = ReadPath("kube/testdata/events.json")
	if err != nil || f.FS != nil || len(f.Data) == 0 {
		t.Errorf("file: %v", err)
	}
}

func TestFormats(t *testing.T) {
	for _, f := range Formats() {
		if f.Name == "" || f.Summary == "" || f.Parse == nil {
			t.Errorf("format %+v is incomplete", f)
		}
	}
	if got := strings.Join(FormatNames(), ","); got != "slack,pagerduty,opsgenie,alertmanager,grafana,kube,github,gitlog,statuspage,logfile,notes" {
		t.Errorf("formats %s", got)
	}
}

// A plain file over StreamAbove is streamed: ReadPath keeps only its head,
// a log is mined from the stream, and any other format still gets bytes.
func TestStreamedFiles(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	start := time.Date(2026, 10, 14, 9, 0, 0, 0, time.UTC)
	for i := 0; b.Len() <= StreamAbove; i++ {
		at := start.Add(time.Duration(i) * 10 * time.Millisecond)
		level, msg := "INFO", "GET /v1/cart 200 12ms req=abc123 pod=api-7f4b9c6d8-49q22 and some padding"
		if at.After(start.Add(40*time.Minute)) && at.Before(start.Add(70*time.Minute)) && i%5 == 0 {
			level, msg = "ERROR", "pool: timed out waiting for connection after 5000ms (active=20 idle=0 waiters=7)"
		}
		b.WriteString(at.Format("2006-01-02T15:04:05.000Z") + " " + level + " [api] " + msg + "\n")
	}
	path := filepath.Join(dir, "api.log")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := ReadPath(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Open == nil || len(f.Data) != SniffSize || f.Size != int64(b.Len()) {
		t.Fatalf("ReadPath of a big file: open %v, %d bytes held, size %d", f.Open != nil, len(f.Data), f.Size)
	}
	var read int64
	res, err := Import([]File{f}, Options{Progress: func(_ string, n, _ int64) { read = n }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files[0].Format != "logfile" || len(res.Events) == 0 || len(res.Patterns) != 1 || read != int64(b.Len()) {
		t.Errorf("streamed log: %+v, %d patterns, progress %d of %d", res.Files, len(res.Patterns), read, b.Len())
	}
	// A format that parses bytes reads the stream whole first.
	notes := "14:32 paged the on-call engineer\n14:40 rolled back\n"
	g := File{Name: "notes.txt", Data: []byte(notes[:10]), Size: int64(len(notes)),
		Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(notes)), nil }}
	res, err = Import([]File{g}, Options{Format: "notes", Date: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)})
	if err != nil || len(res.Events) != 2 {
		t.Errorf("notes from a stream: %v %+v", err, res.Events)
	}
}

// Redacting a log's templates can make two read alike: they become one row.
func TestLogPatternsRedacted(t *testing.T) {
	log := "2024-05-01T10:00:00Z ERROR login failed password=hunter2 user bob\n" +
		"2024-05-01T10:00:01Z ERROR login failed password=s3cret user bob\n" +
		"2024-05-01T10:00:02Z INFO ok\n"
	res, err := Import([]File{{Name: "auth.log", Data: []byte(log)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Patterns {
		if strings.Contains(p.Template, "hunter2") || strings.Contains(p.Template, "s3cret") {
			t.Errorf("a secret survived in %q", p.Template)
		}
	}
	var total int64
	for _, p := range res.Patterns {
		total += p.Count
	}
	if total != 2 {
		t.Errorf("patterns %+v", res.Patterns)
	}
}
