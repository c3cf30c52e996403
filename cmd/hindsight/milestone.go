package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
)

func (a *app) milestoneCommand() *cobra.Command {
	c := &cobra.Command{
		Use:     "milestone",
		Short:   "Set milestones by hand, or see the rules that derive them",
		GroupID: "evidence",
		Args:    exactArgs(),
	}
	c.AddCommand(a.milestoneSetCommand(), a.milestoneUnsetCommand(), a.milestoneRulesCommand())
	return c
}

func (a *app) milestoneSetCommand() *cobra.Command {
	var at, because string
	c := &cobra.Command{
		Use:   "set ID NAME --at TIME --because TEXT",
		Short: "Set a milestone by hand; it wins over the rules from then on",
		Long: `Set a milestone by hand. A milestone a person set always wins over the one
the rules derive, and survives every later import. --at is an RFC 3339 time
with its zone; --because says how you know, for the report's readers.
Milestones: ` + names(hindsight.MilestoneNames) + `.`,
		Example: `  hindsight milestone set 2026-10-14-checkout-latency impact_start \
    --at 2026-10-14T10:41:00Z --because "checkout error graph rises at 10:41"`,
		Args: exactArgs("ID", "NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := parseTime("at", at)
			if err != nil {
				return err
			}
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			m, err := svc.SetMilestone(cmd.Context(), args[0], hindsight.MilestoneName(args[1]), t, because)
			if err != nil {
				return err
			}
			a.say("%s: %s set to %s by a person", args[0], m.Name, m.Time.Format(clockLayout))
			return nil
		},
	}
	c.Flags().StringVar(&at, "at", "", "when (RFC 3339 with zone)")
	c.Flags().StringVar(&because, "because", "", "how you know: the graph, ticket or message that shows it")
	c.MarkFlagRequired("at")
	c.MarkFlagRequired("because")
	return c
}

func (a *app) milestoneUnsetCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "unset ID NAME",
		Short: "Hand a milestone set by hand back to the rules",
		Args:  exactArgs("ID", "NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			if err := svc.ClearMilestone(cmd.Context(), args[0], hindsight.MilestoneName(args[1])); err != nil {
				return err
			}
			a.say("%s: %s is derived from the evidence again", args[0], args[1])
			return nil
		},
	}
}

func (a *app) milestoneRulesCommand() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "rules",
		Short: "List the rules that derive milestones from the evidence",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			type rule struct {
				ID        string                  `json:"id"`
				Milestone hindsight.MilestoneName `json:"milestone"`
				Rule      string                  `json:"rule"`
			}
			var rules []rule
			for _, r := range hindsight.MilestoneRules {
				rules = append(rules, rule{r.ID, r.Name, r.Doc})
			}
			if asJSON {
				return a.printJSON(rules)
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "MILESTONE\tRULE\tDERIVED FROM")
			for _, r := range rules {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Milestone, r.ID, r.Rule)
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the rules as JSON")
	return c
}

// names lists the valid values of one of the domain's string types, for
// help texts.
func names[T ~string](values []T) string {
	s := make([]string, len(values))
	for i, v := range values {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}
