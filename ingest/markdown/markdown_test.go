package markdown

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
)

// event is what a test expects of one timeline event.
type event struct {
	at    string // UTC, "2006-01-02T15:04"
	text  string // a part of the text
	flags []string
}

// doc is what a test expects of one document in testdata. Each document
// reproduces a group of the format traps listed in the evaluation
// collection's NOTES.md, written from scratch.
type doc struct {
	file                        string
	title                       string
	timeline, actions           int
	lessons, factors            int
	events                      map[int]event // by index in the sorted timeline
	check                       func(t *testing.T, r *Result)
	findings, noFindings        []string // rule ids (without "markdown/") that must or must not appear
	summary, impact, resolution string   // parts the fields must contain
}

var docs = []doc{
	{
		// DFDS style: date and time in one cell, zone in the header, a
		// template row, unknown times, <br>, escaped pipes, entities,
		// rows out of order, a date-only row, "# Stats" after the H2s.
		file: "table-datetime.md", title: "Queue workers stalled after a node pool resize",
		timeline: 10, actions: 3, lessons: 1, factors: 2,
		events: map[int]event{
			0: {at: "2024-03-13T08:00", text: "Node pool resized"},
			1: {at: "2024-03-13T08:14", text: "Alert fired"},
			2: {at: "2024-03-13T08:14", text: "Zürich office"},
			3: {at: "2024-03-13T08:20", text: "acknowledged the page"},
			4: {at: "2024-03-13T08:20", text: "Consumers restarted", flags: []string{FlagTimeUnknown}},
			5: {at: "2024-03-13T09:02", flags: []string{FlagOutOfOrder}},
			6: {at: "2024-03-13T09:02", text: "Queue drained", flags: []string{FlagTimeUnknown}},
			7: {at: "2024-03-13T09:05", text: "started Old pool kept"},
			8: {at: "2024-03-13T09:30", text: "Platform | storage teams"},
			9: {at: "2024-03-13T23:00", text: "S&O", flags: []string{FlagDateOnly}},
		},
		findings:   []string{"template-row", "time-unreadable", "out-of-order", "unmapped"},
		noFindings: []string{"zone-missing"},
		check: func(t *testing.T, r *Result) {
			a := r.Incident.Actions
			wantAction(t, a[0], "Monitor subnet address usage: alert when", hindsight.CategoryDetect, hindsight.ActionOpen, "")
			wantAction(t, a[1], "Document the resize procedure: include the address check. (Add a pre-flight step", "", hindsight.ActionOpen, "")
			wantAction(t, a[2], "Add a guard against resizing past the subnet capacity", hindsight.CategoryPrevent, hindsight.ActionDone, "")
			if strings.HasSuffix(a[2].Title, "(done)") {
				t.Errorf("the status marker stayed in the title: %q", a[2].Title)
			}
			if e := r.Incident.Timeline[0]; e.Zone != "CET" || e.TimeText != "2024-03-13 09:00" || e.Kind != hindsight.KindNote || e.Ref != "table-datetime.md:13" {
				t.Errorf("provenance of the first event: %+v", e)
			}
			if !strings.Contains(unmapped(r), "# Stats") {
				t.Errorf("the Stats section is not kept verbatim:\n%s", unmapped(r))
			}
		},
	},
	{
		// Split Day | Date (year in header) | Time (zone in header) | Event
		// columns, rows without a trailing pipe, curly quotes; actions as
		// three imperative lines of one paragraph.
		file: "table-split-columns.md", timeline: 4, actions: 3,
		events: map[int]event{
			0: {at: "2021-11-01T04:33", text: "“not me”"},
			3: {at: "2021-11-02T04:54", text: "false positive"},
		},
		findings: []string{"prose-actions"},
		check: func(t *testing.T, r *Result) {
			if r.Incident.Timeline[0].Zone != "PDT" {
				t.Errorf("zone from the header: %q", r.Incident.Timeline[0].Zone)
			}
			wantAction(t, r.Incident.Actions[1], "Hire a dedicated security operations role", "", hindsight.ActionOpen, "")
		},
	},
	{
		// "All times PDT." preamble, "[13:20]" bracketed times, "[???]",
		// continuation lines, a roll-over past midnight, a misspelt
		// appendix holding chat logs with times that are not events.
		file: "bullets-bracketed.md", timeline: 6, actions: 2,
		events: map[int]event{
			0: {at: "2019-05-30T07:00", text: "Disk throughput", flags: []string{FlagTimeUnknown}},
			2: {at: "2019-05-30T21:11", text: "unhealthy nodes and pods stuck"},
			5: {at: "2019-05-31T14:00", text: "Merges are back", flags: []string{FlagDateRolledOver}},
		},
		findings: []string{"time-unreadable", "date-rolled-over", "unmapped"},
		check: func(t *testing.T, r *Result) {
			wantAction(t, r.Incident.Actions[0], "Create alerting that pages the on-call", hindsight.CategoryDetect, hindsight.ActionOpen, "https://tracker.example.com/issues/101")
			if !strings.Contains(unmapped(r), "[1:26 PM]") {
				t.Errorf("the chat log is not kept in the appendix")
			}
		},
	},
	{
		// "[MM-DD HH:MM]" without a year across a year boundary, an entry
		// after midnight that keeps the old date, "(**outage starts**)".
		file: "month-day.md", timeline: 5, actions: 3,
		events: map[int]event{
			0: {at: "2018-12-06T00:21", flags: []string{FlagYearAdjusted, FlagZoneDSTMismatch}},
			1: {at: "2019-03-20T23:46"},
			2: {at: "2019-03-26T09:50", text: "reported in the issue tracker", flags: []string{FlagOutOfOrder}},
			4: {at: "2019-03-27T06:04", text: "(outage starts)"},
		},
		findings: []string{"year-adjusted", "out-of-order"},
	},
	{
		// Bare date lines as day separators, "2:54 PM PST" then "4:49 AM"
		// (zone dropped), reference-style links, wrapped lines, "We
		// should" actions, the timeline at the end.
		file: "twelve-hour.md", timeline: 5, actions: 2,
		events: map[int]event{
			0: {at: "2019-01-22T22:54", text: "configuration change merged"},
			2: {at: "2019-01-23T12:49", text: "first report of the webhook"},
			3: {at: "2019-01-23T16:02", text: "deliveries receive 503 responses"},
		},
		noFindings: []string{"zone-missing", "out-of-order"},
	},
	{
		// TOML front matter, H3 day headings, en dash separators, a Five
		// Whys list, "**HIGH**" priorities, "Fault" and "Leadup".
		file: "day-headings.md", title: "Postmortem: Broken Package Downloads",
		timeline: 4, actions: 3, lessons: 2, factors: 7,
		events: map[int]event{
			0: {at: "2023-07-19T17:41", text: "The refactoring was merged"},
			3: {at: "2023-07-20T12:30", text: "rolled back"},
		},
		impact: "12:17 and 12:30", resolution: "rolled back",
		check: func(t *testing.T, r *Result) {
			inc := r.Incident
			if inc.Actions[0].Priority != hindsight.P1 || inc.Actions[1].Priority != hindsight.P2 || strings.Contains(inc.Actions[0].Title, "HIGH") {
				t.Errorf("priorities: %+v", inc.Actions)
			}
			// The Five Whys: each answer is caused by the one under it.
			f := map[string]hindsight.Factor{}
			for _, x := range inc.Factors {
				f[x.Text] = x
			}
			root := f["Redirect URLs were broken in production."]
			bug := f["The refactoring introduced a bug."]
			tests := f["The tests used values unlike production's."]
			if !slices.Equal(bug.Causes, []string{root.ID}) || !slices.Equal(tests.Causes, []string{bug.ID}) {
				t.Errorf("5 Whys chain not kept: %+v", inc.Factors)
			}
			if len(inc.Chains()) != 2 {
				t.Errorf("want 2 chains, got %d", len(inc.Chains()))
			}
			for _, x := range inc.Factors {
				if strings.Contains(x.Text, "Why") {
					t.Errorf("a why-question became factor text: %q", x.Text)
				}
			}
			if inc.Lessons[0].Kind != hindsight.LessonWentWell || inc.Lessons[1].Kind != hindsight.LessonWentWrong {
				t.Errorf("lesson kinds from wording: %+v", inc.Lessons)
			}
			if inc.ID != "day-headings" {
				t.Errorf("id from the file name: %q", inc.ID)
			}
		},
	},
	{
		// YAML front matter, "### 2025-07-26 Saturday", dual zones with UTC
		// crossing midnight, a dual reading that disagrees; "Takeaways" and
		// "Call to action" are the only action sections.
		file: "dual-zone.md", timeline: 3, actions: 2,
		events: map[int]event{
			0: {at: "2025-07-26T17:14"},
			1: {at: "2025-07-27T00:07", text: "shares findings"},
			2: {at: "2025-07-27T10:34", flags: []string{FlagTimesDisagree}},
		},
		findings: []string{"times-disagree"},
	},
	{
		// A stamp alone on its bullet line, "7:09 AM Eastern:", a template
		// date "2023-MM-DD" with a footnote, psql output with timestamps.
		file: "stamp-alone.md", timeline: 3, actions: 1,
		events: map[int]event{
			0: {at: "2023-01-01T00:00", text: "token was created", flags: []string{FlagDatePartial}},
			1: {at: "2024-06-28T11:09", text: "A researcher reports"},
			2: {at: "2024-06-28T16:37", text: "The token is revoked."},
		},
		findings:   []string{"date-partial"},
		noFindings: []string{"zone-missing"},
		summary:    "On June 28, 2024", resolution: "11:02:13",
	},
	{
		// One heading per entry: the date only on the first, a range,
		// "03:11pm - title", closing hashes, a log in a fence, and
		// "Conclusion" written as a plain line inside the last entry.
		file: "heading-entries.md", timeline: 5, actions: 4,
		events: map[int]event{
			0: {at: "2017-09-27T20:06", text: "deployed to staging", flags: []string{FlagZoneDSTMismatch}},
			1: {at: "2017-09-27T20:35", text: "Make sure nodes have SSDs; Make sure the SSDs are large"},
			2: {at: "2017-09-27T21:08", flags: []string{FlagRange}},
			3: {at: "2017-09-27T22:11", text: "Fix proposed: A change"},
			4: {at: "2017-09-28T06:28", text: "merged and deployed"},
		},
		summary:  "403 Forbidden",
		findings: []string{"zone-dst-mismatch", "unmapped"},
		check: func(t *testing.T, r *Result) {
			for _, e := range r.Incident.Timeline {
				if strings.Contains(e.Text, "Conclusion") || strings.Contains(e.Text, "16:20:51") {
					t.Errorf("text that is not the entry's: %q", e.Text)
				}
			}
			if !strings.Contains(unmapped(r), "Conclusion\nChanging several things") {
				t.Errorf("the plain-line Conclusion is not kept:\n%s", unmapped(r))
			}
			wantAction(t, r.Incident.Actions[2], "Deploy more often, in smaller steps.", "", hindsight.ActionOpen, "https://tracker.example.com/issues/8")
			wantAction(t, r.Incident.Actions[3], "Use in-progress metrics", hindsight.CategoryDetect, hindsight.ActionDone, "")
		},
	},
	{
		// "{{ }}" template braces around times, "Between 02:00 and 02.30
		// PM", IST, "# After-action report" H1 in the middle, a closing
		// "## Actions" checklist that is not action items.
		file: "template-braces.md", timeline: 3, actions: 2, lessons: 2,
		events: map[int]event{
			0: {at: "2022-01-20T08:30", flags: []string{FlagRange, FlagZoneAmbiguous}},
		},
		findings: []string{"template-leftover", "zone-ambiguous"},
		check: func(t *testing.T, r *Result) {
			if r.Incident.Lessons[1].Kind != hindsight.LessonLucky {
				t.Errorf("Where we got lucky: %+v", r.Incident.Lessons)
			}
		},
	},
	{
		// The timeline as an H3 under the summary, then a rule; bold
		// paragraph entries with inconsistent commas; a date-only entry;
		// "PST" in June.
		file: "bold-paragraphs.md", timeline: 4,
		events: map[int]event{
			0: {at: "2022-06-14T17:00", text: "An external auditor", flags: []string{FlagApproximate, FlagZoneDSTMismatch}},
			1: {at: "2022-06-14T20:00"},
			3: {at: "2022-08-01T07:00", flags: []string{FlagDateOnly}},
		},
	},
	{
		// CRLF line endings; "13:55 PM", "23:00 AM MST", dates after the
		// time ("PST Saturday Oct 30th"), the year only in the heading;
		// block-height lines that are not entries.
		file: "crlf-paragraphs.md", timeline: 4,
		events: map[int]event{
			0: {at: "2021-10-30T19:45", text: "First wave begins"},
			1: {at: "2021-10-30T20:55", flags: []string{FlagHourAmbiguous}},
			3: {at: "2021-11-01T09:54", text: "Second peak"},
		},
		findings: []string{"hour-ambiguous"},
		check: func(t *testing.T, r *Result) {
			if r.Incident.Timeline[0].Ref != "crlf-paragraphs.md:12" {
				t.Errorf("line numbers with CRLF: %s", r.Incident.Timeline[0].Ref)
			}
		},
	},
	{
		// Paragraph entries "2018-08-22, 03:26pm:" with wrapped lines,
		// "Action Items" as a plain line, "## Date" with "Start: …", no
		// zone anywhere.
		file: "paragraph-entries.md", timeline: 3, actions: 2, lessons: 3,
		events: map[int]event{
			0: {at: "2018-08-22T15:26", text: "the site was giving an error.", flags: []string{FlagZoneAssumed}},
			2: {at: "2018-08-23T10:08", text: "issue resolved."},
		},
		findings: []string{"zone-missing"},
	},
	{
		// MoJ: bold list fields, "Key events" as milestones, "Identified"
		// and "Context" followed by unindented blocks, "HH:MM – text"
		// paragraphs, a "24/07/25" day line, details lists and a fence
		// inside entries, nested numbered review actions, no zone.
		file: "moj-fields.md", timeline: 5, actions: 3,
		events: map[int]event{
			2: {at: "2025-07-23T16:48", text: "More credentials found: A service account key; A database password"},
			4: {at: "2025-07-24T12:34", text: "Commit removed"},
		},
		impact: "plan file", resolution: "revoked",
		check: func(t *testing.T, r *Result) {
			inc := r.Incident
			if inc.Detection != "Via an engineer reviewing a branch" {
				t.Errorf("detection: %q", inc.Detection)
			}
			if len(inc.Milestones) != 3 {
				t.Fatalf("milestones: %+v", inc.Milestones)
			}
			m, _ := inc.Milestone(hindsight.MilestoneDeclared)
			if m.Time.Format("15:04") != "16:48" || m.Event == "" || m.Rule != hindsight.RulePerson {
				t.Errorf("declared milestone: %+v", m)
			}
			if !strings.Contains(unmapped(r), "credentials/revoke") {
				t.Errorf("the fenced command is not kept")
			}
		},
	},
	{
		// Setext headings, YAML comments that look like headings, a
		// "Timeline for September 17, 2018: (all times UTC)" line, plain
		// day lines, "(approx)", Liquid tags.
		file: "setext-frontmatter.md", title: "Disclosure of a consensus bug", timeline: 3,
		events: map[int]event{
			1: {at: "2018-09-17T21:30", text: "responded", flags: []string{FlagApproximate}},
			2: {at: "2018-09-18T00:24"},
		},
		summary: "A fix was released",
	},
	{
		// No headings at all; times only in prose; commitments in prose.
		file: "prose-only.md", actions: 2,
		findings: []string{"actions-outside-section", "no-title"},
		check: func(t *testing.T, r *Result) {
			if r.Incident.Title != "prose only" {
				t.Errorf("title from the file name: %q", r.Incident.Title)
			}
		},
	},
	{
		// "## Owner:"/"## Date:" H2 lines before H1 sections, "###
		// Impact:" with a trailing colon, a malformed "- []" checklist
		// under "Notes to the owner" that is not action items.
		file: "h1-metadata.md", actions: 2,
		impact: "Every user", summary: "DNS migration",
		findings: []string{"no-title", "unmapped"},
	},
	{
		// Metadata and summary as two-column tables, an action table with
		// Type/Priority/Bug/Status and guidance bullets beside it, a
		// date-only timeline table with an out-of-order typo.
		file: "kv-tables.md", timeline: 4, actions: 3,
		events: map[int]event{
			0: {at: "2021-01-28T00:00", flags: []string{FlagDateOnly, FlagOutOfOrder}},
		},
		summary: "non-atomically", impact: "No user reported",
		noFindings: []string{"zone-missing"},
		check: func(t *testing.T, r *Result) {
			a := r.Incident.Actions
			wantAction(t, a[0], "Testing can reproduce historical issues", hindsight.CategoryPrevent, hindsight.ActionDone, "https://tracker.example.com/issues/1")
			wantAction(t, a[1], "Corruption is detected by default", hindsight.CategoryDetect, hindsight.ActionDone, "")
			wantAction(t, a[2], "Recovery procedures", hindsight.CategoryMitigateFuture, hindsight.ActionOpen, "")
			if a[0].Priority != hindsight.P0 || a[2].Priority != hindsight.P1 {
				t.Errorf("priorities: %+v", a)
			}
		},
	},
	{
		// Bold times "**16:58 UTC** -", an <img>, a JSON log whose time is
		// earlier than the first entry; Remediation split into
		// "(Completed)" / tracker link / "(planned or in-progress)"
		// groups, numbered bold items with loose unindented bullets.
		file: "remediation.md", timeline: 4, actions: 4, lessons: 2,
		events: map[int]event{
			0: {at: "2025-09-29T16:58", text: "Writer database saturation begins"},
		},
		check: func(t *testing.T, r *Result) {
			a := r.Incident.Actions
			wantAction(t, a[0], "Connection timeouts moved", "", hindsight.ActionDone, "")
			wantAction(t, a[1], "Circuit breaker implementation: Adding circuit breakers", hindsight.CategoryMitigateFuture, hindsight.ActionOpen, "https://tracker.example.com/issues/39")
			wantAction(t, a[2], "Deeper database engine monitoring: We plan", hindsight.CategoryDetect, hindsight.ActionOpen, "")
			l := r.Incident.Lessons
			if l[0].Kind != hindsight.LessonWentWell || l[0].Text != "Data integrity remained intact: No data was lost." || l[1].Kind != hindsight.LessonWentWrong {
				t.Errorf("lessons: %+v", l)
			}
		},
	},
	{
		// MoJ: "Context" as a nested list of dated bullets next to "Key
		// events", one of which points at a timeline kept elsewhere.
		file: "moj-nested.md", timeline: 3, actions: 1,
		events: map[int]event{
			0: {at: "2023-06-06T10:23", text: "A tenant reported"},
			2: {at: "2023-06-06T10:30", text: "services were back"},
		},
		impact: "down for a few minutes",
		check: func(t *testing.T, r *Result) {
			if m, ok := r.Incident.Milestone(hindsight.MilestoneResolved); !ok || m.Time.Format("15:04") != "11:21" {
				t.Errorf("resolved milestone: %+v", r.Incident.Milestones)
			}
			if !strings.Contains(unmapped(r), "detailed notes") {
				t.Errorf("the link to the detailed timeline is not kept")
			}
		},
	},
	{
		// A timeline section that only links elsewhere; actions in the
		// past tense and a rejected one; a "Notes to the owner" checklist
		// that is not action items because a proper section exists.
		file: "external-timeline.md", actions: 4,
		findings: []string{"timeline-empty"}, impact: "Zürich",
		check: func(t *testing.T, r *Result) {
			a := r.Incident.Actions
			wantAction(t, a[0], "The leaked token has been revoked", hindsight.CategoryRepair, hindsight.ActionDone, "")
			wantAction(t, a[1], "We enabled branch protection", "", hindsight.ActionDone, "")
			wantAction(t, a[2], "Signing every commit", "", hindsight.ActionWontDo, "")
			wantAction(t, a[3], "Write a guide", hindsight.CategoryMitigateFuture, hindsight.ActionOpen, "")
		},
	},
	{
		// A closing checklist with malformed "- []" boxes, the only action
		// section of the document.
		file: "malformed-boxes.md", actions: 3,
		check: func(t *testing.T, r *Result) {
			a := r.Incident.Actions
			wantAction(t, a[0], "Schedule a follow-up meeting", "", hindsight.ActionOpen, "")
			wantAction(t, a[1], "Publish this document", "", hindsight.ActionDone, "")
			wantAction(t, a[2], "Check every subdomain", "", hindsight.ActionOpen, "")
		},
	},
	{
		// Task lists, a quoted chat message with a time inside an entry,
		// two timeline sections in BST, "What didn't go so well?".
		file: "task-lists.md", timeline: 3, actions: 3, lessons: 1,
		events: map[int]event{
			0: {at: "2025-08-12T16:00", text: "Incident declared"},
			2: {at: "2025-08-12T19:16"},
		},
		check: func(t *testing.T, r *Result) {
			a := r.Incident.Actions
			if a[0].Status != hindsight.ActionOpen || a[1].Status != hindsight.ActionDone || a[2].Status != hindsight.ActionDone {
				t.Errorf("task boxes: %+v", a)
			}
			if a[1].Tracker != "https://code.example.com/pull/6555" || strings.Contains(a[1].Title, "https") {
				t.Errorf("tracker: %+v", a[1])
			}
			if r.Incident.Lessons[0].Kind != hindsight.LessonWentWrong {
				t.Errorf("lesson kind: %+v", r.Incident.Lessons)
			}
		},
	},
}

