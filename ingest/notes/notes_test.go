package notes

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones work on machines without a zoneinfo database

	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidencetest"
)

var march5 = time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)

func parse(t *testing.T, text string, opts evidence.Options) evidence.Batch {
	t.Helper()
	b, err := Parse(evidence.File{Name: "notes.txt", Data: []byte(text)}, opts)
	if err != nil {
		t.Fatal(err)
	}
	evidencetest.Check(t, Name, b)
	return b
}

func TestEntryForms(t *testing.T) {
	opts := evidence.Options{Date: march5, TZ: time.UTC}
	tests := []struct {
		line, at, timeText, zone, text string
	}{
		{"14:32 paged the on-call engineer", "2024-03-05T14:32:00Z", "14:32", "UTC", "paged the on-call engineer"},
		{"14:32:10 - restarted the pod", "2024-03-05T14:32:10Z", "14:32:10", "UTC", "restarted the pod"},
		{"[14:32] text in brackets", "2024-03-05T14:32:00Z", "14:32", "UTC", "text in brackets"},
		{"(14:32 UTC) text in parens", "2024-03-05T14:32:00Z", "14:32 UTC", "UTC", "text in parens"},
		{"**14:32** bold time", "2024-03-05T14:32:00Z", "14:32", "UTC", "bold time"},
		{"- 14:32 | bullet and bar", "2024-03-05T14:32:00Z", "14:32", "UTC", "bullet and bar"},
		{"14:32Z zulu", "2024-03-05T14:32:00Z", "14:32Z", "UTC", "zulu"},
		{"14:32:10+01:00 offset", "2024-03-05T13:32:10Z", "14:32:10+01:00", "+01:00", "offset"},
		{"14:32 UTC+5:30 offset name", "2024-03-05T09:02:00Z", "14:32 UTC+5:30", "+05:30", "offset name"},
		{"2:54 PM PST: rolled back", "2024-03-05T22:54:00Z", "2:54 PM PST", "PST", "rolled back"},
		{"2:54pm EST rolled back", "2024-03-05T19:54:00Z", "2:54pm EST", "EST", "rolled back"},
		{"12:05 AM CET - midnight", "2024-03-04T23:05:00Z", "12:05 AM CET", "CET", "midnight"},
		{"12:05 p.m. noon", "2024-03-05T12:05:00Z", "12:05 p.m.", "UTC", "noon"},
		{"2024-03-06 14:32 UTC dated entry", "2024-03-06T14:32:00Z", "2024-03-06 14:32 UTC", "UTC", "dated entry"},
		{"2024-03-06T14:32:10+01:00 iso entry", "2024-03-06T13:32:10Z", "2024-03-06T14:32:10+01:00", "+01:00", "iso entry"},
		{"14:32 DB failover started", "2024-03-05T14:32:00Z", "14:32", "UTC", "DB failover started"},
		{"14:32 Amazon RDS event", "2024-03-05T14:32:00Z", "14:32", "UTC", "Amazon RDS event"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			b := parse(t, tt.line, opts)
			if len(b.Events) != 1 {
				t.Fatalf("%d events", len(b.Events))
			}
			e := b.Events[0]
			if e.Time.Format(time.RFC3339) != tt.at || e.TimeText != tt.timeText || e.Zone != tt.zone || e.Text != tt.text || e.Ref != "notes.txt:1" {
				t.Errorf("\n got  %s %q %q %q %s\n want %s %q %q %q", e.Time.Format(time.RFC3339), e.TimeText, e.Zone, e.Text, e.Ref, tt.at, tt.timeText, tt.zone, tt.text)
			}
			if len(e.Flags) != 0 {
				t.Errorf("flags %v, want none: %v", e.Flags, b.Warnings)
			}
		})
	}
}

func TestDateLines(t *testing.T) {
	for _, line := range []string{"2024-03-05", "## 2024-03-05", "March 5, 2024", "Mar 5 2024", "Tuesday, 5 March 2024",
		"Date: 2024-03-05", "**2024/03/05**", "Tue, March 5, 2024:"} {
		b := parse(t, line+"\n14:32 paged\n", evidence.Options{TZ: time.UTC})
		if got := b.Events[0].Time.Format(time.RFC3339); got != "2024-03-05T14:32:00Z" {
			t.Errorf("date line %q: %s", line, got)
		}
	}
	// A date line overrides --date, and a later one moves the day on.
	b := parse(t, "14:00 before\n2024-03-07\n09:00 after\n", evidence.Options{Date: march5, TZ: time.UTC})
	if b.Events[0].Time.Day() != 5 || b.Events[1].Time.Day() != 7 {
		t.Errorf("days %v %v", b.Events[0].Time, b.Events[1].Time)
	}
}

// flagged reports the events' flags and the warnings' text.
func flagged(b evidence.Batch) (flags []string, warnings string) {
	for _, e := range b.Events {
		flags = append(flags, strings.Join(e.Flags, "+"))
	}
	var ws []string
	for _, w := range b.Warnings {
		ws = append(ws, w.Message)
	}
	return flags, strings.Join(ws, "\n")
}

