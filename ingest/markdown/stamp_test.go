package markdown

import (
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
)

func TestScanStamp(t *testing.T) {
	tests := []struct {
		in   string
		date civil // zero: no date
		hm   string
		zone string
		rest string
		set  string // extra properties: r=range a=approx p=placeholder t=template h=hour-ambiguous d=date-ambiguous
	}{
		{in: "2019-11-30 08:24", date: civil{2019, 11, 30}, hm: "08:24"},
		{in: "2021-12-10   15:40", date: civil{2021, 12, 10}, hm: "15:40"},
		{in: "**16:58 UTC** - Writer database", hm: "16:58", zone: "UTC", rest: "Writer database"},
		{in: "[13:20] Prow's bump PR is merged", hm: "13:20", rest: "Prow's bump PR is merged"},
		{in: "[03-26 23:04] The node is drained", date: civil{0, 3, 26}, hm: "23:04", rest: "The node is drained"},
		{in: "[???] IOPS reached a critical point", rest: "IOPS reached a critical point", set: "p"},
		{in: "2:54 PM PST: merged", hm: "14:54", zone: "PST", rest: "merged"},
		{in: "4:49 AM: first report", hm: "04:49", rest: "first report"},
		{in: "12:17 UTC – The deployment", hm: "12:17", zone: "UTC", rest: "The deployment"},
		{in: "20:07 EDT (00:07 UTC): shares", hm: "20:07", zone: "EDT", rest: "shares"},
		{in: "2025-04-14 16:37 UTC", date: civil{2025, 4, 14}, hm: "16:37", zone: "UTC"},
		{in: "2024-06-28 7:09 AM Eastern:", date: civil{2024, 6, 28}, hm: "07:09", zone: "ET"},
		{in: "14:57 anonymous reporter reports", hm: "14:57", rest: "anonymous reporter reports"},
		{in: "04:49 PM UTC Site repo renamed", hm: "16:49", zone: "UTC", rest: "Site repo renamed"},
		{in: "4:27", hm: "04:27"},
		{in: "08:52 PM", hm: "20:52"},
		{in: "1:28 AM", hm: "01:28"},
		{in: "07:30am - First report", hm: "07:30", rest: "First report"},
		{in: "{{ 06:10 }}", hm: "06:10"},
		{in: "8:20 - 8:24", hm: "08:20", set: "r"},
		{in: "2017-02-09 00:25 - 00:29 AM", date: civil{2017, 2, 9}, hm: "00:25", set: "r"},
		{in: "0:25:59 AM", hm: "00:25"},
		{in: "{{ 2022-01-20 Between 02:00 and 02.30 PM }}", date: civil{2022, 1, 20}, hm: "14:00", set: "r"},
		{in: "June 14th, 2022, 10:00 AM: As part", date: civil{2022, 6, 14}, hm: "10:00", rest: "As part"},
		{in: "June 17th 2022 2:00 PM: plan", date: civil{2022, 6, 17}, hm: "14:00", rest: "plan"},
		{in: "August 1st 2022: Majority", date: civil{2022, 8, 1}, rest: "Majority"},
		{in: "13:55 PM PST Saturday Oct 30th: alarms", date: civil{0, 10, 30}, hm: "13:55", zone: "PST", rest: "alarms", set: "h"},
		{in: "23:00 AM MST Saturday Oct 30th: empty", date: civil{0, 10, 30}, hm: "23:00", zone: "MST", rest: "empty", set: "h"},
		{in: "2018-08-22, 03:26pm: first noticed", date: civil{2018, 8, 22}, hm: "15:26", rest: "first noticed"},
		{in: "15:35 – Plan pushed", hm: "15:35", rest: "Plan pushed"},
		{in: "24/07/25", date: civil{2025, 7, 24}},
		{in: "01-10-2024", date: civil{2024, 1, 10}, set: "d"},
		{in: "01/16/2024", date: civil{2024, 1, 16}},
		{in: "September 18, 2018:", date: civil{2018, 9, 18}},
		{in: "21:30 (approx)  Responded", hm: "21:30", rest: "Responded", set: "a"},
		{in: "~18:10 traffic normal", hm: "18:10", rest: "traffic normal", set: "a"},
		{in: "2019-12-03 --:--", date: civil{2019, 12, 3}, set: "p"},
		{in: "2024-03-13 14:??", date: civil{2024, 3, 13}, set: "p"},
		{in: "2024-03-13 HH:mm", date: civil{2024, 3, 13}, set: "t"},
		{in: "2023-MM-DD[^1]:", date: civil{2023, 1, 1}},
		{in: "5:13:57 UTC", hm: "05:13", zone: "UTC"},
		{in: "1915 UTC sequencer throughput jumped", hm: "19:15", zone: "UTC", rest: "sequencer throughput jumped"},
		{in: "10:45a", hm: "10:45"},
		{in: "12:29p", hm: "12:29"},
		{in: "5.45 AM PST", hm: "05:45", zone: "PST"},
		{in: "Sun Oct 31 21:33", date: civil{0, 10, 31}, hm: "21:33"},
		{in: "2019-10-20 00:55: crate builds", date: civil{2019, 10, 20}, hm: "00:55", rest: "crate builds"},
		{in: "31st July 2018", date: civil{2018, 7, 31}},
		{in: "Sept. 18th, 2017", date: civil{2017, 9, 18}},
		{in: "12:00 (UTC+02:00) restarted", hm: "12:00", zone: "UTC+02:00", rest: "restarted"},
		{in: "09:15 +02:00 started", hm: "09:15", zone: "UTC+02:00", rest: "started"},
	}
	for _, tt := range tests {
		st, rest, ok := scanStamp(tt.in)
		if !ok {
			t.Errorf("%q: not a stamp", tt.in)
			continue
		}
		if st.hasDate != (tt.date != civil{}) || st.hasDate && st.date != tt.date {
			t.Errorf("%q: date %v (has %v), want %v", tt.in, st.date, st.hasDate, tt.date)
		}
		hm := ""
		if st.hasTime {
			hm = time.Date(2000, 1, 1, st.clock.h, st.clock.m, 0, 0, time.UTC).Format("15:04")
		}
		if hm != tt.hm {
			t.Errorf("%q: time %q, want %q", tt.in, hm, tt.hm)
		}
		if st.zone != tt.zone {
			t.Errorf("%q: zone %q, want %q", tt.in, st.zone, tt.zone)
		}
		if rest != tt.rest {
			t.Errorf("%q: rest %q, want %q", tt.in, rest, tt.rest)
		}
		for _, c := range tt.set {
			ok := map[rune]bool{'r': st.isRange, 'a': st.approx, 'p': st.placeholder, 't': st.template, 'h': st.hourAmbig, 'd': st.dateAmbig}[c]
			if !ok {
				t.Errorf("%q: property %c not set: %+v", tt.in, c, st)
			}
		}
	}
}

