package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
)

func (a *app) factorCommand() *cobra.Command {
	c := &cobra.Command{
		Use:     "factor",
		Short:   "Record contributing factors and how they led to each other",
		GroupID: "content",
		Args:    exactArgs(),
	}
	c.AddCommand(a.factorAddCommand())
	return c
}

func (a *app) factorAddCommand() *cobra.Command {
	var text, layer, causes string
	var asJSON bool
	c := &cobra.Command{
		Use:   "add ID --text TEXT --layer technical|process|organizational [--causes FACTOR_ID]",
		Short: "Add a contributing factor",
		Long: `Add a contributing factor: a condition that made the incident possible or worse.
Tag it with its layer: technical (the system), process (how work is done) or
organizational (how teams, incentives and priorities are set up).

--causes F1 records that the new factor led to F1: it answers "why?" for F1.
A chain of them is a 5 Whys path; several chains per incident are normal.
Prints the new factor id.`,
		Example: `  hindsight factor add INC --text "Checkout requests failed waiting for database connections" --layer technical
  hindsight factor add INC --text "The pool size was lowered to 20 by a config change" --layer technical --causes F1
  hindsight factor add INC --text "Config changes are not load-tested before rollout" --layer process --causes F2`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			var f hindsight.Factor
			_, err = svc.Update(cmd.Context(), args[0], hindsight.AnyVersion, func(inc *hindsight.Incident) error {
				f, err = inc.AddFactor(text, hindsight.Layer(layer), causes)
				return err
			})
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(f)
			}
			fmt.Fprintln(a.stdout, f.ID)
			return nil
		},
	}
	fl := c.Flags()
	fl.StringVar(&text, "text", "", "the factor, as a condition of the system or organisation")
	fl.StringVar(&layer, "layer", "", "technical, process or organizational")
	fl.StringVar(&causes, "causes", "", "id of the factor this one led to")
	fl.BoolVar(&asJSON, "json", false, "print the created factor as JSON")
	c.MarkFlagRequired("text")
	c.MarkFlagRequired("layer")
	return c
}
