package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight/logmine"
)

func (a *app) logsCommand() *cobra.Command {
	logs := &cobra.Command{
		Use:     "logs",
		Short:   "Mine log files for error patterns, their rates and the impact window",
		GroupID: "evidence",
	}
	logs.AddCommand(a.logsMineCommand())
	return logs
}

// minedTemplate is one template in the JSON output (the documented contract).
type minedTemplate struct {
	ID       string    `json:"id"`
	Template string    `json:"template"`
	Level    string    `json:"level"`
	Count    int64     `json:"count"`
	First    time.Time `json:"first,omitzero"`
	Last     time.Time `json:"last,omitzero"`
}

// minedFile is the JSON output for one file.
type minedFile struct {
	File        string           `json:"file,omitempty"`
	Templates   []minedTemplate  `json:"templates"`
	Impact      *logmine.Window  `json:"impact"`
	Moments     []logmine.Moment `json:"moments"`
	Lines       int64            `json:"lines"`
	Layout      string           `json:"layout"`
	ZoneAssumed string           `json:"zone_assumed,omitempty"`
	YearAssumed int              `json:"year_assumed,omitempty"`
}

func (a *app) logsMineCommand() *cobra.Command {
	var from, to, tz, assignments string
	var year int
	var asJSON bool
	c := &cobra.Command{
		Use:   "mine FILE... [--from T] [--to T] [--tz ZONE] [--year YYYY] [--json] [--assignments OUT]",
		Short: "Find the message templates of log files, error patterns first, and when errors rose",
		Long: `Mine each log file: learn its header layout (timestamp, level, component) from
its first lines, group its messages into templates with variables shown as
<*>, count them per minute, and find when the error rate rose and went back
to its baseline. Any text log works: syslog, ISO 8601 stamps, Apache/nginx,
JSON lines, logfmt, epoch stamps and the usual application formats.

Templates are listed error patterns first (most severe level, then most
frequent). The suggested impact window is the earliest sustained rise of
the error rate: a single burst is not an incident.

Times are printed in UTC. A stamp without a zone is read in --tz (default
UTC) and a stamp without a year in --year (default: the year the file was
last modified); a note on stderr says when that happened.

--from/--to keep only lines in [from, to) (RFC 3339, or "2006-01-02 15:04"
in --tz). --assignments OUT writes "line<TAB>template id" for every input
line (one file only). --json prints {"templates": [{"id", "template",
"level", "count", "first", "last"}], "impact": {"start", "end"}, "moments":
[...]}, or an array of such objects (with "file") for several files.`,
		Example: `  hindsight logs mine /var/log/syslog --tz Europe/Berlin
  hindsight logs mine api.log --from 2026-10-14T12:00:00Z --to 2026-10-14T14:00:00Z --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("logs mine needs at least one FILE")
			}
			if assignments != "" && len(args) > 1 {
				return usagef("--assignments takes one FILE (got %d)", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			loc := time.UTC
			if tz != "" {
				var err error
				if loc, err = time.LoadLocation(tz); err != nil {
					return usagef("--tz %q: %v", tz, err)
				}
			}
			var opts logmine.Options
			var err error
			if opts.From, err = parseWhen(from, loc); err != nil {
				return usagef("--from: %v", err)
			}
			if opts.To, err = parseWhen(to, loc); err != nil {
				return usagef("--to: %v", err)
			}
			opts.Location = loc
			var out []minedFile
			for _, path := range args {
				m, err := a.mineFile(path, opts, year, tz != "", assignments)
				if err != nil {
					return err
				}
				out = append(out, m)
			}
			if asJSON {
				// Templates are full of <*>: keep them readable, unlike
				// the HTML-safe escaping of the shared printJSON.
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if len(out) == 1 {
					out[0].File = ""
					return enc.Encode(out[0])
				}
				return enc.Encode(out)
			}
			for i, m := range out {
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				a.printMined(m, len(out) > 1)
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&from, "from", "", "keep lines at or after this time")
	f.StringVar(&to, "to", "", "keep lines before this time")
	f.StringVar(&tz, "tz", "", "zone of timestamps without one, e.g. Europe/Berlin (default UTC)")
	f.IntVar(&year, "year", 0, "year of timestamps without one (default: the file's modification year)")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	f.StringVar(&assignments, "assignments", "", "write line<TAB>template id for every line to OUT")
	return c
}

// parseWhen reads a --from/--to value: RFC 3339, or a wall-clock time in loc.
func parseWhen(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time (use RFC 3339, e.g. 2026-10-14T12:00:00Z)", s)
}

// mineFile mines one file, drawing a progress bar on stderr when it is a
// terminal and writing the assignments file when asked.
func (a *app) mineFile(path string, opts logmine.Options, year int, tzGiven bool, assignments string) (minedFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return minedFile{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return minedFile{}, err
	}
	if st.IsDir() {
		return minedFile{}, fmt.Errorf("%s is a folder, not a log file", path)
	}
	opts.Year = year
	if opts.Year == 0 {
		opts.Year = st.ModTime().Year()
	}
	bar := a.newProgress("mining")
	opts.OnProgress = func(n int64) { bar.show(path, n, st.Size()) }
	// Pattern ids go to a temporary file while reading; which patterns form
	// one template is known at the end, when the file is rewritten with
	// the template ids.
	var tmp *os.File
	var tmpw *bufio.Writer
	if assignments != "" {
		tmp, err = os.CreateTemp(filepath.Dir(assignments), ".assignments-*")
		if err != nil {
			return minedFile{}, err
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		tmpw = bufio.NewWriterSize(tmp, 1<<20)
		opts.OnLine = func(_ int64, id string) {
			tmpw.WriteString(id)
			tmpw.WriteByte('\n')
		}
	}
	res, err := logmine.Mine(f, opts)
	bar.clear()
	if err != nil {
		return minedFile{}, fmt.Errorf("read %s: %w", path, err)
	}
	if res.ZoneAssumed && !tzGiven {
		a.say("note: %s has times without a zone; they were read as UTC (use --tz)", path)
	}
	if res.YearAssumed && year == 0 {
		a.say("note: %s has dates without a year; they were read as %d (use --year)", path, opts.Year)
	}
	if tmp != nil {
		if err := tmpw.Flush(); err != nil {
			return minedFile{}, err
		}
		if err := writeAssignments(assignments, tmp, res); err != nil {
			return minedFile{}, err
		}
		a.say("wrote %s (%d lines)", assignments, res.Lines)
	}
	m := minedFile{File: path, Impact: res.Impact, Moments: res.Moments(), Lines: res.Lines, Layout: res.Layout}
	if m.Moments == nil {
		m.Moments = []logmine.Moment{}
	}
	if res.ZoneAssumed {
		m.ZoneAssumed = res.Zone
	}
	if res.YearAssumed {
		m.YearAssumed = opts.Year
	}
	m.Templates = []minedTemplate{}
	for _, t := range res.ErrorsFirst() {
		m.Templates = append(m.Templates, minedTemplate{ID: t.ID, Template: t.Text, Level: t.Level.String(),
			Count: t.Count, First: t.First, Last: t.Last})
	}
	return m, nil
}

// writeAssignments rewrites the pattern ids in tmp as "line<TAB>template id".
func writeAssignments(path string, tmp *os.File, res *logmine.Result) error {
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return writeFileAtomic(path, func(out *os.File) error {
		w := bufio.NewWriterSize(out, 1<<20)
		sc := bufio.NewScanner(tmp)
		line := 0
		for sc.Scan() {
			line++
			fmt.Fprintf(w, "%d\t%s\n", line, res.Canonical(sc.Text()))
		}
		if err := sc.Err(); err != nil {
			return err
		}
		return w.Flush()
	})
}

// printMined prints one file's templates as a table, then the impact window
// and the notable moments.
func (a *app) printMined(m minedFile, named bool) {
	if named {
		fmt.Fprintf(a.stdout, "== %s\n", m.File)
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLEVEL\tCOUNT\tFIRST\tLAST\tTEMPLATE")
	for _, t := range m.Templates {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", t.ID, orDash(t.Level), t.Count, clock(t.First), clock(t.Last), shorten(t.Template, 120))
	}
	tw.Flush()
	fmt.Fprintf(a.stdout, "\n%d lines, %d templates.\n", m.Lines, len(m.Templates))
	switch {
	case m.Impact == nil:
		fmt.Fprintln(a.stdout, "Impact window: none (the error rate never rose for several minutes in a row).")
	case m.Impact.End.IsZero():
		fmt.Fprintf(a.stdout, "Impact window: from %s to the end of the log.\n", clock(m.Impact.Start))
	default:
		fmt.Fprintf(a.stdout, "Impact window: %s to %s.\n", clock(m.Impact.Start), clock(m.Impact.End))
	}
	if len(m.Moments) > 0 {
		fmt.Fprintln(a.stdout, "\nNotable moments:")
		for _, mo := range m.Moments {
			fmt.Fprintf(a.stdout, "  %s  %s\n", clock(mo.Time), describeMoment(mo))
		}
	}
}

func describeMoment(m logmine.Moment) string {
	switch m.Kind {
	case logmine.MomentNewPattern:
		return fmt.Sprintf("new error pattern %s (%d lines): %s", m.TemplateID, m.Count, shorten(m.Text, 80))
	case logmine.MomentRateRose:
		return fmt.Sprintf("error rate rose (%d error lines, peak %d per interval)", m.Count, m.Peak)
	case logmine.MomentBaseline:
		return "error rate back to baseline"
	case logmine.MomentPatternRose:
		return fmt.Sprintf("%s rose (%d lines): %s", m.TemplateID, m.Count, shorten(m.Text, 80))
	case logmine.MomentPatternBaseline:
		return fmt.Sprintf("%s back to baseline", m.TemplateID)
	}
	return string(m.Kind)
}

func clock(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(clockLayout)
}

// shorten keeps a table cell on one line and at most n runes long.
func shorten(s string, n int) string {
	s = oneLine(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
