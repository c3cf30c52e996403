package report

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	hindsight "github.com/hindsight-sre/hindsight"
)

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
