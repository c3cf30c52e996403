package report

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	tags   = regexp.MustCompile(`<[^>]*>`)
	blocks = regexp.MustCompile(`</?(p|t[hdr]|thead|tbody|table|br)\b[^>]*>`)
)

// gfm reads Markdown the way GitHub does, without the report's own tweaks.
var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

// readBack renders Markdown and returns its visible text.
func readBack(t *testing.T, md string) string {
	var buf bytes.Buffer
	if err := gfm.Convert([]byte(md), &buf); err != nil {
		t.Fatal(err)
	}
	text := tags.ReplaceAllString(blocks.ReplaceAllString(buf.String(), " "), "")
	return strings.Join(strings.Fields(html.UnescapeString(text)), " ")
}

// FuzzPlainText checks the promise of mdText: any plain text, escaped and
// read back as Markdown (alone and in a table cell), shows exactly as
// written, with no emphasis, link, heading, list or HTML made from it.
func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"a | b", "*x* _y_ `z`", "<b>x</b>", "# h", "- item", "1. one", "---", "[a](b)", "&amp; R&D",
		"max_pool_size", "~~x~~", "https://example.com/a_b", "\\*", "> q", "![i](x)", "a\nb", "=", "***", "+ x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) {
			return
		}
		want := strings.Join(strings.Fields(s), " ")
		if want == "" {
			return
		}
		esc := mdText(s)
		var buf bytes.Buffer
		_ = gfm.Convert([]byte(esc), &buf)
		if out := buf.String(); strings.Contains(out, "<em>") || strings.Contains(out, "<strong>") || strings.Contains(out, "<h") ||
			strings.Contains(out, "<li>") || strings.Contains(out, "<code>") || strings.Contains(out, "<del>") ||
			strings.Contains(out, "<blockquote>") || strings.Contains(out, "<img") || strings.Contains(out, "<table>") {
			t.Fatalf("mdText(%q) = %q renders markup: %s", s, esc, out)
		}
		if got := readBack(t, esc); got != want && !strings.Contains(s, "://") && !strings.Contains(s, "www.") && !strings.Contains(s, "@") {
			// Autolinks (URLs, e-mail addresses) keep their text but gain a
			// link, which is wanted; everything else must read back as is.
			t.Fatalf("mdText(%q) = %q reads back as %q", s, esc, got)
		}
		row := "| x |\n|---|\n| " + cell(esc) + " |\n"
		if got := readBack(t, row); got != "x "+want {
			t.Fatalf("cell(mdText(%q)) = %q reads back as %q", s, cell(esc), got)
		}
	})
}
