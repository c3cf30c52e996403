package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	hindsight "github.com/hindsight-sre/hindsight"
)

// Impact is the impact section: what users, the business and the systems
// went through. Known is false when no figure, description or log pattern
// exists at all.
type Impact struct {
	Known     bool
	User      ImpactPart
	Business  ImpactPart
	Technical ImpactPart
	// LogPatterns are the top rows of the imported logs' pattern table,
	// shown under technical impact: the most severe and most frequent
	// first, at most MaxLogPatterns; MorePatterns counts the rest.
	LogPatterns  []LogPattern
	MorePatterns int
	// PatternSpans says whether the patterns' first and last lines fall on
	// more than one day, so that the table shows dates.
	PatternSpans bool
}

// MaxLogPatterns bounds the pattern table of the report; the export keeps
// every row.
const MaxLogPatterns = 10

// LogPattern is one row of the log pattern table. Error is set for ERROR
// and worse, which the HTML report marks.
type LogPattern struct {
	Source   string
	Template string
	Level    string
	Count    int64
	First    time.Time
	Last     time.Time
	Ref      string
	Error    bool
}

// ImpactPart is one kind of impact: figures as label/value lines and the
// authored description.
type ImpactPart struct {
	Lines   []Line
	Text    string
	Missing string
}

// Line is a label and its value.
type Line struct {
	Label string
	Value string
}

func impact(im hindsight.Impact, ms []Metric) Impact {
	out := Impact{Known: im.Known()}
	u := &out.User
	switch {
	case im.UsersAffected > 0 && im.UsersPercent > 0:
		u.Lines = append(u.Lines, Line{"Users affected", fmt.Sprintf("%s (%s of users)", number(im.UsersAffected), percent(im.UsersPercent))})
	case im.UsersAffected > 0:
		u.Lines = append(u.Lines, Line{"Users affected", number(im.UsersAffected)})
	case im.UsersPercent > 0:
		u.Lines = append(u.Lines, Line{"Users affected", percent(im.UsersPercent) + " of users"})
	}
	if m, ok := metric(ms, "customer_impact"); ok {
		u.Lines = append(u.Lines, Line{"Duration of customer impact", human(m.Duration) + " (" + m.From + " → " + m.To + ")"})
	}
	if im.SupportTickets > 0 {
		u.Lines = append(u.Lines, Line{"Support tickets", number(im.SupportTickets)})
	}
	if im.DataLoss {
		u.Lines = append(u.Lines, Line{"Data loss", "yes"})
	}
	if im.Security {
		u.Lines = append(u.Lines, Line{"Security exposure", "yes"})
	}
	u.Text = strings.TrimSpace(im.Description)
	if len(u.Lines) == 0 && u.Text == "" {
		u.Missing = "No user impact yet: add how many users were affected (a count or a share), the support tickets, and what users saw."
	}
	b := &out.Business
	if im.Revenue > 0 {
		b.Lines = append(b.Lines, Line{"Revenue lost (estimate)", amount(im.Revenue)})
	}
	if im.SLOBudget > 0 {
		b.Lines = append(b.Lines, Line{"Error budget used", percent(im.SLOBudget)})
	}
	b.Text = strings.TrimSpace(im.Business)
	if len(b.Lines) == 0 && b.Text == "" {
		b.Missing = "No business impact yet: add a revenue estimate (an informed estimate beats none), the share of the error budget used, or the effect on customers and contracts."
	}
	t := &out.Technical
	t.Text = strings.TrimSpace(im.Technical)
	if t.Text == "" {
		t.Missing = "No technical impact yet: describe what the systems went through (error rates, latency, queues, data affected)."
	}
	return out
}

// logPatterns adds the top of the pattern table to the impact section,
// in the order a reader looks for what went wrong: most severe level, then
// most frequent. A table makes the section known, but not the technical
// impact in words, which the team still writes.
func logPatterns(out *Impact, ps []hindsight.LogPattern) {
	if len(ps) == 0 {
		return
	}
	rows := slices.Clone(ps)
	slices.SortStableFunc(rows, func(a, b hindsight.LogPattern) int {
		return cmp.Or(cmp.Compare(hindsight.LogLevelRank(b.Level), hindsight.LogLevelRank(a.Level)),
			cmp.Compare(b.Count, a.Count), cmp.Compare(a.Source, b.Source), cmp.Compare(a.Template, b.Template))
	})
	if len(rows) > MaxLogPatterns {
		out.MorePatterns = len(rows) - MaxLogPatterns
		rows = rows[:MaxLogPatterns]
	}
	days := map[string]bool{}
	for _, p := range rows {
		out.LogPatterns = append(out.LogPatterns, LogPattern{Source: p.Source, Template: p.Template, Level: p.Level,
			Count: p.Count, First: p.First.UTC(), Last: p.Last.UTC(), Ref: p.Ref, Error: hindsight.IsErrorLevel(p.Level)})
		for _, t := range []time.Time{p.First, p.Last} {
			if !t.IsZero() {
				days[day(t)] = true
			}
		}
	}
	out.PatternSpans = len(days) > 1
	out.Known = true
	if out.Technical.Text == "" {
		out.Technical.Missing = "No technical impact in words yet: say what the systems went through (error rates, latency, queues, data affected); the log patterns below are what the logs recorded."
	}
}
