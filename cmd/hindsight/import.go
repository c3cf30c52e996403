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
		GroupID: "content",
		Long: `Import evidence into the incident's timeline: a Slack export (ZIP or folder),
PagerDuty, Opsgenie, Alertmanager, Grafana, Kubernetes events, GitHub
deployments and releases, git log, Statuspage, or typed notes. The format of
each file is sniffed; --format forces one for every file.

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
    alerts.ndjson notes.txt --channel inc-2026-10-14-checkout --roster roster.csv`,
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
			res, err := ingest.Import(files, opts)
			if err != nil {
				return err
			}
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			// The roster and the events land in one write, so that a failed
			// import leaves neither behind. The Service validates, rewrites
			// names into roles and curates the timeline on that write.
			added := 0
			_, err = svc.Update(cmd.Context(), args[0], hindsight.AnyVersion, func(inc *hindsight.Incident) error {
				for _, p := range people {
					if err := inc.SetPerson(p); err != nil {
						return err
					}
				}
				have := make(map[string]bool, len(inc.Timeline))
				for _, e := range inc.Timeline {
					have[e.ID] = true
				}
				for _, e := range res.Events {
					if !have[e.ID] {
						have[e.ID] = true
						inc.Timeline = append(inc.Timeline, e)
						added++
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(importSummary{Incident: args[0], Added: added, Events: len(res.Events),
					Roster: len(people), Files: res.Files, Warnings: orEmpty(res.Warnings), Identities: orEmpty(res.Identities)})
			}
			for _, f := range res.Files {
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
	f.StringVar(&tz, "tz", "", "zone for times written without one (typed notes, git --date=local), e.g. Europe/Berlin")
	f.StringVar(&date, "date", "", "day for typed notes without a date line (YYYY-MM-DD)")
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
	Roster     int                  `json:"roster"`
	Files      []ingest.FileSummary `json:"files"`
	Warnings   []hindsight.Finding  `json:"warnings"`
	Identities []ingest.Identity    `json:"identities"`
}

// orEmpty makes a nil slice print as [] rather than null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
