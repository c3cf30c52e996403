package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/examples"
	"github.com/hindsight-sre/hindsight/ingest"
	"github.com/hindsight-sre/hindsight/report"
	"github.com/hindsight-sre/hindsight/store"
)

// demoEvidence lists the bundled example's evidence, as a team would pass
// it to `hindsight import`.
var demoEvidence = []string{"slack", "pagerduty/log_entries.json", "pagerduty/incident.json", "alertmanager/webhook.json",
	"github/deployments.json", "github/deployment_statuses.json", "gitlog/config-repo.log", "statuspage/incident.json",
	"notes.txt", "logs/checkout-api.log"}

func (a *app) demoCommand() *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:     "demo [-o DIR]",
		Short:   "Build the bundled example postmortem from its evidence and write its reports",
		GroupID: "output",
		Long: `Build the postmortem of the bundled example incident (a checkout latency
outage; see examples/checkout-latency) the way a team would, in a fresh SQLite
database:

  1. import the evidence (Slack export, PagerDuty, Alertmanager, GitHub
     deployments, git log, Statuspage, typed notes, the application log) with
     the roster, so the timeline names roles;
  2. let the rules build the timeline, milestones and metrics from it;
  3. add the team's analysis (summary, impact, contributing factors, action
     items, lessons) from the example's incident.json;
  4. write the Markdown and HTML reports.

Writes DIR/demo.db, DIR/report.md and DIR/report.html (DIR defaults to
./hindsight-demo). The demo never touches your own database.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			dbPath := filepath.Join(out, "demo.db")
			for _, suffix := range []string{"", "-wal", "-shm"} {
				if err := os.Remove(dbPath + suffix); err != nil && !os.IsNotExist(err) {
					return err
				}
			}
			db, err := store.Open(ctx, dbPath)
			if err != nil {
				return err
			}
			defer db.Close()
			inc, err := buildDemo(ctx, hindsight.NewService(db), a)
			if err != nil {
				return fmt.Errorf("example incident: %w", err)
			}
			r, err := report.New(nil)
			if err != nil {
				return err
			}
			for _, format := range []string{"md", "html"} {
				var buf bytes.Buffer
				if err := r.RenderContext(ctx, &buf, inc, format); err != nil {
					return err
				}
				path := filepath.Join(out, "report."+format)
				if err := writeFileAtomic(path, func(f *os.File) error { _, err := f.Write(buf.Bytes()); return err }); err != nil {
					return err
				}
				fmt.Fprintln(a.stdout, path)
			}
			a.say("Open %s in a browser, or explore: hindsight --db %s timeline %s", filepath.Join(out, "report.html"), dbPath, inc.ID)
			return nil
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "hindsight-demo", "folder to write the demo database and reports into")
	return c
}

// buildDemo builds the example incident from its evidence plus the team's
// analysis, through the same Service calls the commands use.
func buildDemo(ctx context.Context, svc *hindsight.Service, a *app) (*hindsight.Incident, error) {
	root, err := fs.Sub(examples.FS, examples.CheckoutLatency)
	if err != nil {
		return nil, err
	}
	doc, err := fs.ReadFile(root, "incident.json")
	if err != nil {
		return nil, err
	}
	var team hindsight.Incident
	if err := json.Unmarshal(doc, &team); err != nil {
		return nil, fmt.Errorf("incident.json: %w", err)
	}
	rosterFile, err := root.Open("roster.csv")
	if err != nil {
		return nil, err
	}
	people, err := ingest.ReadRoster(rosterFile)
	rosterFile.Close()
	if err != nil {
		return nil, err
	}
	var files []ingest.File
	for _, name := range demoEvidence {
		if st, err := fs.Stat(root, name); err == nil && st.IsDir() {
			sub, err := fs.Sub(root, name)
			if err != nil {
				return nil, err
			}
			files = append(files, ingest.File{Name: name, FS: sub})
			continue
		}
		data, err := fs.ReadFile(root, name)
		if err != nil {
			return nil, err
		}
		files = append(files, ingest.File{Name: path.Base(name), Data: data})
	}
	res, err := ingest.Import(files, ingest.Options{Channel: "inc-2026-10-14-checkout"})
	if err != nil {
		return nil, err
	}
	if _, err := svc.Create(ctx, hindsight.NewIncident{ID: team.ID, Title: team.Title, Severity: team.Severity}); err != nil {
		return nil, err
	}
	added, err := svc.AddEvidence(ctx, team.ID, people, res.Events, res.Patterns)
	if err != nil {
		return nil, err
	}
	a.say("Imported %d events and %d log patterns from %d evidence files (%d warnings, e.g. times that could be read two ways).",
		added, len(res.Patterns), len(files), len(res.Warnings))
	inc, err := svc.Update(ctx, team.ID, hindsight.AnyVersion, func(inc *hindsight.Incident) error {
		inc.Status, inc.SeverityReasons, inc.Summary, inc.Services = team.Status, team.SeverityReasons, team.Summary, team.Services
		inc.Impact, inc.Owner, inc.Trigger, inc.Detection, inc.Resolution = team.Impact, team.Owner, team.Trigger, team.Detection, team.Resolution
		inc.Factors, inc.Actions, inc.Lessons, inc.ThirdParties = team.Factors, team.Actions, team.Lessons, team.ThirdParties
		// The team's factors cite the events of their own curated timeline;
		// this timeline was built from the evidence, so those ids do not apply.
		for i := range inc.Factors {
			inc.Factors[i].Evidence = nil
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ms := inc.DerivedMilestones()
	a.say("Derived %d milestones from the evidence; %d contributing factors, %d action items and %d lessons from the team's analysis.",
		len(ms), len(inc.Factors), len(inc.Actions), len(inc.Lessons))
	return inc, nil
}
