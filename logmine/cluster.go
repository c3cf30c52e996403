package logmine

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Template clustering: a Drain-style fixed-depth search. Clusters are
// grouped by token count and by their first token (or "variable" when the
// first token holds a digit); a message joins the most similar cluster of
// its group when enough positions agree, and the positions that differ
// become <*>. In front of the search sits an exact cache keyed by the hash
// of the masked message, so the common case (a line whose masked form was
// seen before) costs one map lookup.

// simThreshold is the share of positions that must agree for a message to
// join a cluster.
const simThreshold = 0.5

type cluster struct {
	id    string
	toks  []uint64 // masked-token hashes; varTok where the template has <*>
	text  []string // masked token texts; "<*>" where generalised
	count int64

	first, last int64 // unix nanos; 0 when no line had a time
	level       Level // most severe header level seen
	series      series
	special     bool // reserved template (empty / binary / overflow)
}

type leafKey struct {
	n     int
	first uint64
}

// clusterer owns the clusters and the search structures.
type clusterer struct {
	clusters []*cluster
	leaves   map[leafKey][]int32
	cache    map[uint64]int32
	max      int // cap on the number of clusters
	overflow int32
	textBuf  []byte
}

const cacheCap = 1 << 18

func newClusterer(max int) *clusterer {
	return &clusterer{
		leaves:   map[leafKey][]int32{},
		cache:    make(map[uint64]int32, 1024),
		max:      max,
		overflow: -1,
	}
}

func (c *clusterer) newCluster(toks []uint64, text []string) int32 {
	cl := &cluster{
		id:   "T" + strconv.Itoa(len(c.clusters)+1),
		toks: toks,
		text: text,
	}
	c.clusters = append(c.clusters, cl)
	return int32(len(c.clusters) - 1)
}

// special returns the index of a reserved template with the given text,
// creating it on first use (empty lines, binary lines, overflow).
func (c *clusterer) special(text string) int32 {
	key := leafKey{n: -1, first: hashString(text)}
	if l := c.leaves[key]; len(l) > 0 {
		return l[0]
	}
	idx := c.newCluster(nil, []string{text})
	c.clusters[idx].special = true
	c.leaves[key] = []int32{idx}
	return idx
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// assign returns the cluster of a tokenized message.
func (c *clusterer) assign(msg []byte, t *tokenizer, sig uint64) int32 {
	if idx, ok := c.cache[sig]; ok {
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
	leaf := c.leaves[key]
	best, bestSim := int32(-1), -1.0
	for _, idx := range leaf {
		cl := c.clusters[idx]
		s := similarity(cl.toks, t.hash)
		if s > bestSim {
			best, bestSim = idx, s
		}
	}
	var idx int32
	if best >= 0 && bestSim >= simThreshold {
		idx = best
		c.generalise(c.clusters[idx], t)
	} else if len(c.clusters) >= c.max {
		if c.overflow < 0 {
			c.overflow = c.special("<other>")
		}
		idx = c.overflow
	} else {
		toks := make([]uint64, n)
		copy(toks, t.hash)
		idx = c.newCluster(toks, c.buildText(msg, t))
		c.leaves[key] = append(leaf, idx)
	}
	if len(c.cache) >= cacheCap {
		clear(c.cache)
	}
	c.cache[sig] = idx
	return idx
}

// similarity is the share of positions where the template and the message
// agree; a generalised position (<*>) agrees with anything. At least one
// literal token must agree, so a template of only <*> cannot swallow
// unrelated messages.
func similarity(tmpl, msg []uint64) float64 {
	agree, literal := 0, 0
	for i, h := range tmpl {
		if h == varTok {
			agree++
			if msg[i] == varTok {
				literal++
			}
			continue
		}
		if h == msg[i] {
			agree++
			literal++
		}
	}
	if literal == 0 {
		return 0
	}
	return float64(agree) / float64(len(tmpl))
}

// generalise turns the template positions where msg differs into <*>.
func (c *clusterer) generalise(cl *cluster, t *tokenizer) {
	for i, h := range cl.toks {
		if h != varTok && h != t.hash[i] {
			cl.toks[i] = varTok
			cl.text[i] = "<*>"
		}
	}
}

func (c *clusterer) buildText(msg []byte, t *tokenizer) []string {
	text := make([]string, len(t.hash))
	for i := range t.hash {
		if t.hash[i] == varTok {
			text[i] = "<*>"
			continue
		}
		s, e := t.span[2*i], t.span[2*i+1]
		c.textBuf = maskToken(msg[s:e], c.textBuf[:0])
		text[i] = strings.ToValidUTF8(string(c.textBuf), "\uFFFD")
	}
	return text
}

// templateText joins a cluster's tokens.
func (cl *cluster) templateText() string {
	if cl.special {
		return cl.text[0]
	}
	return strings.Join(cl.text, " ")
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
