package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
)

func (a *app) actionCommand() *cobra.Command {
	c := &cobra.Command{
		Use:     "action",
		Short:   "Record follow-up action items",
		GroupID: "content",
		Args:    exactArgs(),
	}
	c.AddCommand(a.actionAddCommand())
	return c
}

func (a *app) actionAddCommand() *cobra.Command {
	var item hindsight.ActionItem
	var category, priority, addresses string
	var asJSON bool
	c := &cobra.Command{
		Use:   "add ID --title TITLE --category CATEGORY [--owner O] [--due YYYY-MM-DD] [--priority P0..P3] [--addresses FACTOR_ID]",
		Short: "Add an action item",
		Long: `Add an action item. Start the title with a verb, name the system, and say when
it is done. Categories:
  investigate      find out what is still unknown
  mitigate         reduce the impact while the incident lasts
  repair           restore what the incident damaged
  detect           notice this kind of incident sooner
  mitigate-future  make the next one hurt less
  prevent          stop this kind of incident from happening again
Prints the new action id.`,
		Example: `  hindsight action add INC --title "Add a CI check that rejects pool_size below 100 for checkout-api" \
    --category prevent --owner "checkout team" --due 2026-11-15 --priority P1 --addresses F2`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			item.Category, item.Priority = hindsight.Category(category), hindsight.Priority(priority)
			if addresses != "" {
				item.Addresses = []string{addresses}
			}
			var added hindsight.ActionItem
			_, err = svc.Update(cmd.Context(), args[0], hindsight.AnyVersion, func(inc *hindsight.Incident) error {
				added, err = inc.AddAction(item)
				return err
			})
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(added)
			}
			fmt.Fprintln(a.stdout, added.ID)
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&item.Title, "title", "", "what to do, starting with a verb")
	f.StringVar(&category, "category", "", "investigate, mitigate, repair, detect, mitigate-future or prevent")
	f.StringVar(&item.Owner, "owner", "", "the role or team that owns it")
	f.StringVar(&item.Due, "due", "", "due day, YYYY-MM-DD")
	f.StringVar(&priority, "priority", "", "P0 (most urgent) to P3")
	f.StringVar(&addresses, "addresses", "", "id of the contributing factor it deals with")
	f.StringVar(&item.DoneWhen, "done-when", "", "how everyone will know it is finished")
	f.StringVar(&item.Tracker, "tracker", "", "ticket key or URL")
	f.BoolVar(&asJSON, "json", false, "print the created action item as JSON")
	c.MarkFlagRequired("title")
	c.MarkFlagRequired("category")
	return c
}
