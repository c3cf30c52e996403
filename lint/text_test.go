package lint

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func rulesOf(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func hasRule(fs []Finding, id string) bool {
	for _, f := range fs {
		if f.Rule == id {
			return true
		}
	}
	return false
}

// TestContext covers the context rules: the same words are blame in one place and
// fine in another.
func TestContext(t *testing.T) {
	l := mustLoad(t)
	roster := []Person{{Name: "Sarah Chen", Handles: []string{"schen"}, Role: "on-call engineer"}}
	tests := []struct {
		name, text, section string
		rule                string
		want                bool
	}{
		{"service failed to start is not blame", "The service failed to start.", "", "blame.person-failure", false},
		{"a person failed to is blame", "The engineer failed to restart the service.", "", "blame.person-failure", true},
		{"would have under lucky is fine", "It would have been much worse had the replica failed.", "Where we got lucky", "counterfactual.preventable", false},
		{"could have been prevented in the analysis", "This could have been prevented.", "Contributing factors", "counterfactual.preventable", true},
		{"should have in action items is prescriptive", "MDB should have rejected operations without a constraint.", "actions", "counterfactual.should-have", false},
		{"role-based factual sentence", "The on-call engineer acknowledged the page at 14:09.", "timeline", "names.named-actor", false},
		{"roster name as actor", "Sarah acknowledged the page at 14:09.", "timeline", "names.named-actor", true},
		{"quoted chat is skipped", `The on-call wrote "I forgot to check the queue" in the channel.`, "", "blame.person-failure", false},
		{"code is skipped", "The log said `operator error: retry` twice.", "", "blame.human-error", false},
		{"block quotes are skipped", "> Sarah forgot to renew it\n\nThe renewal failed.", "", "blame.person-failure", false},
		{"appendix transcripts are skipped", "## Appendix: chat log\n\nSarah forgot the flag.", "", "blame.person-failure", false},
		{"a heading in the text sets the section", "## Where we got lucky\n\nHad the cache failed, it would have been prevented by nothing.", "", "counterfactual.if-only", false},
		{"service names are not people", "Jenkins ignored the webhook.", "", "blame.person-failure", false},
		{"capitalised word before a technical noun", "Victoria metrics ignored the samples.", "", "blame.person-failure", false},
		{"handle as subject", "@schen forgot to page the DBA.", "", "blame.person-failure", true},
		{"possessive name owns the subject", "Hannah's change took down checkout.", "", "blame.person-failure", true},
		{"timeline table cells are prose", "| 14:02 | Dan pushed a bad config |\n|---|---|", "Timeline", "blame.person-bad-object", true},
		{"front matter is skipped", "---\ntitle: Human error\n---\nThe disk filled.", "", "blame.human-error", false},
		{"negated label", "This was not human error.", "", "blame.human-error", false},
		{"bold field label sets the section", "- **Where we got lucky**: had the replica failed, it would have been prevented by nothing.", "", "counterfactual.preventable", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := l.Text(tt.text, TextOptions{Section: tt.section, Roster: roster})
			if got := hasRule(fs, tt.rule); got != tt.want {
				t.Errorf("%s on %q = %v, want %v (findings %v)", tt.rule, tt.text, got, tt.want, rulesOf(fs))
			}
		})
	}
}

// TestFindingPosition checks line, span, column and the text the span points at.
func TestFindingPosition(t *testing.T) {
	l := mustLoad(t)
	text := "# Summary\n\nAll good here.\nThe café outage was\ncaused by human error today.\n"
	fs := l.Text(text, TextOptions{})
	var f *Finding
	for i := range fs {
		if fs[i].Rule == "blame.human-error" {
			f = &fs[i]
		}
	}
	if f == nil {
		t.Fatalf("no human-error finding in %v", rulesOf(fs))
	}
	lines := strings.SplitAfter(text, "\n")
	start := 0
	for i := 0; i < f.Line-1; i++ {
		start += len(lines[i])
	}
	if got := text[start+f.Span[0] : start+f.Span[1]]; got != "human error" || f.Match != got {
		t.Errorf("span points at %q (match %q), want %q", got, f.Match, "human error")
	}
	if f.Line != 5 || f.Section != "Summary" {
		t.Errorf("line %d section %q, want 5 and Summary", f.Line, f.Section)
	}
	if f.Column != 11 {
		t.Errorf("column %d, want 11", f.Column)
	}
	// Columns count code points: "café" is 5 bytes but 4 columns.
	fs = l.Text("Le café: human error.", TextOptions{})
	if len(fs) != 1 || fs[0].Span[0] != 10 || fs[0].Column != 10 {
		t.Errorf("got %+v, want span start 10 (bytes) and column 10 (code points)", fs)
	}
}

