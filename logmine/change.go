package logmine

import (
	"math"
	"sort"
	"time"
)

// Change points on per-interval counts.
//
// The rule is a robust baseline plus a sustained-rise test, chosen over
// CUSUM/PELT because its parameters mean something to an incident analyst
// and it has no tuning per log:
//
//   - baseline = lower quartile of the counts (robust even when an incident
//     fills more than half of the log), spread = 1.4826 × MAD (a robust
//     standard deviation), floored by the Poisson noise sqrt(baseline) and by
//     1, so a quiet series does not turn every single error into an alarm;
//   - an interval is "high" when its count exceeds baseline + 3 × spread;
//   - a rise is sustained when at least MinRun (3) high intervals follow each
//     other, allowing one quiet interval inside the run; a lone spike is
//     noise, not an incident;
//   - the rise ends ("back to baseline") at the first of two consecutive
//     quiet intervals;
//   - the baseline is then re-estimated without the detected runs and the
//     scan repeated once, so an incident that fills a large part of the log
//     does not raise its own baseline.

const (
	minRun   = 3
	maxDense = 1 << 17 // densest series analysed; coarser buckets beyond
)

// run is a sustained rise over dense indices [start, end); end == len when
// the rise lasts to the end of the series.
type run struct {
	start, end int
	sum, peak  float64
	ongoing    bool
}

// dense lays buckets out on a regular grid from start, merging buckets when
// the grid would exceed maxDense points. It returns the counts and the grid
// width.
func dense(buckets []Bucket, start, end time.Time, width time.Duration) ([]float64, time.Duration) {
	if len(buckets) == 0 || width <= 0 || end.Before(start) {
		return nil, width
	}
	span := end.Sub(start)
	for span/width >= maxDense {
		width *= 2
	}
	n := int(span/width) + 1
	c := make([]float64, n)
	for _, b := range buckets {
		i := int(b.Start.Sub(start) / width)
		if b.Start.Before(start) {
			i = 0
		}
		if i >= n {
			i = n - 1
		}
		c[i] += float64(b.Count)
	}
	return c, width
}

// quantile returns the q-quantile of x (nearest rank).
func quantile(x []float64, q float64) float64 {
	if len(x) == 0 {
		return 0
	}
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	return s[int(q*float64(len(s)-1)+0.5)]
}

// threshold returns the level above which an interval counts as high.
func threshold(c []float64) float64 {
	base := quantile(c, 0.25)
	med := quantile(c, 0.5)
	dev := make([]float64, len(c))
	for i, v := range c {
		dev[i] = math.Abs(v - med)
	}
	spread := math.Max(1.4826*quantile(dev, 0.5), math.Max(math.Sqrt(base), 1))
	return base + 3*spread
}

// detectRuns finds sustained rises in c.
func detectRuns(c []float64) []run {
	if len(c) < minRun {
		return nil
	}
	runs := scanRuns(c, threshold(c))
	if len(runs) == 0 {
		return nil
	}
	// Re-estimate the baseline from the quiet intervals only.
	quiet := make([]float64, 0, len(c))
	k := 0
	for i, v := range c {
		for k < len(runs) && i >= runs[k].end {
			k++
		}
		if k < len(runs) && i >= runs[k].start {
			continue
		}
		quiet = append(quiet, v)
	}
	if len(quiet) >= minRun {
		runs = scanRuns(c, threshold(quiet))
	}
	return runs
}

func scanRuns(c []float64, thr float64) []run {
	var runs []run
	for i := 0; i < len(c); i++ {
		if c[i] <= thr {
			continue
		}
		last, high := i, 1
		for j := i + 1; j < len(c); j++ {
			if c[j] > thr {
				last = j
				high++
				continue
			}
			if j+1 < len(c) && c[j+1] > thr {
				continue // one quiet interval inside a run
			}
			break
		}
		if high >= minRun {
			r := run{start: i, end: last + 1, ongoing: last+1 >= len(c)}
			for j := i; j <= last; j++ {
				r.sum += c[j]
				r.peak = math.Max(r.peak, c[j])
			}
			runs = append(runs, r)
		}
		i = last
	}
	return runs
}

