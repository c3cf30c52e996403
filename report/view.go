package report

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	hindsight "github.com/hindsight-sre/hindsight"
)

// View is what a report template sees: the incident arranged for reading.
// Templates get a *View as their dot. The domain stays the single source of
// the rules (milestones, metrics, window, chains, factor layers); the view
// only orders, labels and links what the domain computes, and says what is
// still missing.
type View struct {
	ID              string
	Title           string
	Status          string
	Severity        string
	SeverityReasons []string
	// Owner is the role that facilitates the postmortem.
	Owner    string
	Services []string
	// Roles are the roles on the roster, never the people in them.
	Roles   []Role
	Summary string
	// Facts are the few numbers a reader wants first (duration, users,
	// time to detect, time to mitigate), known or not.
	Facts []Fact
	// Start and End are the incident window (hindsight.Window) and Span
	// says which milestones bound it; HasWindow is false without milestones.
	Start, End time.Time
	Duration   time.Duration
	Span       string
	HasWindow  bool
	Impact     Impact
	// Events are the starred events in time order; EventCount counts every
	// event of the timeline, starred or not.
	Events     []Event
	EventCount int
	Milestones []Milestone
	// UnsetMilestones lists the canonical milestones that are not set.
	UnsetMilestones []string
	// Metrics has one entry per hindsight.MetricDefinitions, measured or not.
	Metrics     []Metric
	Trigger     string
	Detection   string
	Resolution  string
	Layers      []Layer
	FactorCount int
	Chains      []Chain
	// Categories holds the action items grouped in hindsight.Categories
	// order; categories without items are left out.
	Categories   []Category
	ActionCount  int
	Lessons      []LessonGroup
	ThirdParties []ThirdParty
	Appendices   []Appendix
	// Chart is the timeline chart layout, nil when there is nothing to draw.
	Chart *Chart
	// Gantt is the Mermaid gantt chart of the Markdown report.
	Gantt   Gantt
	Version int
	Created time.Time
	Updated time.Time
	// Missing says, section by section, what the facilitator still needs to
	// add; an empty string means the section has its content.
	Missing Missing
}

// Missing holds the guidance a report shows in place of an empty section.
// Sections never vanish: an empty one tells the facilitator what to add.
type Missing struct {
	Summary    string
	Severity   string
	Services   string
	Owner      string
	Roster     string
	Impact     string
	Timeline   string
	Milestones string
	Trigger    string
	Factors    string
	Chains     string
	Detection  string
	Resolution string
	Actions    string
	// Prevention is set when there are action items but none that makes a
	// future incident of this kind less likely or less harmful.
	Prevention string
	Lessons    string
	Appendices string
}

// Role is one role on the roster and how many people held it.
type Role struct {
	Role  string
	Count int
}

// Fact is one headline figure; Value is "—" and Note says why when unknown.
type Fact struct {
	Label string
	Value string
	Note  string
	Known bool
}

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

// Event is one starred timeline event. N numbers it in the report, so the
// table, the chart markers and references from factors agree.
type Event struct {
	N      int
	Anchor string
	ID     string
	Time   time.Time
	// NewDay is true on the first event of each UTC day, so a table can
	// print the date only where it changes.
	NewDay   bool
	Phase    string
	Kind     string
	Actor    string
	Text     string
	Source   string
	Ref      string
	TimeText string
	Zone     string
	// KnownDuring is false for facts learned only after the incident.
	KnownDuring bool
	Flags       []string
	// Milestones are the labels of the milestones this event set.
	Milestones []string
}

// Ref points at a timeline event from elsewhere in the report. N and Anchor
// are zero when the event is not starred (and so not in the report).
type Ref struct {
	ID     string
	N      int
	Anchor string
	Label  string
}

// Milestone is one set milestone with how it was found.
type Milestone struct {
	Name  string
	Label string
	Time  time.Time
	// SetBy is "rule <id>" or "a person"; Because is the person's reason.
	SetBy   string
	Because string
	Event   *Ref
}

