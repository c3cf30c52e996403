package report

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	hindsight "github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/internal/golden"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func newRenderer(t *testing.T) *Renderer {
	t.Helper()
	r, err := New(nil)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return r
}

func render(t *testing.T, r *Renderer, inc *hindsight.Incident, format string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(&buf, inc, format); err != nil {
		t.Fatalf("Render %s: %v", format, err)
	}
	return buf.String()
}

// TestGolden renders the rich and the empty incident in every in-memory
// format and compares with testdata. Together they run every embedded
// template (see TestEveryTemplateIsRendered).
func TestGolden(t *testing.T) {
	r := newRenderer(t)
	for _, tc := range []struct {
		name string
		inc  *hindsight.Incident
	}{
		{"rich", richIncident(t)},
		{"empty", emptyIncident()},
	} {
		for _, format := range []string{"md", "html", "svg"} {
			t.Run(tc.name+"."+format, func(t *testing.T) {
				golden.Assert(t, tc.name+"."+format, []byte(render(t, r, tc.inc, format)))
			})
		}
	}
}

// TestEveryTemplateIsRendered keeps the golden tests honest as templates
// are added: each embedded file must leave a mark in the output of a
// format that TestGolden renders.
func TestEveryTemplateIsRendered(t *testing.T) {
	marks := map[string]struct{ format, mark string }{
		"report.md.tmpl":    {"md", "## Executive Summary"},
		"report.html.tmpl":  {"html", `<section id="summary">`},
		"style.css.tmpl":    {"html", "@media print"},
		"timeline.svg.tmpl": {"svg", `<g class="tl-marker">`},
	}
	names, err := fs.Glob(embedded, "templates/*")
	if err != nil {
		t.Fatal(err)
	}
	r := newRenderer(t)
	inc := richIncident(t)
	for _, name := range names {
		name = strings.TrimPrefix(name, "templates/")
		m, ok := marks[name]
		if !ok {
			t.Errorf("embedded template %s is not covered: add it to this test and to a golden test", name)
			continue
		}
		if out := render(t, r, inc, m.format); !strings.Contains(out, m.mark) {
			t.Errorf("%s output lacks %q, the mark of %s", m.format, m.mark, name)
		}
	}
	if len(names) != len(marks) {
		t.Errorf("%d embedded templates, %d known to this test", len(names), len(marks))
	}
}

// TestRolesNotPeople checks the blameless rule of every format: people on
// the roster appear as their roles, never by name or handle.
func TestRolesNotPeople(t *testing.T) {
	r := newRenderer(t)
	inc := richIncident(t)
	for _, format := range []string{"md", "html", "svg"} {
		out := render(t, r, inc, format)
		for _, p := range inc.Roster {
			for _, s := range []string{p.Name, p.Handle} {
				if strings.Contains(out, s) {
					t.Errorf("%s report names %q; it should show the role %q", format, s, p.Role)
				}
			}
		}
		if format != "svg" && !strings.Contains(out, "Incident commander") {
			t.Errorf("%s report does not show the roles", format)
		}
	}
}

// TestEmptySectionsSayWhatIsMissing: no section vanishes; each says what
// to add instead.
func TestEmptySectionsSayWhatIsMissing(t *testing.T) {
	r := newRenderer(t)
	md := render(t, r, emptyIncident(), "md")
	html := render(t, r, emptyIncident(), "html")
	for _, want := range []string{
		"## Executive Summary", "## Incident Details", "## Impact", "## Timeline", "## Root Cause Analysis",
		"## Detection and Resolution", "## Action Items", "## Lessons Learned", "## Appendices",
		"_No impact figures yet: add users affected, duration, revenue or SLO budget used._",
		"_No summary yet:", "_No timeline yet:", "_No milestones yet:", "_No trigger recorded yet:",
		"_No contributing factors yet:", "_No 5 Whys chains yet:", "_No action items yet:", "_No lessons recorded yet:",
		"_not measured: set the impact start and detected milestones to measure it_",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("empty Markdown report lacks %q", want)
		}
	}
	if strings.Contains(md, "## Third-Party Dependencies") {
		t.Error("the third-party section should appear only when there are third parties")
	}
	if n := strings.Count(html, `class="missing"`); n < 15 {
		t.Errorf("empty HTML report has %d missing-content notes, want at least 15", n)
	}
	for _, bad := range []string{"0001-01-01", "MTTR", "<no value>"} {
		if strings.Contains(md, bad) || strings.Contains(html, bad) {
			t.Errorf("empty report contains %q", bad)
		}
	}
}

