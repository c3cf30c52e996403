package logfile

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones work on machines without a zoneinfo database

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidencetest"
	"github.com/hindsight-sre/hindsight/logmine"
)

func parseText(t *testing.T, name, text string, opts evidence.Options) evidence.Batch {
	t.Helper()
	b, err := Parse(evidence.File{Name: name, Data: []byte(text)}, opts)
	if err != nil {
		t.Fatal(err)
	}
	evidencetest.Check(t, Name, b)
	return b
}

// lineAt returns line n (1-based) of text, without its end of line.
func lineAt(t *testing.T, text string, ref string) string {
	t.Helper()
	i := strings.LastIndexByte(ref, ':')
	n, err := strconv.Atoi(ref[i+1:])
	if err != nil {
		t.Fatalf("ref %q has no line", ref)
	}
	lines := strings.Split(text, "\n")
	if n < 1 || n > len(lines) {
		t.Fatalf("ref %q is past the %d lines", ref, len(lines))
	}
	return strings.TrimRight(lines[n-1], "\r")
}

// milestones runs the domain's rules over the events alone.
func milestones(events []hindsight.Event) map[hindsight.MilestoneName]hindsight.Milestone {
	inc := &hindsight.Incident{Timeline: slices.Clone(events)}
	for i := range inc.Timeline {
		inc.Timeline[i].Normalize()
	}
	out := map[hindsight.MilestoneName]hindsight.Milestone{}
	for _, m := range inc.DerivedMilestones() {
		out[m.Name] = m
	}
	return out
}

func TestIncidentLog(t *testing.T) {
	o := incidentGen()
	text := genText(o)
	b := parseText(t, "logs/api.log", text, evidence.Options{})
	surge := o.start.Add(o.incidentAt)

	var kinds []string
	for _, e := range b.Events {
		if e.Kind != hindsight.KindLogPattern || e.Source != Name || !strings.HasPrefix(e.Ref, "api.log:") {
			t.Errorf("event %+v: want a log-pattern event from logfile with ref api.log:LINE", e)
		}
		line := lineAt(t, text, e.Ref)
		switch {
		case strings.HasPrefix(e.Text, "New error pattern in api.log: `timed out waiting for connection after <*>"):
			kinds = append(kinds, "new")
			// The ref is the pattern's first line, at the event's time.
			if !strings.Contains(line, "pool: timed out waiting") || !strings.HasPrefix(line, e.Time.Format("2006-01-02T15:04:05.000Z")) {
				t.Errorf("new pattern %s at %s: line %q", e.Ref, e.Time, line)
			}
			if !e.Time.Equal(surge) || !strings.Contains(e.Text, " lines from 10:38:12Z to 11:25:") {
				t.Errorf("new pattern: %s %q", e.Time, e.Text)
			}
		case strings.HasPrefix(e.Text, "Error rate in api.log rose at 10:"):
			kinds = append(kinds, "rose")
			// The trickle of webhook errors is the baseline.
			if !strings.Contains(e.Text, "(from ~1/min to a peak of 121/min)") {
				t.Errorf("rates in %q", e.Text)
			}
		case strings.HasPrefix(e.Text, "Error rate in api.log back to baseline at 11:2"):
			kinds = append(kinds, "baseline")
		default:
			kinds = append(kinds, "other: "+e.Text)
		}
		if kinds[len(kinds)-1] != "new" {
			// A moment's ref is the first line at or after it.
			at, err := time.Parse("2006-01-02T15:04:05.000Z", strings.Fields(line)[0])
			if err != nil || at.Before(e.Time) || at.Sub(e.Time) > time.Minute {
				t.Errorf("%q: ref %s is line %q", e.Text, e.Ref, line)
			}
		}
		if len(e.Flags) > 0 {
			t.Errorf("flags %v on a log with zones", e.Flags)
		}
	}
	// The surge starts abruptly: the rate rose in the minute of the first
	// timeout, and the minute starts 12 seconds before it.
	if got := strings.Join(kinds, ", "); got != "rose, new, baseline" {
		t.Errorf("events: %s", got)
	}
	ms := milestones(b.Events)
	if m := ms[hindsight.MilestoneImpactStart]; m.Rule != "impact-start-log-rise" || m.Time.After(surge) || surge.Sub(m.Time) > time.Minute {
		t.Errorf("impact_start %+v, want the surge at %s", m, surge)
	}
	if m := ms[hindsight.MilestoneImpactEnd]; m.Rule != "impact-end-log-baseline" || m.Time.Sub(surge.Add(o.surge)).Abs() > 2*time.Minute {
		t.Errorf("impact_end %+v, want the end of the surge", m)
	}

	// The table: error patterns first, then warnings; INFO is not impact.
	var rows []string
	for _, p := range b.Patterns {
		rows = append(rows, p.Level+" "+strconv.FormatInt(p.Count, 10))
		if p.Source != "api.log" || !strings.Contains(lineAt(t, text, p.Ref), strings.Fields(p.Template)[0]) {
			t.Errorf("pattern %+v: its ref is not its first line", p)
		}
	}
	if len(b.Patterns) != 3 || b.Patterns[0].Level != "ERROR" || b.Patterns[0].Count != 5640 ||
		b.Patterns[1].Level != "ERROR" || b.Patterns[2].Level != "WARN" {
		t.Errorf("patterns %v", rows)
	}
	if len(b.Warnings) != 0 {
		t.Errorf("warnings %v", b.Warnings)
	}
}

