package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
)

// clockLayout is how the CLI prints times in tables: UTC, to the second.
const clockLayout = "2006-01-02 15:04:05Z"

func (a *app) timelineCommand() *cobra.Command {
	var all, asJSON bool
	c := &cobra.Command{
		Use:     "timeline ID [--all] [--json]",
		Short:   "Show the merged, curated timeline with phases and milestones",
		GroupID: "evidence",
		Long: `Show the timeline: every source merged, in UTC, sorted by time, source and ref,
exact duplicates shown once, each event with its phase. By default only the
starred (key) events; --all shows every event, starred ones marked with *.
Events that record the same happening (an alert and its page, a deploy and
its chat announcement) share a group, and the milestones an event set are
named beside it. docs/timeline.md lists every rule.

--json prints an array of events, each with id, time (RFC 3339 UTC), source,
ref, kind, phase, actor, text, starred (and group, flags when set).`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			inc, err := a.incident(cmd, args[0])
			if err != nil {
				return err
			}
			events := hindsight.Timeline(inc, all)
			if asJSON {
				return a.printJSON(events)
			}
			if len(events) == 0 {
				if all || len(inc.Timeline) == 0 {
					a.say("%s has no events yet. Add evidence with 'hindsight event add' or an import.", inc.ID)
				} else {
					a.say("%s has no starred events; 'hindsight timeline %s --all' shows all %d.", inc.ID, inc.ID, len(inc.Timeline))
				}
				return nil
			}
			sets := map[string][]string{}
			for _, m := range inc.Milestones {
				if m.Event != "" {
					sets[m.Event] = append(sets[m.Event], string(m.Name))
				}
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			star := func(e hindsight.Event) string { return "" }
			if all {
				// Only --all mixes starred and other events; mark the starred.
				fmt.Fprint(tw, "*\t")
				star = func(e hindsight.Event) string {
					if e.Starred {
						return "*\t"
					}
					return " \t"
				}
			}
			fmt.Fprintln(tw, "TIME (UTC)\tPHASE\tKIND\tSOURCE\tACTOR\tTEXT\tID\tGROUP\tMILESTONES")
			for _, e := range events {
				fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", star(e), e.Time.Format(clockLayout), orDash(string(e.Phase)),
					e.Kind, e.Source, orDash(e.Actor), oneLine(e.Text), e.ID, orDash(e.Group), orDash(strings.Join(sets[e.ID], ",")))
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&all, "all", false, "show every event, not only the starred ones")
	c.Flags().BoolVar(&asJSON, "json", false, "print the events as a JSON array")
	return c
}

// oneLine keeps a table row on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (a *app) metricsCommand() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:     "metrics ID [--json]",
		Short:   "Show the milestones, who or what set them, and the durations between them",
		GroupID: "evidence",
		Long: `Show the milestones (trigger, impact_start, detected, declared, acknowledged,
identified, mitigated, impact_end, resolved, closed), each with the event and
rule that set it or "person" when someone set it by hand, and the metrics:
named durations from one milestone to another. There is no bare "MTTR": each
metric says what it measures from and to. A pair out of order gives no metric;
'hindsight gaps' reports it.

--json prints {"milestones": {"<name>": {"time", "event", "rule"}},
"metrics": [{"name", "from", "to", "seconds"}]}.`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			inc, err := a.incident(cmd, args[0])
			if err != nil {
				return err
			}
			r := hindsight.NewMetricsReport(inc)
			if asJSON {
				return a.printJSON(r)
			}
			if len(inc.Milestones) == 0 {
				a.say("%s has no milestones yet: import evidence, or set one with 'hindsight milestone set'.", inc.ID)
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "MILESTONE\tTIME (UTC)\tSET BY\tEVENT")
			for _, m := range inc.Milestones {
				by := "rule " + m.Rule
				if m.Rule == hindsight.RulePerson {
					by = "person: " + m.Because
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.Name, m.Time.Format(clockLayout), by, orDash(m.Event))
			}
			tw.Flush()
			if len(r.Metrics) > 0 {
				fmt.Fprintln(a.stdout)
				tw = tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "METRIC\tFROM\tTO\tDURATION")
				for _, m := range r.Metrics {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.Name, m.From, m.To, m.Duration().Round(time.Second))
				}
				tw.Flush()
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the milestones and metrics as JSON")
	return c
}

func (a *app) gapsCommand() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:     "gaps ID [--json]",
		Short:   "Ask what the postmortem is still missing",
		GroupID: "evidence",
		Long: `List what the postmortem is still missing, as a facilitator's questions: no
evidence for when impact started, missing milestones, milestones out of order,
no impact numbers, long silences inside the incident, people the evidence
names who are not on the roster. Exits 3 when any gap is a warning, so a
script or CI can wait for a complete postmortem.`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			gaps, err := svc.Gaps(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if asJSON {
				if gaps == nil {
					gaps = []hindsight.Finding{}
				}
				if err := a.printJSON(gaps); err != nil {
					return err
				}
			} else {
				for _, g := range gaps {
					fmt.Fprintf(a.stdout, "%-7s %-18s %s\n", g.Severity, g.Rule, g.Message)
					if g.Suggestion != "" {
						fmt.Fprintf(a.stdout, "%27s→ %s\n", "", g.Suggestion)
					}
				}
			}
			serious := 0
			for _, g := range gaps {
				if g.Severity != hindsight.FindingInfo {
					serious++
				}
			}
			if serious > 0 {
				return findingsError{serious}
			}
			if !asJSON && len(gaps) == 0 {
				a.say("%s: nothing obvious is missing.", args[0])
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the gaps as a JSON array of findings")
	return c
}
