package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeIncidentLog writes an hour of service log in Berlin wall-clock time
// (no zone in the stamps) where a database error pattern runs from 14:30 to
// 14:45 local, i.e. 12:30 to 12:45 UTC in October.
func writeIncidentLog(t *testing.T) (string, int) {
	var b strings.Builder
	start := time.Date(2026, 10, 14, 14, 0, 0, 0, time.UTC)
	lines := 0
	for m := 0; m < 60; m++ {
		for s := 0; s < 60; s += 10 {
			ts := start.Add(time.Duration(m)*time.Minute + time.Duration(s)*time.Second).Format("2006-01-02 15:04:05.000")
			fmt.Fprintf(&b, "%s INFO [http-%d] checkout.Api: POST /orders/%d 201 in %d ms\n", ts, s/10, m*60+s, 40+s)
			lines++
			if m >= 30 && m < 45 {
				fmt.Fprintf(&b, "%s ERROR [db-%d] checkout.Db: could not get a connection within 2000 ms (pool size 20)\n", ts, s/10)
				lines++
			}
		}
	}
	b.WriteString("\x00\x01 garbage without newline")
	lines++
	path := filepath.Join(t.TempDir(), "checkout.log")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, lines
}

func TestLogsMine(t *testing.T) {
	c := newCLI(t)
	path, lines := writeIncidentLog(t)
	assign := filepath.Join(t.TempDir(), "assign.tsv")

	r := c.run("logs", "mine", path, "--tz", "Europe/Berlin", "--json", "--assignments", assign)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Templates []struct {
			ID, Template, Level string
			Count               int
			First, Last         time.Time
		}
		Impact *struct{ Start, End time.Time }
		Lines  int
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if out.Lines != lines || len(out.Templates) != 3 {
		t.Fatalf("%d lines, templates %+v", out.Lines, out.Templates)
	}
	first := out.Templates[0]
	if first.Level != "ERROR" || !strings.Contains(first.Template, "could not get a connection within <*>") || first.Count != 90 {
		t.Errorf("first template %+v, want the database error", first)
	}
	if want := time.Date(2026, 10, 14, 12, 30, 0, 0, time.UTC); !first.First.Equal(want) {
		t.Errorf("first seen %v, want %v (Berlin is UTC+2 in October)", first.First, want)
	}
	if out.Impact == nil || !out.Impact.Start.Equal(time.Date(2026, 10, 14, 12, 30, 0, 0, time.UTC)) ||
		!out.Impact.End.Equal(time.Date(2026, 10, 14, 12, 45, 0, 0, time.UTC)) {
		t.Errorf("impact %+v", out.Impact)
	}
	data, err := os.ReadFile(assign)
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(rows) != lines || rows[0] != "1\t"+out.Templates[1].ID && rows[0] != "1\t"+out.Templates[2].ID {
		t.Errorf("%d assignment rows (want %d), first %q", len(rows), lines, rows[0])
	}
	if strings.Contains(r.stderr, "without a zone") {
		t.Errorf("warned about the zone although --tz was given: %s", r.stderr)
	}

	// Human output: a table, the impact window, and a zone note on stderr
	// (without --tz the stamps are read as UTC).
	r = c.run("logs", "mine", path, "--from", "2026-10-14T14:00:00Z", "--to", "2026-10-14T14:40:00Z")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"ID", "TEMPLATE", "ERROR", "Impact window"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "without a zone") {
		t.Errorf("no zone note on stderr: %q", r.stderr)
	}
}

func TestLogsMineBadInput(t *testing.T) {
	c := newCLI(t)
	path, _ := writeIncidentLog(t)
	c.fails(2, "needs at least one FILE", "logs", "mine")
	c.fails(2, "--tz", "logs", "mine", path, "--tz", "Mars/Olympus")
	c.fails(2, "--from", "logs", "mine", path, "--from", "yesterday")
	c.fails(2, "one FILE", "logs", "mine", path, path, "--assignments", filepath.Join(t.TempDir(), "a"))
	c.fails(1, "no such file", "logs", "mine", filepath.Join(t.TempDir(), "missing.log"))
	c.fails(1, "folder", "logs", "mine", t.TempDir())
}

// The example incident's application log: the first pool timeout is the
// documented impact start (examples/checkout-latency/README.md), and the
// suggested impact window must cover the timeouts.
func TestLogsMineExampleIncident(t *testing.T) {
	c := newCLI(t)
	r := c.run("logs", "mine", filepath.Join("..", "..", "examples", "checkout-latency", "logs", "checkout-api.log"), "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Templates []struct {
			Template, Level string
			First, Last     time.Time
		}
		Impact  *struct{ Start, End time.Time }
		Moments []struct {
			Kind string
			Time time.Time
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	top := out.Templates[0]
	if top.Level != "ERROR" || !strings.Contains(top.Template, "timed out waiting for connection") {
		t.Fatalf("first template %+v", top)
	}
	if want := time.Date(2026, 10, 14, 10, 38, 12, 391e6, time.UTC); !top.First.Equal(want) {
		t.Errorf("first pool timeout at %v, want %v", top.First, want)
	}
	at := func(h, m int) time.Time { return time.Date(2026, 10, 14, h, m, 0, 0, time.UTC) }
	if out.Impact == nil || out.Impact.Start.Before(at(10, 38)) || out.Impact.Start.After(at(10, 45)) ||
		out.Impact.End.Before(at(11, 20)) || out.Impact.End.After(at(11, 30)) {
		t.Errorf("impact window %+v, want about 10:38-11:25", out.Impact)
	}
	if len(out.Moments) == 0 || out.Moments[0].Kind != "new_error_pattern" || !out.Moments[0].Time.Equal(top.First) {
		t.Errorf("moments %+v, want the new error pattern first", out.Moments)
	}
}