func TestScanStampRejects(t *testing.T) {
	for _, in := range []string{
		"Block based timeline",
		"1st wave: 1071900 - 1072525",
		"1.2.11 was released",
		"3 tries remaining",
		"Timeline for September 17, 2018: (all times UTC)",
		"May be related to the upgrade",
		"v3.5 data inconsistency",
		"12:345 is not a time",
		"4/26 Transaction Delays",
		"2023-02-30 is not a day",
		"25:10 is not a time",
	} {
		if st, _, ok := scanStamp(in); ok {
			t.Errorf("%q read as a stamp: %+v", in, st)
		}
	}
}

func TestFindDate(t *testing.T) {
	tests := map[string]civil{
		"Website Outage 5-26-21":                      {2021, 5, 26},
		"January 23rd, 2019 Prow Outage":              {2019, 1, 23},
		"Incident on 2025-07-23 - Secrets leaked":     {2025, 7, 23},
		"All times in PST, on February 8th 2019":      {2019, 2, 8},
		"Saturday Oct 30th 2021 - Monday Nov 1st":     {2021, 10, 30},
		"Friday 29 November 2019, we scaled":          {2019, 11, 29},
		"(Package dependency incident) 2022-01-20":    {2022, 1, 20},
		"Unless otherwise noted … on 2019-10-21, and": {2019, 10, 21},
	}
	for in, want := range tests {
		if got, _, ok := findDate(in); !ok || got != want {
			t.Errorf("findDate(%q) = %v %v, want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"[Public] 4/26 Transaction Delays", "v1.2.11 release", "no date here"} {
		if got, _, ok := findDate(in); ok {
			t.Errorf("findDate(%q) = %v", in, got)
		}
	}
}

func TestZones(t *testing.T) {
	tests := []struct {
		zone       string
		date       civil
		hm         [2]int
		utc, name  string
		mismatched bool
	}{
		{"UTC", civil{2024, 1, 1}, [2]int{10, 0}, "2024-01-01T10:00", "UTC", false},
		{"PST", civil{2019, 1, 22}, [2]int{14, 54}, "2019-01-22T22:54", "PST", false},
		{"PST", civil{2022, 6, 14}, [2]int{10, 0}, "2022-06-14T17:00", "PDT", true},
		{"PT", civil{2021, 10, 31}, [2]int{21, 33}, "2021-11-01T04:33", "PDT", false},
		{"PT", civil{2021, 11, 8}, [2]int{9, 0}, "2021-11-08T17:00", "PST", false},
		{"PDT", civil{2018, 12, 5}, [2]int{16, 21}, "2018-12-06T00:21", "PST", true},
		{"CET", civil{2019, 11, 29}, [2]int{12, 0}, "2019-11-29T11:00", "CET", false},
		{"CET", civil{2024, 7, 1}, [2]int{12, 0}, "2024-07-01T10:00", "CEST", true},
		{"BST", civil{2025, 8, 12}, [2]int{17, 0}, "2025-08-12T16:00", "BST", false},
		{"BST", civil{2025, 1, 12}, [2]int{17, 0}, "2025-01-12T17:00", "GMT", true},
		{"EDT", civil{2025, 7, 26}, [2]int{20, 7}, "2025-07-27T00:07", "EDT", false},
		{"IST", civil{2020, 8, 28}, [2]int{20, 52}, "2020-08-28T15:22", "IST", false},
		{"UTC-7", civil{2019, 3, 26}, [2]int{23, 4}, "2019-03-27T06:04", "UTC-07:00", false},
		{"ET", civil{2006, 4, 1}, [2]int{12, 0}, "2006-04-01T17:00", "EST", false},
		{"ET", civil{2006, 4, 3}, [2]int{12, 0}, "2006-04-03T16:00", "EDT", false},
	}
	for _, tt := range tests {
		_, z, n, ok := scanZone(tt.zone)
		if !ok || n != len(tt.zone) {
			t.Errorf("scanZone(%q) failed", tt.zone)
			continue
		}
		at, name, mis := z.resolve(tt.date.y, time.Month(tt.date.m), tt.date.d, tt.hm[0], tt.hm[1], 0)
		if got := at.Format("2006-01-02T15:04"); got != tt.utc || name != tt.name || mis != tt.mismatched {
			t.Errorf("%s %v %v: got %s %s %v, want %s %s %v", tt.zone, tt.date, tt.hm, got, name, mis, tt.utc, tt.name, tt.mismatched)
		}
	}
	for _, in := range []string{"estimated", "ist", "Est", "CETX"} {
		if _, _, n, ok := scanZone(in); ok && n == len(in) {
			t.Errorf("%q read as a zone", in)
		}
	}
}

// kindNames name the section kinds in test messages.
var kindNames = map[sectionKind]string{
	kindUnknown: "unmapped", kindTitle: "title", kindSummary: "summary", kindImpact: "impact",
	kindDetection: "detection", kindTimeline: "timeline", kindKeyEvents: "key events",
	kindMaybeTimeline: "context", kindCauses: "causes", kindTrigger: "trigger",
	kindResolution: "resolution", kindActions: "action items", kindActionsWeak: "action items",
	kindLessons: "lessons", kindMeta: "metadata", kindAppendix: "appendix",
}

func TestClassifyTitle(t *testing.T) {
	tests := map[string]sectionKind{
		"Summary ##":                                     kindSummary,
		"**Timeline**":                                   kindTimeline,
		"Timeline (all times PT )":                       kindTimeline,
		"Follow-up timeline (times in BST)":              kindTimeline,
		"Impact:":                                        kindImpact,
		"What was impacted":                              kindImpact,
		"Why was this hard to detect?":                   kindDetection,
		"Root cause identification: The Five Whys":       kindCauses,
		"Contributing Factors":                           kindCauses,
		"Trigger":                                        kindTrigger,
		"Resolution and recovery":                        kindResolution,
		"Corrective and Preventative Measures":           kindActions,
		"What we're doing about it":                      kindActions,
		"How are we preventing it from happening again?": kindActions,
		"Remediation":                                    kindActions,
		"Takeaways":                                      kindActionsWeak,
		"Actions":                                        kindActionsWeak,
		"Lessons learnt":                                 kindLessons,
		"What didn't go so well?":                        kindLessons,
		"Where we got lucky":                             kindLessons,
		"Date: 12th March 2023":                          kindMeta,
		"Owner: @someone":                                kindMeta,
		"Appendinx":                                      kindAppendix,
		"Post-mortem of a supply-chain attack on 24th Nov": kindUnknown,
		"2017-09-27, Hub 403":                              kindUnknown,
		"Service degradation details":                      kindUnknown,
	}
	for title, want := range tests {
		if got, _, _ := classifyTitle(title); got != want {
			t.Errorf("%q: %s, want %s", title, kindNames[got], kindNames[want])
		}
	}
	if _, hint, _ := classifyTitle("What went well?"); hint != string(hindsight.LessonWentWell) {
		t.Errorf("went-well hint: %q", hint)
	}
}

func TestSeverity(t *testing.T) {
	for in, want := range map[string]string{"SEV2": "SEV2", "sev-1": "SEV1", "P1": "SEV1", "critical": "SEV1",
		"High": "SEV2", "minor": "SEV3", "low": "SEV4", "Sev 3": "SEV3", "banana": ""} {
		src := "---\nseverity: " + in + "\n---\n# T\n"
		r, err := Parse("s.md", []byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Incident.Severity != want {
			t.Errorf("severity %q → %q, want %q", in, r.Incident.Severity, want)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for name, src := range map[string][]byte{"empty": []byte("  \n\t\n"), "binary": {0x89, 'P', 'N', 'G', 0, 0, 1}} {
		if _, err := Parse(name, src, Options{}); hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid {
			t.Errorf("%s: err %v, want invalid", name, err)
		}
	}
	if _, err := Parse("x.md", []byte("# T\n"), Options{Zone: "Mars/Olympus"}); err == nil {
		t.Errorf("an unknown zone option was accepted")
	}
}

func TestOptionZone(t *testing.T) {
	src := []byte("# T\n\n## Timeline\n\n- 2024-05-01 10:00 started\n")
	r, err := Parse("z.md", src, Options{Zone: "CET"})
	if err != nil {
		t.Fatal(err)
	}
	e := r.Incident.Timeline[0]
	if e.Time.Format("15:04") != "08:00" || e.Zone != "CEST" || len(e.Flags) != 1 || e.Flags[0] != FlagZoneAssumed {
		t.Errorf("option zone: %+v", e)
	}
}

func TestNoExtensionAndInvalidUTF8(t *testing.T) {
	src := []byte("# Bad \xff bytes\n\n## Timeline\n\nAll times in UTC.\n\n| Time | Event |\n|---|---|\n| 2022-10-29 01:02 | AMI released |\n")
	r, err := Parse("bad-eks-ami", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Incident.ID != "bad-eks-ami" || len(r.Incident.Timeline) != 1 {
		t.Errorf("id %q, %d events", r.Incident.ID, len(r.Incident.Timeline))
	}
	found := false
	for _, f := range r.Findings {
		found = found || f.Rule == "markdown/invalid-utf8"
	}
	if !found {
		t.Errorf("no invalid-utf8 finding")
	}
	var source *hindsight.Appendix
	for i, a := range r.Incident.Appendices {
		if a.Name == "source-bad-eks-ami.md" {
			source = &r.Incident.Appendices[i]
		}
	}
	if source == nil || string(source.Content) != string(src) || source.Size != int64(len(src)) {
		t.Errorf("the source appendix is missing or not the original bytes: %+v", r.Incident.Appendices)
	}
}