// Metric is one named duration from one milestone to another. Known is
// false when it cannot be measured yet, and Missing says why.
type Metric struct {
	Name     string
	Label    string
	From     string
	To       string
	Duration time.Duration
	Known    bool
	Missing  string
}

// Layer is one layer of contributing factors.
type Layer struct {
	Name    string
	Label   string
	Factors []Factor
	Missing string
}

// Factor is one contributing factor, with links to its evidence, to the
// factors it led to and to the action items that address it.
type Factor struct {
	ID          string
	Anchor      string
	Text        string
	Layer       string
	Tags        []string
	KnownAtTime bool
	Evidence    []Ref
	LeadsTo     []string
	AddressedBy []string
}

// Chain is one 5 Whys chain: Steps[0] is the symptom and each next step
// answers "why?" of the one before.
type Chain struct {
	N     int
	Steps []Factor
}

// Category is one action-item category and its items.
type Category struct {
	Name     string
	Label    string
	Question string
	Actions  []Action
}

// Action is one action item as the report shows it.
type Action struct {
	ID       string
	Title    string
	Priority string
	Owner    string
	Due      string
	Status   string
	Tracker  string
	// TrackerURL is Tracker when it is an http(s) link, else empty, and
	// TrackerLabel is what a link shows: the ticket key at the end of the
	// URL ("SRE-412") rather than the whole address.
	TrackerURL   string
	TrackerLabel string
	Addresses    []FactorRef
	DoneWhen     string
}

// FactorRef names a factor from an action item.
type FactorRef struct {
	ID     string
	Anchor string
	Text   string
}

// LessonGroup is one kind of lesson (went well, went wrong, got lucky).
type LessonGroup struct {
	Kind    string
	Label   string
	Items   []string
	Missing string
}

// ThirdParty is one vendor or upstream dependency and how it took part.
type ThirdParty struct {
	Vendor      string
	Expectation string
	// Outcome explains Expectation in words.
	Outcome string
	Notes   string
	Actions []string
}

// Appendix is one attached file.
type Appendix struct {
	N         int
	Anchor    string
	Name      string
	Caption   string
	MediaType string
	Size      int64
	IsImage   bool
	// DataURI embeds an image in the HTML report; it is set only for image
	// types a browser shows safely in an <img>.
	DataURI template.URL
	// Text is the content of a small text file (a log excerpt), shown inline.
	Text string
	// HasContent is false when the export carried only the file's metadata.
	HasContent bool
}

// metricLabels says each metric in words; the id stays visible next to it.
var metricLabels = map[string]string{
	"time_to_detect":      "Time to detect",
	"time_to_acknowledge": "Time to acknowledge",
	"time_to_mitigate":    "Time to mitigate",
	"time_to_resolve":     "Time to resolve",
	"customer_impact":     "Customer impact",
}

// categoryText gives each action category a heading and the question it
// answers, so readers see why an item sits where it does.
var categoryText = map[hindsight.Category][2]string{
	hindsight.CategoryInvestigate:    {"Investigate this incident", "What do we still need to find out about what happened?"},
	hindsight.CategoryMitigate:       {"Mitigate this incident", "What did or will we do to limit the harm of this incident?"},
	hindsight.CategoryRepair:         {"Repair the damage", "What must be restored or cleaned up after this incident?"},
	hindsight.CategoryDetect:         {"Detect future incidents", "How will we notice this kind of failure sooner?"},
	hindsight.CategoryMitigateFuture: {"Mitigate future incidents", "How will the next incident of this kind hurt fewer users, for less time?"},
	hindsight.CategoryPrevent:        {"Prevent future incidents", "How will we make this kind of failure less likely?"},
}

