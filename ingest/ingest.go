package ingest

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/alertmanager"
	"github.com/hindsight-sre/hindsight/ingest/github"
	"github.com/hindsight-sre/hindsight/ingest/gitlog"
	"github.com/hindsight-sre/hindsight/ingest/grafana"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/ingest/kube"
	"github.com/hindsight-sre/hindsight/ingest/logfile"
	"github.com/hindsight-sre/hindsight/ingest/notes"
	"github.com/hindsight-sre/hindsight/ingest/opsgenie"
	"github.com/hindsight-sre/hindsight/ingest/pagerduty"
	"github.com/hindsight-sre/hindsight/ingest/slack"
	"github.com/hindsight-sre/hindsight/ingest/statuspage"
)

// File is one piece of evidence: a plain file (Data), or a folder or an
// opened archive (FS). A ZIP given as Data is opened as an FS by Import.
// Name is how the user named it; refs, warnings and errors start with it.
type File = evidence.File

// Options steer an import; the zero value sniffs formats and redacts.
type Options = evidence.Options

// Identity is a person or bot as the evidence names them.
type Identity = evidence.Identity

// ParseError says where a file stopped making sense; its Error() reads
// "FILE:LINE: what was expected".
type ParseError = evidence.ParseError

// Batch is what one format parser returns for one file.
type Batch = evidence.Batch

// Format is one evidence format Import understands.
type Format struct {
	// Name is used by --format, by sniffing and as Event.Source.
	Name string
	// Summary says in a line what files the format reads.
	Summary string
	// Parse turns one file of the format into events. It is pure: bytes
	// in, events out, no I/O beyond reading f.FS (and f.Open, for a
	// format that streams).
	Parse func(f File, opts Options) (Batch, error)
	// Stream says Parse reads a big file from File.Open as it goes; for
	// the other formats Import reads such a file into memory first.
	Stream bool
}

// formats is the registry, in the order the user documentation lists them.
var formats = []Format{
	{Name: slack.Name, Summary: "Slack workspace export: ZIP or folder (users.json, channels.json, <channel>/<YYYY-MM-DD>.json), or one day file", Parse: slack.Parse},
	{Name: pagerduty.Name, Summary: "PagerDuty REST v2: incident log_entries, incident, notes", Parse: pagerduty.Parse},
	{Name: opsgenie.Name, Summary: "Opsgenie alert activity log, notes or alert", Parse: opsgenie.Parse},
	{Name: alertmanager.Name, Summary: "Prometheus Alertmanager webhook payloads (version 4): one, an array, or one per line", Parse: alertmanager.Parse},
	{Name: grafana.Name, Summary: "Grafana unified alerting webhook payloads: one, an array, or one per line", Parse: grafana.Parse},
	{Name: kube.Name, Summary: "Kubernetes events: kubectl get events -o json", Parse: kube.Parse},
	{Name: github.Name, Summary: "GitHub deployments, deployment statuses and releases (REST JSON or webhook)", Parse: github.Parse},
	{Name: gitlog.Name, Summary: "git log output: default, --pretty=fuller, --date=iso|iso-strict|rfc|raw, or the %x1f machine format", Parse: gitlog.Parse},
	{Name: statuspage.Name, Summary: "Statuspage incidents with incident_updates (public API, Manage API or webhook)", Parse: statuspage.Parse},
	{Name: logfile.Name, Summary: "application and system logs (any text log, JSON lines, logfmt): mined into a few events and a pattern table", Parse: logfile.Parse, Stream: true},
	{Name: notes.Name, Summary: "typed notes: lines starting with a time (14:32, 2:54 PM PST, [14:32], 2024-03-05 14:32 UTC)", Parse: notes.Parse},
}

// Formats lists the formats Import understands.
func Formats() []Format { return slices.Clone(formats) }

// FormatNames lists the format names, for help texts and error messages.
func FormatNames() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return names
}

