package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
)

func (a *app) eventCommand() *cobra.Command {
	c := &cobra.Command{
		Use:     "event",
		Short:   "Add and curate timeline events",
		GroupID: "evidence",
		Args:    exactArgs(),
	}
	c.AddCommand(a.eventAddCommand(), a.eventStarCommand(true), a.eventStarCommand(false), a.eventPhaseCommand())
	return c
}

// parseTime reads a time given on the command line. It must carry its zone:
// a time without one is exactly the mistake that ruins timelines.
func parseTime(flag, v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04Z07:00"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, usagef("--%s %q is not an RFC 3339 time with a zone, like 2026-10-14T11:02:00Z or 2026-10-14T13:02:00+02:00", flag, v)
}

func (a *app) eventAddCommand() *cobra.Command {
	var at, text, kind, actor string
	var star, asJSON bool
	c := &cobra.Command{
		Use:   "add ID --at TIME --text TEXT [--kind KIND] [--actor ROLE] [--star]",
		Short: "Add one event to the timeline by hand",
		Long: `Add one event to the timeline by hand. --at is an RFC 3339 time with its zone;
it is stored in UTC. Kinds: ` + kinds() + `.
Prints the new event id.`,
		Example: `  hindsight event add 2026-10-14-checkout-latency --at 2026-10-14T11:02:00Z \
    --text "Alert CheckoutHighErrorRate fired" --kind alert --star`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := parseTime("at", at)
			if err != nil {
				return err
			}
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			e := hindsight.Event{Time: t, TimeText: at, Source: "manual", Ref: "cli", Kind: hindsight.EventKind(kind),
				Actor: actor, Text: text, Starred: star, Curated: star, KnownDuring: true}
			e.Normalize()
			if _, err := svc.AddEvents(cmd.Context(), args[0], []hindsight.Event{e}); err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(e)
			}
			fmt.Fprintln(a.stdout, e.ID)
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&at, "at", "", "when it happened (RFC 3339 with zone)")
	f.StringVar(&text, "text", "", "what happened, naming roles rather than people")
	f.StringVar(&kind, "kind", string(hindsight.KindNote), "kind of event")
	f.StringVar(&actor, "actor", "", "the role that acted")
	f.BoolVar(&star, "star", false, "curate the event into the report's timeline (without it, the star rules decide)")
	f.BoolVar(&asJSON, "json", false, "print the created event as JSON")
	c.MarkFlagRequired("at")
	c.MarkFlagRequired("text")
	return c
}

func kinds() string {
	s := ""
	for i, k := range hindsight.EventKinds {
		if i > 0 {
			s += ", "
		}
		s += string(k)
	}
	return s
}
