package report

import (
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	hindsight "github.com/hindsight-sre/hindsight"
)

// The timeline chart is laid out here, in Go, and drawn by a template as
// inline SVG. Layout is arithmetic that deserves tests; drawing is markup
// that teams may want to restyle. No script is involved: tooltips are SVG
// <title> elements and markers are links to the timeline table.

// Chart is the layout of the timeline chart, in SVG user units.
type Chart struct {
	Width, Height float64
	// PlotLeft and PlotRight bound the time axis; lane labels sit left of it.
	PlotLeft, PlotRight float64
	// Label is the accessible name of the chart.
	Label string
	Start time.Time
	End   time.Time
	Ticks []Tick
	// AxisY is where the time axis runs, under the lanes; GridTop is where
	// the vertical grid lines start and GridH their height. TickY and DateY
	// are the baselines of the tick labels and of the dates under them.
	AxisY   float64
	GridTop float64
	GridH   float64
	TickY   float64
	DateY   float64
	// LaneLabelX is where lane labels end, left of the plot.
	LaneLabelX float64
	// BandLabelY is the baseline of the labels inside the phase strip.
	BandLabelY float64
	// Bands is the phase strip (until detection, response, recovery).
	Bands []Band
	BandY float64
	BandH float64
	// Impact shades the whole chart from impact start to impact end.
	Impact     *Band
	Lanes      []Lane
	Milestones []ChartMilestone
	Markers    []Marker
	Legend     []LegendItem
	LegendY    float64
}

// Tick is one time-axis tick; Date is set where the UTC day changes.
type Tick struct {
	X     float64
	Label string
	Date  string
}

// Band is a span of time drawn as a rectangle.
type Band struct {
	X, W float64
	// MidX is the centre of the band, where its label goes.
	MidX      float64
	Label     string
	Tip       string
	Class     string
	ShowLabel bool
}

// Lane is one horizontal lane of events (one evidence source).
type Lane struct {
	Label string
	Y, H  float64
	// LabelY is the baseline of the lane label; Alt stripes every other lane.
	LabelY float64
	Alt    bool
}

// ChartMilestone is a milestone line with its label.
type ChartMilestone struct {
	X      float64
	Label  string
	LabelX float64
	LabelY float64
	// TextAnchor is "start" or "end": labels near the right edge flip left.
	TextAnchor string
	// LineTop is where the milestone's line starts, just under its label.
	LineTop float64
	// BoxX and BoxW place a backdrop behind the label, so that the lines
	// of other milestones do not cross its text.
	BoxX, BoxY, BoxW float64
	Tip              string
}

// Marker is one starred event on its lane; it links to the event's row.
type Marker struct {
	X, Y float64
	// TextY is the baseline of the number inside the marker.
	TextY float64
	N     int
	Class string
	Tip   string
	Href  string
}

// LegendItem explains one marker colour.
type LegendItem struct {
	X float64
	// TextX is where the label starts, right of the swatch.
	TextX float64
	Class string
	Label string
}

// Chart geometry. The width is a viewBox width: the SVG scales to its box.
const (
	chartWidth   = 960.0
	plotLeft     = 132.0
	plotRight    = chartWidth - 24
	labelRowH    = 15.0
	bandH        = 20.0
	subRowH      = 24.0
	lanePad      = 6.0
	markerR      = 9.0
	maxSubRows   = 4
	maxLabelRows = 5
)

// kindClass groups event kinds into a few marker colours; eleven colours
// would be noise.
var kindClass = map[hindsight.EventKind]string{
	hindsight.KindAlert: "k-alert", hindsight.KindPage: "k-alert", hindsight.KindAck: "k-ack",
	hindsight.KindDeploy: "k-change", hindsight.KindChange: "k-change",
	hindsight.KindDecision: "k-action", hindsight.KindAction: "k-action",
	hindsight.KindStatus: "k-status", hindsight.KindLogPattern: "k-log",
	hindsight.KindMessage: "k-note", hindsight.KindNote: "k-note",
}

