package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/markdown"
)

// Importing existing Markdown postmortems: `new --from FILE.md` for one,
// `import-archive DIR` for a folder of them.

// markdownExts are the file names read as Markdown postmortems.
var markdownExts = []string{".md", ".markdown", ".mdown", ".mkd", ".qmd", ".mdx"}

// newFromMarkdown creates an incident from an existing Markdown postmortem:
// `new --from FILE.md`. --id and --severity override what the document says.
func (a *app) newFromMarkdown(ctx context.Context, svc *hindsight.Service, from, tz string, n hindsight.NewIncident) (*hindsight.Incident, error) {
	res, err := a.parseMarkdown(svc, from, tz)
	if err != nil {
		return nil, err
	}
	if n.ID != "" {
		res.Incident.ID = n.ID
	}
	if n.Severity != "" {
		res.Incident.Severity = strings.ToUpper(strings.TrimSpace(n.Severity))
	}
	a.printFindings(from, res.Findings)
	inc, err := svc.CreateFrom(ctx, res.Incident)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", from, err)
	}
	return inc, nil
}

// isMarkdownFile decides by extension, and for other names by content: an
// exported incident is a JSON object.
func isMarkdownFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	if slices.Contains(markdownExts, ext) {
		return true
	}
	if ext == ".json" {
		return false
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return false // let the JSON path report the error
	}
	b = bytes.TrimLeft(b, " \t\r\n\xef\xbb\xbf")
	return len(b) > 0 && b[0] != '{'
}

