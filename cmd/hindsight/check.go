package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/lint"
)

// checkFlags are the flags every check subcommand shares.
type checkFlags struct {
	asJSON bool
	format string
	failOn string
	rules  string
	fix    bool
	roster string
}

func (a *app) checkCommand() *cobra.Command {
	var f checkFlags
	c := &cobra.Command{
		Use:     "check incident ID | file POSTMORTEM.md | text [FILE|-] | action \"TEXT\"",
		Short:   "Check blameless language, action items and completeness",
		GroupID: "checks",
		Long: `Check a postmortem for blame, counterfactual and hindsight language, names
where a role would do, vague or unbounded action items, and missing or empty
sections. Each finding has a rule id, a severity, the line and span it points
at, and a suggestion. docs/checks.md describes every rule.

  check incident ID     the incident in the database, everything included
  check file FILE.md    a Markdown postmortem
  check text [FILE|-]   prose from a file or standard input
  check action "TEXT"   one action item; also prints its inferred category

--rules DIR layers your own YAML rules over the defaults (same id replaces or
adjusts a rule; "enabled: false" turns it off). --fix prints the text with
roster names and handles replaced by roles (text and file need --roster FILE,
a CSV of handle,name,role). Exits 3 when a finding is at or above --fail-on.`,
	}
	pf := c.PersistentFlags()
	pf.BoolVar(&f.asJSON, "json", false, `print {"findings": [...]} as JSON (same as --format json)`)
	pf.StringVar(&f.format, "format", "text", "output format: text, json or sarif")
	pf.StringVar(&f.failOn, "fail-on", "warning", "exit 3 when a finding is at or above: info, warning or error")
	pf.StringVar(&f.rules, "rules", "", "directory of YAML rules layered over the defaults")
	pf.BoolVar(&f.fix, "fix", false, "print the text with roster names replaced by roles instead of findings")
	pf.StringVar(&f.roster, "roster", "", "CSV roster (handle,name,role) for text and file checks")

	c.AddCommand(&cobra.Command{
		Use:   "incident ID",
		Short: "Check an incident in the database",
		Args:  exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := f.linter()
			if err != nil {
				return err
			}
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			inc, err := svc.Incident(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if f.fix {
				return a.printFixes(l, inc)
			}
			fs := l.Document(hindsight.LintDocument(inc, time.Now()))
			return a.report(f, fs, "incident:"+inc.ID, "")
		},
	})
	c.AddCommand(&cobra.Command{
		Use:   "file POSTMORTEM.md",
		Short: "Check a Markdown postmortem",
		Args:  exactArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.checkProse(f, args[0], func() ([]byte, error) { return os.ReadFile(args[0]) }, (*lint.Linter).Markdown)
		},
	})
	c.AddCommand(&cobra.Command{
		Use:   "text [FILE|-]",
		Short: "Check prose from a file or standard input",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("%s takes at most one argument: FILE or - (got %d)", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			name, read := "stdin", func() ([]byte, error) { return io.ReadAll(a.stdin) }
			if len(args) == 1 && args[0] != "-" {
				name, read = args[0], func() ([]byte, error) { return os.ReadFile(args[0]) }
			}
			return a.checkProse(f, name, read, (*lint.Linter).Text)
		},
	})
	c.AddCommand(&cobra.Command{
		Use:   `action "TEXT"`,
		Short: "Check one action item and infer its category",
		Args:  exactArgs("TEXT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := f.linter()
			if err != nil {
				return err
			}
			if f.fix {
				return usagef("--fix applies to text, file and incident checks")
			}
			fs, cat := l.Action(lint.Action{Text: args[0]})
			return a.report(f, fs, "action", string(cat))
		},
	})
	return c
}

// checkProse loads the linter and roster, reads the prose named name, and
// prints it with --fix applied or reports what check finds in it: the tail
// the file and text checks share.
func (a *app) checkProse(f checkFlags, name string, read func() ([]byte, error),
	check func(*lint.Linter, string, lint.TextOptions) []lint.Finding) error {
	l, people, err := f.linterAndRoster()
	if err != nil {
		return err
	}
	src, err := read()
	if err != nil {
		return err
	}
	if f.fix {
		out, _ := l.Fix(string(src), people)
		_, err := io.WriteString(a.stdout, out)
		return err
	}
	return a.report(f, check(l, string(src), lint.TextOptions{Roster: people}), name, "")
}