var legendOrder = []struct{ class, label string }{
	{"k-change", "deploy / change"}, {"k-alert", "alert / page"}, {"k-ack", "ack"},
	{"k-action", "decision / action"}, {"k-status", "status"}, {"k-log", "log pattern"}, {"k-note", "message / note"},
}

// bandNames names the span between two key milestones.
var bandNames = map[[2]hindsight.MilestoneName][2]string{
	{hindsight.MilestoneImpactStart, hindsight.MilestoneDetected}:  {"Until detection", "b-undetected"},
	{hindsight.MilestoneDetected, hindsight.MilestoneMitigated}:    {"Response", "b-response"},
	{hindsight.MilestoneMitigated, hindsight.MilestoneResolved}:    {"Recovery", "b-recovery"},
	{hindsight.MilestoneImpactStart, hindsight.MilestoneMitigated}: {"Until mitigation", "b-undetected"},
	{hindsight.MilestoneDetected, hindsight.MilestoneResolved}:     {"Response and recovery", "b-response"},
	{hindsight.MilestoneImpactStart, hindsight.MilestoneResolved}:  {"Incident", "b-undetected"},
}

// tickSteps are the tick spacings the axis may use, smallest first.
var tickSteps = []time.Duration{time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute,
	15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour,
	12 * time.Hour, 24 * time.Hour, 48 * time.Hour, 7 * 24 * time.Hour, 28 * 24 * time.Hour}