func TestAmbiguity(t *testing.T) {
	tests := []struct {
		name, text string
		opts       evidence.Options
		times      []string
		flags      []string
		warning    string
	}{
		{"no zone at all", "14:32 a\n14:40 b\n", evidence.Options{Date: march5},
			[]string{"2024-03-05T14:32:00Z", "2024-03-05T14:40:00Z"}, []string{"ambiguous-time", "ambiguous-time"},
			"notes.txt:1: 2 entries give no time zone and none was set"},
		{"zone line", "All times PDT\n2024-07-01\n09:00 a\n", evidence.Options{},
			[]string{"2024-07-01T16:00:00Z"}, []string{""}, ""},
		{"zone line with IANA name", "Timezone: Europe/Berlin\n2024-07-01\n09:00 a\n", evidence.Options{},
			[]string{"2024-07-01T07:00:00Z"}, []string{""}, ""},
		{"zone line with more words", "All times CEST unless a line says otherwise.\n2024-07-01\n09:00 a\n08:30 UTC b\n", evidence.Options{},
			[]string{"2024-07-01T07:00:00Z", "2024-07-01T08:30:00Z"}, []string{"", ""}, ""},
		{"IST", "14:32 IST a\n", evidence.Options{Date: march5},
			[]string{"2024-03-05T09:02:00Z"}, []string{"ambiguous-time"}, "IST can mean India"},
		{"PST in July", "2024-07-01\n09:00 PST a\n", evidence.Options{},
			[]string{"2024-07-01T17:00:00Z"}, []string{"ambiguous-time"}, "PST written on 2024-07-01, when America/Los_Angeles keeps UTC-07:00 (PDT)"},
		{"bare hour after afternoon", "14:50 a\n2:54 b\n", evidence.Options{Date: march5, TZ: time.UTC},
			[]string{"2024-03-05T14:50:00Z", "2024-03-05T14:54:00Z"}, []string{"", "ambiguous-time"},
			`notes.txt:2: "2:54" could be 02:54 or 14:54 (the 24-hour reading would go back in time); read as 14:54`},
		{"bare hour in order", "08:50 a\n9:10 b\n", evidence.Options{Date: march5, TZ: time.UTC},
			[]string{"2024-03-05T08:50:00Z", "2024-03-05T09:10:00Z"}, []string{"", ""}, ""},
		{"bare hour in an AM/PM file", "2:50 PM a\n3:10 b\n", evidence.Options{Date: march5, TZ: time.UTC},
			[]string{"2024-03-05T14:50:00Z", "2024-03-05T15:10:00Z"}, []string{"", "ambiguous-time"},
			`"3:10" could be 03:10 or 15:10 (the notes use AM/PM elsewhere); read as 15:10`},
		{"past midnight", "23:50 a\n00:10 b\n00:20 c\n", evidence.Options{Date: march5, TZ: time.UTC},
			[]string{"2024-03-05T23:50:00Z", "2024-03-06T00:10:00Z", "2024-03-06T00:20:00Z"}, []string{"", "ambiguous-time", ""},
			`notes.txt:2: "00:10" is more than 12 hours before the entry above; read as the next day, 2024-03-06`},
		{"written late", "14:32 a\n14:10 b (noted late)\n", evidence.Options{Date: march5, TZ: time.UTC},
			[]string{"2024-03-05T14:32:00Z", "2024-03-05T14:10:00Z"}, []string{"", ""}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(tt.text, "PST") || strings.Contains(tt.text, "/") {
				if _, err := time.LoadLocation("America/Los_Angeles"); err != nil {
					t.Skip("no time zone database")
				}
			}
			b := parse(t, tt.text, tt.opts)
			var times []string
			for _, e := range b.Events {
				times = append(times, e.Time.Format(time.RFC3339))
			}
			flags, warnings := flagged(b)
			if strings.Join(times, " ") != strings.Join(tt.times, " ") || strings.Join(flags, ",") != strings.Join(tt.flags, ",") {
				t.Errorf("\n got  %v %v\n want %v %v\n%s", times, flags, tt.times, tt.flags, warnings)
			}
			if (tt.warning == "") != (warnings == "") || !strings.Contains(warnings, tt.warning) {
				t.Errorf("warnings\n %s\nwant\n %s", warnings, tt.warning)
			}
		})
	}
}

