package logmine

import (
	"sort"
	"strings"
)

// Final stage: patterns → templates.
//
// This is a frequency-based grouping in the spirit of Brain (Yu et al.,
// TSC'23), run over the patterns of the online stage weighted by their line
// counts instead of over raw lines, so its cost depends on the number of
// distinct patterns, not on the size of the log.
//
//  1. Patterns of equal length are grouped by their "root": in a template,
//     the literal words that belong to it alone occur exactly as often as the
//     template itself, so for each pattern the frequency value shared by most
//     of its words (frequency of word w at position i across all patterns of
//     that length) names its template; patterns with the same root words form
//     a group.
//  2. Inside a group a position with one value is literal. A position with
//     few values (at most maxCategories) is a categorical that splits the
//     group ("VM Paused" / "VM Resumed", "Accepted password" / "Failed
//     password") when it has only two values, or when its values each occur
//     on minCatSupport lines, or, failing that, when at least two values are
//     frequent (isCategory): those become categories and the rare values stay
//     together. A position with more values, or after a word that introduces
//     an argument ("for user cyrus"), or where some value is partly a
//     variable ("rhost=<*>" next to "rhost=zummit.com"), is a variable (<*>).
//     The position with the fewest values splits first, recursively.
//  3. Templates of different lengths are merged when their literal words
//     align (longest common subsequence) and every stretch that differs
//     contains a variable: a variable that spans a varying number of tokens
//     ("451 bytes" / "1190 bytes (1.16 KB)").

// Categorical thresholds (step 2).
const (
	maxCategories = 6  // more distinct values than this is a variable
	minCatSupport = 3  // with more than two values, a category occurs this often
	minCatShare   = 10 // and on at least 1/minCatShare of the group's lines
)

// introducesArgument reports whether a word is normally followed by a
// value rather than by a part of the message: "for user cyrus", "from
// host", "by root". A column after such a word is never split into
// categories, however few values it shows in this log.
func introducesArgument(w string) bool {
	switch strings.ToLower(strings.TrimRight(w, ":=")) {
	case "user", "users", "for", "from", "by", "host", "hostname", "account", "login", "uid", "gid", "pid":
		return true
	}
	return false
}

// isCategory reports whether a value seen on n of total lines is frequent
// enough to be a category of its own rather than a variable's value.
func isCategory(n, total int64) bool {
	return n >= minCatSupport && n*minCatShare >= total
}

// pattern is a group of online patterns being merged into a template.
type pattern struct {
	toks    []uint64
	text    []string
	weight  int64
	members []int32
}

// templateGroups groups the non-reserved patterns into templates and returns
// them with their texts; reserved patterns stay alone.
func (c *clusterer) templateGroups() []pattern {
	byLen := map[int][]*pattern{}
	var out []pattern
	var tk tokenizer
	var buf []byte
	for i, cl := range c.clusters {
		if cl.count == 0 {
			continue
		}
		if cl.special {
			out = append(out, pattern{text: []string{cl.text}, weight: cl.count, members: []int32{int32(i)}})
			continue
		}
		p := &pattern{toks: cl.toks, weight: cl.count, members: []int32{int32(i)}}
		tk.split(cl.sample)
		p.text = make([]string, len(cl.toks))
		for k := range cl.toks {
			if cl.toks[k] == varTok || k >= len(tk.hash) {
				p.text[k] = "<*>"
				continue
			}
			buf = maskToken(cl.sample[tk.span[2*k]:tk.span[2*k+1]], buf[:0])
			p.text[k] = strings.ToValidUTF8(string(buf), "\uFFFD")
		}
		byLen[len(p.toks)] = append(byLen[len(p.toks)], p)
	}
	lens := make([]int, 0, len(byLen))
	for n := range byLen {
		lens = append(lens, n)
	}
	sort.Ints(lens)
	var fixed []*pattern
	for _, n := range lens {
		fixed = append(fixed, groupFixed(byLen[n])...)
	}
	for _, p := range mergeAcross(fixed) {
		out = append(out, *p)
	}
	return out
}

type posTok struct {
	pos int
	tok uint64
}

// groupFixed runs steps 1 and 2 on patterns of one length.
func groupFixed(ps []*pattern) []*pattern {
	if len(ps) == 1 {
		return ps
	}
	freq := map[posTok]int64{}
	for _, p := range ps {
		for i, h := range p.toks {
			if h != varTok {
				freq[posTok{i, h}] += p.weight
			}
		}
	}
	roots := map[uint64][]*pattern{}
	var order []uint64
	occ := map[int64]int{}
	for _, p := range ps {
		clear(occ)
		for i, h := range p.toks {
			if h != varTok {
				occ[freq[posTok{i, h}]]++
			}
		}
		var phi int64
		best := 0
		for f, n := range occ {
			if n > best || (n == best && f > phi) {
				phi, best = f, n
			}
		}
		key := uint64(fnvOffset)
		for i, h := range p.toks {
			if h != varTok && freq[posTok{i, h}] == phi {
				key = (key ^ h ^ uint64(i)*0x9e3779b97f4a7c15) * fnvPrime
			}
		}
		if _, ok := roots[key]; !ok {
			order = append(order, key)
		}
		roots[key] = append(roots[key], p)
	}
	var out []*pattern
	for _, k := range order {
		for _, g := range splitGroup(roots[k]) {
			out = append(out, combine(g))
		}
	}
	return out
}

