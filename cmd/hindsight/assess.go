package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/hindsight-sre/hindsight"
)

func (a *app) assessCommand() *cobra.Command {
	var scaleFile string
	var apply, asJSON bool
	c := &cobra.Command{
		Use:     "assess ID [--scale FILE] [--apply]",
		Short:   "Compute the severity from the impact, and whether a postmortem is required",
		GroupID: "checks",
		Long: `Compute the severity from the impact fields (users affected, share of users,
duration between the impact milestones, revenue, error budget used, data loss,
security exposure) on a severity scale, say why, and say whether a postmortem
is required. When figures point at different levels, the higher level wins.
The severity is changed only with --apply.

The default scale is SEV1 (critical) to SEV4 (low). --scale FILE reads a YAML
scale instead, most severe level first:

  levels:
    - name: SEV1
      description: Critical
      postmortem_required: true
      when: {users_percent: 50, duration_minutes: 240, revenue: 250000,
             slo_budget: 100, data_loss: true, security: true}
    - name: SEV2
      ...`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if scaleFile != "" {
				scale, err := readScale(scaleFile)
				if err != nil {
					return err
				}
				a.scale = &scale
			}
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			as, err := svc.Assess(cmd.Context(), args[0], apply)
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(as)
			}
			fmt.Fprintf(a.stdout, "%s (currently %s)\n", as.Severity, orDash(as.Current))
			for _, r := range as.Reasons {
				fmt.Fprintf(a.stdout, "  - %s\n", r)
			}
			if len(as.Unknown) > 0 {
				fmt.Fprintf(a.stdout, "Not known yet (the level could be higher): %s\n", strings.Join(as.Unknown, "; "))
			}
			if apply {
				a.say("%s: severity set to %s", args[0], as.Severity)
			} else if as.Severity != as.Current {
				a.say("Run with --apply to set the severity to %s.", as.Severity)
			}
			return nil
		},
	}
	c.Flags().StringVar(&scaleFile, "scale", "", "severity scale YAML file")
	c.Flags().BoolVar(&apply, "apply", false, "set the computed severity on the incident")
	c.Flags().BoolVar(&asJSON, "json", false, "print the assessment as JSON")
	return c
}

func readScale(path string) (hindsight.Scale, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return hindsight.Scale{}, err
	}
	s, err := parseScale(b)
	if err != nil {
		return s, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// parseScale reads a severity scale from YAML, strictly: an unknown key is
// an error, so a misspelt criterion cannot silently drop out of the scale.
func parseScale(b []byte) (hindsight.Scale, error) {
	var s hindsight.Scale
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return s, err
	}
	return s, s.Validate()
}