// One timeout an hour before the surge is not when the trouble began: the
// pattern's first line is told in words that set nothing, and its rise
// sets impact_start.
func TestStrayLineBeforeSurge(t *testing.T) {
	o := incidentGen()
	o.stray = 8 * time.Minute
	b := parseText(t, "api.log", genText(o), evidence.Options{})
	texts := strings.Join(eventTexts(b), "\n")
	if !strings.Contains(texts, "09:38:00Z api.log:") || !strings.Contains(texts, "Error pattern in api.log, absent before 09:38:00Z: `timed out") ||
		!strings.Contains(texts, "Error pattern in api.log rose at 10:3") || strings.Contains(texts, "New error pattern") {
		t.Errorf("events:\n%s", texts)
	}
	surge := o.start.Add(o.incidentAt)
	if m := milestones(b.Events)[hindsight.MilestoneImpactStart]; m.Time.After(surge) || surge.Sub(m.Time) > time.Minute {
		t.Errorf("impact_start %+v, want the surge at %s, not the stray line", m, surge)
	}
}

// The same log in other shapes yields the same events: CRLF, no final
// newline, JSON lines.
func TestShapes(t *testing.T) {
	want := eventTexts(parseText(t, "api.log", genText(incidentGen()), evidence.Options{}))
	shapes := map[string]func(*genOptions){
		"crlf":             func(o *genOptions) { o.eol = "\r\n" },
		"no final newline": func(o *genOptions) { o.noFinalEOL = true },
		"crlf, no final":   func(o *genOptions) { o.eol, o.noFinalEOL = "\r\n", true },
		"json lines":       func(o *genOptions) { o.json = true },
	}
	for name, edit := range shapes {
		t.Run(name, func(t *testing.T) {
			o := incidentGen()
			edit(&o)
			got := eventTexts(parseText(t, "api.log", genText(o), evidence.Options{}))
			if name == "json lines" {
				// JSON messages keep the "pool:" component in the template.
				for i := range got {
					got[i] = strings.Replace(got[i], "`pool: timed out", "`timed out", 1)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("events\n %s\nwant\n %s", strings.Join(got, "\n "), strings.Join(want, "\n "))
			}
		})
	}
}

// newPattern returns the event of the new error pattern.
func newPattern(t *testing.T, b evidence.Batch) hindsight.Event {
	t.Helper()
	for _, e := range b.Events {
		if strings.HasPrefix(e.Text, "New error pattern") {
			return e
		}
	}
	t.Fatalf("no new error pattern among %v", eventTexts(b))
	return hindsight.Event{}
}

func eventTexts(b evidence.Batch) []string {
	var out []string
	for _, e := range b.Events {
		out = append(out, e.Time.Format(time.RFC3339)+" "+e.Ref+" "+e.Text)
	}
	return out
}

func TestZones(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	o := incidentGen()
	o.stamp = func(t time.Time) string { return t.In(berlin).Format("2006-01-02 15:04:05.000") }
	text := genText(o)
	surge := o.start.Add(o.incidentAt)
	cases := []struct {
		name  string
		tz    *time.Location
		shift time.Duration // how far the events land from the true times
		zone  string
		rule  string
		flag  bool
	}{
		{"no --tz: read as UTC and flagged", nil, 2 * time.Hour, "UTC", evidence.RuleAmbiguousTime, true},
		{"--tz Europe/Berlin", berlin, 0, "Europe/Berlin", evidence.RuleAssumedZone, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := parseText(t, "api.log", text, evidence.Options{TZ: c.tz})
			e := newPattern(t, b)
			if !e.Time.Equal(surge.Add(c.shift)) {
				t.Fatalf("new pattern at %s, want at %s", e.Time, surge.Add(c.shift))
			}
			for _, e := range b.Events {
				if e.Zone != c.zone || slices.Contains(e.Flags, evidence.FlagAmbiguousTime) != c.flag {
					t.Errorf("event %s: zone %q flags %v", e.Ref, e.Zone, e.Flags)
				}
			}
			if e.TimeText != "2026-10-14 12:38:12" && c.tz != nil {
				t.Errorf("time text %q: want the time as the log wrote it", e.TimeText)
			}
			if len(b.Warnings) != 1 || b.Warnings[0].Rule != c.rule || !strings.Contains(b.Warnings[0].Message, c.zone) {
				t.Errorf("warnings %+v, want one %s naming %s", b.Warnings, c.rule, c.zone)
			}
		})
	}
}