func TestScribeFile(t *testing.T) {
	data, err := os.ReadFile("testdata/scribe.md")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(evidence.File{Name: "scribe.md", Data: data}, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	evidencetest.Check(t, Name, b)
	var got []string
	for _, e := range b.Events {
		got = append(got, e.Time.Format("15:04:05")+" "+e.Ref+" "+e.Text)
	}
	want := []string{
		"11:58:00 scribe.md:7 deploy of v1.8.2 to production started (pool size 32 -> 64)",
		"12:03:00 scribe.md:8 PagerDuty page for API p99 latency > 2s",
		"12:05:00 scribe.md:9 on-call acknowledged, opened #incident-db",
		"12:12:00 scribe.md:10 replication lag on db-1 at 40s primary looks unhealthy; considering failover",
		"12:20:00 scribe.md:12 decided to fail over to db-2",
		"12:22:40 scribe.md:13 rollback of v1.8.2 started via GitHub Actions",
		"12:41:00 scribe.md:14 status page moved to monitoring",
		"12:45:00 scribe.md:15 resolved: p99 back under 300ms for 15 minutes",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	_, warnings := flagged(b)
	if !strings.Contains(warnings, `scribe.md:18: line has no time and follows no entry; skipped: "Someone should look at the pool sizing doc."`) {
		t.Errorf("warnings:\n%s", warnings)
	}
}

func TestOvernight(t *testing.T) {
	data, err := os.ReadFile("testdata/overnight.txt")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(evidence.File{Name: "overnight.txt", Data: data}, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range b.Events {
		got = append(got, e.Time.Format(time.RFC3339))
	}
	if want := "2024-03-05T21:10:00Z 2024-03-05T22:58:00Z 2024-03-05T23:20:00Z"; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func TestTitleDateAndParagraphs(t *testing.T) {
	text := "Checkout errors, Tue 5 Mar 2024 - IC notes\nAll times UTC\n\n" +
		"14:02 paged on-call\n  ack came by phone\n14:10 rollback started\n\n" +
		"for the postmortem:\n- canary too small\n- alert waited 10 minutes\n"
	b := parse(t, text, evidence.Options{})
	var got []string
	for _, e := range b.Events {
		got = append(got, e.Time.Format(time.RFC3339)+" "+e.Text)
	}
	want := "2024-03-05T14:02:00Z paged on-call ack came by phone|2024-03-05T14:10:00Z rollback started"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, "|"), want)
	}
	_, warnings := flagged(b)
	for _, w := range []string{
		`notes.txt:1: took the date 2024-03-05 from "5 Mar 2024"`,
		`notes.txt:8: lines 8-10 have no time and follow no entry; skipped: "for the postmortem:" …`,
	} {
		if !strings.Contains(warnings, w) {
			t.Errorf("warnings\n%s\nlack\n%s", warnings, w)
		}
	}
	// --date wins over a date in the title.
	b = parse(t, text, evidence.Options{Date: time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC)})
	if b.Events[0].Time.Day() != 6 {
		t.Errorf("--date lost to the title: %v", b.Events[0].Time)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, text string
		opts       evidence.Options
		want       string
	}{
		{"no date", "Notes\n14:32 paged\n", evidence.Options{}, `n.txt:2: "14:32" has no date: add a date line such as "2024-03-05" above it, or pass --date`},
		{"bad minute", "14:75 paged\n", evidence.Options{Date: march5}, `n.txt:1: "14:75": expected a time of day`},
		{"PM past noon", "13:00 PM paged\n", evidence.Options{Date: march5}, `n.txt:1: "13:00 PM": an hour with AM/PM must be 1 to 12`},
		{"no entries", "just prose\nmore prose\n", evidence.Options{Date: march5}, "n.txt:1: no entries found"},
		{"bad dated entry", "2024-02-30 14:00 x\n", evidence.Options{}, `n.txt:1: "2024-02-30": expected a date`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(evidence.File{Name: "n.txt", Data: []byte(tt.text)}, tt.opts)
			var pe *evidence.ParseError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n %v\nwant a *ParseError starting\n %s", err, tt.want)
			}
		})
	}
}

func TestSkipped(t *testing.T) {
	b := parse(t, "14:32\n\n14:40 something\n", evidence.Options{Date: march5, TZ: time.UTC})
	if len(b.Events) != 1 || len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0].Message, `entry "14:32" has no text; skipped`) {
		t.Errorf("%+v %+v", b.Events, b.Warnings)
	}
}

func TestSniff(t *testing.T) {
	for _, f := range []string{"scribe.md", "overnight.txt"} {
		data, _ := os.ReadFile("testdata/" + f)
		if !Sniff(data) {
			t.Errorf("Sniff(%s) = false", f)
		}
	}
	for _, s := range []string{"", "commit a84d88e\n", "a long essay\nwith many lines\nbut no times at all\n", `{"a": "14:32"}`} {
		if Sniff([]byte(s)) {
			t.Errorf("Sniff(%q) = true", s)
		}
	}
}

func FuzzParse(f *testing.F) {
	evidencetest.Seed(f, "scribe.md", "overnight.txt")
	f.Add([]byte("2:50 PM a\n3:10 b\n23:50 c\n1:10 d\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(evidence.File{Name: "f.txt", Data: data}, evidence.Options{Date: march5})
		evidencetest.Fuzz(t, Name, b, err)
	})
}
