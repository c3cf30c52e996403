package report

import (
	"bytes"
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	texttemplate "text/template"

	hindsight "github.com/hindsight-sre/hindsight"
)

// Formats lists the formats Render accepts, in the order to offer them.
var Formats = []string{"md", "html", "svg", "pdf"}

// MediaType returns the media type of a report format, for HTTP responses
// and for saving files; it is empty for an unknown format.
func MediaType(format string) string {
	switch format {
	case "md":
		return "text/markdown; charset=utf-8"
	case "html":
		return "text/html; charset=utf-8"
	case "svg":
		return "image/svg+xml"
	case "pdf":
		return "application/pdf"
	}
	return ""
}

//go:embed templates/*.tmpl
var embedded embed.FS

// The templates each format starts from. Other template files define the
// parts these include.
const (
	entryMarkdown = "report.md.tmpl"
	entryHTML     = "report.html.tmpl"
	entrySVG      = "timeline.svg.tmpl"
)

// Renderer renders incidents with one parsed set of templates. It is safe
// for concurrent use.
type Renderer struct {
	md   *texttemplate.Template
	html *htmltemplate.Template
	// overridden lists the template files that came from the override
	// directory, so an error in one of them says where to look.
	overridden []string
	browser    string
}

// Option configures a Renderer.
type Option func(*Renderer)

// WithBrowser sets the Chromium or Chrome executable that prints PDFs,
// instead of looking for one in HINDSIGHT_CHROME and on PATH.
func WithBrowser(path string) Option { return func(r *Renderer) { r.browser = path } }

// templateSet says which template set a file belongs to, from its name:
// Markdown files are parsed with text/template; HTML, SVG and CSS files
// with html/template, which escapes by context.
func templateSet(name string) string {
	switch {
	case strings.HasSuffix(name, ".md.tmpl"):
		return "md"
	case strings.HasSuffix(name, ".html.tmpl"), strings.HasSuffix(name, ".svg.tmpl"), strings.HasSuffix(name, ".css.tmpl"):
		return "html"
	}
	return ""
}

type templateFile struct {
	name     string
	text     string
	override bool
}

// New parses the embedded templates, with the files of override (which may
// be nil) in place of the embedded ones of the same name. Other *.tmpl
// files in override are parsed after the embedded ones, so they can add or
// redefine named templates; files that are not templates are ignored. New
// then renders every format on sample incidents, so a template that refers
// to a missing field fails here, naming its file.
func New(override fs.FS, opts ...Option) (*Renderer, error) {
	r := &Renderer{}
	for _, o := range opts {
		o(r)
	}
	files, err := templateFiles(override)
	if err != nil {
		return nil, err
	}
	r.md = texttemplate.New("md").Option("missingkey=error").Funcs(baseFuncs()).Funcs(markdownFuncs())
	r.html = htmltemplate.New("html").Option("missingkey=error").Funcs(baseFuncs()).Funcs(htmlFuncs())
	for _, f := range files {
		if f.override {
			r.overridden = append(r.overridden, f.name)
		}
		if templateSet(f.name) == "md" {
			_, err = r.md.New(f.name).Parse(f.text)
		} else {
			_, err = r.html.New(f.name).Parse(f.text)
		}
		if err != nil {
			return nil, r.explain(fmt.Errorf("report: parse template %s: %w", f.name, err))
		}
	}
	for _, p := range probes() {
		for _, format := range []string{"md", "html", "svg"} {
			if _, err := r.render(newView(p), format); err != nil {
				return nil, r.explain(fmt.Errorf("report: templates fail on a sample incident (%s): %w", p.ID, err))
			}
		}
	}
	return r, nil
}

