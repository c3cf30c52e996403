package main

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
)

func (a *app) rosterCommand() *cobra.Command {
	c := &cobra.Command{
		Use:     "roster",
		Short:   "Map the people in the evidence to their roles",
		GroupID: "evidence",
		Long: `Map the people in the evidence to the roles they held. Every handle, @handle,
full name, part of the full name and alias of a roster person is replaced by
their role in the timeline, the milestones, factors, action items, lessons and
every other text of the postmortem, in evidence imported before and after.
The roster itself is the one place the names stay (and 'hindsight export'
carries it, so a restored postmortem keeps rewriting new evidence).

Both orders work: 'roster add ID …' and 'roster ID add …'.`,
		// "roster ID add" puts the id before the verb; cobra finds no
		// subcommand named ID and lands here with the raw arguments.
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			// The verb is the first argument naming a subcommand; the rest
			// (the id, and flags given before or after it) go to that verb.
			for i, arg := range args {
				for _, sub := range cmd.Commands() {
					if i > 0 && sub.Name() == arg {
						return runSubcommand(cmd, sub, slices.Delete(slices.Clone(args), i, i+1))
					}
				}
			}
			if len(args) == 0 || slices.Contains(args, "--help") || slices.Contains(args, "-h") {
				return cmd.Help()
			}
			return usagef("roster needs a verb: add or list (e.g. 'hindsight roster add ID --handle H --role R')")
		},
	}
	c.AddCommand(a.rosterAddCommand(), a.rosterListCommand())
	return c
}

// runSubcommand runs sub with args as cobra would have, had the verb come
// first: flags parsed and checked, arguments checked, then RunE.
func runSubcommand(parent, sub *cobra.Command, args []string) error {
	sub.InitDefaultHelpFlag() // cobra adds --help only on its own dispatch
	if err := sub.ParseFlags(args); err != nil {
		return usageError{err}
	}
	if help, _ := sub.Flags().GetBool("help"); help {
		return sub.Help()
	}
	if err := sub.ValidateRequiredFlags(); err != nil {
		return usageError{err}
	}
	rest := sub.Flags().Args()
	if err := sub.ValidateArgs(rest); err != nil {
		return err
	}
	sub.SetContext(parent.Context())
	return sub.RunE(sub, rest)
}

func (a *app) rosterAddCommand() *cobra.Command {
	var p hindsight.Person
	c := &cobra.Command{
		Use:   "add ID --handle HANDLE --role ROLE [--name NAME] [--alias ALIAS]…",
		Short: "Add a person to the roster (or change their entry), and rewrite the postmortem",
		Long: `Add a person to the roster, or replace the entry with the same handle, and
rewrite every text of the postmortem so that their names give way to the role.
--alias adds other names the evidence uses for them (a chat user id such as
U024BE7LH, an e-mail address, a display name); repeat it for several.

Handles match in any case. A handle that is also an ordinary word ("will",
"mark") would be replaced wherever the word appears: give such a person the
chat user id or e-mail as handle, and their name with --name.`,
		Example: `  hindsight roster add 2026-10-14-checkout-latency --handle dana --name "Dana Scully" \
    --role "Incident Commander" --alias U024BE7LH`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			added, err := svc.AddPerson(cmd.Context(), args[0], p)
			if err != nil {
				return err
			}
			a.say("%s: %s is shown as %q from now on", args[0], added.Handle, added.Role)
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&p.Handle, "handle", "", "chat or pager handle, with or without @")
	f.StringVar(&p.Name, "name", "", "full name as the evidence writes it")
	f.StringVar(&p.Role, "role", "", "the role shown instead (Incident Commander, on-call SRE, …)")
	f.StringArrayVar(&p.Aliases, "alias", nil, "another name the evidence uses (repeatable)")
	c.MarkFlagRequired("handle")
	c.MarkFlagRequired("role")
	return c
}

func (a *app) rosterListCommand() *cobra.Command {
	var asJSON, withNames bool
	c := &cobra.Command{
		Use:   "list ID [--json]",
		Short: "List the roster: the one place that holds the names",
		Args:  exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			roster, err := svc.Roster(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if asJSON {
				if roster == nil {
					roster = []hindsight.Person{}
				}
				if !withNames {
					roster = (&hindsight.Incident{Roster: roster}).WithoutNames().Roster
				}
				return a.printJSON(roster)
			}
			if len(roster) == 0 {
				a.say("%s has no roster yet. Add people with 'hindsight roster add %s --handle H --role R'.", args[0], args[0])
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "HANDLE\tROLE\tNAME\tALIASES")
			for _, p := range roster {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Handle, p.Role, orDash(p.Name), orDash(strings.Join(p.Aliases, ", ")))
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the roster as JSON (handles and roles; names only with --with-names)")
	c.Flags().BoolVar(&withNames, "with-names", false, "with --json, include real names and aliases")
	return c
}
