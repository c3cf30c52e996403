package main

import (
	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
)

// eventStarCommand is `event star` (starred true) or `event unstar`.
func (a *app) eventStarCommand(starred bool) *cobra.Command {
	verb, done, short := "star", "starred", "Show an event in the curated timeline and the report"
	if !starred {
		verb, done, short = "unstar", "unstarred", "Hide an event from the curated timeline and the report"
	}
	return &cobra.Command{
		Use:   verb + " ID EVENT",
		Short: short,
		Long: short + `. The choice is kept: the default star
rules never override it, however often the evidence is imported again. Nothing
is deleted; 'hindsight timeline ID --all' still shows the event.`,
		Args: exactArgs("ID", "EVENT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			if err := svc.StarEvent(cmd.Context(), args[0], args[1], starred); err != nil {
				return err
			}
			a.say("%s: event %s %s", args[0], args[1], done)
			return nil
		},
	}
}

func (a *app) eventPhaseCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "phase ID EVENT PHASE",
		Short: "Place an event in a phase by hand (\"auto\" hands it back to the rules)",
		Long: `Place an event in a phase by hand; the phase rules then leave it alone.
Phases: ` + names(hindsight.Phases) + `. "auto" hands the event back to the rules.`,
		Args: exactArgs("ID", "EVENT", "PHASE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			p := hindsight.Phase(args[2])
			if p == "auto" {
				p = ""
			}
			if err := svc.SetEventPhase(cmd.Context(), args[0], args[1], p); err != nil {
				return err
			}
			a.say("%s: event %s phase set to %s", args[0], args[1], args[2])
			return nil
		},
	}
}
