package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight/report"
)

func (a *app) reportCommand() *cobra.Command {
	var format, out, templates string
	c := &cobra.Command{
		Use:     "report ID [--format md|html|svg|pdf] [-o FILE] [--template DIR]",
		Short:   "Render the postmortem as Markdown, HTML, a timeline SVG or PDF",
		GroupID: "output",
		Long: `Render the postmortem from its templates: Executive Summary, Incident Details,
Impact, Timeline (starred events, UTC), Root Cause Analysis (factors by layer,
5 Whys chains), Resolution, Action Items, Lessons Learned, Third parties and
Appendices. An empty section says what is missing.

  md    GitHub-flavoured Markdown with a Mermaid timeline (default)
  html  one self-contained, printable page with an SVG timeline chart
  svg   the timeline chart alone
  pdf   the HTML printed by headless Chromium (needs chromium on PATH or
        HINDSIGHT_CHROME)

--template DIR overrides any template file (report.md.tmpl, report.html.tmpl,
style.css.tmpl, timeline.svg.tmpl); the others stay the embedded ones. A
template that names a missing field fails before anything is written.`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !validFormat(format) {
				return usagef("unknown report format %q (want one of %s)", format, strings.Join(report.Formats, ", "))
			}
			var override fs.FS
			if templates != "" {
				if st, err := os.Stat(templates); err != nil || !st.IsDir() {
					return fmt.Errorf("--template %s: not a folder", templates)
				}
				override = os.DirFS(templates)
			}
			r, err := report.New(override)
			if err != nil {
				return err
			}
			inc, err := a.incident(cmd, args[0])
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := r.RenderContext(cmd.Context(), &buf, inc, format); err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err := a.stdout.Write(buf.Bytes())
				return err
			}
			if err := writeFileAtomic(out, func(f *os.File) error { _, err := f.Write(buf.Bytes()); return err }); err != nil {
				return err
			}
			a.say("wrote %s", out)
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&format, "format", "md", "md, html, svg or pdf")
	f.StringVarP(&out, "output", "o", "", "write to FILE instead of stdout")
	f.StringVar(&templates, "template", "", "folder of template files that replace the embedded ones")
	return c
}

func validFormat(f string) bool {
	for _, x := range report.Formats {
		if f == x {
			return true
		}
	}
	return false
}
