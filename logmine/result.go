package logmine

import (
	"sort"
	"strings"
	"time"
)

// Result is what a Miner learnt from a log.
type Result struct {
	// Templates in id order (T1, T2, ... by first appearance).
	Templates []Template `json:"templates"`

	// Impact is the suggested impact window: the earliest sustained rise
	// of the error rate, or nil when the error rate never rose for several
	// intervals in a row.
	Impact *Window `json:"impact"`

	// Lines is the number of input lines; Skipped of them fell outside
	// Options.From/To, and NoTime of them carried no readable timestamp.
	Lines   int64 `json:"lines"`
	Skipped int64 `json:"skipped"`
	NoTime  int64 `json:"no_time"`

	// Layout describes the header layout that was detected, e.g.
	// "time=iso8601@0 level logger message".
	Layout string `json:"layout"`

	// ZoneAssumed is true when some timestamps had no zone and were read in
	// Zone (Options.Location); callers should say so to the user.
	ZoneAssumed bool   `json:"zone_assumed"`
	Zone        string `json:"zone"`

	// YearAssumed is true when some timestamps had no year and Year was
	// used (advanced at rollovers).
	YearAssumed bool `json:"year_assumed"`

	// Start and End are the earliest and latest line times seen.
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`

	// Interval is the width of the buckets in Template.Counts, Total and
	// Errors (Options.Interval, doubled as often as the bucket budget needed).
	Interval time.Duration `json:"interval"`

	// Total and Errors are the per-interval counts of all lines and of
	// lines of ERROR-or-worse templates.
	Total  []Bucket `json:"-"`
	Errors []Bucket `json:"-"`

	errorRuns     []run
	analysisWidth time.Duration
	aliases       map[string]string
}

// Template is one mined message pattern.
type Template struct {
	// ID is "T" followed by the order of first appearance of the template's
	// first line ("T1", "T5", ...). Options.OnLine reports pattern ids, which
	// are either a template's ID or one of its Aliases; Result.Canonical maps
	// them.
	ID string `json:"id"`
	// Text is the pattern with variables shown as <*>. Reserved patterns:
	// "" for empty lines, "<binary>" for binary garbage, "<other>" for lines
	// beyond Options.MaxTemplates.
	Text string `json:"template"`
	// Level is the most severe header level seen on its lines; when the
	// header never gave one, it is inferred from words such as ERROR,
	// Exception or failed.
	Level Level `json:"level"`
	// Aliases are the ids of the other patterns folded into this template
	// (see Result.Canonical).
	Aliases []string `json:"aliases,omitempty"`
	// LevelInferred says that Level came from the words, not a header.
	LevelInferred bool  `json:"level_inferred,omitempty"`
	Count         int64 `json:"count"`
	// First and Last are the times of the first and last line (zero when
	// none of its lines had a time).
	First time.Time `json:"first,omitzero"`
	Last  time.Time `json:"last,omitzero"`
	// Counts are the non-empty per-interval counts, in time order.
	Counts []Bucket `json:"counts,omitempty"`
}

// Bucket is the count of lines in [Start, Start+Result.Interval).
type Bucket struct {
	Start time.Time `json:"start"`
	Count int64     `json:"count"`
}

// Window is a time range; End is zero when the condition lasted to the end
// of the log.
type Window struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end,omitzero"`
}

// MarshalText renders a Level as its name so that JSON shows "ERROR".
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText parses a level name written by MarshalText.
func (l *Level) UnmarshalText(b []byte) error {
	*l, _ = ParseLevel(b)
	return nil
}