func TestDocuments(t *testing.T) {
	for _, d := range docs {
		t.Run(d.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", d.file))
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parse(d.file, src, Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			inc := r.Incident
			if err := inc.Validate(hindsight.DefaultScale); err != nil {
				t.Fatalf("invalid incident: %v", err)
			}
			if d.title != "" && inc.Title != d.title {
				t.Errorf("title %q, want %q", inc.Title, d.title)
			}
			counts := [][3]any{{"timeline", len(inc.Timeline), d.timeline}, {"actions", len(inc.Actions), d.actions},
				{"lessons", len(inc.Lessons), d.lessons}, {"factors", len(inc.Factors), d.factors}}
			for _, c := range counts {
				if c[1] != c[2] {
					t.Errorf("%s: got %d, want %d", c[0], c[1], c[2])
				}
			}
			for i, want := range d.events {
				if i >= len(inc.Timeline) {
					t.Errorf("no event %d", i)
					continue
				}
				e := inc.Timeline[i]
				if got := e.Time.UTC().Format("2006-01-02T15:04"); got != want.at {
					t.Errorf("event %d %q at %s, want %s", i, e.Text, got, want.at)
				}
				if !strings.Contains(e.Text, want.text) {
					t.Errorf("event %d text %q, want it to contain %q", i, e.Text, want.text)
				}
				for _, f := range want.flags {
					if !slices.Contains(e.Flags, f) {
						t.Errorf("event %d %q flags %v, want %s", i, e.Text, e.Flags, f)
					}
				}
			}
			rules := map[string]bool{}
			for _, f := range r.Findings {
				rules[strings.TrimPrefix(f.Rule, "markdown/")] = true
			}
			for _, f := range d.findings {
				if !rules[f] {
					t.Errorf("no %s finding in %v", f, rules)
				}
			}
			for _, f := range d.noFindings {
				if rules[f] {
					t.Errorf("unexpected %s finding", f)
				}
			}
			for field, want := range map[string][2]string{"summary": {inc.Summary, d.summary},
				"impact": {inc.Impact.Description, d.impact}, "resolution": {inc.Resolution, d.resolution}} {
				if !strings.Contains(want[0], want[1]) {
					t.Errorf("%s %q, want it to contain %q", field, want[0], want[1])
				}
			}
			for _, e := range inc.Timeline {
				if e.Source != Source || !strings.HasPrefix(e.Ref, d.file+":") || e.ID == "" || e.Time.Location() != time.UTC {
					t.Errorf("event provenance: %+v", e)
				}
			}
			if d.check != nil {
				d.check(t, r)
			}
		})
	}
}

func wantAction(t *testing.T, a hindsight.ActionItem, title string, cat hindsight.Category, st hindsight.ActionStatus, tracker string) {
	t.Helper()
	if !strings.HasPrefix(a.Title, title) {
		t.Errorf("action %s title %q, want it to start with %q", a.ID, a.Title, title)
	}
	if cat != "" && a.Category != cat {
		t.Errorf("action %s %q category %s, want %s", a.ID, a.Title, a.Category, cat)
	}
	if a.Status != st {
		t.Errorf("action %s %q status %s, want %s", a.ID, a.Title, a.Status, st)
	}
	if tracker != "" && a.Tracker != tracker {
		t.Errorf("action %s %q tracker %q, want %q", a.ID, a.Title, a.Tracker, tracker)
	}
}

func unmapped(r *Result) string {
	for _, a := range r.Incident.Appendices {
		if a.Name == UnmappedName {
			return string(a.Content)
		}
	}
	return ""
}