// splitGroup splits a root group on its most categorical position, recursively.
func splitGroup(g []*pattern) [][]*pattern {
	if len(g) == 1 {
		return [][]*pattern{g}
	}
	var total int64
	for _, p := range g {
		total += p.weight
	}
	n := len(g[0].toks)
	bestPos, bestD := -1, 0
	support := map[uint64]int64{}
	for i := 0; i < n; i++ {
		clear(support)
		variable, partial := false, false
		for _, p := range g {
			h := p.toks[i]
			if h == varTok {
				variable = true
				break
			}
			// A value that is partly a variable ("rhost=<*>" next to
			// "rhost=zummit.com") says the slot holds a variable, unless
			// it is one of only two shapes ("tty=:<*>" / "tty=NODEVssh").
			partial = partial || strings.Contains(p.text[i], "<*>")
			support[h] += p.weight
			if len(support) > maxCategories {
				variable = true
				break
			}
		}
		d := len(support)
		if variable || d < 2 || (d > 2 && (partial || (i > 0 && introducesArgument(g[0].text[i-1])))) {
			continue
		}
		// Two values always split, and so do values that each occur on
		// minCatSupport lines. Otherwise, when at least two values are
		// frequent (isCategory), those are categories and the rare ones
		// stay together as a variable.
		frequent, all := 0, true
		for _, s := range support {
			if isCategory(s, total) {
				frequent++
			}
			all = all && s >= minCatSupport
		}
		if (d == 2 || all || frequent >= 2) && (bestPos < 0 || d < bestD) {
			bestPos, bestD = i, d
		}
	}
	if bestPos < 0 {
		return [][]*pattern{g}
	}
	clear(support)
	all := true
	for _, p := range g {
		support[p.toks[bestPos]] += p.weight
	}
	for _, s := range support {
		all = all && s >= minCatSupport
	}
	rare := varTok // key of the part holding the rare values
	parts := map[uint64][]*pattern{}
	var order []uint64
	for _, p := range g {
		h := p.toks[bestPos]
		if bestD > 2 && !all && !isCategory(support[h], total) {
			h = rare
		}
		if _, ok := parts[h]; !ok {
			order = append(order, h)
		}
		parts[h] = append(parts[h], p)
	}
	if len(parts) == 1 {
		return [][]*pattern{g}
	}
	var out [][]*pattern
	for _, h := range order {
		out = append(out, splitGroup(parts[h])...)
	}
	return out
}

// combine merges same-length patterns into one: positions that differ
// become <*>.
func combine(g []*pattern) *pattern {
	if len(g) == 1 {
		return g[0]
	}
	first := g[0]
	p := &pattern{toks: append([]uint64(nil), first.toks...), text: append([]string(nil), first.text...)}
	for _, q := range g {
		p.weight += q.weight
		p.members = append(p.members, q.members...)
		for i, h := range q.toks {
			if p.toks[i] != h {
				p.text[i] = generaliseText(p.text[i], q.text[i])
				p.toks[i] = textTok(p.text[i])
			}
		}
	}
	return p
}