// Result computes the result so far. It may be called more than once; the
// miner can keep being fed afterwards.
func (m *Miner) Result() *Result {
	if m.layout == nil {
		m.learn()
	}
	r := &Result{
		Lines:       m.lines,
		Skipped:     m.windowSkip,
		NoTime:      m.noTime,
		Layout:      m.layout.describe(),
		ZoneAssumed: m.clock.zoneAssumed,
		YearAssumed: m.clock.yearAssumed,
		Interval:    time.Duration(m.width),
	}
	if r.ZoneAssumed {
		r.Zone = m.clock.loc.String()
	}
	if m.haveTime {
		r.Start = time.Unix(0, m.firstTime).UTC()
		r.End = time.Unix(0, m.lastSeen).UTC()
	}
	errSeries := map[int64]int64{}
	r.aliases = map[string]string{}
	var order []int
	for _, g := range m.clu.templateGroups() {
		sort.Slice(g.members, func(i, j int) bool { return g.members[i] < g.members[j] })
		head := m.clu.clusters[g.members[0]]
		t := Template{ID: head.id, Text: joinTemplate(g.text)}
		counts := map[int64]int64{}
		var first, last int64
		for _, idx := range g.members {
			cl := m.clu.clusters[idx]
			t.Count += cl.count
			t.Level = max(t.Level, cl.level)
			if cl.first != 0 && (first == 0 || cl.first < first) {
				first = cl.first
			}
			last = max(last, cl.last)
			for i, k := range cl.series.b {
				counts[k] += int64(cl.series.n[i])
			}
			if cl != head {
				t.Aliases = append(t.Aliases, cl.id)
				r.aliases[cl.id] = head.id
			}
		}
		if t.Level == LevelUnknown && !head.special {
			t.Level = inferLevel(t.Text)
			t.LevelInferred = t.Level != LevelUnknown
		}
		if first != 0 {
			t.First = time.Unix(0, first).UTC()
			t.Last = time.Unix(0, last).UTC()
		}
		keys := make([]int64, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		t.Counts = make([]Bucket, len(keys))
		for i, k := range keys {
			t.Counts[i] = Bucket{Start: time.Unix(0, k*m.width).UTC(), Count: counts[k]}
			if t.Level.IsError() {
				errSeries[k] += counts[k]
			}
		}
		r.Templates = append(r.Templates, t)
		order = append(order, head.num)
	}
	idx := make([]int, len(order))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(i, j int) bool { return order[idx[i]] < order[idx[j]] })
	sorted := make([]Template, len(idx))
	for i, k := range idx {
		sorted[i] = r.Templates[k]
	}
	r.Templates = sorted
	r.Total = m.buckets(&m.total)
	for _, b := range r.Total {
		k := floorDiv(b.Start.UnixNano(), m.width)
		if n := errSeries[k]; n > 0 {
			r.Errors = append(r.Errors, Bucket{Start: b.Start, Count: n})
		}
	}
	r.analyse(m.width)
	return r
}

func (m *Miner) buckets(s *series) []Bucket {
	out := make([]Bucket, len(s.b))
	for i, k := range s.b {
		out[i] = Bucket{Start: time.Unix(0, k*m.width).UTC(), Count: int64(s.n[i])}
	}
	return out
}

// ErrorsFirst returns the templates ordered for a reader looking for what
// went wrong: most severe level first, then most frequent, then id order.
func (r *Result) ErrorsFirst() []Template {
	out := append([]Template(nil), r.Templates...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Level != out[j].Level {
			return out[i].Level > out[j].Level
		}
		return out[i].Count > out[j].Count
	})
	return out
}

// Template returns the template with the given id, or nil.
func (r *Result) Template(id string) *Template {
	for i := range r.Templates {
		if r.Templates[i].ID == id {
			return &r.Templates[i]
		}
	}
	return nil
}

// Canonical returns the template id that the pattern id reported by
// Options.OnLine belongs to. Mining assigns every distinct masked message a
// pattern id as soon as it is read, but which patterns form one template is
// only known at the end, so several pattern ids can map to one template.
func (r *Result) Canonical(id string) string {
	if t, ok := r.aliases[id]; ok {
		return t
	}
	return id
}

// joinTemplate renders template tokens, showing a run of variables as one
// <*>: "took <*> <*>" for "took 5 ms" says less than "took <*>".
func joinTemplate(toks []string) string {
	var b strings.Builder
	for i, t := range toks {
		if t == "<*>" && i > 0 && toks[i-1] == "<*>" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}
