package logmine

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	_ "time/tzdata" // zones work on machines without a zoneinfo database
)

// mine runs Mine over text and returns the result and the per-line ids.
func mine(t *testing.T, text string, opts Options) (*Result, []string) {
	t.Helper()
	var ids []string
	opts.OnLine = func(line int64, id string) {
		if int(line) != len(ids)+1 {
			t.Fatalf("line %d reported after %d lines", line, len(ids))
		}
		ids = append(ids, id)
	}
	res, err := Mine(strings.NewReader(text), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res, ids
}

func templateTexts(r *Result) []string {
	var out []string
	for _, t := range r.Templates {
		out = append(out, t.Text)
	}
	return out
}

func TestMineGroupsMessages(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "2023-01-02 10:%02d:00 INFO app.Server: request %d served in %d ms\n", i, i*7, i%13)
		fmt.Fprintf(&b, "2023-01-02 10:%02d:30 ERROR app.Db: query failed: timeout after %d ms\n", i, 100+i)
		fmt.Fprintf(&b, "2023-01-02 10:%02d:40 INFO app.Auth: user %s logged in\n", i, []string{"ann", "bob", "cyd", "dan", "eve", "fay", "gus", "hal"}[i%8])
	}
	res, ids := mine(t, b.String(), Options{})
	want := []string{
		"request <*> served in <*>",
		"query failed: timeout after <*>",
		"user <*> logged in",
	}
	if got := templateTexts(res); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("templates %q, want %q", got, want)
	}
	if len(ids) != 90 || res.Lines != 90 {
		t.Fatalf("%d ids, %d lines", len(ids), res.Lines)
	}
	for i, id := range ids {
		want := res.Templates[i%3].ID
		if got := res.Canonical(id); got != want {
			t.Fatalf("line %d: %s (canonical %s), want %s", i+1, id, got, want)
		}
	}
	db := res.Templates[1]
	if db.Level != LevelError || db.Count != 30 || db.LevelInferred {
		t.Errorf("db template: %+v", db)
	}
	if want := time.Date(2023, 1, 2, 10, 0, 30, 0, time.UTC); !db.First.Equal(want) {
		t.Errorf("first %v, want %v", db.First, want)
	}
	if want := time.Date(2023, 1, 2, 10, 29, 30, 0, time.UTC); !db.Last.Equal(want) {
		t.Errorf("last %v, want %v", db.Last, want)
	}
	if len(db.Counts) != 30 || db.Counts[0].Count != 1 {
		t.Errorf("counts %v", db.Counts)
	}
	if first := res.ErrorsFirst()[0]; first.ID != db.ID {
		t.Errorf("ErrorsFirst starts with %s", first.ID)
	}
	if res.ZoneAssumed != true || res.Zone != "UTC" || res.YearAssumed {
		t.Errorf("zone %v %q year %v", res.ZoneAssumed, res.Zone, res.YearAssumed)
	}
}

func TestMineCategoricalAndVariableLength(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		for _, state := range []string{"Paused", "Resumed", "Started"} {
			fmt.Fprintf(&b, "vm %d: VM %s (lifecycle)\n", i, state)
		}
		// A value that spans a varying number of tokens.
		if i%2 == 0 {
			fmt.Fprintf(&b, "conn %d close, %d bytes sent, lifetime %d sec\n", i, i*10, i)
		} else {
			fmt.Fprintf(&b, "conn %d close, %d bytes (%d.5 KB) sent, lifetime 00:0%d\n", i, i*1000, i, i)
		}
	}
	res, _ := mine(t, b.String(), Options{})
	got := strings.Join(templateTexts(res), "|")
	for _, want := range []string{"vm <*> VM Paused (lifecycle)", "vm <*> VM Resumed (lifecycle)", "vm <*> VM Started (lifecycle)"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
	if len(res.Templates) != 4 {
		t.Errorf("%d templates: %q", len(res.Templates), got)
	}
}

func TestMineEveryLineAssigned(t *testing.T) {
	long := strings.Repeat("x", 3*maxLine) // cut for mining, still one line
	tests := []struct {
		name  string
		text  string
		lines int
	}{
		{"empty input", "", 0},
		{"one newline", "\n", 1},
		{"no final newline", "a 1\nb 2", 2},
		{"crlf", "2020-01-01 00:00:00 INFO x\r\n2020-01-01 00:00:01 INFO y\r\n", 2},
		{"blank lines", "\n\n  \n\t\n", 4},
		{"binary", "\x00\x01\x02\xff\xfe\n\x7fELF\x00\x00\x00\nplain text\n", 3},
		{"invalid utf8", "caf\xe9 ok\n\xc3\x28 bad\n", 2},
		{"very long line", "start\n" + long + "\nend\n", 3},
		{"very long last line", "start\n" + long, 2},
		{"only newlines", strings.Repeat("\n", 1000), 1000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, ids := mine(t, tc.text, Options{})
			if len(ids) != tc.lines || res.Lines != int64(tc.lines) {
				t.Fatalf("%d ids, %d lines, want %d", len(ids), res.Lines, tc.lines)
			}
			for _, id := range ids {
				if id == "" || res.Template(res.Canonical(id)) == nil {
					t.Fatalf("id %q has no template", id)
				}
			}
		})
	}
}