var layerText = map[hindsight.Layer][2]string{
	hindsight.LayerTechnical: {"Technical",
		"No technical factors yet: ask what in the software, infrastructure or tooling behaved in a way nobody expected."},
	hindsight.LayerProcess: {"Process",
		"No process factors yet: ask how the way work is reviewed, rolled out, handed over or escalated played a part."},
	hindsight.LayerOrganizational: {"Organizational",
		"No organizational factors yet: ask which goals, deadlines, staffing or norms made the other factors more likely."},
}

var lessonText = map[hindsight.LessonKind][2]string{
	hindsight.LessonWentWell: {"What went well",
		"Nothing recorded yet: note what helped (an alert that fired, a runbook that worked, a quick decision) so that it is kept."},
	hindsight.LessonWentWrong: {"What went wrong",
		"Nothing recorded yet: note where the system or the process made the response harder."},
	hindsight.LessonLucky: {"Where we got lucky",
		"Nothing recorded yet: ask where chance limited the impact; every lucky break is a risk worth an action item."},
}

var outcomeText = map[string]string{
	hindsight.ExpectationViolated: "Did not meet what we expected of them",
	hindsight.ExpectationMet:      "Met what we expected; our own design did not absorb the failure",
	hindsight.ExpectationUnclear:  "We had no clear expectation of them",
}

// newView arranges an incident for the templates.
func newView(inc *hindsight.Incident) *View {
	v := &View{
		ID: inc.ID, Title: inc.Title, Status: string(inc.Status), Severity: inc.Severity,
		SeverityReasons: inc.SeverityReasons, Owner: inc.Owner, Services: inc.Services,
		Summary: strings.TrimSpace(inc.Summary), Trigger: strings.TrimSpace(inc.Trigger),
		Detection: strings.TrimSpace(inc.Detection), Resolution: strings.TrimSpace(inc.Resolution),
		Version: inc.Version, Created: inc.CreatedAt.UTC(), Updated: inc.UpdatedAt.UTC(),
		EventCount: len(inc.Timeline), FactorCount: len(inc.Factors), ActionCount: len(inc.Actions),
	}
	v.Roles = roles(inc.Roster)
	v.Start, v.End, v.HasWindow = hindsight.Window(inc.Milestones)
	if v.HasWindow {
		v.Start, v.End = v.Start.UTC(), v.End.UTC()
		v.Duration = v.End.Sub(v.Start)
		v.Span = span(inc)
	}

	events, byID := starred(inc)
	v.Events = events
	v.Milestones = milestones(inc, byID)
	for _, name := range hindsight.MilestoneNames {
		if _, ok := inc.Milestone(name); !ok {
			v.UnsetMilestones = append(v.UnsetMilestones, words(string(name)))
		}
	}
	v.Metrics = metrics(inc)
	v.Impact = impact(inc.Impact, v.Metrics)
	logPatterns(&v.Impact, inc.LogPatterns)
	v.Facts = facts(inc.Impact, v)
	v.Layers, v.Chains = factors(inc, byID)
	v.Categories = categories(inc)
	v.Lessons = lessons(inc.Lessons)
	for _, tp := range inc.ThirdParties {
		v.ThirdParties = append(v.ThirdParties, ThirdParty{Vendor: tp.Vendor, Expectation: tp.Expectation,
			Outcome: outcomeText[tp.Expectation], Notes: strings.TrimSpace(tp.Notes), Actions: tp.Actions})
	}
	for i, a := range inc.Appendices {
		v.Appendices = append(v.Appendices, appendix(i+1, a))
	}
	v.Chart = chart(inc, v)
	v.Gantt = gantt(inc, v)
	v.Missing = missing(inc, v)
	return v
}

// roles lists the roster's roles in roster order with a head count; the
// report names roles, never people.
func roles(roster []hindsight.Person) []Role {
	var out []Role
	for _, p := range roster {
		role := strings.TrimSpace(p.Role)
		if role == "" {
			role = "Unassigned role"
		}
		i := slices.IndexFunc(out, func(r Role) bool { return strings.EqualFold(r.Role, role) })
		if i < 0 {
			out = append(out, Role{Role: role, Count: 1})
			continue
		}
		out[i].Count++
	}
	return out
}