func (f checkFlags) linter() (*lint.Linter, error) {
	if f.rules == "" {
		return lint.Load(nil)
	}
	st, err := os.Stat(f.rules)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, usagef("--rules wants a directory of YAML files, and %s is not one", f.rules)
	}
	return lint.Load(os.DirFS(f.rules))
}

func (f checkFlags) linterAndRoster() (*lint.Linter, []lint.Person, error) {
	l, err := f.linter()
	if err != nil {
		return nil, nil, err
	}
	if f.roster == "" {
		if f.fix {
			return nil, nil, usagef("--fix needs --roster FILE to know the roles")
		}
		return l, nil, nil
	}
	people, err := readRosterCSV(f.roster)
	return l, people, err
}

// readRosterCSV reads handle,name,role rows (a header row is skipped).
func readRosterCSV(path string) ([]lint.Person, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	r.FieldsPerRecord = -1
	var roster []hindsight.Person
	for line := 1; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read roster %s: %w", path, err)
		}
		if len(rec) < 3 {
			return nil, fmt.Errorf("%s:%d: want handle,name,role", path, line)
		}
		if line == 1 && strings.EqualFold(strings.TrimSpace(rec[0]), "handle") {
			continue
		}
		roster = append(roster, hindsight.Person{Handle: strings.TrimSpace(rec[0]), Name: strings.TrimSpace(rec[1]), Role: strings.TrimSpace(rec[2])})
	}
	return hindsight.LintRoster(roster), nil
}

// printFixes prints each prose field of an incident that Fix would change.
func (a *app) printFixes(l *lint.Linter, inc *hindsight.Incident) error {
	people := hindsight.LintRoster(inc.Roster)
	changed := 0
	for _, s := range hindsight.LintDocument(inc, time.Time{}).Sections {
		out, edits := l.Fix(s.Text, people)
		if len(edits) == 0 {
			continue
		}
		changed++
		fmt.Fprintf(a.stdout, "## %s\n\n%s\n\n", s.Name, strings.TrimRight(out, "\n"))
	}
	if changed == 0 {
		a.say("%s: no roster names to replace.", inc.ID)
	}
	return nil
}

// report prints findings in the chosen format and turns findings at or above the
// threshold into exit code 3. category is printed for action checks.
func (a *app) report(f checkFlags, fs []lint.Finding, artifact, category string) error {
	threshold, err := lint.ParseSeverity(f.failOn)
	if err != nil {
		return usagef("--fail-on: %v", err)
	}
	format := f.format
	if f.asJSON {
		format = "json"
	}
	if fs == nil {
		fs = []lint.Finding{}
	}
	switch format {
	case "json":
		out := struct {
			Findings []lint.Finding `json:"findings"`
			Category string         `json:"category,omitempty"`
		}{fs, category}
		if err := a.printJSON(out); err != nil {
			return err
		}
	case "sarif":
		if err := lint.WriteSARIF(a.stdout, fs, artifact); err != nil {
			return err
		}
	case "text":
		for _, x := range fs {
			where := "-"
			if x.Line > 0 {
				where = fmt.Sprintf("%d:%d", x.Line, x.Column)
			}
			if x.Section != "" && artifact != "" && strings.HasPrefix(artifact, "incident:") {
				// An incident has no single file: say which section the line is in.
				where = x.Section + " " + where
			}
			fmt.Fprintf(a.stdout, "%-8s %-7s %-30s %s\n", where, x.Severity, x.Rule, x.Message)
			if x.Suggestion != "" {
				fmt.Fprintf(a.stdout, "%48s→ %s\n", "", x.Suggestion)
			}
		}
		if category != "" {
			fmt.Fprintf(a.stdout, "category: %s\n", category)
		}
		if len(fs) == 0 {
			a.say("%s: no findings.", artifact)
		}
	default:
		return usagef("--format %q: want text, json or sarif", format)
	}
	n := 0
	for _, x := range fs {
		if x.Severity.AtLeast(threshold) {
			n++
		}
	}
	if n > 0 {
		return findingsError{n}
	}
	return nil
}
