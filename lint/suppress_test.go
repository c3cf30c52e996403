package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestSuppressions(t *testing.T) {
	l := mustLoad(t)
	src := strings.Join([]string{
		"<!-- hindsight-disable-next-line blame.person-failure -->", // 1
		"Dave forgot to renew the certificate.",                     // 2: suppressed
		"",                                                          // 3
		"<!-- hindsight-disable-next-line judgement.character -->", // 4
		"Dave forgot to renew the certificate.",                    // 5: another rule named, kept
		"<!-- hindsight-disable -->",                               // 6
		"Priya skipped the canary and forgot the flag.",            // 7: suppressed
		"<!-- hindsight-enable -->",                                // 8
		"Omar forgot the flag.",                                    // 9: kept
		"```",                                                      // 10
		"<!-- hindsight-disable -->",                               // 11: an example in code
		"```",                                                      // 12
		"Omar forgot the flag again. <!-- Omar forgot -->",         // 13: kept, comment text skipped
		"<!-- hindsight-disable blame.person-failure -->",          // 14
		"Lena forgot the flag.",                                    // 15: suppressed to the end
	}, "\n")
	var lines []int
	for _, f := range l.Text(src, TextOptions{}) {
		if f.Severity.AtLeast(Warning) {
			lines = append(lines, f.Line)
		}
	}
	lines = slices.Compact(lines)
	if want := []int{5, 9, 13}; !slices.Equal(lines, want) {
		t.Errorf("warning lines = %v, want %v", lines, want)
	}
	// The same directives work in a Markdown file check.
	var md []int
	for _, f := range l.Markdown(src, TextOptions{}) {
		if f.Line > 0 && f.Severity.AtLeast(Warning) {
			md = append(md, f.Line)
		}
	}
	if md = slices.Compact(md); !slices.Equal(md, []int{5, 9, 13}) {
		t.Errorf("Markdown warning lines = %v", md)
	}
}

// A directive naming an unknown rule is reported once, on its line.
func TestSuppressionUnknownRule(t *testing.T) {
	l := mustLoad(t)
	src := "<!-- hindsight-disable-next-line blame.modle -->\nDave forgot to renew the certificate.\n<!-- hindsight-disable blame.modle -->\n"
	var got []string
	for _, f := range l.Markdown(src, TextOptions{}) {
		if f.Rule == "document.suppression-unknown" || f.Rule == "blame.person-failure" {
			got = append(got, fmt.Sprintf("%d %s %s", f.Line, f.Rule, f.Message))
		}
	}
	want := []string{
		"1 document.suppression-unknown The suppression names 'blame.modle', which is not a rule.",
		"2 blame.person-failure A person is the subject of 'forgot': the sentence makes the person the cause.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func FuzzSuppressions(f *testing.F) {
	f.Add("<!-- hindsight-disable-next-line a b -->\nx\n<!-- hindsight-disable -->\n<!-- hindsight-enable c -->")
	f.Add("<!-- hindsight-disable a --><!-- hindsight-enable a --><!--")
	f.Add("```\n<!-- hindsight-disable -->\n~~~\n<!-- hindsight-enable -->")
	f.Fuzz(func(t *testing.T, text string) {
		n := strings.Count(text, "\n") + 1
		for _, s := range parseSuppressions(text) {
			if s.from < 1 || s.to < s.from || s.to > n {
				t.Fatalf("suppression %d..%d outside 1..%d", s.from, s.to, n)
			}
		}
	})
}