// span says which milestones bound the window, mirroring hindsight.Window.
func span(inc *hindsight.Incident) string {
	from, to := "earliest milestone", "latest milestone"
	if _, ok := inc.Milestone(hindsight.MilestoneImpactStart); ok {
		from = string(hindsight.MilestoneImpactStart)
	}
	if _, ok := inc.Milestone(hindsight.MilestoneResolved); ok {
		to = string(hindsight.MilestoneResolved)
	}
	return from + " → " + to
}

// actorRoles maps every handle and name on the roster to its role, so an
// event's actor shows as a role even when the evidence named a person.
func actorRoles(roster []hindsight.Person) map[string]string {
	m := make(map[string]string, 2*len(roster))
	for _, p := range roster {
		if p.Role == "" {
			continue
		}
		for _, k := range []string{p.Handle, p.Name} {
			k = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(k), "@"))
			if k != "" {
				m[k] = p.Role
			}
		}
	}
	return m
}

// starred returns the starred events in time order, numbered, and an index
// of every event (starred or not) for references.
func starred(inc *hindsight.Incident) ([]Event, map[string]Ref) {
	byID := make(map[string]Ref, len(inc.Timeline))
	setBy := map[string][]string{}
	for _, m := range inc.Milestones {
		if m.Event != "" {
			setBy[m.Event] = append(setBy[m.Event], label(string(m.Name)))
		}
	}
	rolesOf := actorRoles(inc.Roster)
	var evs []hindsight.Event
	for _, e := range inc.Timeline {
		if e.Starred {
			evs = append(evs, e)
		} else {
			byID[e.ID] = Ref{ID: e.ID, Label: fmt.Sprintf("%s event at %s (not starred)", sourceName(e.Source), utc(e.Time))}
		}
	}
	slices.SortStableFunc(evs, func(a, b hindsight.Event) int { return a.Time.Compare(b.Time) })
	out := make([]Event, len(evs))
	for i, e := range evs {
		actor := strings.TrimSpace(e.Actor)
		if r, ok := rolesOf[strings.ToLower(strings.TrimPrefix(actor, "@"))]; ok {
			actor = r
		}
		out[i] = Event{N: i + 1, Anchor: fmt.Sprintf("event-%d", i+1), ID: e.ID, Time: e.Time.UTC(),
			NewDay: i == 0 || day(e.Time) != day(evs[i-1].Time),
			Phase:  string(e.Phase), Kind: string(e.Kind), Actor: actor, Text: strings.TrimSpace(e.Text),
			Source: sourceName(e.Source), Ref: e.Ref, TimeText: e.TimeText, Zone: e.Zone,
			KnownDuring: e.KnownDuring, Flags: e.Flags, Milestones: setBy[e.ID]}
		byID[e.ID] = Ref{ID: e.ID, N: i + 1, Anchor: out[i].Anchor, Label: fmt.Sprintf("event %d", i+1)}
	}
	return out, byID
}

func sourceName(s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return "manual"
	}
	return s
}

// ref points at an event by id, saying so when the event is unknown rather
// than dropping the reference.
func ref(id string, byID map[string]Ref) Ref {
	if r, ok := byID[id]; ok {
		return r
	}
	return Ref{ID: id, Label: "event " + id + " (not in the timeline)"}
}

func milestones(inc *hindsight.Incident, byID map[string]Ref) []Milestone {
	ms := slices.Clone(inc.Milestones)
	rank := map[hindsight.MilestoneName]int{}
	for i, n := range hindsight.MilestoneNames {
		rank[n] = i
	}
	slices.SortStableFunc(ms, func(a, b hindsight.Milestone) int { return rank[a.Name] - rank[b.Name] })
	out := make([]Milestone, 0, len(ms))
	for _, m := range ms {
		row := Milestone{Name: string(m.Name), Label: label(string(m.Name)), Time: m.Time.UTC(), Because: strings.TrimSpace(m.Because)}
		switch m.Rule {
		case "":
		case hindsight.RulePerson:
			row.SetBy = "a person"
		default:
			row.SetBy = "rule " + m.Rule
		}
		if m.Event != "" {
			r := ref(m.Event, byID)
			row.Event = &r
		}
		out = append(out, row)
	}
	return out
}

