package report

import (
	"strings"
	"testing"
	"time"

	hindsight "github.com/hindsight-sre/hindsight"
)

func TestHuman(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{45 * time.Second, "45s"},
		{59600 * time.Millisecond, "1m"},
		{12*time.Minute + 30*time.Second, "12m 30s"},
		{12 * time.Minute, "12m"},
		{59*time.Minute + 59*time.Second + 600*time.Millisecond, "1h"},
		{83 * time.Minute, "1h 23m"},
		{2 * time.Hour, "2h"},
		{23*time.Hour + 59*time.Minute + 40*time.Second, "1d"},
		{52 * time.Hour, "2d 4h"},
		{-90 * time.Second, "-1m 30s"},
	} {
		if got := human(tc.d); got != tc.want {
			t.Errorf("human(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{number(0), "0"}, {number(999), "999"}, {number(4812), "4,812"}, {number(1234567), "1,234,567"}, {number(-48210), "-48,210"},
		{amount(18450.5), "18,450.50"}, {amount(12), "12"}, {amount(0.999), "1"},
		{percent(3.1), "3.1%"}, {percent(42), "42%"},
		{size(391), "391 B"}, {size(48213), "47.1 KiB"}, {size(3 << 20), "3.0 MiB"},
		{label("impact_start"), "Impact start"}, {label("went-well"), "Went well"}, {label(""), ""},
		{utc(time.Time{}), "—"}, {utc(time.Date(2026, 3, 14, 15, 4, 0, 0, time.FixedZone("CET", 3600))), "2026-03-14 14:04 UTC"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"plain text keeps snake_case", mdText("max_pool_size is 10"), "max_pool_size is 10"},
		{"plain text escapes emphasis", mdText("*bold* and _it_"), `\*bold\* and \_it\_`},
		{"plain text escapes html", mdText("<b>x</b>"), `\<b>x\</b>`},
		{"plain text escapes links and code", mdText("[a](b) `c`"), "\\[a\\](b) \\`c\\`"},
		{"plain text heading at start only", mdText("# not a heading #2"), `\# not a heading #2`},
		{"plain text list at start", mdText("- item"), `\- item`},
		{"plain text ordered list", mdText("1. first"), `1\. first`},
		{"plain text decimals stay", mdText("3.1% of users"), "3.1% of users"},
		{"plain text entity", mdText("R&D &amp; ops"), `R&D \&amp; ops`},
		{"plain text one line", mdText("a\nb\r\n  c"), "a b c"},
		{"inline keeps markdown", mdInline("use *one-click* `rollback`"), "use *one-click* `rollback`"},
		{"inline drops block start", mdInline("# heading"), `\# heading`},
		{"inline neutralises tags", mdInline("x <img src=y> `<b>`"), "x \\<img src=y> `<b>`"},
		{"inline keeps autolinks and comparisons", mdInline("<https://x.y> and a < b"), "<https://x.y> and a < b"},
		{"block demotes headings", mdBlock("# Top\n\ntext\n\n```\n# code\n```"), "#### Top\n\ntext\n\n```\n# code\n```"},
		{"block neutralises html outside code", mdBlock("<script>x</script>\n\n    <pre>kept</pre>"), "\\<script>x\\</script>\n\n    <pre>kept</pre>"},
		{"cell escapes pipes and breaks", cell("a | b\nc"), `a \| b<br>c`},
		{"cell keeps escaped pipes", cell(`a \| b`), `a \| b`},
		{"cell pipe in code", cell("`a|b`"), "`a\\|b`"},
		{"code with backticks", code("a`b"), "``a`b``"},
		{"code starting with backtick", code("`x"), "`` `x ``"},
		{"fence longer than content", fence("", "```\nx"), "````\n```\nx\n````"},
		{"link destination", mdLink("SRE-412", "https://t.example/a b|c>"), "[SRE-412](<https://t.example/a%20b%7Cc%3E>)"},
		{"mermaid label", mermaidText("Alert: 5xx; #3 <b> " + strings.Repeat("x", 70)), "Alert - 5xx, 3 b " + strings.Repeat("x", 42) + "…"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestInlineHTML(t *testing.T) {
	for in, want := range map[string]string{
		"use *one-click*":             "use <em>one-click</em>",
		"<b>raw</b> text":             "<!-- raw HTML omitted -->raw<!-- raw HTML omitted --> text",
		"[x](javascript:alert(1))":    `<a href="">x</a>`,
		"two\n\nparagraphs":           "<p>two</p>\n<p>paragraphs</p>",
		"see https://example.com/a_b": `see <a href="https://example.com/a_b">https://example.com/a_b</a>`,
	} {
		got, err := toInlineHTML(in)
		if err != nil || string(got) != want {
			t.Errorf("toInlineHTML(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestTicks(t *testing.T) {
	x := func(time.Time) float64 { return 0 }
	for _, tc := range []struct {
		span  time.Duration
		first string
		n     int
	}{
		{5 * time.Minute, "10:00", 6},
		{2*time.Hour + 30*time.Minute, "10:00", 6},
		{3 * 24 * time.Hour, "12:00", 6},
		{5 * 24 * time.Hour, "Jan 3", 5},
	} {
		start := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
		ticks := ticks(start, start.Add(tc.span), x)
		if len(ticks) != tc.n || ticks[0].Label != tc.first {
			t.Errorf("span %v: %d ticks starting %q, want %d starting %q", tc.span, len(ticks), ticks[0].Label, tc.n, tc.first)
		}
		if len(ticks) > 9 {
			t.Errorf("span %v: %d ticks is too many to read", tc.span, len(ticks))
		}
	}
}

func TestChartLayout(t *testing.T) {
	inc := richIncident(t)
	c := newView(inc).Chart
	if c == nil {
		t.Fatal("no chart")
	}
	if len(c.Markers) != 15 || len(c.Milestones) != 10 || len(c.Lanes) != 6 || c.Impact == nil || len(c.Bands) != 3 {
		t.Errorf("chart has %d markers, %d milestones, %d lanes, impact %v, %d bands",
			len(c.Markers), len(c.Milestones), len(c.Lanes), c.Impact != nil, len(c.Bands))
	}
	for _, m := range c.Markers {
		if m.X < c.PlotLeft || m.X > c.PlotRight {
			t.Errorf("marker %d at x=%v is off the plot", m.N, m.X)
		}
	}
	// Markers in the same lane and sub-row never overlap.
	for i, a := range c.Markers {
		for _, b := range c.Markers[i+1:] {
			if a.Y == b.Y && a.X-b.X < 2*markerR && b.X-a.X < 2*markerR {
				t.Errorf("markers %d and %d overlap", a.N, b.N)
			}
		}
	}

	// A trigger three days early must not squeeze the incident: it is
	// pinned to the left edge and says so.
	inc.Milestones[0].Time = inc.Milestones[0].Time.Add(-72 * time.Hour)
	inc.Timeline[0].Time = inc.Milestones[0].Time
	c = newView(inc).Chart
	if span := c.End.Sub(c.Start); span > 5*time.Hour {
		t.Errorf("chart spans %v; the early trigger should be pinned, not shown to scale", span)
	}
	if m := c.Markers[0]; m.X != c.PlotLeft || !strings.HasPrefix(m.Tip, "off the chart, ") {
		t.Errorf("early marker at x=%v with tip %q, want pinned at %v", m.X, m.Tip, c.PlotLeft)
	}
	if !strings.Contains(c.Milestones[0].Label, "Mar 11") {
		t.Errorf("early milestone label %q should carry its date", c.Milestones[0].Label)
	}
}

func TestChartEdgeCases(t *testing.T) {
	at := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	one := &hindsight.Incident{ID: "x", Title: "One event", Timeline: []hindsight.Event{
		{ID: "e1", Time: at, Kind: hindsight.KindAlert, Text: "only one", Starred: true}}}
	c := newView(one).Chart
	if c == nil || len(c.Markers) != 1 || len(c.Ticks) == 0 || c.End.Sub(c.Start) < 2*time.Minute {
		t.Fatalf("one event: chart %+v", c)
	}
	msOnly := &hindsight.Incident{ID: "x", Title: "Milestones only", Milestones: []hindsight.Milestone{
		{Name: hindsight.MilestoneImpactStart, Time: at}, {Name: hindsight.MilestoneResolved, Time: at.Add(time.Hour)}}}
	c = newView(msOnly).Chart
	if c == nil || len(c.Lanes) != 1 || len(c.Markers) != 0 || c.Impact == nil ||
		!strings.Contains(c.Impact.Tip, "impact end is not set") {
		t.Fatalf("milestones only: chart %+v", c)
	}
	if newView(&hindsight.Incident{ID: "x", Title: "Nothing"}).Chart != nil {
		t.Error("an incident with no starred event and no milestone should have no chart")
	}
}

func TestMetricsSayWhatTheyNeed(t *testing.T) {
	at := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	inc := &hindsight.Incident{Milestones: []hindsight.Milestone{
		{Name: hindsight.MilestoneImpactStart, Time: at}, {Name: hindsight.MilestoneDetected, Time: at.Add(-time.Minute)},
		{Name: hindsight.MilestoneMitigated, Time: at.Add(time.Hour)}}}
	got := map[string]string{}
	for _, m := range metrics(inc) {
		if m.Known {
			got[m.Name] = human(m.Duration)
		} else {
			got[m.Name] = m.Missing
		}
	}
	want := map[string]string{
		"time_to_detect":      "detected is set before impact start; check both times",
		"time_to_acknowledge": "set the acknowledged milestone to measure it",
		"time_to_mitigate":    "1h",
		"time_to_resolve":     "set the resolved milestone to measure it",
		"customer_impact":     "set the impact end milestone to measure it",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
}
