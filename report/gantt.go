package report

import (
	"fmt"
	"time"

	hindsight "github.com/hindsight-sre/hindsight"
)

// Gantt is a Mermaid gantt chart of the incident for the Markdown report:
// GitHub and GitLab draw it natively, so a Markdown reader gets a picture
// of the timeline without an image file. Every label is already made safe
// for Mermaid; the template only writes the lines.
type Gantt struct {
	Title string
	// AxisFormat is the strftime layout of the axis labels.
	AxisFormat string
	Sections   []GanttSection
}

// GanttSection is one "section" of the chart.
type GanttSection struct {
	Name  string
	Tasks []GanttTask
}

// GanttTask is one task line: "Name :Tags, Start, End".
type GanttTask struct {
	Name  string
	Tags  string
	Start string
	End   string
}

// ganttLayout matches "dateFormat YYYY-MM-DD HH:mm:ss" in the template.
const ganttLayout = "2006-01-02 15:04:05"

// gantt builds the Mermaid chart: the phase spans, the milestones, then the
// starred events by phase. Mermaid reads the times without a zone and
// prints them as given, so the chart shows UTC wall-clock times.
func gantt(inc *hindsight.Incident, v *View) Gantt {
	g := Gantt{Title: mermaidText(v.Title) + " (UTC)", AxisFormat: "%H:%M"}
	days := map[string]bool{}
	for _, e := range v.Events {
		days[day(e.Time)] = true
	}
	for _, m := range v.Milestones {
		days[day(m.Time)] = true
	}
	if len(days) > 1 {
		// Mermaid has no pinned outliers like the HTML chart, so at least
		// the axis must say which day a tick is on.
		g.AxisFormat = "%m-%d %H:%M"
	}
	var phases GanttSection
	phases.Name = "Phases"
	if im, ok := impactSpan(inc); ok {
		name := "Customer impact"
		if im.toName != hindsight.MilestoneImpactEnd {
			name += " (impact end not set, shown to " + words(string(im.toName)) + ")"
		}
		phases.Tasks = append(phases.Tasks, GanttTask{Name: name, Tags: "crit", Start: stamp(im.from), End: stamp(im.to)})
	}
	for _, s := range spans(inc) {
		phases.Tasks = append(phases.Tasks, GanttTask{Name: s.name, Tags: "active", Start: stamp(s.from), End: stamp(s.to)})
	}
	if len(phases.Tasks) > 0 {
		g.Sections = append(g.Sections, phases)
	}
	if len(v.Milestones) > 0 {
		sec := GanttSection{Name: "Milestones"}
		for _, m := range v.Milestones {
			sec.Tasks = append(sec.Tasks, GanttTask{Name: m.Label, Tags: "milestone", Start: stamp(m.Time), End: "0m"})
		}
		g.Sections = append(g.Sections, sec)
	}
	byPhase := map[string]int{}
	for _, e := range v.Events {
		name := label(e.Phase)
		if name == "" {
			name = "Events"
		}
		i, ok := byPhase[name]
		if !ok {
			i = len(g.Sections)
			byPhase[name] = i
			g.Sections = append(g.Sections, GanttSection{Name: name})
		}
		g.Sections[i].Tasks = append(g.Sections[i].Tasks, GanttTask{
			Name: mermaidText(fmt.Sprintf("%d. %s", e.N, e.Text)), Tags: "milestone", Start: stamp(e.Time), End: "0m"})
	}
	return g
}

// phaseSpan is a span of time between two milestones.
type phaseSpan struct {
	name, class string
	fromName    hindsight.MilestoneName
	toName      hindsight.MilestoneName
	from, to    time.Time
}

// spans lists the phase spans between the key milestones that are set:
// until detection, response, recovery. The HTML chart draws them as its
// phase strip and the Mermaid chart as bars, so both say the same.
func spans(inc *hindsight.Incident) []phaseSpan {
	var pts []hindsight.Milestone
	for _, n := range []hindsight.MilestoneName{hindsight.MilestoneImpactStart, hindsight.MilestoneDetected,
		hindsight.MilestoneMitigated, hindsight.MilestoneResolved} {
		if m, ok := inc.Milestone(n); ok {
			pts = append(pts, m)
		}
	}
	var out []phaseSpan
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if b.Time.After(a.Time) {
			name := bandNames[[2]hindsight.MilestoneName{a.Name, b.Name}]
			out = append(out, phaseSpan{name[0], name[1], a.Name, b.Name, a.Time.UTC(), b.Time.UTC()})
		}
	}
	return out
}

// impactSpan is customer impact: impact start to impact end. Without an
// impact end it runs to mitigation or resolution instead, and the span's
// toName says which, so that no reader mistakes it for a measured end.
func impactSpan(inc *hindsight.Incident) (phaseSpan, bool) {
	start, ok := inc.Milestone(hindsight.MilestoneImpactStart)
	if !ok {
		return phaseSpan{}, false
	}
	for _, n := range []hindsight.MilestoneName{hindsight.MilestoneImpactEnd, hindsight.MilestoneMitigated, hindsight.MilestoneResolved} {
		if end, ok := inc.Milestone(n); ok && end.Time.After(start.Time) {
			return phaseSpan{"Customer impact", "impact", start.Name, n, start.Time.UTC(), end.Time.UTC()}, true
		}
	}
	return phaseSpan{}, false
}

func stamp(t time.Time) string { return t.UTC().Format(ganttLayout) }