// metrics lists every defined metric: measured when both milestones are set
// and in order, otherwise with what it still needs.
func metrics(inc *hindsight.Incident) []Metric {
	measured := map[string]hindsight.Metric{}
	for _, m := range hindsight.ComputeMetrics(inc.Milestones) {
		measured[m.Name] = m
	}
	out := make([]Metric, 0, len(hindsight.MetricDefinitions))
	for _, d := range hindsight.MetricDefinitions {
		row := Metric{Name: d.Name, Label: metricLabels[d.Name], From: string(d.From), To: string(d.To)}
		if row.Label == "" {
			row.Label = label(d.Name)
		}
		if m, ok := measured[d.Name]; ok {
			row.Duration, row.Known = m.Duration(), true
			out = append(out, row)
			continue
		}
		_, hasFrom := inc.Milestone(d.From)
		_, hasTo := inc.Milestone(d.To)
		switch {
		case !hasFrom && !hasTo:
			row.Missing = fmt.Sprintf("set the %s and %s milestones to measure it", words(string(d.From)), words(string(d.To)))
		case !hasFrom:
			row.Missing = fmt.Sprintf("set the %s milestone to measure it", words(string(d.From)))
		case !hasTo:
			row.Missing = fmt.Sprintf("set the %s milestone to measure it", words(string(d.To)))
		default:
			row.Missing = fmt.Sprintf("%s is set before %s; check both times", words(string(d.To)), words(string(d.From)))
		}
		out = append(out, row)
	}
	return out
}