func TestMineBinaryAndEmptyTemplates(t *testing.T) {
	res, _ := mine(t, "\x00\x00garbage\x01\n\nhello world\n", Options{})
	got := strings.Join(templateTexts(res), "|")
	if got != "<binary>||hello world" {
		t.Errorf("templates %q", got)
	}
}

func TestMineWindowAndZone(t *testing.T) {
	text := "2023-03-04 10:00:00 INFO a: tick 1\n" +
		"2023-03-04 11:00:00 INFO a: tick 2\n" +
		"  continuation of tick 2\n" +
		"2023-03-04 12:00:00 INFO a: tick 3\n"
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	from := time.Date(2023, 3, 4, 10, 30, 0, 0, time.UTC)
	to := time.Date(2023, 3, 4, 10, 59, 0, 0, time.UTC)
	// Berlin is UTC+1 in March: the lines are at 09:00, 10:00 (and its
	// continuation) and 11:00 UTC, so [10:30, 10:59) holds none of them.
	res, ids := mine(t, text, Options{Location: berlin, From: from, To: to})
	if res.Skipped != 4 {
		t.Errorf("skipped %d, want 4 (ids %v)", res.Skipped, ids)
	}
	res, ids = mine(t, text, Options{Location: berlin, From: from.Add(-time.Hour), To: to})
	want := []string{OutsideWindow, "T1", "T2", OutsideWindow}
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("ids %v, want %v", ids, want)
	}
	if !res.ZoneAssumed || res.Zone != "Europe/Berlin" {
		t.Errorf("zone %v %q", res.ZoneAssumed, res.Zone)
	}
	if want := time.Date(2023, 3, 4, 10, 0, 0, 0, time.UTC); !res.Templates[0].First.Equal(want) {
		t.Errorf("first %v, want %v", res.Templates[0].First, want)
	}
}

func TestMineYearlessRollover(t *testing.T) {
	text := "Dec 31 23:59:00 h app[1]: tick\nJan  1 00:01:00 h app[1]: tick\n"
	res, _ := mine(t, text, Options{Year: 2021})
	if !res.YearAssumed {
		t.Error("YearAssumed not set")
	}
	tpl := res.Templates[0]
	if tpl.First.Year() != 2021 || tpl.Last.Year() != 2022 {
		t.Errorf("first %v last %v", tpl.First, tpl.Last)
	}
}

// Feed is sequential; ReadFrom parses chunks on worker goroutines once the
// input passes the first chunk (1 MiB): both must give the same result.
func TestMinerFeedMatchesReadFrom(t *testing.T) {
	text := sampleLog(40000)
	if len(text) < 3*readChunk {
		t.Fatalf("sample of %d bytes does not reach the parallel path", len(text))
	}
	a, ida := mine(t, text, Options{})
	m := NewMiner(Options{})
	var idb []string
	m.opts.OnLine = func(_ int64, id string) { idb = append(idb, id) }
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		m.Feed([]byte(l))
	}
	b := m.Result()
	if strings.Join(ida, ",") != strings.Join(idb, ",") {
		t.Fatal("Feed and ReadFrom assigned different ids")
	}
	if strings.Join(templateTexts(a), "|") != strings.Join(templateTexts(b), "|") {
		t.Fatal("Feed and ReadFrom found different templates")
	}
}

// Reading in tiny pieces must not change anything (chunk boundaries).
func TestMineReaderBoundaries(t *testing.T) {
	text := sampleLog(5000)
	_, want := mine(t, text, Options{})
	var got []string
	_, err := Mine(iotest.OneByteReader(strings.NewReader(text)), Options{OnLine: func(_ int64, id string) { got = append(got, id) }})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatal("one-byte reads changed the assignments")
	}
}

func TestMineReadError(t *testing.T) {
	r := io.MultiReader(strings.NewReader(sampleLog(10)), iotest.ErrReader(io.ErrUnexpectedEOF))
	if _, err := Mine(r, Options{}); err == nil {
		t.Fatal("read error not reported")
	}
}