// generaliseText merges two different texts of one token position keeping
// the common key-like prefix and suffix: "user=root" and "user=ftp" give
// "user=<*>", so the key stays visible and literal.
func generaliseText(a, b string) string {
	if a == "<*>" || b == "<*>" {
		return "<*>"
	}
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	for pre > 0 && !delim[a[pre-1]] {
		pre--
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	for suf > 0 && !delim[a[len(a)-suf]] {
		suf--
	}
	return a[:pre] + "<*>" + a[len(a)-suf:]
}

// mergeAcross runs step 3: templates of different lengths whose differences
// are all next to variables are one template.
func mergeAcross(ps []*pattern) []*pattern {
	parent := make([]int, len(ps))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	const maxPosting = 2000
	postings := map[uint64][]int{}
	shared := map[int]int{}
	seen := map[uint64]bool{}
	lits := make([]int, len(ps))
	for a, p := range ps {
		clear(shared)
		clear(seen)
		for _, h := range p.toks {
			if h == varTok || seen[h] {
				continue
			}
			seen[h] = true
			lits[a]++
			for _, b := range postings[h] {
				shared[b]++
			}
			if len(postings[h]) < maxPosting {
				postings[h] = append(postings[h], a)
			}
		}
		cands := make([]int, 0, len(shared))
		for b, k := range shared {
			if len(ps[b].toks) != len(p.toks) && 2*k >= max(lits[a], lits[b]) {
				cands = append(cands, b)
			}
		}
		sort.Ints(cands)
		for _, b := range cands {
			if find(a) != find(b) && alignable(ps[b], p) {
				parent[find(a)] = find(b)
			}
		}
	}
	groups := map[int][]int{}
	var roots []int
	for i := range ps {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	out := make([]*pattern, 0, len(roots))
	for _, r := range roots {
		idx := groups[r]
		if len(idx) == 1 {
			out = append(out, ps[idx[0]])
			continue
		}
		m := &pattern{toks: ps[idx[0]].toks, text: ps[idx[0]].text}
		for k, i := range idx {
			m.weight += ps[i].weight
			m.members = append(m.members, ps[i].members...)
			if k > 0 {
				m.toks, m.text = lcsMerge(m.toks, m.text, ps[i].toks, ps[i].text)
			}
		}
		out = append(out, m)
	}
	return out
}

// lcsPairs returns the aligned index pairs of a longest common subsequence
// of the literal tokens of a and b.
func lcsPairs(a, b []uint64) [][2]int {
	n, m := len(a), len(b)
	if n*m > 1<<16 {
		return nil
	}
	dp := make([]int32, (n+1)*(m+1))
	w := m + 1
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] && a[i] != varTok {
				dp[i*w+j] = dp[(i+1)*w+j+1] + 1
			} else {
				dp[i*w+j] = max(dp[(i+1)*w+j], dp[i*w+j+1])
			}
		}
	}
	var pairs [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j] && a[i] != varTok:
			pairs = append(pairs, [2]int{i, j})
			i++
			j++
		case dp[(i+1)*w+j] >= dp[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return pairs
}

// alignable reports whether two templates differ only in stretches that
// contain a variable, with few unmatched literal words overall. Every
// unmatched literal must touch a variable in its own template: "(<*> KB)"
// may be part of a longer value, while "invalid user <*>" is a different
// message. Partly variable tokens ("host:<*>") count as variables for that
// test, but a stretch needs a real <*> to differ at all, so "user=<*>"
// added at the end is still a different message.
func alignable(pa, pb *pattern) bool {
	a, b := pa.toks, pb.toks
	av, bv := varish(pa), varish(pb)
	pairs := lcsPairs(a, b)
	if len(pairs) < 2 {
		return false
	}
	unmatched := 0
	ia, ib := 0, 0
	check := func(ea, eb int) bool {
		if ea == ia && eb == ib {
			return true
		}
		hasVar := false
		for _, side := range [2]struct {
			t, v []uint64
			s, e int
		}{{a, av, ia, ea}, {b, bv, ib, eb}} {
			for k := side.s; k < side.e; k++ {
				if side.t[k] == varTok {
					hasVar = true
					continue
				}
				if side.v[k] == varTok {
					continue
				}
				unmatched++
				if !(k > 0 && side.v[k-1] == varTok) && !(k+1 < len(side.v) && side.v[k+1] == varTok) {
					return false
				}
			}
		}
		return hasVar
	}
	for _, pr := range pairs {
		if !check(pr[0], pr[1]) {
			return false
		}
		ia, ib = pr[0]+1, pr[1]+1
	}
	if !check(len(a), len(b)) {
		return false
	}
	return unmatched*2 <= len(pairs)
}

// varish returns the template's tokens with partly variable tokens
// ("host:<*>") treated as variables, for alignment.
func varish(p *pattern) []uint64 {
	out := make([]uint64, len(p.toks))
	for i, h := range p.toks {
		if h != varTok && strings.Contains(p.text[i], "<*>") {
			h = varTok
		}
		out[i] = h
	}
	return out
}

// lcsMerge builds the variable-length template of two templates: aligned
// literals are kept and every differing stretch becomes one <*>.
func lcsMerge(a []uint64, at []string, b []uint64, bt []string) ([]uint64, []string) {
	pairs := lcsPairs(a, b)
	var toks []uint64
	var text []string
	gap := func() {
		if len(toks) == 0 || toks[len(toks)-1] != varTok {
			toks = append(toks, varTok)
			text = append(text, "<*>")
		}
	}
	pa, pb := 0, 0
	for _, pr := range pairs {
		if pr[0] > pa || pr[1] > pb {
			gap()
		}
		toks = append(toks, a[pr[0]])
		text = append(text, at[pr[0]])
		pa, pb = pr[0]+1, pr[1]+1
	}
	if pa < len(a) || pb < len(b) {
		gap()
	}
	return toks, text
}