func metric(ms []Metric, name string) (Metric, bool) {
	for _, m := range ms {
		if m.Name == name {
			return m, m.Known
		}
	}
	return Metric{}, false
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

func facts(im hindsight.Impact, v *View) []Fact {
	var out []Fact
	if m, ok := metric(v.Metrics, "customer_impact"); ok {
		out = append(out, Fact{Label: "Customer impact", Value: human(m.Duration), Note: m.From + " → " + m.To, Known: true})
	} else if v.HasWindow {
		out = append(out, Fact{Label: "Duration", Value: human(v.Duration), Note: v.Span, Known: true})
	} else {
		out = append(out, Fact{Label: "Duration", Value: "—", Note: "set impact start and resolved"})
	}
	switch {
	case im.UsersAffected > 0:
		note := ""
		if im.UsersPercent > 0 {
			note = percent(im.UsersPercent) + " of users"
		}
		out = append(out, Fact{Label: "Users affected", Value: number(im.UsersAffected), Note: note, Known: true})
	case im.UsersPercent > 0:
		out = append(out, Fact{Label: "Users affected", Value: percent(im.UsersPercent), Note: "of users", Known: true})
	default:
		out = append(out, Fact{Label: "Users affected", Value: "—", Note: "add users affected"})
	}
	for _, name := range []string{"time_to_detect", "time_to_mitigate"} {
		for _, m := range v.Metrics {
			if m.Name != name {
				continue
			}
			if m.Known {
				out = append(out, Fact{Label: m.Label, Value: human(m.Duration), Note: m.From + " → " + m.To, Known: true})
			} else {
				out = append(out, Fact{Label: m.Label, Value: "—", Note: "set " + words(m.From) + " and " + words(m.To)})
			}
		}
	}
	return out
}

func factors(inc *hindsight.Incident, byID map[string]Ref) ([]Layer, []Chain) {
	addressedBy := map[string][]string{}
	for _, a := range inc.Actions {
		for _, f := range a.Addresses {
			addressedBy[f] = append(addressedBy[f], a.ID)
		}
	}
	view := func(f hindsight.Factor) Factor {
		out := Factor{ID: f.ID, Anchor: "factor-" + f.ID, Text: strings.TrimSpace(f.Text), Layer: string(f.Layer),
			Tags: f.Tags, KnownAtTime: f.KnownAtTime, LeadsTo: f.Causes, AddressedBy: addressedBy[f.ID]}
		for _, id := range f.Evidence {
			out.Evidence = append(out.Evidence, ref(id, byID))
		}
		return out
	}
	var layers []Layer
	if len(inc.Factors) > 0 {
		grouped := inc.FactorsByLayer()
		for _, l := range hindsight.Layers {
			row := Layer{Name: string(l), Label: layerText[l][0]}
			for _, f := range grouped[l] {
				row.Factors = append(row.Factors, view(f))
			}
			if len(row.Factors) == 0 {
				row.Missing = layerText[l][1]
			}
			layers = append(layers, row)
		}
	}
	var chains []Chain
	for i, path := range inc.Chains() {
		c := Chain{N: i + 1}
		for _, f := range path {
			c.Steps = append(c.Steps, view(f))
		}
		chains = append(chains, c)
	}
	return layers, chains
}

func categories(inc *hindsight.Incident) []Category {
	var out []Category
	for _, c := range hindsight.Categories {
		cat := Category{Name: string(c), Label: categoryText[c][0], Question: categoryText[c][1]}
		for _, a := range inc.Actions {
			if a.Category != c {
				continue
			}
			row := Action{ID: a.ID, Title: strings.TrimSpace(a.Title), Priority: string(a.Priority), Owner: a.Owner,
				Due: a.Due, Status: string(a.Status), Tracker: a.Tracker, DoneWhen: strings.TrimSpace(a.DoneWhen)}
			if u, err := url.Parse(a.Tracker); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
				row.TrackerURL = a.Tracker
				row.TrackerLabel = path.Base(strings.TrimRight(u.Path, "/"))
				if row.TrackerLabel == "." || row.TrackerLabel == "/" {
					row.TrackerLabel = u.Host
				}
			}
			for _, id := range a.Addresses {
				fr := FactorRef{ID: id, Anchor: "factor-" + id}
				if f, ok := inc.Factor(id); ok {
					fr.Text = strings.TrimSpace(f.Text)
				}
				row.Addresses = append(row.Addresses, fr)
			}
			cat.Actions = append(cat.Actions, row)
		}
		if len(cat.Actions) > 0 {
			out = append(out, cat)
		}
	}
	return out
}

func lessons(ls []hindsight.Lesson) []LessonGroup {
	out := make([]LessonGroup, 0, len(hindsight.LessonKinds))
	for _, k := range hindsight.LessonKinds {
		g := LessonGroup{Kind: string(k), Label: lessonText[k][0]}
		for _, l := range ls {
			if l.Kind == k && strings.TrimSpace(l.Text) != "" {
				g.Items = append(g.Items, strings.TrimSpace(l.Text))
			}
		}
		if len(g.Items) == 0 {
			g.Missing = lessonText[k][1]
		}
		out = append(out, g)
	}
	return out
}

// embeddable lists the image types the HTML report inlines. All of them are
// inert inside an <img> (an SVG there runs no script), so embedding them as
// data: URIs cannot add behaviour to the report.
var embeddable = []string{"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml", "image/avif"}

// maxInlineText bounds a text attachment shown inline; a longer log stays
// an attachment that the reader opens on its own.
const maxInlineText = 64 << 10