func lookup(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// Result is what one import yields: the events of all files, sorted by
// time, the identities seen, warnings about assumptions made, the pattern
// table of the logs among the files, and a summary per file.
type Result struct {
	Events     []hindsight.Event      `json:"events"`
	Identities []Identity             `json:"identities"`
	Warnings   []hindsight.Finding    `json:"warnings"`
	Patterns   []hindsight.LogPattern `json:"patterns"`
	Files      []FileSummary          `json:"files"`
}

// FileSummary says what one file contributed.
type FileSummary struct {
	Name     string `json:"name"`
	Format   string `json:"format"`
	Events   int    `json:"events"`
	Warnings int    `json:"warnings"`
	// Patterns counts the rows of a log's pattern table.
	Patterns int `json:"patterns,omitempty"`
}

// Import reads every file and returns their events as one import. It is
// all-or-nothing: the first file that does not parse fails the whole call
// with a *ParseError naming the file and line, and nothing is returned,
// so that a half-imported timeline never reaches the store.
//
// Each event comes out normalised and valid (time in UTC, id set, known
// during the incident) with secrets redacted unless opts.NoRedact. Events
// that several files repeat exactly (the same alert in two webhook dumps)
// are kept once. The pattern tables of logs are redacted the same way and
// come in Result.Patterns, one row per log file and template.
func Import(files []File, opts Options) (Result, error) {
	if opts.Format != "" {
		if _, ok := lookup(opts.Format); !ok {
			return Result{}, hindsight.Errorf(hindsight.CodeInvalid, "unknown format %q (want one of %s)", opts.Format, strings.Join(FormatNames(), ", "))
		}
	}
	var res Result
	seenEvent := map[string]bool{}
	seenIdentity := map[Identity]bool{}
	for _, f := range files {
		f, err := open(f)
		if err != nil {
			return Result{}, err
		}
		name := opts.Format
		if name == "" {
			if name = detect(f); name == "" {
				return Result{}, &ParseError{Source: f.Name, Err: fmt.Errorf("cannot tell the evidence format; pass --format (one of %s)", strings.Join(FormatNames(), ", "))}
			}
		}
		format, _ := lookup(name)
		if f.FS != nil && name != slack.Name {
			return Result{}, &ParseError{Source: f.Name, Err: fmt.Errorf("a folder or archive can only be a Slack export, not %s evidence", name)}
		}
		if f.Open != nil && !format.Stream {
			if f, err = load(f); err != nil {
				return Result{}, err
			}
		}
		b, err := format.Parse(f, opts)
		if err != nil {
			return Result{}, evidence.At(f.Name, 0, err)
		}
		sum := FileSummary{Name: f.Name, Format: name, Events: len(b.Events), Warnings: len(b.Warnings), Patterns: len(b.Patterns)}
		res.Events = slices.Grow(res.Events, len(b.Events))
		for _, e := range b.Events {
			if e.Source == "" {
				e.Source = name
			}
			if !opts.NoRedact {
				e.Text, e.Actor = Redact(e.Text), Redact(e.Actor)
			}
			// Evidence is what responders had in front of them; facts
			// learned later are added by people, not imported.
			e.KnownDuring = true
			e.Normalize()
			if err := e.Validate(); err != nil {
				return Result{}, &ParseError{Source: f.Name, Err: fmt.Errorf("event %s: %s", e.Ref, hindsight.ErrorMessage(err))}
			}
			if !seenEvent[e.ID] {
				seenEvent[e.ID] = true
				res.Events = append(res.Events, e)
			}
		}
		for _, id := range b.Identities {
			if !opts.NoRedact {
				id.Name = Redact(id.Name)
			}
			if !seenIdentity[id] {
				seenIdentity[id] = true
				res.Identities = append(res.Identities, id)
			}
		}
		for _, p := range b.Patterns {
			if !opts.NoRedact {
				p.Template = Redact(p.Template)
			}
			res.Patterns = append(res.Patterns, p)
		}
		res.Warnings = append(res.Warnings, b.Warnings...)
		res.Files = append(res.Files, sum)
	}
	// Redaction can make two templates of a log read alike; the incident
	// keeps one row per log and template.
	res.Patterns = evidence.CombinePatterns(res.Patterns)
	slices.SortStableFunc(res.Events, func(a, b hindsight.Event) int {
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		return cmp.Compare(a.Ref, b.Ref)
	})
	return res, nil
}

// load reads a streamed file into memory, for a format that parses bytes.
func load(f File) (File, error) {
	rc, err := f.Open()
	if err != nil {
		return f, fmt.Errorf("read evidence: %w", err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return f, fmt.Errorf("read evidence %s: %w", f.Name, err)
	}
	f.Data, f.Open, f.Size = data, nil, int64(len(data))
	return f, nil
}

// open turns a ZIP given as bytes into an FS.
func open(f File) (File, error) {
	if f.FS != nil || !isZip(f.Data) {
		return f, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
	if err != nil {
		return f, &ParseError{Source: f.Name, Err: fmt.Errorf("not a readable ZIP archive: %v", err)}
	}
	f.FS = zr
	return f, nil
}

func isZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}