// templateFiles reads the embedded templates and lays the override files
// over them: replacements keep the embedded order, additions come last.
func templateFiles(override fs.FS) ([]templateFile, error) {
	entries, err := fs.ReadDir(embedded, "templates")
	if err != nil {
		return nil, fmt.Errorf("report: read embedded templates: %w", err)
	}
	var files []templateFile
	for _, e := range entries {
		b, err := fs.ReadFile(embedded, path.Join("templates", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("report: read embedded template %s: %w", e.Name(), err)
		}
		files = append(files, templateFile{name: e.Name(), text: string(b)})
	}
	if override == nil {
		return files, nil
	}
	entries, err = fs.ReadDir(override, ".")
	if err != nil {
		return nil, fmt.Errorf("report: read template directory: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".tmpl") {
			continue
		}
		if templateSet(name) == "" {
			return nil, hindsight.Errorf(hindsight.CodeInvalid,
				"template %s: name it *.md.tmpl, *.html.tmpl, *.svg.tmpl or *.css.tmpl so that the report knows how to escape it", name)
		}
		b, err := fs.ReadFile(override, name)
		if err != nil {
			return nil, fmt.Errorf("report: read template %s: %w", name, err)
		}
		f := templateFile{name: name, text: string(b), override: true}
		if i := slices.IndexFunc(files, func(x templateFile) bool { return x.name == name }); i >= 0 {
			files[i] = f
		} else {
			files = append(files, f)
		}
	}
	return files, nil
}

// explain adds to a template error that the failing file came from the
// override directory, which is the first place its author should look.
func (r *Renderer) explain(err error) error {
	for _, name := range r.overridden {
		if strings.Contains(err.Error(), name+":") {
			return fmt.Errorf("%w (%s is from the template directory)", err, name)
		}
	}
	return err
}

// Render writes the report of inc in the given format (one of Formats).
// Nothing is written when rendering fails, so a half report never lands
// in a file.
func (r *Renderer) Render(w io.Writer, inc *hindsight.Incident, format string) error {
	return r.RenderContext(context.Background(), w, inc, format)
}

// RenderContext is Render with a context, which bounds the browser that
// prints a PDF; the other formats render in memory and ignore it.
func (r *Renderer) RenderContext(ctx context.Context, w io.Writer, inc *hindsight.Incident, format string) error {
	if inc == nil {
		return errors.New("report: no incident to render")
	}
	if !slices.Contains(Formats, format) {
		return hindsight.Errorf(hindsight.CodeInvalid, "unknown report format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
	v := newView(inc)
	src := format
	if format == "pdf" {
		src = "html"
	}
	out, err := r.render(v, src)
	if err != nil {
		return r.explain(fmt.Errorf("report: render %s of incident %s: %w", format, inc.ID, err))
	}
	if format == "pdf" {
		if out, err = r.printPDF(ctx, out); err != nil {
			return err
		}
	}
	_, err = w.Write(out)
	return err
}

// render executes the entry template of a format into memory.
func (r *Renderer) render(v *View, format string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "md":
		err = r.md.ExecuteTemplate(&buf, entryMarkdown, v)
	case "html":
		err = r.html.ExecuteTemplate(&buf, entryHTML, v)
	case "svg":
		err = r.html.ExecuteTemplate(&buf, entrySVG, v)
	default:
		err = fmt.Errorf("no template for format %q", format)
	}
	return buf.Bytes(), err
}

// baseFuncs are the functions both template sets share: times, durations
// and numbers, always printed the same way.
func baseFuncs() map[string]any {
	return map[string]any{
		"utc":      utc,
		"clock":    clock,
		"day":      day,
		"fulltime": fullTime,
		"human":    human,
		"size":     size,
		"number":   number,
		"percent":  percent,
		"label":    label,
		"words":    words,
		"join":     strings.Join,
		"lower":    strings.ToLower,
		"inc":      func(i int) int { return i + 1 },
	}
}

// markdownFuncs escape text for the Markdown report (see markdown.go).
func markdownFuncs() map[string]any {
	return map[string]any{
		"md":       mdText,
		"mdinline": mdInline,
		"mdblock":  mdBlock,
		"cell":     cell,
		"code":     code,
		"fence":    fence,
		"mdlink":   mdLink,
		"mermaid":  mermaidText,
	}
}

// htmlFuncs turn authored Markdown into safe HTML for the HTML report.
func htmlFuncs() map[string]any {
	return map[string]any{
		"markdown":  toHTML,
		"inline":    toInlineHTML,
		"kindclass": func(kind string) string { return cmp.Or(kindClass[hindsight.EventKind(kind)], "k-note") },
	}
}