// TestHTMLIsSafeAndSelfContained: user text cannot inject markup, and the
// file needs nothing from the network.
func TestHTMLIsSafeAndSelfContained(t *testing.T) {
	out := render(t, newRenderer(t), richIncident(t), "html")
	// Nothing may load from elsewhere: no external src, stylesheet, import
	// or CSS url(). (Links a reader clicks, like a tracker URL, are fine.)
	for _, bad := range []string{"<script", "<b>Payment failed</b>", `src="http`, "<link", "@import", "url(", "ZgotmplZ"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML report contains %q", bad)
		}
	}
	for _, want := range []string{
		`&lt;b&gt;Payment failed&lt;/b&gt;`,                  // evidence shown as written
		`<img src="data:image/png;base64,`,                   // image embedded
		`<h4>Short version</h4>`,                             // a heading in the summary sits below the report's own
		`<svg xmlns="http://www.w3.org/2000/svg"`, `<title>`, // chart inline, with tooltips
	} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
}

// TestMarkdownTablesSurvive parses the Markdown report back with goldmark:
// the pipes in event and action texts must stay inside their cells.
func TestMarkdownTablesSurvive(t *testing.T) {
	md := render(t, newRenderer(t), richIncident(t), "md")
	var buf bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(md), &buf); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, tc := range []struct {
		text  string
		cells int
	}{
		{"CheckoutErrorRateHigh firing: 5xx ratio 7.2% | threshold 5% (5m avg)", 6},
		{"Add a 1-minute burn-rate alert on checkout 5xx | page at 2% for 2 minutes", 8},
		{"The error-rate alert averages over 5 minutes and pages only above 5% | no burn-rate alert", 0},
	} {
		i := strings.Index(html, tc.text)
		if i < 0 {
			t.Errorf("Markdown report, read back, lacks %q", tc.text)
			continue
		}
		if tc.cells == 0 {
			continue
		}
		start, end := strings.LastIndex(html[:i], "<tr>"), i+strings.Index(html[i:], "</tr>")
		if n := strings.Count(html[start:end], "<td"); n != tc.cells {
			t.Errorf("the row of %q has %d cells, want %d", tc.text, n, tc.cells)
		}
	}
	for _, want := range []string{
		"&lt;b&gt;Payment failed&lt;/b&gt; | code=E_POOL",
		"<h4>Short version</h4>",
		"The v4.18.0 diff lowers *max_pool_size* — that matches the pool exhaustion",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("Markdown report, read back, lacks %q", want)
		}
	}
	if strings.Contains(html, "<script") {
		t.Error("Markdown report carries a raw <script> from the summary")
	}
}

// TestOverride replaces one template from a directory; the others stay
// embedded.
func TestOverride(t *testing.T) {
	dir := fstest.MapFS{
		"report.md.tmpl": {Data: []byte("# {{md .Title}} ({{.Severity}})\n{{template \"extra\" .}}")},
		"extra.md.tmpl":  {Data: []byte(`{{define "extra"}}{{len .Events}} starred events{{end}}`)},
		"README.txt":     {Data: []byte("not a template, ignored")},
	}
	r, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	inc := richIncident(t)
	if got, want := render(t, r, inc, "md"), "# Checkout payments failed after a connection-pool change (SEV2)\n15 starred events"; got != want {
		t.Errorf("overridden md = %q, want %q", got, want)
	}
	if html := render(t, r, inc, "html"); !strings.Contains(html, "<section id=\"summary\">") {
		t.Error("html should still come from the embedded template")
	}
}

