package lint

import (
	"fmt"
	"strings"
	"testing"
)

// benchSentences mix blameless prose with sentences that trigger rules, so the
// benchmark exercises matching, subject detection and finding construction.
var benchSentences = []string{
	"At 14:02 the deploy pipeline pushed config version 42 to all regions.",
	"The on-call engineer acknowledged the page at 14:09 and opened the incident channel.",
	"Error rates on `checkout-api` rose from 0.2% to 14% within six minutes.",
	"Sarah forgot to update the firewall rules before the migration.",
	"The validation step did not reject the empty allow-list, so every host matched.",
	"This should have been caught in review.",
	"Redis evicted 40% of keys once memory reached the maxmemory limit.",
	"The root cause was human error during the failover.",
	"Responders first suspected the CDN because the errors started at a cache boundary.",
	"The dashboard clearly showed the error rate climbing; see [the graph](https://grafana.example/d/abc).",
}

// thirtyPages builds a Markdown postmortem of about 30 pages (15,000 words).
func thirtyPages() (string, Document) {
	sections := []string{"Summary", "Impact", "Timeline", "Contributing factors", "Resolution", "What went well", "What went wrong", "Where we got lucky", "Appendix"}
	var b strings.Builder
	var d Document
	words := 0
	for si := 0; words < 15000; si++ {
		name := sections[si%len(sections)]
		fmt.Fprintf(&b, "## %s %d\n\n", name, si)
		var body strings.Builder
		for p := 0; p < 4; p++ {
			for k := 0; k < 5; k++ {
				s := benchSentences[(si*7+p*5+k)%len(benchSentences)]
				body.WriteString(s)
				body.WriteByte(' ')
				words += len(strings.Fields(s))
			}
			body.WriteString("\n\n")
		}
		b.WriteString(body.String())
		d.Sections = append(d.Sections, Section{Name: name, Text: body.String()})
	}
	b.WriteString("## Action items\n\n")
	for i := 0; i < 40; i++ {
		item := fmt.Sprintf("Add an alert when queue %d depth exceeds 10,000 messages for 5 minutes.", i)
		if i%4 == 0 {
			item = "Investigate monitoring for this scenario."
		}
		fmt.Fprintf(&b, "- %s\n", item)
		d.Actions = append(d.Actions, Action{Text: item, Known: FieldOwner | FieldDue})
	}
	for i := 0; i < 12; i++ {
		f := Factor{ID: fmt.Sprintf("F%d", i), Text: benchSentences[i%len(benchSentences)], Layer: "technical"}
		if i > 0 {
			f.Causes = []string{fmt.Sprintf("F%d", i-1)}
		}
		d.Factors = append(d.Factors, f)
	}
	d.UsersAffected = true
	return b.String(), d
}

// BenchmarkMarkdown30Pages checks a ~30-page Markdown postmortem end to end, as
// "hindsight check file" does.
func BenchmarkMarkdown30Pages(b *testing.B) {
	l := mustLoad(b)
	md, _ := thirtyPages()
	b.SetBytes(int64(len(md)))
	b.ResetTimer()
	for b.Loop() {
		l.Markdown(md, TextOptions{Roster: []Person{{Name: "Sarah Chen", Role: "SRE"}}})
	}
}

// BenchmarkDocument30Pages checks the same report held as a Document, with action
// items and a factor chain.
func BenchmarkDocument30Pages(b *testing.B) {
	l := mustLoad(b)
	_, d := thirtyPages()
	b.ResetTimer()
	for b.Loop() {
		l.Document(d)
	}
}

// BenchmarkLoad measures building the default rule set, which front ends do once.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestThirtyPagesIsThirtyPages keeps the benchmark input honest about its size.
func TestThirtyPagesIsThirtyPages(t *testing.T) {
	md, d := thirtyPages()
	if n := len(strings.Fields(md)); n < 14000 || len(d.Sections) < 20 {
		t.Errorf("benchmark document has %d words in %d sections, want about 15,000", n, len(d.Sections))
	}
	if fs := mustLoad(t).Markdown(md, TextOptions{}); len(fs) < 100 {
		t.Errorf("benchmark document produced only %d findings; it should exercise the rules", len(fs))
	}
}