func TestYearlessStamps(t *testing.T) {
	o := incidentGen()
	o.start = time.Date(2024, 12, 31, 23, 0, 0, 0, time.UTC) // the log crosses into 2025
	o.stamp = func(t time.Time) string { return t.Format(time.StampMilli) }
	text := genText(o)
	b := parseText(t, "syslog", text, evidence.Options{Date: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), TZ: time.UTC})
	if e := newPattern(t, b); !e.Time.Equal(o.start.Add(o.incidentAt)) {
		t.Fatalf("events %v", eventTexts(b))
	}
	if len(b.Warnings) != 2 || b.Warnings[1].Rule != evidence.RuleAssumedDate || !strings.Contains(b.Warnings[1].Message, "2024") {
		t.Errorf("warnings %+v", b.Warnings)
	}
	if e := newPattern(t, b); !strings.Contains(e.Text, "from 2025-01-01 00:08:12Z to 2025-01-01 00:55:") {
		t.Errorf("a log across midnight says the date: %q", e.Text)
	}
	// Without --date the year is this year's, and said, and flagged.
	b = parseText(t, "syslog", text, evidence.Options{TZ: time.UTC})
	year := strconv.Itoa(time.Now().Year())
	if !slices.Contains(b.Events[0].Flags, evidence.FlagAmbiguousTime) || len(b.Warnings) != 2 ||
		b.Warnings[1].Rule != evidence.RuleAmbiguousTime || !strings.Contains(b.Warnings[1].Message, "read as "+year) {
		t.Errorf("without --date: %+v\n%+v", b.Events[0], b.Warnings)
	}
}

