package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
)

func (a *app) lessonCommand() *cobra.Command {
	c := &cobra.Command{
		Use:     "lesson",
		Short:   "Record lessons learned",
		GroupID: "content",
		Args:    exactArgs(),
	}
	var kind, text string
	var asJSON bool
	add := &cobra.Command{
		Use:   "add ID --kind went-well|went-wrong|lucky --text TEXT",
		Short: "Add a lesson: what went well, what went wrong, where we got lucky",
		Long:  "Add a lesson: what went well, what went wrong, or where we got lucky.\nPrints the new lesson id.",
		Args:  exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			var l hindsight.Lesson
			_, err = svc.Update(cmd.Context(), args[0], hindsight.AnyVersion, func(inc *hindsight.Incident) error {
				l, err = inc.AddLesson(hindsight.LessonKind(kind), text)
				return err
			})
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(l)
			}
			fmt.Fprintln(a.stdout, l.ID)
			return nil
		},
	}
	add.Flags().StringVar(&kind, "kind", "", "went-well, went-wrong or lucky")
	add.Flags().StringVar(&text, "text", "", "the lesson")
	add.Flags().BoolVar(&asJSON, "json", false, "print the created lesson as JSON")
	add.MarkFlagRequired("kind")
	add.MarkFlagRequired("text")
	c.AddCommand(add)
	return c
}