// TestTemplateErrorsNameTheFile: a wrong field fails at New, naming the
// file, also when the field sits in a branch that only some incidents take.
func TestTemplateErrorsNameTheFile(t *testing.T) {
	for _, tc := range []struct {
		name, file, text string
		want             []string
	}{
		{"unknown field", "report.md.tmpl", "{{.Titel}}",
			[]string{"report.md.tmpl:1", "Titel", "from the template directory"}},
		{"field in a branch", "report.html.tmpl", "{{range .Chains}}{{range .Steps}}{{.Statement}}{{end}}{{end}}",
			[]string{"report.html.tmpl:1", "Statement"}},
		{"unknown function", "timeline.svg.tmpl", "{{shout .Title}}",
			[]string{"timeline.svg.tmpl:1", "shout"}},
		{"syntax", "style.css.tmpl", "{{define \"style\"}}{{end",
			[]string{"style.css.tmpl:1"}},
		{"unknown kind", "report.txt.tmpl", "{{.Title}}",
			[]string{"report.txt.tmpl", ".md.tmpl"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(fstest.MapFS{tc.file: {Data: []byte(tc.text)}})
			if err == nil {
				t.Fatal("New succeeded; want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	r := newRenderer(t)
	var buf bytes.Buffer
	err := r.Render(&buf, emptyIncident(), "docx")
	if hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid || !strings.Contains(err.Error(), "md, html, svg, pdf") {
		t.Errorf("unknown format: err = %v", err)
	}
	if err := r.Render(&buf, nil, "md"); err == nil {
		t.Error("nil incident: want an error")
	}
	if buf.Len() != 0 {
		t.Errorf("a failed render wrote %d bytes", buf.Len())
	}
	for _, f := range Formats {
		if MediaType(f) == "" {
			t.Errorf("format %s has no media type", f)
		}
	}
}

func TestPDFWithoutBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("HINDSIGHT_CHROME", "")
	var buf bytes.Buffer
	err := newRenderer(t).Render(&buf, emptyIncident(), "pdf")
	if !errors.Is(err, ErrNoBrowser) || !strings.Contains(err.Error(), "HINDSIGHT_CHROME") {
		t.Errorf("err = %v, want ErrNoBrowser naming HINDSIGHT_CHROME", err)
	}
	r, err := New(nil, WithBrowser("/nonexistent/chromium"))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Render(&buf, emptyIncident(), "pdf"); !errors.Is(err, ErrNoBrowser) || !strings.Contains(err.Error(), "/nonexistent/chromium") {
		t.Errorf("err = %v, want ErrNoBrowser naming the configured path", err)
	}
}

// TestPDF prints the rich report when a browser is installed.
func TestPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	r := newRenderer(t)
	if _, err := r.findBrowser(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must install Chromium so the PDF export is tested:", err)
		}
		t.Skip("no Chromium on this machine:", err)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, richIncident(t), "pdf"); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || buf.Len() < 10_000 {
		t.Errorf("not a PDF: %d bytes starting %q", buf.Len(), buf.Bytes()[:min(8, buf.Len())])
	}
}

// TestConcurrentRender: one Renderer serves many requests at once (the web
// UI renders previews in parallel). Run with -race.
func TestConcurrentRender(t *testing.T) {
	r := newRenderer(t)
	want := render(t, r, richIncident(t), "html")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			format := []string{"md", "html", "svg"}[i%3]
			var buf bytes.Buffer
			if err := r.Render(&buf, richIncident(t), format); err != nil {
				t.Error(err)
			}
			if format == "html" && buf.String() != want {
				t.Error("concurrent render differs")
			}
		}()
	}
	wg.Wait()
}

// TestLogPatterns: a pattern table alone fills the impact section (errors
// first, the rest counted, dates when the logs span days) while the
// technical impact in words is still asked for.
func TestLogPatterns(t *testing.T) {
	inc := emptyIncident()
	for i := range MaxLogPatterns + 3 {
		inc.LogPatterns = append(inc.LogPatterns, hindsight.LogPattern{Source: "api.log", Template: fmt.Sprintf("slow request <*> %d", i),
			Level: "WARN", Count: int64(100 + i), First: at(14, 0, 0), Last: at(14, 30, 0)})
	}
	inc.LogPatterns = append(inc.LogPatterns, hindsight.LogPattern{Source: "api.log", Template: "timed out | waiting", Level: "ERROR", Count: 3,
		First: at(23, 50, 0), Last: at(23, 59, 0).Add(time.Hour), Ref: "api.log:7"})
	v := newView(inc)
	if !v.Impact.Known || v.Missing.Impact != "" || len(v.Impact.LogPatterns) != MaxLogPatterns || v.Impact.MorePatterns != 4 ||
		v.Impact.LogPatterns[0].Level != "ERROR" || !v.Impact.LogPatterns[0].Error || v.Impact.LogPatterns[1].Count != 112 || !v.Impact.PatternSpans {
		t.Fatalf("impact %+v", v.Impact)
	}
	r := newRenderer(t)
	md := render(t, r, inc, "md")
	for _, want := range []string{
		"| ERROR | 3 | 2026-03-14 23:50 | 2026-03-15 00:59 | `timed out \\| waiting` | `api.log:7` |",
		"_And 4 more; `hindsight export` lists every pattern._",
		"_No technical impact in words yet:",
		"_No user impact yet:",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	html := render(t, r, inc, "html")
	if !strings.Contains(html, `<span class="lvl err">ERROR</span>`) || !strings.Contains(html, "And 4 more") {
		t.Errorf("HTML lacks the pattern table")
	}
}
