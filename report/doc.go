// Package report renders an incident as a postmortem document: GitHub
// Markdown (with a Mermaid gantt chart of the timeline), self-contained
// HTML (inline CSS, an inline SVG timeline chart, images as data: URIs,
// print styles, no script), a standalone SVG of the timeline, and PDF
// printed from the HTML by a headless Chromium found on the machine.
//
// A report never hides an empty section: it says what the facilitator still
// needs to add. It names roles, never people (event actors are mapped
// through the roster), gives every time in UTC and every duration as a
// named span between two milestones ("time to detect (impact_start →
// detected)"), never a bare MTTR.
//
// # Templates
//
// The documents come from templates embedded in the package:
//
//	report.md.tmpl     the Markdown report (text/template)
//	report.html.tmpl   the HTML report (html/template)
//	style.css.tmpl     the HTML report's stylesheet, template "style"
//	timeline.svg.tmpl  the timeline chart, template "timeline"; alone, the svg format
//
// New takes an optional directory of templates (an fs.FS): a file there
// replaces the embedded file of the same name, and the others keep working.
// Further *.md.tmpl, *.html.tmpl, *.svg.tmpl or *.css.tmpl files are parsed
// after the embedded ones, so they can define or redefine named templates.
// The suffix decides the escaping: Markdown files are text/template, the
// rest html/template, which escapes by context.
//
// A template's dot is a *View; `go doc` on View and the types it holds
// lists every field. Besides the standard functions, templates have:
//
//	utc clock day fulltime   times, always in UTC ("2026-03-14 14:02 UTC")
//	human                    durations ("12m 30s", "1h 18m")
//	size number percent      byte sizes, counts, shares
//	label words lower join inc
//
// Markdown templates escape explicitly, because text/template does not:
//
//	md        plain text (evidence): every Markdown character escaped
//	mdinline  authored Markdown for an inline place: kept, made one line
//	mdblock   authored Markdown as a block: headings demoted, raw HTML neutralised
//	cell      a table cell: pipes escaped, line breaks as <br>
//	code fence mdlink mermaid
//
// HTML templates turn authored Markdown into safe HTML with markdown (a
// block) and inline (a line); raw HTML in it is dropped. kindclass maps an
// event kind to its marker colour class.
//
// Templates are parsed and tried on sample incidents when the Renderer is
// made, with missingkey=error, so a template that names a field the view
// does not have fails at start-up, naming its file and line, rather than
// halfway through someone's review.
package report