// A noisy log still yields a handful of events and a bounded table, and
// says what it left out.
func TestBounded(t *testing.T) {
	o := incidentGen()
	o.extraErrors = 60
	b := parseText(t, "api.log", genText(o), evidence.Options{})
	if n := len(b.Events); n == 0 || n > 2*maxRises+maxPatternEvents {
		t.Errorf("%d events: %s", n, strings.Join(eventTexts(b), "\n"))
	}
	if len(b.Patterns) != MaxPatterns {
		t.Errorf("%d patterns, want %d", len(b.Patterns), MaxPatterns)
	}
	if !slices.ContainsFunc(b.Warnings, func(w hindsight.Finding) bool {
		return w.Rule == evidence.RuleSkipped && strings.Contains(w.Message, "more warning and error patterns")
	}) {
		t.Errorf("warnings %+v: want one saying patterns were left out", b.Warnings)
	}
}

// A log with no error or warning says that it added nothing.
func TestQuietLog(t *testing.T) {
	text := "2024-05-01T10:00:00Z INFO started\n2024-05-01T10:00:01Z INFO ready\n"
	b := parseText(t, "app.log", text, evidence.Options{})
	if len(b.Events) != 0 || len(b.Patterns) != 0 || len(b.Warnings) != 1 || b.Warnings[0].Rule != evidence.RuleSkipped {
		t.Errorf("%+v", b)
	}
}

func TestBadInput(t *testing.T) {
	evidencetest.Errors(t, "app.log", Parse, [][3]string{
		{"empty", "", "app.log:1: the file is empty"},
		{"blank lines", "\n  \n\r\n\t\n", "app.log:1: the file holds only blank lines"},
		{"binary garbage", "\x00\x01\x02\xff\xfe\x7fELF\x00\x00\n\x89PNG\r\n\x1a\n\x00\x00", "app.log:1: no line carries a timestamp"},
		{"prose", "We had an outage.\nIt was bad.\n", "app.log:1: no line carries a timestamp"},
	})
}

