// Package evidencetest checks the promises every format parser makes, so
// that each format's tests and fuzz targets assert them the same way.
package evidencetest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
)

// Check fails t unless every event of b is complete and valid (time in
// UTC, time text, zone, source, ref, kind, text) and every actor is one of
// the identities, which is how the domain maps actors to roles.
func Check(t testing.TB, source string, b evidence.Batch) {
	t.Helper()
	names := map[string]bool{}
	for _, id := range b.Identities {
		if id.Name == "" || id.Source != source {
			t.Errorf("identity %+v: want a name and source %s", id, source)
		}
		names[id.Name] = true
	}
	for i, e := range b.Events {
		switch {
		case e.Time.IsZero() || e.Time.Location() != time.UTC:
			t.Errorf("event %d (%s): time %v is not a UTC time", i, e.Ref, e.Time)
		case e.TimeText == "" || e.Zone == "":
			t.Errorf("event %d (%s): time text %q / zone %q missing", i, e.Ref, e.TimeText, e.Zone)
		case e.Source != source:
			t.Errorf("event %d (%s): source %q, want %q", i, e.Ref, e.Source, source)
		case e.Ref == "":
			t.Errorf("event %d: no ref: %+v", i, e)
		case strings.TrimSpace(e.Text) == "":
			t.Errorf("event %d (%s): empty text", i, e.Ref)
		case e.Actor != "" && !names[e.Actor]:
			t.Errorf("event %d (%s): actor %q has no identity", i, e.Ref, e.Actor)
		}
		c := e
		c.Normalize()
		if err := c.Validate(); err != nil {
			t.Errorf("event %d (%s): %v", i, e.Ref, err)
		}
	}
	for _, w := range b.Warnings {
		if w.Rule == "" || w.Message == "" || w.Severity != hindsight.FindingWarning {
			t.Errorf("warning %+v: want a rule, a message and severity warning", w)
		}
	}
}

// Fuzz checks what a parser must do on any input: return a *ParseError
// with a source, or a batch that passes Check.
func Fuzz(t *testing.T, source string, b evidence.Batch, err error) {
	t.Helper()
	if err != nil {
		var pe *evidence.ParseError
		if !errors.As(err, &pe) || pe.Source == "" || pe.Line < 0 {
			t.Fatalf("error %v (%T) is not a *ParseError with a source", err, err)
		}
		return
	}
	Check(t, source, b)
}

// Errors checks that parse fails on each case, read as a file named file,
// with a *ParseError whose text starts with what the case wants. A case is
// {name, input, the start of the error}.
func Errors(t *testing.T, file string, parse func(evidence.File, evidence.Options) (evidence.Batch, error), cases [][3]string) {
	t.Helper()
	for _, c := range cases {
		name, data, want := c[0], c[1], c[2]
		t.Run(name, func(t *testing.T) {
			_, err := parse(evidence.File{Name: file, Data: []byte(data)}, evidence.Options{})
			var pe *evidence.ParseError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error\n %v\nwant a *ParseError starting\n %s", err, want)
			}
		})
	}
}

// Seed adds files of the package's testdata folder to a fuzz corpus.
func Seed(f *testing.F, names ...string) {
	f.Helper()
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}