func (a *app) parseMarkdown(svc *hindsight.Service, path, tz string) (*markdown.Result, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	res, err := markdown.Parse(filepath.Base(path), src, markdown.Options{Scale: svc.Scale(), Zone: tz, Now: svc.Now()})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// printFindings tells the person at the terminal what the import flagged,
// one line each, most serious first.
func (a *app) printFindings(file string, fs []hindsight.Finding) {
	order := map[hindsight.FindingSeverity]int{hindsight.FindingError: 0, hindsight.FindingWarning: 1, hindsight.FindingInfo: 2}
	sorted := slices.Clone(fs)
	slices.SortStableFunc(sorted, func(x, y hindsight.Finding) int { return order[x.Severity] - order[y.Severity] })
	for _, f := range sorted {
		where := filepath.Base(file)
		if f.Line > 0 {
			where = fmt.Sprintf("%s:%d", where, f.Line)
		}
		line := fmt.Sprintf("%s: %s: %s [%s]", where, f.Severity, f.Message, f.Rule)
		if f.Suggestion != "" {
			line += " — " + f.Suggestion
		}
		a.say("%s", line)
	}
}

// archiveEntry is one file of an archive import.
type archiveEntry struct {
	File     string              `json:"file"`
	ID       string              `json:"id,omitempty"`
	Title    string              `json:"title,omitempty"`
	Timeline int                 `json:"timeline"`
	Actions  int                 `json:"actions"`
	Lessons  int                 `json:"lessons"`
	Factors  int                 `json:"factors"`
	Findings []hindsight.Finding `json:"findings"`
	Error    string              `json:"error,omitempty"`

	result *markdown.Result
}

func (a *app) importArchiveCommand() *cobra.Command {
	var asJSON, dryRun bool
	var tz string
	c := &cobra.Command{
		Use:     "import-archive DIR [--json] [--dry-run] [--tz ZONE]",
		Short:   "Import a folder of Markdown postmortems, one incident per file",
		GroupID: "incident",
		Long: `Import every Markdown postmortem under DIR (` + strings.Join(markdownExts, ", ") + `; sub-folders
included; README, CHANGELOG, CONTRIBUTING, LICENSE and index files skipped), one
incident per file, the id taken from the front matter or the file name.

All files are parsed first. A file that cannot be imported (not a text
document, an id that already exists) is reported on stderr and the other
files are still imported: each incident is created on its own. The exit code
is 1 when any file failed.

Prints one line per file: file, id, timeline entries, action items, lessons,
contributing factors and findings (what the importer flagged). With --json,
prints the same as a list, findings in full. --dry-run parses and reports
without creating anything.`,
		Example: `  hindsight import-archive docs/postmortems
  hindsight import-archive docs/postmortems --dry-run --json`,
		Args: exactArgs("DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			files, err := markdownFiles(args[0])
			if err != nil {
				return err
			}
			if len(files) == 0 {
				return fmt.Errorf("%s holds no Markdown files", args[0])
			}
			svc, err := a.service(cmd.Context())
			if err != nil {
				return err
			}
			entries := a.parseArchive(svc, args[0], files, tz)
			failed := 0
			if !dryRun {
				failed = a.createArchive(cmd.Context(), svc, entries)
			} else {
				for _, e := range entries {
					if e.Error != "" {
						failed++
					}
				}
			}
			if asJSON {
				if err := a.printJSON(entries); err != nil {
					return err
				}
			} else {
				a.printArchive(entries)
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d files were not imported", failed, len(entries))
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the per-file summary as JSON")
	c.Flags().BoolVar(&dryRun, "dry-run", false, "parse and report, create nothing")
	c.Flags().StringVar(&tz, "tz", "", "time zone of times the documents give none for (PST, CET, UTC+02:00, Europe/Oslo)")
	return c
}

// markdownFiles lists the postmortems under dir in name order.
func markdownFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != dir && strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !slices.Contains(markdownExts, strings.ToLower(filepath.Ext(name))) {
			return nil
		}
		stem := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
		switch stem {
		case "readme", "changelog", "contributing", "license", "index", "_index", "notes", "template", "_template":
			return nil
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// parseArchive parses every file and makes the ids unique within the batch.
func (a *app) parseArchive(svc *hindsight.Service, dir string, files []string, tz string) []*archiveEntry {
	seen := map[string]int{}
	var out []*archiveEntry
	for _, f := range files {
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			rel = f
		}
		e := &archiveEntry{File: rel, Findings: []hindsight.Finding{}}
		res, err := a.parseMarkdown(svc, f, tz)
		if err != nil {
			e.Error = hindsight.ErrorMessage(err)
			if hindsight.ErrorCodeOf(err) == hindsight.CodeInternal {
				e.Error = err.Error()
			}
			out = append(out, e)
			continue
		}
		inc := res.Incident
		if n := seen[inc.ID]; n > 0 {
			// Two documents with the same name in different folders.
			seen[inc.ID]++
			inc.ID = fmt.Sprintf("%s-%d", inc.ID, n+1)
		}
		seen[inc.ID]++
		e.ID, e.Title, e.result = inc.ID, inc.Title, res
		e.Timeline, e.Actions, e.Lessons, e.Factors = len(inc.Timeline), len(inc.Actions), len(inc.Lessons), len(inc.Factors)
		e.Findings = res.Findings
		out = append(out, e)
	}
	return out
}

// createArchive creates the parsed incidents one by one and returns how
// many files failed, reporting each on stderr.
func (a *app) createArchive(ctx context.Context, svc *hindsight.Service, entries []*archiveEntry) int {
	failed := 0
	for _, e := range entries {
		if e.Error == "" {
			if _, err := svc.CreateFrom(ctx, e.result.Incident); err != nil {
				e.Error = errorLine(err)
			}
		}
		if e.Error != "" {
			failed++
			a.say("hindsight: %s: %s", e.File, e.Error)
		}
	}
	return failed
}

func (a *app) printArchive(entries []*archiveEntry) {
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tID\tTIMELINE\tACTIONS\tLESSONS\tFACTORS\tFINDINGS")
	for _, e := range entries {
		if e.Error != "" {
			fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t-\tfailed: %s\n", e.File, e.Error)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%s\n", e.File, e.ID, e.Timeline, e.Actions, e.Lessons, e.Factors, findingCounts(e.Findings))
	}
	tw.Flush()
}

// findingCounts summarises findings as "2 warnings, 1 info".
func findingCounts(fs []hindsight.Finding) string {
	n := map[hindsight.FindingSeverity]int{}
	for _, f := range fs {
		n[f.Severity]++
	}
	var parts []string
	for _, s := range []hindsight.FindingSeverity{hindsight.FindingError, hindsight.FindingWarning, hindsight.FindingInfo} {
		if n[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[s], s))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
