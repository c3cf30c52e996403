package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest"
)

func (a *app) importCommand() *cobra.Command {
	var format, rosterFile, tz, date, channel string
	var noRedact, asJSON bool
	c := &cobra.Command{
		Use:     "import ID PATH... [--format F] [--roster FILE] [--tz ZONE] [--date YYYY-MM-DD] [--channel C] [--no-redact] [--json]",
		Short:   "Import evidence files into the timeline, all or nothing",
		GroupID: "evidence",
		Long: `Import evidence into the incident's timeline: a Slack export (ZIP or folder),
PagerDuty, Opsgenie, Alertmanager, Grafana, Kubernetes events, GitHub
deployments and releases, git log, Statuspage, application logs, or typed
notes. The format of each file is sniffed; --format forces one for every file.

A log is mined, not copied: it adds a handful of events (new error patterns,
the error rate rising and back to baseline, which can set impact_start and
impact_end) and a table of its error and warning patterns for the report's
technical impact. Logs of any size are read as a stream, with a progress bar
on a terminal.

One import is one write: if any file does not parse, nothing is added and the
error names the file and line. Importing the same evidence again adds nothing.
Times the evidence gives without a zone, or that could be read two ways, are
flagged and reported as warnings, never guessed silently. Secrets (tokens,
passwords, private keys) are redacted unless --no-redact.

--roster adds the people of a handle,name,role CSV to the roster in the same
write. Prints a summary per file on stderr and the number of new events on
stdout; --json prints a summary object instead. Formats: ` + strings.Join(ingest.FormatNames(), ", ") + `.
docs/import.md describes each format.`,
		Example: `  hindsight import 2026-10-14-checkout slack-export.zip pagerduty/log_entries.json \
    alerts.ndjson notes.txt --channel inc-2026-10-14-checkout --roster roster.csv
  hindsight import 2026-10-14-checkout logs/checkout-api.log --tz Europe/Berlin`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef("%s takes an incident id and at least one evidence file (got %d arguments)", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := ingest.Options{Format: format, Channel: channel, NoRedact: noRedact}
			if format != "" && !slices.Contains(ingest.FormatNames(), format) {
				return usagef("--format %q is not a format (want one of %s)", format, strings.Join(ingest.FormatNames(), ", "))
			}
			if tz != "" {
				loc, err := time.LoadLocation(tz)
				if err != nil {
					return usagef("--tz %q is not a time zone such as UTC or Europe/Berlin", tz)
				}
				opts.TZ = loc
			}
			if date != "" {
				d, err := time.Parse(hindsight.DateLayout, date)
				if err != nil {
					return usagef("--date %q is not a date such as 2026-10-14", date)
				}
				opts.Date = d
			}
			var people []hindsight.Person
			if rosterFile != "" {
				f, err := os.Open(rosterFile)
				if err != nil {
					return fmt.Errorf("read roster: %w", err)
				}
				people, err = ingest.ReadRoster(f)
				f.Close()
				if err != nil {
					return err
				}
			}
			files := make([]ingest.File, 0, len(args)-1)
			for _, path := range args[1:] {
				f, err := ingest.ReadPath(path)
				if err != nil {
					return err
				}
				files = append(files, f)
			}
			bar := a.newProgress("reading")
			opts.Progress = bar.show
			res, err := ingest.Import(files, opts)
			bar.clear()
			if err != nil {
				return err
			}
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			// The roster, the events and the log patterns land in one write,
			// so that a failed import leaves none of them behind.
			added, err := svc.AddEvidence(cmd.Context(), args[0], people, res.Events, res.Patterns)
			if err != nil {
				return err
			}
			if asJSON {
				inc, err := svc.Incident(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				return a.printJSON(importSummary{Incident: args[0], Added: added, Events: len(res.Events), Patterns: len(res.Patterns),
					Roster: len(people), Files: res.Files, Warnings: orEmpty(res.Warnings), Identities: withoutRole(inc, res.Identities)})
			}
			for _, f := range res.Files {
				if f.Patterns > 0 {
					a.say("%s: %s, %d events, %d patterns", f.Name, f.Format, f.Events, f.Patterns)
					continue
				}
				a.say("%s: %s, %d events", f.Name, f.Format, f.Events)
			}
			for _, w := range res.Warnings {
				a.say("warning: %s", w.Message)
			}
			if len(people) > 0 {
				a.say("roster: %d people from %s", len(people), rosterFile)
			}
			a.say("%s: %d new events (%d already there); 'hindsight gaps %s' lists who still needs a role.",
				args[0], added, len(res.Events)-added, args[0])
			fmt.Fprintln(a.stdout, added)
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&format, "format", "", "read every file as this format instead of sniffing it")
	f.StringVar(&rosterFile, "roster", "", "CSV of handle,name,role to add to the roster in the same write")
	f.StringVar(&tz, "tz", "", "zone for times written without one (typed notes, git --date=local, logs), e.g. Europe/Berlin")
	f.StringVar(&date, "date", "", "day for typed notes without a date line, and the year of log stamps without one (YYYY-MM-DD)")
	f.StringVar(&channel, "channel", "", "Slack channel(s) to import: a name or id, a,b for several, '*' for all")
	f.BoolVar(&noRedact, "no-redact", false, "keep secrets found in the evidence")
	f.BoolVar(&asJSON, "json", false, "print a summary object as JSON")
	return c
}

// importSummary is what `import --json` prints.
type importSummary struct {
	Incident   string               `json:"incident"`
	Added      int                  `json:"added"`
	Events     int                  `json:"events"`
	Patterns   int                  `json:"patterns"`
	Roster     int                  `json:"roster"`
	Files      []ingest.FileSummary `json:"files"`
	Warnings   []hindsight.Finding  `json:"warnings"`
	Identities []ingest.Identity    `json:"identities"` // seen in the evidence, not yet on the roster
}

// orEmpty makes a nil slice print as [] rather than null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// withoutRole keeps the identities seen in the evidence that the roster does
// not map to a role yet: the people to add next. The others are left out,
// so that JSON output never carries the real name of a listed person.
func withoutRole(inc *hindsight.Incident, ids []ingest.Identity) []ingest.Identity {
	out := []ingest.Identity{}
	for _, id := range ids {
		known := false
		for _, n := range []string{id.Handle, id.Name, id.RealName} {
			if _, ok := inc.RoleOf(n); ok {
				known = true
				break
			}
		}
		if !known {
			out = append(out, id)
		}
	}
	return out
}
