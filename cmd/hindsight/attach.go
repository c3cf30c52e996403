package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

func (a *app) attachCommand() *cobra.Command {
	var caption string
	var asJSON bool
	c := &cobra.Command{
		Use:     "attach ID FILE [--caption TEXT]",
		Short:   "Attach a screenshot, graph or other file",
		GroupID: "content",
		Long: `Attach a file people shared during the incident (a screenshot, a graph, a log
excerpt). It is stored with the incident, listed in the report's Appendices,
and images are embedded in the HTML report. Prints the attachment's name.`,
		Args: exactArgs("ID", "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			content, err := os.ReadFile(args[1])
			if err != nil {
				return err
			}
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			ap, err := svc.Attach(cmd.Context(), args[0], args[1], caption, content)
			if err != nil {
				return err
			}
			if asJSON {
				ap.Content = nil
				return a.printJSON(ap)
			}
			fmt.Fprintln(a.stdout, ap.Name)
			return nil
		},
	}
	c.Flags().StringVar(&caption, "caption", "", "what the file shows")
	c.Flags().BoolVar(&asJSON, "json", false, "print the attachment's details as JSON")
	return c
}