// chart lays out the timeline chart, or returns nil when there is neither a
// starred event nor a milestone to draw.
func chart(inc *hindsight.Incident, v *View) *Chart {
	if len(v.Events) == 0 && len(inc.Milestones) == 0 {
		return nil
	}
	var first, last time.Time
	see := func(t time.Time) {
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	for _, e := range v.Events {
		see(e.Time)
	}
	for _, m := range inc.Milestones {
		see(m.Time.UTC())
	}
	lo, hi := focus(first, last, v)
	pad := max(hi.Sub(lo)/25, time.Minute)
	c := &Chart{Width: chartWidth, PlotLeft: plotLeft, PlotRight: plotRight,
		Start: lo.Add(-pad).UTC(), End: hi.Add(pad).UTC(),
		Label: fmt.Sprintf("Timeline of %s, %s to %s", v.Title, utc(first), utc(last))}
	// x places a moment on the axis. A moment outside the chart (see
	// focus) is pinned to the nearest edge; its tooltip says how far off
	// it really is.
	x := func(t time.Time) float64 {
		t = clampTime(t, c.Start, c.End)
		return round1(plotLeft + float64(t.Sub(c.Start))/float64(c.End.Sub(c.Start))*(plotRight-plotLeft))
	}
	off := func(t time.Time) string {
		switch {
		case t.Before(c.Start):
			return fmt.Sprintf("off the chart, %s before its start: ", human(c.Start.Sub(t)))
		case t.After(c.End):
			return fmt.Sprintf("off the chart, %s after its end: ", human(t.Sub(c.End)))
		}
		return ""
	}

	// Milestone labels stagger over a few rows so that close milestones
	// (detected, declared, acknowledged within minutes) stay readable.
	ms := slices.Clone(v.Milestones)
	slices.SortStableFunc(ms, func(a, b Milestone) int { return a.Time.Compare(b.Time) })
	rowEnds := []float64{}
	for _, m := range ms {
		text := m.Label + " " + clock(m.Time)
		if day(m.Time) != day(lo) {
			text = m.Label + " " + m.Time.Format("Jan 2 15:04")
		}
		w := textWidth(text) + 8
		cm := ChartMilestone{X: x(m.Time), Label: text, TextAnchor: "start",
			Tip: fmt.Sprintf("%s%s: %s (%s)", off(m.Time), m.Label, fullTime(m.Time), m.Name)}
		lo, hi := cm.X+3, cm.X+3+w
		if hi > chartWidth {
			cm.TextAnchor, lo, hi = "end", cm.X-3-w, cm.X-3
		}
		row := slices.IndexFunc(rowEnds, func(end float64) bool { return end < lo })
		switch {
		case row >= 0:
			rowEnds[row] = hi
		case len(rowEnds) < maxLabelRows:
			row = len(rowEnds)
			rowEnds = append(rowEnds, hi)
		default:
			row = slices.Index(rowEnds, slices.Min(rowEnds))
			rowEnds[row] = hi
		}
		tw := textWidth(text)
		cm.LabelX, cm.BoxX = cm.X+3, round1(cm.X+1)
		if cm.TextAnchor == "end" {
			cm.LabelX, cm.BoxX = cm.X-3, round1(cm.X-5-tw)
		}
		cm.LabelY = 8 + 11 + float64(row)*labelRowH
		cm.BoxY, cm.BoxW = cm.LabelY-10, round1(tw+4)
		cm.LineTop = cm.LabelY + 4
		c.Milestones = append(c.Milestones, cm)
	}
	c.BandY = 8 + float64(len(rowEnds))*labelRowH + 6
	c.BandH = bandH
	c.GridTop = c.BandY
	c.BandLabelY = c.BandY + 14
	c.LaneLabelX = plotLeft - 12
	c.Bands = bands(inc, x)
	lanesTop := c.BandY + bandH + 8

	// One lane per evidence source, in order of first appearance, so the
	// chart reads top-down the way the story unfolded.
	var laneOf = map[string]int{}
	var lastX [][]float64 // per lane, per sub-row: x of the last marker
	var markers [][]Marker
	for _, e := range v.Events {
		li, ok := laneOf[e.Source]
		if !ok {
			li = len(c.Lanes)
			laneOf[e.Source] = li
			c.Lanes = append(c.Lanes, Lane{Label: e.Source, Alt: li%2 == 1})
			lastX = append(lastX, nil)
			markers = append(markers, nil)
		}
		mx := x(e.Time)
		sub := slices.IndexFunc(lastX[li], func(prev float64) bool { return mx-prev >= 2*markerR+1 })
		switch {
		case sub >= 0:
		case len(lastX[li]) < maxSubRows:
			sub = len(lastX[li])
			lastX[li] = append(lastX[li], 0)
		default:
			sub = slices.Index(lastX[li], slices.Min(lastX[li]))
		}
		lastX[li][sub] = mx
		class := kindClass[hindsight.EventKind(e.Kind)]
		if class == "" {
			class = "k-note"
		}
		tip := fmt.Sprintf("%s%d · %s · %s", off(e.Time), e.N, fullTime(e.Time), e.Kind)
		if e.Phase != "" {
			tip += " · " + e.Phase
		}
		if e.Actor != "" {
			tip += "\n" + e.Actor + ": " + e.Text
		} else {
			tip += "\n" + e.Text
		}
		markers[li] = append(markers[li], Marker{X: mx, Y: float64(sub), N: e.N, Class: class, Tip: tip, Href: "#" + e.Anchor})
	}
	y := lanesTop
	if len(c.Lanes) == 0 {
		// Milestones only: one empty lane keeps the chart readable.
		c.Lanes = append(c.Lanes, Lane{Label: "no starred events"})
		lastX, markers = append(lastX, []float64{0}), append(markers, nil)
	}
	for i := range c.Lanes {
		l := &c.Lanes[i]
		l.Y, l.H = y, 2*lanePad+float64(max(1, len(lastX[i])))*subRowH
		l.LabelY = y + lanePad + subRowH/2 + 4
		for _, m := range markers[i] {
			m.Y = y + lanePad + m.Y*subRowH + subRowH/2
			m.TextY = m.Y + 3.5
			c.Markers = append(c.Markers, m)
		}
		y += l.H
	}
	c.AxisY = y
	c.GridH = round1(c.AxisY - c.GridTop)
	c.TickY, c.DateY = c.AxisY+15, c.AxisY+29
	if im := impactBand(inc, x); im != nil {
		c.Impact = im
	}
	c.Ticks = ticks(c.Start, c.End, x)
	c.LegendY = c.AxisY + 46
	lx := plotLeft
	for _, item := range legendOrder {
		if slices.ContainsFunc(c.Markers, func(m Marker) bool { return m.Class == item.class }) {
			c.Legend = append(c.Legend, LegendItem{X: lx, TextX: lx + 14, Class: item.class, Label: item.label})
			lx += textWidth(item.label) + 34
		}
	}
	c.Height = c.LegendY + 14
	return c
}

// focus picks the span the chart shows. Usually that is every event and
// milestone; but a trigger deployed days before the impact, or a closing
// note days after, would squeeze the incident itself into a sliver. So the
// chart shows at most one incident-window length before and after the
// window, and pins whatever lies further out to its edges.
func focus(first, last time.Time, v *View) (lo, hi time.Time) {
	if !v.HasWindow || !v.End.After(v.Start) {
		return first, last
	}
	margin := max(v.End.Sub(v.Start), 10*time.Minute)
	return clampTime(first, v.Start.Add(-margin), first), clampTime(last, last, v.End.Add(margin))
}

// clampTime returns t limited to [lo, hi].
func clampTime(t, lo, hi time.Time) time.Time {
	switch {
	case t.Before(lo):
		return lo
	case t.After(hi):
		return hi
	}
	return t
}

// bands draws the phase strip between the key milestones that are set.
func bands(inc *hindsight.Incident, x func(time.Time) float64) []Band {
	var out []Band
	for _, s := range spans(inc) {
		b := Band{X: x(s.from), W: round1(x(s.to) - x(s.from)), Label: s.name, Class: s.class,
			Tip: fmt.Sprintf("%s: %s (%s → %s)", s.name, human(s.to.Sub(s.from)), s.fromName, s.toName)}
		b.MidX = round1(b.X + b.W/2)
		b.ShowLabel = b.W > textWidth(b.Label)+10
		out = append(out, b)
	}
	return out
}

// impactBand shades customer impact across all lanes.
func impactBand(inc *hindsight.Incident, x func(time.Time) float64) *Band {
	s, ok := impactSpan(inc)
	if !ok {
		return nil
	}
	tip := fmt.Sprintf("Customer impact: %s (%s → %s)", human(s.to.Sub(s.from)), s.fromName, s.toName)
	if s.toName != hindsight.MilestoneImpactEnd {
		tip += "; impact end is not set, so the shading stops at " + words(string(s.toName))
	}
	return &Band{X: x(s.from), W: round1(x(s.to) - x(s.from)), Label: s.name, Tip: tip, Class: s.class}
}

// ticks picks the smallest step that gives at most eight ticks, aligned to
// whole UTC minutes, hours or days, and dates the ticks where a day starts.
func ticks(start, end time.Time, x func(time.Time) float64) []Tick {
	span := end.Sub(start)
	step := tickSteps[len(tickSteps)-1]
	for _, s := range tickSteps {
		if span/s <= 8 {
			step = s
			break
		}
	}
	var out []Tick
	prevDay := ""
	for t := start.Truncate(step); !t.After(end); t = t.Add(step) {
		if t.Before(start) {
			continue
		}
		tk := Tick{X: x(t), Label: clock(t)}
		if step >= 24*time.Hour {
			tk.Label = t.Format("Jan 2")
		} else if d := t.Format("Jan 2"); d != prevDay {
			tk.Date, prevDay = d, d
		}
		out = append(out, tk)
	}
	return out
}

// textWidth estimates the width of a label at the chart's 11px font. An
// estimate is enough: it only decides where labels stagger.
func textWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) * 6.2 }

func round1(f float64) float64 { return float64(int64(f*10+0.5)) / 10 }