// analyse computes the impact window from the error series.
func (r *Result) analyse(width int64) {
	c, w := dense(r.Errors, r.bucketStart(), r.End, time.Duration(width))
	r.errorRuns = detectRuns(c)
	if len(r.errorRuns) == 0 {
		return
	}
	first := r.errorRuns[0]
	origin := r.bucketStart()
	r.Impact = &Window{Start: origin.Add(time.Duration(first.start) * w)}
	if !first.ongoing {
		r.Impact.End = origin.Add(time.Duration(first.end) * w)
	}
	r.analysisWidth = w
}

// bucketStart is the start of the first interval of the log.
func (r *Result) bucketStart() time.Time {
	if len(r.Total) > 0 {
		return r.Total[0].Start
	}
	return r.Start
}

// MomentKind names a notable moment.
type MomentKind string

// The kinds of notable moments.
const (
	// MomentNewPattern: an error pattern that was absent at the start of
	// the log first appeared.
	MomentNewPattern MomentKind = "new_error_pattern"
	// MomentRateRose: the overall error rate rose and stayed high.
	MomentRateRose MomentKind = "error_rate_rose"
	// MomentBaseline: the overall error rate went back to its baseline.
	MomentBaseline MomentKind = "error_rate_baseline"
	// MomentPatternRose: one error pattern's rate rose and stayed high.
	MomentPatternRose MomentKind = "pattern_rose"
	// MomentPatternBaseline: that pattern went back to its baseline.
	MomentPatternBaseline MomentKind = "pattern_baseline"
)

// Moment is one notable point in time, ready to become a timeline event.
type Moment struct {
	Time time.Time  `json:"time"`
	Kind MomentKind `json:"kind"`
	// TemplateID and Text name the pattern (empty for error-rate moments).
	TemplateID string `json:"template_id,omitempty"`
	Text       string `json:"template,omitempty"`
	// Count is the number of occurrences the moment is about: all lines of
	// a new pattern, or the error lines during a rise.
	Count int64 `json:"count"`
	// Peak is the highest count in one interval during a rise.
	Peak int64 `json:"peak,omitempty"`
}

// maxPatternMoments bounds how many error patterns get their own rise
// moments, so that a noisy log yields a handful of events, not hundreds.
const maxPatternMoments = 10

// Moments lists the notable moments in time order: error patterns that
// appeared after the start of the log, rises of the error rate and returns
// to baseline, and the same for the busiest error patterns.
func (r *Result) Moments() []Moment {
	var out []Moment
	origin := r.bucketStart()
	w := r.analysisWidth
	if w == 0 {
		w = r.Interval
	}
	for _, run := range r.errorRuns {
		out = append(out, Moment{Time: origin.Add(time.Duration(run.start) * w), Kind: MomentRateRose,
			Count: int64(run.sum), Peak: int64(run.peak)})
		if !run.ongoing {
			out = append(out, Moment{Time: origin.Add(time.Duration(run.end) * w), Kind: MomentBaseline})
		}
	}
	errs := make([]Template, 0)
	for _, t := range r.Templates {
		if t.Level.IsError() && !t.First.IsZero() {
			errs = append(errs, t)
		}
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Count > errs[j].Count })
	for i, t := range errs {
		if t.First.Sub(origin) >= r.Interval {
			out = append(out, Moment{Time: t.First, Kind: MomentNewPattern, TemplateID: t.ID, Text: t.Text, Count: t.Count})
		}
		if i >= maxPatternMoments {
			continue
		}
		c, cw := dense(t.Counts, origin, r.End, r.Interval)
		for _, run := range detectRuns(c) {
			out = append(out, Moment{Time: origin.Add(time.Duration(run.start) * cw), Kind: MomentPatternRose,
				TemplateID: t.ID, Text: t.Text, Count: int64(run.sum), Peak: int64(run.peak)})
			if !run.ongoing {
				out = append(out, Moment{Time: origin.Add(time.Duration(run.end) * cw), Kind: MomentPatternBaseline,
					TemplateID: t.ID, Text: t.Text})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out
}