func TestTokenize(t *testing.T) {
	s := "Dan's on-call @sre-team schen@ a@b.com 14:09, 5% v2.14.3 didn't #123"
	toks := tokenize(s, 0, len(s))
	var got []string
	for _, t := range toks {
		kind := map[tokKind]string{tWord: "w", tNumber: "n", tMention: "m", tHandle: "h", tOther: "o", tPunct: "p", tCode: "c"}[t.kind]
		mark := ""
		if t.poss {
			mark += "'"
		}
		if t.joined {
			mark += "-"
		}
		got = append(got, kind+mark+":"+t.base)
	}
	want := "w':dan w:on w-:call m:sre-team h:schen o:a@b.com n:14:09 p:, n:5% w:v2.14.3 w:didn't n:#123"
	if strings.Join(got, " ") != want {
		t.Errorf("tokens\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestSentences(t *testing.T) {
	text := "The p99 rose to 3.5 s at 14:02. E.g. the cache missed. J. Smith, the IC, paged the DBA! Then it recovered? Yes.\n- one item\n- two items\n\nA new paragraph\nwrapped here."
	p := scanProse(text, "", "", func(string) string { return "other" })
	var got []string
	for _, s := range p.sentences() {
		got = append(got, strings.Join(strings.Fields(text[s.start:s.end]), " "))
	}
	want := []string{
		"The p99 rose to 3.5 s at 14:02.",
		"E.g. the cache missed.",
		"J. Smith, the IC, paged the DBA!",
		"Then it recovered?",
		"Yes.",
		"one item",
		"two items",
		"A new paragraph wrapped here.",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences\n got %q\nwant %q", got, want)
	}
}

func TestMaskKeepsOffsets(t *testing.T) {
	text := "See [the dashboard](https://grafana.example/d/1) and `kubectl get pods`; <b>bold</b> *emph* https://x.example/y."
	p := scanProse(text, "", "", func(string) string { return "other" })
	if len(p.masked) != len(text) {
		t.Fatalf("masked length %d, text length %d", len(p.masked), len(text))
	}
	for _, gone := range []string{"grafana", "kubectl", "<b>", "https", "*"} {
		if strings.Contains(p.masked, gone) {
			t.Errorf("masked text still has %q: %q", gone, p.masked)
		}
	}
	for _, kept := range []string{"the dashboard", "bold", "emph"} {
		if !strings.Contains(p.masked, kept) {
			t.Errorf("masked text lost %q: %q", kept, p.masked)
		}
	}
}

func TestClassifyHeading(t *testing.T) {
	l := mustLoad(t)
	for heading, want := range map[string]string{
		"Where we got lucky":                       "lucky",
		"What went well?":                          "went-well",
		"What didn't go so well?":                  "went-wrong",
		"Timeline (all times UTC)":                 "timeline",
		"Corrective and Preventative Measures":     "actions",
		"Root Cause Analysis":                      "analysis",
		"Root cause identification: The Five Whys": "analysis",
		"Impact Analysis":                          "impact",
		"Appendix: #testing-ops chat log":          "appendix",
		"Transaction delays":                       "other",
		"Follow-up timeline (times in BST)":        "timeline",
	} {
		if got := l.classifyHeading(heading); got != want {
			t.Errorf("classifyHeading(%q) = %q, want %q", heading, got, want)
		}
	}
}

func TestFix(t *testing.T) {
	l := mustLoad(t)
	roster := []Person{
		{Name: "Sarah Chen", Handles: []string{"schen"}, Role: "on-call engineer"},
		{Name: "Dan Okafor", Handles: []string{"@dokafor"}, Role: "the release manager"},
		{Name: "Lee Park", Role: ""},
	}
	text := "Sarah Chen paged @dokafor at 14:05. Dan's rollback finished; sarah's laptop was fine.\nLee Park joined. `schen` ran the script. Then schen@ posted an update."
	got, edits := l.Fix(text, roster)
	want := "The on-call engineer paged the release manager at 14:05. The release manager's rollback finished; sarah's laptop was fine.\nLee Park joined. `schen` ran the script. Then the on-call engineer posted an update."
	if got != want {
		t.Errorf("Fix\n got %q\nwant %q", got, want)
	}
	if len(edits) != 4 || edits[0].Old != "Sarah Chen" || edits[0].Line != 1 || edits[3].Line != 2 {
		t.Errorf("edits = %+v", edits)
	}
	if same, e := l.Fix("Nobody named here.", roster); same != "Nobody named here." || e != nil {
		t.Errorf("Fix changed text without names: %q %v", same, e)
	}
}

// FuzzText checks the scanner and the rules on arbitrary text: no panics, and every
// finding's span points inside the text at the bytes it reports.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"Dan forgot to renew the cert.", "# Lucky\n\nIt would have failed.", "| a | b |\n|---|---|\n| Sarah broke it | x |",
		"```\ncode\n```\nText `x` and [link](http://x) <!-- c -->", "---\nfront: matter\n---\nBody!!", "“Quoted” ‘x’ 'y' \"z\"",
		"- [ ] Investigate the issue\n  - nested", "Title\n=====\n\nPara", "@a@b c@ #1 3.5% 14:09:05",
	} {
		f.Add(s)
	}
	l := mustLoad(f)
	roster := []Person{{Name: "Sarah Chen", Handles: []string{"schen"}, Role: "SRE"}}
	f.Fuzz(func(t *testing.T, text string) {
		fs := l.Text(text, TextOptions{Roster: roster})
		fs = append(fs, l.Markdown(text, TextOptions{})...)
		lines := []int{0}
		for i := 0; i < len(text); i++ {
			if text[i] == '\n' {
				lines = append(lines, i+1)
			}
		}
		for _, x := range fs {
			if x.Line == 0 {
				continue
			}
			if x.Line > len(lines) {
				t.Fatalf("line %d past the end (%d lines)", x.Line, len(lines))
			}
			a, b := lines[x.Line-1]+x.Span[0], lines[x.Line-1]+x.Span[1]
			if a < 0 || b > len(text) || a > b || text[a:b] != x.Match {
				t.Fatalf("finding %+v does not point at its match in %q", x, text)
			}
		}
		out, _ := l.Fix(text, roster)
		if !utf8.ValidString(text) {
			return
		}
		if !utf8.ValidString(out) {
			t.Fatalf("Fix made invalid UTF-8 from %q", text)
		}
		l.Action(Action{Text: text})
	})
}
