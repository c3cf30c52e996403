package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
)

func (a *app) newCommand() *cobra.Command {
	var n hindsight.NewIncident
	var from, tz string
	var asJSON bool
	c := &cobra.Command{
		Use:     "new --title TITLE [--id ID] [--severity SEV] | new --from FILE.json | new --from FILE.md [--tz ZONE]",
		Short:   "Open a new postmortem, or restore an exported one",
		GroupID: "incident",
		Long: `Open a new draft postmortem. Without --id, the id is made from today's date
and the title (2026-10-14-checkout-latency). With --from, restore a document
written by 'hindsight export', keeping its id.

With --from FILE.md (any Markdown file), import an existing postmortem:
sections, timeline entries, action items, lessons and contributing factors are
read from it, text that maps to nowhere is kept in an appendix, and what the
importer flagged (unreadable times, missing sections) is printed on stderr.
See docs/markdown-import.md.

Prints the new id as the last line of stdout (with --json, the incident).`,
		Example: `  hindsight new --title "Checkout latency" --severity SEV2
  hindsight new --from 2026-10-14-checkout-latency.json
  hindsight new --from postmortems/2023-07-20-downloads.md --tz UTC`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			var inc *hindsight.Incident
			switch {
			case from != "" && n.Title != "":
				return usagef("--from and --title do not go together: the document has its own title")
			case from != "" && isMarkdownFile(from):
				if inc, err = a.newFromMarkdown(cmd.Context(), svc, from, tz, n); err != nil {
					return err
				}
			case from != "":
				doc, err := os.ReadFile(from)
				if err != nil {
					return err
				}
				if inc, err = svc.Restore(cmd.Context(), doc); err != nil {
					return fmt.Errorf("%s: %w", from, err)
				}
			case n.Title == "":
				return usagef("new needs --title (or --from FILE)")
			default:
				if inc, err = svc.Create(cmd.Context(), n); err != nil {
					return err
				}
			}
			if asJSON {
				return a.printJSON(inc)
			}
			fmt.Fprintln(a.stdout, inc.ID)
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&n.Title, "title", "", "one-line title of the incident")
	f.StringVar(&n.ID, "id", "", "id to use (lower-case letters, digits, '-', '_', '.')")
	f.StringVar(&n.Severity, "severity", "", "severity level, e.g. SEV2 (see 'hindsight set --help')")
	f.StringVar(&from, "from", "", "restore an exported incident document (JSON), or import a Markdown postmortem")
	f.StringVar(&tz, "tz", "", "for Markdown: the time zone of times the document gives none for (PST, CET, UTC+02:00, Europe/Oslo)")
	f.BoolVar(&asJSON, "json", false, "print the created incident as JSON")
	return c
}