func appendix(n int, a hindsight.Appendix) Appendix {
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(a.MediaType, ";", 2)[0]))
	out := Appendix{N: n, Anchor: fmt.Sprintf("appendix-%d", n), Name: a.Name, Caption: strings.TrimSpace(a.Caption),
		MediaType: a.MediaType, Size: a.Size, IsImage: a.IsImage(), HasContent: len(a.Content) > 0}
	if out.Size == 0 {
		out.Size = int64(len(a.Content))
	}
	if !out.HasContent {
		return out
	}
	if slices.Contains(embeddable, mt) {
		out.DataURI = template.URL("data:" + mt + ";base64," + base64.StdEncoding.EncodeToString(a.Content))
	}
	textual := strings.HasPrefix(mt, "text/") || mt == "application/json" || mt == "application/x-ndjson" || mt == "application/yaml"
	if textual && len(a.Content) <= maxInlineText && utf8.Valid(a.Content) {
		out.Text = strings.TrimRight(string(a.Content), "\n")
	}
	return out
}

// missing writes the guidance for every empty section. It is phrased for
// the facilitator, as the next thing to add, never as a fault of anyone.
func missing(inc *hindsight.Incident, v *View) Missing {
	var m Missing
	if v.Summary == "" {
		m.Summary = "No summary yet: in two or three sentences, say what happened, who was affected and for how long, and how service was restored."
	}
	if v.Severity == "" {
		m.Severity = "not assessed yet: assess it from the impact"
	}
	if len(v.Services) == 0 {
		m.Services = "none listed yet: add the affected services"
	}
	if v.Owner == "" {
		m.Owner = "not set yet: name the role that facilitates this postmortem"
	}
	if len(v.Roles) == 0 {
		m.Roster = "no roster yet: map the people in the evidence to the roles they held"
	}
	if !v.Impact.Known {
		m.Impact = "No impact figures yet: add users affected, duration, revenue or SLO budget used."
	}
	switch {
	case v.EventCount == 0:
		m.Timeline = "No timeline yet: import the evidence (chat exports, pages, alerts, deploys, logs) to build one."
	case len(v.Events) == 0:
		m.Timeline = fmt.Sprintf("No events starred yet: the timeline holds %d events; star the ones that tell the story so that they appear here.", v.EventCount)
	}
	if len(v.Milestones) == 0 {
		m.Milestones = "No milestones yet: set at least impact start, detected, mitigated and resolved, so that the durations below can be measured."
	}
	if v.Trigger == "" {
		m.Trigger = "No trigger recorded yet: name the change or event that set the incident off (a deploy, a configuration change, a surge of traffic)."
	}
	if len(inc.Factors) == 0 {
		m.Factors = "No contributing factors yet: list the conditions that together made the incident possible, in more than one layer; there is rarely a single root cause."
	}
	if len(v.Chains) == 0 {
		m.Chains = "No 5 Whys chains yet: link each factor to the deeper factor that made it possible, so that every symptom leads back to a cause worth acting on."
	}
	if v.Detection == "" {
		m.Detection = "Not recorded yet: say how the incident was noticed (an alert, a customer report, a responder) and how it could be noticed sooner."
	}
	if v.Resolution == "" {
		m.Resolution = "Not recorded yet: say what stopped the impact and what restored service."
	}
	if len(inc.Actions) == 0 {
		m.Actions = "No action items yet: for the main contributing factors, agree changes that detect, limit or prevent this kind of incident, each with an owning role and a due date."
	} else if !slices.ContainsFunc(inc.Actions, func(a hindsight.ActionItem) bool {
		return a.Category == hindsight.CategoryPrevent || a.Category == hindsight.CategoryMitigateFuture
	}) {
		m.Prevention = "No action item yet makes the next incident of this kind less likely or less harmful: consider one under “Mitigate future incidents” or “Prevent future incidents”."
	}
	if len(inc.Lessons) == 0 {
		m.Lessons = "No lessons recorded yet: in the review, ask what went well, what went wrong and where the team got lucky."
	}
	if len(v.Appendices) == 0 {
		m.Appendices = "No attachments: add the graphs, screenshots or log excerpts that support the timeline."
	}
	return m
}
