package hindsight

import (
	"strings"
	"testing"
	"time"
)

func TestLogPatternValidation(t *testing.T) {
	ok := LogPattern{Source: "api.log", Template: "pool: timed out after <*>", Level: "ERROR", Count: 3,
		First: at("10:38:12"), Last: at("11:25:09"), Ref: "api.log:8312"}
	cases := []struct {
		name string
		edit func(p *LogPattern)
		want string // "" means valid
	}{
		{"valid", func(*LogPattern) {}, ""},
		{"no level, no times", func(p *LogPattern) { p.Level, p.First, p.Last = "", time.Time{}, time.Time{} }, ""},
		{"no source", func(p *LogPattern) { p.Source = " " }, "has no source log"},
		{"no template", func(p *LogPattern) { p.Template = "" }, "has no template"},
		{"unknown level", func(p *LogPattern) { p.Level = "error" }, `unknown level "error"`},
		{"no lines", func(p *LogPattern) { p.Count = 0 }, "count must be at least 1"},
		{"last before first", func(p *LogPattern) { p.First, p.Last = p.Last, p.First }, "last seen before first seen"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := ok
			c.edit(&p)
			err := validateLogPatterns([]LogPattern{p})
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
	if err := validateLogPatterns([]LogPattern{ok, ok}); err == nil || !strings.Contains(err.Error(), "listed twice") {
		t.Errorf("the same template of the same log twice: %v", err)
	}
	other := ok
	other.Source = "db.log"
	if err := validateLogPatterns([]LogPattern{ok, other}); err != nil {
		t.Errorf("the same template in two logs: %v", err)
	}
}

func TestMergeLogPatterns(t *testing.T) {
	inc := &Incident{}
	first := []LogPattern{
		{Source: "api.log", Template: "timed out <*>", Level: "ERROR", Count: 10},
		{Source: "api.log", Template: "slow request <*>", Level: "WARN", Count: 5},
	}
	if n := inc.MergeLogPatterns(first); n != 2 || len(inc.LogPatterns) != 2 {
		t.Fatalf("first merge added %d: %+v", n, inc.LogPatterns)
	}
	// The same log again, a little longer: numbers are replaced, not added up.
	again := []LogPattern{{Source: "api.log", Template: "timed out <*>", Level: "ERROR", Count: 12},
		{Source: "db.log", Template: "timed out <*>", Level: "ERROR", Count: 1}}
	if n := inc.MergeLogPatterns(again); n != 1 || len(inc.LogPatterns) != 3 || inc.LogPatterns[0].Count != 12 {
		t.Errorf("second merge added %d: %+v", n, inc.LogPatterns)
	}
	inc.LogPatterns = normalizeLogPatterns(inc.LogPatterns)
	var order []string
	for _, p := range inc.LogPatterns {
		order = append(order, p.Source+"/"+p.Level)
	}
	if got := strings.Join(order, " "); got != "api.log/ERROR api.log/WARN db.log/ERROR" {
		t.Errorf("order %s, want by log, then most severe first", got)
	}
}

func TestLogClaim(t *testing.T) {
	for in, want := range map[string]string{
		"Error rate rose":                     "Error rate rose",
		"New pattern: `rising <*>` — 3 lines": "New pattern:   — 3 lines",
		"a ``tick ` inside`` b":               "a   b",
		"unclosed ` rising":                   "unclosed ` rising",
		"``":                                  "``",
	} {
		if got := logClaim(in); got != want {
			t.Errorf("logClaim(%q) = %q, want %q", in, got, want)
		}
	}
}
