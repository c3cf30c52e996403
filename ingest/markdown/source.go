package markdown

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// normalize makes the text safe to walk: valid UTF-8, no byte-order mark,
// and "\n" line endings (CRLF and lone CR become LF). Every change keeps the
// number of lines, so a line number in the result is a line number in the
// file the user has in front of them.
func normalize(src []byte) (out []byte, repaired bool) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(src) {
		src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
		repaired = true
	}
	if bytes.IndexByte(src, '\r') < 0 {
		return src, repaired
	}
	out = make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		if src[i] == '\r' {
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			out = append(out, '\n')
			continue
		}
		out = append(out, src[i])
	}
	return out, repaired
}

// lineIndex turns byte offsets into 1-based line numbers.
type lineIndex []int // start offset of each line

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, b := range src {
		if b == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// line returns the 1-based line holding byte offset off.
func (li lineIndex) line(off int) int {
	return sort.Search(len(li), func(i int) bool { return li[i] > off })
}

// start returns the offset where 1-based line n starts.
func (li lineIndex) start(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(li) {
		return li[len(li)-1]
	}
	return li[n-1]
}

// frontMatter is the metadata block some static-site generators put at the
// top of a post: YAML between "---" lines or TOML between "+++" lines.
type frontMatter struct {
	format string // "yaml" or "toml"; empty when there is none
	raw    string // the block as written, fences included
	lines  int    // how many lines the block spans, fences included
	fields map[string]any
	err    error
}

// splitFrontMatter finds a front matter block at the very top of src and
// returns src with the block blanked out. Blanking (rather than cutting)
// keeps every later line number and byte offset unchanged, and stops the
// Markdown parser from reading the YAML line above the closing "---" as a
// setext heading.
func splitFrontMatter(src []byte) (frontMatter, []byte) {
	var fm frontMatter
	var fence string
	switch {
	case bytes.HasPrefix(src, []byte("---\n")):
		fm.format, fence = "yaml", "---"
	case bytes.HasPrefix(src, []byte("+++\n")):
		fm.format, fence = "toml", "+++"
	default:
		return frontMatter{}, src
	}
	// Find the closing fence: a line that is exactly the fence (YAML also
	// allows "..."). A document that merely starts with a thematic break has
	// no closing fence and no front matter.
	end, next := -1, -1
	for off := len(fence) + 1; off < len(src); {
		nl := bytes.IndexByte(src[off:], '\n')
		lineEnd := len(src)
		if nl >= 0 {
			lineEnd = off + nl
		}
		l := strings.TrimRight(string(src[off:lineEnd]), " \t")
		if l == fence || (fm.format == "yaml" && l == "...") {
			end, next = off, lineEnd
			break
		}
		if nl < 0 {
			break
		}
		off = lineEnd + 1
	}
	if end < 0 {
		return frontMatter{}, src
	}
	body := src[len(fence)+1 : end]
	fm.raw = string(src[:next])
	fm.lines = bytes.Count(src[:next], []byte("\n")) + 1
	fm.fields = map[string]any{}
	switch fm.format {
	case "yaml":
		var m map[string]any
		if err := yaml.Unmarshal(body, &m); err != nil {
			fm.err = fmt.Errorf("YAML front matter: %v", err)
		} else {
			fm.fields = m
		}
	case "toml":
		var m map[string]any
		if _, err := toml.Decode(string(body), &m); err != nil {
			fm.err = fmt.Errorf("TOML front matter: %v", err)
		} else {
			fm.fields = m
		}
	}
	masked := make([]byte, len(src))
	copy(masked, src)
	for i := 0; i < next; i++ {
		if masked[i] != '\n' {
			masked[i] = ' '
		}
	}
	return fm, masked
}

// str returns the front matter value under the first of keys that holds
// something printable, as text.
func (fm frontMatter) str(keys ...string) string {
	for _, k := range keys {
		for name, v := range fm.fields {
			if !strings.EqualFold(name, k) {
				continue
			}
			switch v := v.(type) {
			case string:
				if s := strings.TrimSpace(v); s != "" {
					return s
				}
			case time.Time:
				return v.Format(time.DateOnly)
			case int, int64, float64, bool:
				return fmt.Sprint(v)
			}
		}
	}
	return ""
}