func TestProgress(t *testing.T) {
	text := sampleLog(200000)
	var last int64
	calls := 0
	_, err := Mine(strings.NewReader(text), Options{OnProgress: func(n int64) {
		if n < last {
			t.Fatalf("progress went back: %d after %d", n, last)
		}
		last = n
		calls++
	}})
	if err != nil {
		t.Fatal(err)
	}
	if last != int64(len(text)) || calls < 2 {
		t.Errorf("last progress %d of %d after %d calls", last, len(text), calls)
	}
}

func TestMaxTemplatesBoundsPatterns(t *testing.T) {
	var b bytes.Buffer
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "event %s happened\n", strings.Repeat(string(rune('a'+i%26)), 1+i/26))
	}
	m := NewMiner(Options{MaxTemplates: 50})
	if _, err := m.ReadFrom(&b); err != nil {
		t.Fatal(err)
	}
	if n := len(m.clu.clusters); n > 51 {
		t.Errorf("%d patterns kept with MaxTemplates 50", n)
	}
	if res := m.Result(); res.Lines != 2000 {
		t.Errorf("lines %d", res.Lines)
	}
}

func TestBucketBudgetCoarsens(t *testing.T) {
	var b strings.Builder
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "%s INFO x: beat %d\n", start.Add(time.Duration(i)*time.Minute).Format(time.RFC3339), i)
	}
	res, _ := mine(t, b.String(), Options{MaxBuckets: 1000})
	if res.Interval < 8*time.Minute {
		t.Errorf("interval %v, want coarser buckets", res.Interval)
	}
	var total int64
	for _, c := range res.Templates[0].Counts {
		total += c.Count
	}
	if total != 5000 {
		t.Errorf("bucket total %d", total)
	}
}

// sampleLog writes n lines of a small synthetic service log.
func sampleLog(n int) string {
	var b strings.Builder
	start := time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)
	users := []string{"ann", "bob", "cyd", "dan"}
	for i := 0; i < n; i++ {
		ts := start.Add(time.Duration(i) * 700 * time.Millisecond).Format("2006-01-02 15:04:05.000")
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "%s INFO [http-%d] web.Handler: GET /items/%d 200 in %dms\n", ts, i%8, i, i%97)
		case 1:
			fmt.Fprintf(&b, "%s DEBUG [pool-%d] cache.Store: hit key=item:%d ratio=0.%d\n", ts, i%4, i, i%10)
		case 2:
			fmt.Fprintf(&b, "%s INFO [auth] auth.Session: user %s logged in from 10.0.%d.%d\n", ts, users[i%4], i%255, i%7)
		case 3:
			fmt.Fprintf(&b, "%s WARN [pool-%d] db.Pool: slow query took %d ms\n", ts, i%4, 500+i%1000)
		default:
			fmt.Fprintf(&b, "%s ERROR [http-%d] web.Handler: upstream 10.1.0.%d:8080 refused connection\n", ts, i%8, i%20)
		}
	}
	return b.String()
}

func TestBannerBeforeStampedLines(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 250; i++ {
		fmt.Fprintf(&b, "  config option %d = value\n", i)
	}
	b.WriteString(sampleLog(300))
	res, ids := mine(t, b.String(), Options{})
	if len(ids) != 550 || res.NoTime != 250 {
		t.Fatalf("%d ids, %d lines without time, want 550 and 250 (layout %s)", len(ids), res.NoTime, res.Layout)
	}
	if !strings.Contains(res.Layout, "iso8601") {
		t.Errorf("layout %q", res.Layout)
	}
}

// LineTime, read inside OnLine, is the time of the reported line (its own or
// inherited), on the sequential and on the parallel path alike.
func TestLineTimeInOnLine(t *testing.T) {
	start := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	var b strings.Builder
	n := 60000 // several MiB: past the sample, through the worker pipeline
	for i := 0; i < n; i++ {
		if i%7 == 3 {
			b.WriteString("\tat com.example.Pool.get(Pool.java:42)\n") // inherits the time above
			continue
		}
		fmt.Fprintf(&b, "%s INFO request %d served in %d ms by worker-%d with some padding text\n",
			start.Add(time.Duration(i)*time.Second).Format(time.RFC3339), i, i%97, i%5)
	}
	var m *Miner
	bad := 0
	m = NewMiner(Options{OnLine: func(line int64, _ string) {
		i := int(line - 1)
		if i%7 == 3 {
			i--
		}
		got, ok := m.LineTime()
		if !ok || !got.Equal(start.Add(time.Duration(i)*time.Second)) {
			if bad++; bad < 5 {
				t.Errorf("line %d: LineTime = %v, %v", line, got, ok)
			}
		}
	}})
	if _, ok := m.LineTime(); ok {
		t.Error("LineTime before any line")
	}
	if _, err := m.ReadFrom(strings.NewReader(b.String())); err != nil {
		t.Fatal(err)
	}
	if res := m.Result(); res.Lines != int64(n) {
		t.Errorf("%d lines", res.Lines)
	}
}