// A streamed file gives what its bytes give, and reports progress.
func TestStream(t *testing.T) {
	text := genText(incidentGen())
	want := parseText(t, "api.log", text, evidence.Options{})
	var last int64
	opened := 0
	f := evidence.File{Name: "big/api.log", Data: []byte(text[:4096]), Size: int64(len(text)),
		Open: func() (io.ReadCloser, error) { opened++; return io.NopCloser(strings.NewReader(text)), nil }}
	got, err := Parse(f, evidence.Options{Progress: func(file string, read, size int64) {
		if file != "big/api.log" || size != int64(len(text)) || read < last {
			t.Errorf("progress %s %d/%d", file, read, size)
		}
		last = read
	}})
	if err != nil {
		t.Fatal(err)
	}
	if opened != 1 || last != int64(len(text)) {
		t.Errorf("opened %d times, progress ended at %d of %d", opened, last, len(text))
	}
	if !slices.Equal(eventTexts(got), eventTexts(want)) || len(got.Patterns) != len(want.Patterns) {
		t.Errorf("streamed\n %v\nwant\n %v", eventTexts(got), eventTexts(want))
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"plain <*>":    "`plain <*>`",
		"a `b` c":      "`` a `b` c ``",
		"x ``y`` ` z":  "``` x ``y`` ` z ```",
		"":             "``",
		"ends in a `":  "`` ends in a ` ``",
		"`starts with": "`` `starts with ``",
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("é", 300)
	if got := clip(long); len([]rune(got)) != maxTemplateRunes || !strings.HasSuffix(got, "…") {
		t.Errorf("clip: %d runes", len([]rune(got)))
	}
}

func TestLineIndex(t *testing.T) {
	x := newLineIndex()
	min := int64(60e9)
	// Lines jitter back in time (merged hosts); minute 3 has no line.
	for i, at := range []int64{0, 30e9, 61e9, 59e9, 125e9, 241e9, 200e9, 250e9} {
		x.note(at, int64(i+1))
	}
	for _, c := range [][2]int64{{0, 1}, {min, 3}, {2 * min, 5}, {3 * min, 6}, {4 * min, 6}, {99 * min, 6}, {-5 * min, 1}} {
		if got := x.lineAt(c[0]); got != c[1] {
			t.Errorf("lineAt(%d min) = %d, want %d", c[0]/min, got, c[1])
		}
	}
	// A long span coarsens the slots instead of growing without bound.
	y := newLineIndex()
	for i := int64(0); i < 3*maxSlots; i++ {
		y.note(i*min, i+1)
	}
	if len(y.slots) > maxSlots || y.lineAt(3*min*maxSlots/2) != 3*maxSlots/2+1 {
		t.Errorf("%d slots, step %d; lineAt = %d", len(y.slots), y.step, y.lineAt(3*min*maxSlots/2))
	}
}

func TestSniff(t *testing.T) {
	text := genText(incidentGen())
	o := incidentGen()
	o.json = true
	jsonLines := genText(o)
	o = incidentGen()
	o.stamp = func(t time.Time) string { return t.Format(time.StampMilli) }
	syslog := strings.ReplaceAll(genText(o), " [api]", " web-1 api[311]:")
	tests := []struct {
		name, file, head string
		want             bool
	}{
		{"timestamps and levels", "api.txt", text, true},
		{"json lines", "api.json", jsonLines, true},
		{"cut mid-line", "x", text[:5000], true},
		{"syslog, named as a log", "syslog", syslog, true},
		{"stamps without levels, .log", "worker.log.1", "2024-05-01 10:00:00 started\n2024-05-01 10:00:01 ready\n", true},
		{"stamps without levels, other name", "worker.txt", "2024-05-01 10:00:00 started\n2024-05-01 10:00:01 ready\n", false},
		{"typed notes", "notes.txt", "14:32 paged the on-call engineer\n14:35 acked\n- 14:40 rolled back\n", false},
		{"typed notes with dates", "notes.txt", "2024-03-05 14:32 UTC paged the on-call\n2024-03-05 14:40 UTC rolled back\n", false},
		{"prose named .log", "changes.log", "We changed the pool size.\nThen we changed it back.\n", false},
		{"empty", "a.log", "", false},
		{"binary", "a.log", "\x00\x01\x02\xff\n\x00\x00", false},
	}
	for _, tt := range tests {
		if got := Sniff(tt.file, []byte(tt.head[:min(len(tt.head), 64<<10)])); got != tt.want {
			t.Errorf("%s: Sniff = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	o := incidentGen()
	o.span, o.incidentAt, o.surge, o.perSecond = 10*time.Minute, 3*time.Minute, 4*time.Minute, 2
	f.Add([]byte(genText(o)))
	o.json = true
	f.Add([]byte(genText(o)))
	f.Add([]byte("2024-05-01T10:00:00Z ERROR a `b` c\r\n2024-05-01T10:00:01Z INFO d"))
	f.Add([]byte("Jan  2 03:04:05 host app[1]: x failed\n\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(evidence.File{Name: "f.log", Data: data}, evidence.Options{Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
		evidencetest.Fuzz(t, Name, b, err)
		if err != nil {
			return
		}
		if len(b.Events) > 2*maxRises+maxPatternEvents || len(b.Patterns) > MaxPatterns {
			t.Fatalf("%d events, %d patterns", len(b.Events), len(b.Patterns))
		}
		if err := validPatterns(b.Patterns); err != nil {
			t.Fatal(err)
		}
		Sniff("f.log", data)
	})
}

// validPatterns runs the domain's validation over the pattern table.
func validPatterns(ps []hindsight.LogPattern) error {
	inc := &hindsight.Incident{ID: "x", Title: "x", Status: hindsight.StatusDraft, LogPatterns: ps}
	return inc.Validate(hindsight.DefaultScale)
}

// The level names the miner gives are the domain's.
func TestLevelsAgree(t *testing.T) {
	for l := logmine.LevelTrace; l <= logmine.LevelFatal; l++ {
		if !slices.Contains(hindsight.LogLevels, l.String()) || l.IsError() != hindsight.IsErrorLevel(l.String()) {
			t.Errorf("logmine level %s is not a domain level", l)
		}
	}
}
