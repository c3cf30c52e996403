package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/examples"
	"github.com/hindsight-sre/hindsight/report"
	"github.com/hindsight-sre/hindsight/store"
)

func (a *app) demoCommand() *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:     "demo [-o DIR]",
		Short:   "Build the bundled example postmortem and write its reports",
		GroupID: "output",
		Long: `Build the postmortem of the bundled example incident (a checkout latency
outage; its evidence is in examples/checkout-latency) in a fresh SQLite
database, and write its Markdown and HTML reports.

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
			svc := hindsight.NewService(db)
			doc, err := fs.ReadFile(examples.FS, examples.CheckoutLatency+"/incident.json")
			if err != nil {
				return err
			}
			inc, err := svc.Restore(ctx, doc)
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
			a.say("Built %s: %d timeline events, %d contributing factors, %d action items.", inc.ID, len(inc.Timeline), len(inc.Factors), len(inc.Actions))
			a.say("Open %s in a browser, or explore: hindsight --db %s show %s", filepath.Join(out, "report.html"), dbPath, inc.ID)
			return nil
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "hindsight-demo", "folder to write the demo database and reports into")
	return c
}