func (a *app) listCommand() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:     "list",
		Short:   "List postmortems, most recently updated first",
		GroupID: "incident",
		Args:    exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			list, err := svc.Incidents(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(list)
			}
			if len(list) == 0 {
				a.say("No postmortems yet. Start one with: hindsight new --title TITLE")
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tSTATUS\tUPDATED\tTITLE")
			for _, s := range list {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.ID, orDash(s.Severity), s.Status, s.UpdatedAt.Format("2006-01-02 15:04Z"), s.Title)
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

func (a *app) showCommand() *cobra.Command {
	var asJSON, withNames bool
	c := &cobra.Command{
		Use:     "show ID",
		Short:   "Show one postmortem (with --json: the whole document, as 'export')",
		GroupID: "incident",
		Args:    exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			inc, err := a.incident(cmd, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(shareable(inc, withNames))
			}
			a.printIncident(inc)
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the whole incident document as JSON")
	c.Flags().BoolVar(&withNames, "with-names", false, "with --json, keep the real names in the roster (see 'export --help')")
	return c
}

func (a *app) incident(cmd *cobra.Command, id string) (*hindsight.Incident, error) {
	svc, err := a.service(cmd.Context())
	if err != nil {
		return nil, err
	}
	return svc.Incident(cmd.Context(), id)
}

// printIncident writes a compact, human overview of an incident.
func (a *app) printIncident(inc *hindsight.Incident) {
	w := a.stdout
	fmt.Fprintf(w, "%s  %s\n", inc.ID, inc.Title)
	fmt.Fprintf(w, "  severity %s · status %s · version %d · updated %s\n", orDash(inc.Severity), inc.Status, inc.Version, inc.UpdatedAt.Format(time.RFC3339))
	if len(inc.Services) > 0 {
		fmt.Fprintf(w, "  services: %s\n", strings.Join(inc.Services, ", "))
	}
	if inc.Summary != "" {
		fmt.Fprintf(w, "\nSummary\n  %s\n", inc.Summary)
	}
	starred := 0
	for _, e := range inc.Timeline {
		if e.Starred {
			starred++
		}
	}
	fmt.Fprintf(w, "\nTimeline: %d events (%d starred)\n", len(inc.Timeline), starred)
	for _, m := range inc.Milestones {
		fmt.Fprintf(w, "  %-13s %s\n", m.Name, m.Time.Format("2006-01-02 15:04:05Z"))
	}
	if len(inc.Factors) > 0 {
		fmt.Fprintf(w, "\nContributing factors\n")
		for _, f := range inc.Factors {
			fmt.Fprintf(w, "  %-4s [%s] %s\n", f.ID, f.Layer, f.Text)
		}
	}
	if len(inc.Actions) > 0 {
		fmt.Fprintf(w, "\nAction items\n")
		for _, ac := range inc.Actions {
			fmt.Fprintf(w, "  %-4s [%s] %s (%s, %s, due %s)\n", ac.ID, ac.Category, ac.Title, orDash(string(ac.Priority)), orDash(ac.Owner), orDash(ac.Due))
		}
	}
	if len(inc.Lessons) > 0 {
		fmt.Fprintf(w, "\nLessons\n")
		for _, l := range inc.Lessons {
			fmt.Fprintf(w, "  %-4s [%s] %s\n", l.ID, l.Kind, l.Text)
		}
	}
	if len(inc.Appendices) > 0 {
		fmt.Fprintf(w, "\nAttachments\n")
		for _, ap := range inc.Appendices {
			fmt.Fprintf(w, "  %s (%s, %d bytes) %s\n", ap.Name, ap.MediaType, ap.Size, ap.Caption)
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (a *app) setCommand() *cobra.Command {
	var version int
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, f := range hindsight.FieldNames() {
		fmt.Fprintf(tw, "  %s\t%s\n", f[0], f[1])
	}
	tw.Flush()
	c := &cobra.Command{
		Use:     "set ID FIELD VALUE",
		Short:   "Set one field of a postmortem",
		GroupID: "incident",
		Long: "Set one field of a postmortem. Fields:\n\n" + b.String() + `
Severity levels (default scale): SEV1 (critical) … SEV4 (low).
With --if-version N the change is made only if nobody changed the incident
since you read version N; otherwise it fails and changes nothing.`,
		Example: `  hindsight set 2026-10-14-checkout-latency impact.users_percent 18
  hindsight set 2026-10-14-checkout-latency services checkout-api,payments-db`,
		Args: exactArgs("ID", "FIELD", "VALUE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			inc, err := svc.Update(cmd.Context(), args[0], version, func(inc *hindsight.Incident) error {
				return inc.SetField(args[1], args[2])
			})
			if err != nil {
				return err
			}
			a.say("%s: %s set (version %d)", inc.ID, args[1], inc.Version)
			return nil
		},
	}
	c.Flags().IntVar(&version, "if-version", hindsight.AnyVersion, "fail unless the incident is still at this version")
	return c
}

func (a *app) exportCommand() *cobra.Command {
	var out string
	var withNames bool
	c := &cobra.Command{
		Use:     "export ID [-o FILE]",
		Short:   "Write the whole postmortem as one JSON document",
		GroupID: "output",
		Long: `Write the whole postmortem, with its timeline and attached files, as one JSON
document. 'hindsight new --from FILE' restores it.

The roster keeps handles and roles but not people's real names, so the
document can be shared: every other part of it names roles only. For a full
backup that keeps the names (so that evidence imported after a restore is
still rewritten to roles), add --with-names.`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			inc, err := a.incident(cmd, args[0])
			if err != nil {
				return err
			}
			doc := shareable(inc, withNames)
			if out == "" || out == "-" {
				return a.printJSON(doc)
			}
			return writeFileAtomic(out, func(f *os.File) error {
				sub := *a
				sub.stdout = f
				return sub.printJSON(doc)
			})
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of stdout")
	c.Flags().BoolVar(&withNames, "with-names", false, "keep people's real names in the roster (a private backup)")
	return c
}

// shareable is the incident as JSON output shows it: without real names
// unless the user asked for them.
func shareable(inc *hindsight.Incident, withNames bool) *hindsight.Incident {
	if withNames {
		return inc
	}
	return inc.WithoutNames()
}
