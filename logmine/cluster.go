package logmine

import (
	"strconv"
	"unicode/utf8"
)

// Online stage: patterns.
//
// While streaming, every distinct masked message (same tokens after
// masking) becomes its own pattern, found through a hash map keyed by the
// hash of the masked message: the common case costs one map lookup and no
// allocation. Patterns get their ids (T1, T2, ...) in order of first
// appearance, and a line's id never changes afterwards.
//
// Deciding which patterns are really one template needs statistics over the
// whole log (is "Paused"/"Resumed" a variable or two events?), so that is
// left to the final stage (merge.go), which groups patterns into templates.
//
// Memory stays bounded: beyond Options.MaxTemplates patterns, a new masked
// message joins the most similar existing pattern of the same length and
// first token (Drain's fixed-depth search; differing positions become <*>),
// or the reserved "<other>" pattern when none is similar enough.

// simThreshold is the share of literal positions that must agree for a
// message to join an existing pattern once the pattern cap is reached.
const simThreshold = 0.5

type cluster struct {
	id     string
	num    int      // 1-based order of first appearance
	toks   []uint64 // masked-token hashes; varTok at variable positions
	sample []byte   // the first message, to render the template text
	text   string   // text of reserved patterns
	count  int64

	first, last int64 // unix nanos; 0 when no line had a time
	level       Level // most severe header level seen
	series      series
	special     bool // reserved pattern (empty / binary / overflow)
}

type leafKey struct {
	n     int
	first uint64
}

// clusterer owns the patterns and the lookup structures.
type clusterer struct {
	clusters []*cluster
	bySig    map[uint64]int32
	leaves   map[leafKey][]int32 // used only once the cap is reached
	specials map[string]int32
	max      int
	overflow int32
}

// sigCap bounds the signature map once the pattern cap is reached (it then
// only caches fallback decisions and is cleared when full).
const sigCap = 1 << 18

func newClusterer(max int) *clusterer {
	return &clusterer{
		bySig:    make(map[uint64]int32, 1024),
		leaves:   map[leafKey][]int32{},
		specials: map[string]int32{},
		max:      max,
		overflow: -1,
	}
}

func (c *clusterer) add(cl *cluster) int32 {
	cl.num = len(c.clusters) + 1
	cl.id = "T" + strconv.Itoa(cl.num)
	c.clusters = append(c.clusters, cl)
	return int32(len(c.clusters) - 1)
}

// special returns the reserved pattern with the given text, creating it on
// first use (empty lines, binary lines, overflow).
func (c *clusterer) special(text string) int32 {
	if idx, ok := c.specials[text]; ok {
		return idx
	}
	idx := c.add(&cluster{text: text, special: true})
	c.specials[text] = idx
	return idx
}

// assign returns the pattern of a tokenized message.
func (c *clusterer) assign(msg []byte, t *tokenizer, sig uint64) int32 {
	if idx, ok := c.bySig[sig]; ok {
		return idx
	}
	n := len(t.hash)
	if n == 0 {
		return c.special("")
	}
	key := leafKey{n: n, first: t.hash[0]}
	if t.hasVar[0] {
		key.first = varTok
	}
	var idx int32
	if len(c.clusters) < c.max {
		if len(msg) > maxMsg {
			msg = msg[:maxMsg]
		}
		idx = c.add(&cluster{toks: append([]uint64(nil), t.hash...), sample: append([]byte(nil), msg...)})
		c.leaves[key] = append(c.leaves[key], idx)
	} else {
		idx = c.fallback(key, t)
		if len(c.bySig) >= sigCap {
			clear(c.bySig)
		}
	}
	c.bySig[sig] = idx
	return idx
}

// fallback is Drain's search, used once the pattern cap is reached.
func (c *clusterer) fallback(key leafKey, t *tokenizer) int32 {
	best, bestSim := int32(-1), -1.0
	for _, idx := range c.leaves[key] {
		if s := similarity(c.clusters[idx].toks, t.hash); s > bestSim {
			best, bestSim = idx, s
		}
	}
	if best < 0 || bestSim < simThreshold {
		if c.overflow < 0 {
			c.overflow = c.special("<other>")
		}
		return c.overflow
	}
	cl := c.clusters[best]
	for i, h := range cl.toks {
		if h != t.hash[i] {
			cl.toks[i] = varTok
		}
	}
	return best
}

// similarity is the share of literal positions where the pattern and the
// message agree. Positions where both are variables carry no evidence; a
// position the pattern already generalised does not count against it.
func similarity(tmpl, msg []uint64) float64 {
	agree, differ := 0, 0
	for i, h := range tmpl {
		m := msg[i]
		switch {
		case h == varTok:
		case h == m:
			agree++
		default:
			differ++
		}
	}
	if agree == 0 {
		return 0
	}
	return float64(agree) / float64(agree+differ)
}

// isBinary reports whether a line looks like binary data rather than text:
// NUL bytes, or mostly control bytes / invalid UTF-8 in its first 256 bytes.
func isBinary(b []byte) bool {
	if len(b) > 256 {
		b = b[:256]
	}
	bad := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c == 0 {
			return true
		}
		if c < 0x80 {
			if c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != 0x1b {
				bad++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		i += size
	}
	return bad*4 > len(b)
}
