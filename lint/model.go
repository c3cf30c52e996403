package lint

import (
	"bufio"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// This file holds the statistical rule kind, model: an L2-regularised logistic
// regression over simple sentence features, trained by scripts/trainlint on every
// labelled sentence set in testdata and on real postmortems, and shipped as
// data/blame_model.tsv. It complements the hand rules: it fires only on a sentence
// no other rule flagged at warning or above, and its message quotes the words
// behind the features that pushed the score most, so a finding can be explained
// and argued with.
//
// Features (blameFeatures) are deterministic and cheap: lower-cased word unigrams
// and bigrams within a clause (punctuation breaks bigrams), with a recognised
// person — a roster name, a given name, a handle, a role phrase, he/she/someone —
// read as <PERSON>, numbers as <NUM>, code spans as <CODE>, an extra <NEG> for
// not/never/no/…n't, and <SEC:kind> for the section kind. Two lexicons let the
// model generalise past its training words: word valence (<BAD>, <GOOD>) and
// meaning clusters (<cN> coarse, <fN> fine), each also in bigrams; letter 4-grams
// of longer words ("~forg") reach word forms and misspellings; the words within
// a few of a person are marked "P:"; and a few sentence shapes (a person then a
// negative word or a negation, a question, a person addressed at the end, length).

// KindModel is the kind of the statistical blame rule (blame.model).
const KindModel = "model"

// modelFile is the embedded model; scripts/trainlint writes it.
const modelFile = "data/blame_model.tsv"

// valenceFile is the word-valence lexicon the features read (from VADER).
const valenceFile = "data/valence.tsv"

// blameModel is a linear model: score = bias + Σ weight of each present feature.
type blameModel struct {
	bias, threshold float64
	w               map[string]float64
	valence         map[string]float64 // word → mean valence, -4 … +4
	clusters        map[string]wordCluster
}

// clusterFile groups words by meaning (from GloVe vectors, scripts/wordclusters).
const clusterFile = "data/word-clusters.tsv"

// wordCluster is a word's group at two granularities, as feature names.
type wordCluster struct{ coarse, fine string }

// parseClusters reads the cluster file: "#" comments, then word<TAB>coarse<TAB>fine.
func parseClusters(data []byte) (map[string]wordCluster, error) {
	out := map[string]wordCluster{}
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: want word<TAB>coarse<TAB>fine", clusterFile, n+1)
		}
		out[f[0]] = wordCluster{"<c" + f[1] + ">", "<f" + f[2] + ">"}
	}
	return out, nil
}

// embeddedModel reads the embedded model, valence and cluster files once per
// process: they never change and every Linter only reads them, so repeated Loads
// (one per rules directory, tests, fuzzing) share one parsed copy.
var embeddedModel = sync.OnceValues(func() (*blameModel, error) {
	read := func(name string) ([]byte, error) {
		data, err := embedded.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		return data, nil
	}
	data, err := read(modelFile)
	if err != nil {
		return nil, err
	}
	m, err := parseModel(data)
	if err != nil {
		return nil, err
	}
	if data, err = read(valenceFile); err != nil {
		return nil, err
	}
	if m.valence, err = parseValence(data); err != nil {
		return nil, err
	}
	if data, err = read(clusterFile); err != nil {
		return nil, err
	}
	if m.clusters, err = parseClusters(data); err != nil {
		return nil, err
	}
	return m, nil
})

// parseValence reads the valence lexicon: "#" comments, then word<TAB>valence.
func parseValence(data []byte) (map[string]float64, error) {
	out := map[string]float64{}
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w, v, ok := strings.Cut(line, "\t")
		x, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("%s:%d: want word<TAB>valence", valenceFile, n+1)
		}
		out[w] = x
	}
	return out, nil
}

// valenceClass reads a word as clearly negative (<BAD>), clearly positive
// (<GOOD>) or neither ("").
func (m *blameModel) valenceClass(w string) string {
	switch v := m.valence[w]; {
	case v <= -1:
		return "<BAD>"
	case v >= 1:
		return "<GOOD>"
	}
	return ""
}

// parseModel reads the model file: "#" header lines (one of them "# threshold: X"),
// then feature<TAB>weight lines, with no comment among them; the feature <BIAS> is
// the intercept.
func parseModel(data []byte) (*blameModel, error) {
	m := &blameModel{w: map[string]float64{}, threshold: math.Inf(1)}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			// Comments belong to the header: a "#" line among the weights would be a
			// feature read as a comment and silently dropped.
			if len(m.w) > 0 || m.bias != 0 {
				return nil, fmt.Errorf("%s:%d: comment line after the weights", modelFile, n)
			}
			if v, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(line, "#")), "threshold:"); ok {
				t, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: bad threshold: %v", modelFile, n, err)
				}
				m.threshold = t
			}
			continue
		}
		f, v, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want feature<TAB>weight", modelFile, n)
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bad weight: %v", modelFile, n, err)
		}
		if f == "<BIAS>" {
			m.bias = x
		} else {
			m.w[f] = x
		}
	}
	return m, sc.Err()
}

// score returns the model score of a feature set and the features that raised
// it, strongest first (section features left out: they explain nothing).
func (m *blameModel) score(feats []string) (float64, []string) {
	s := m.bias
	type fw struct {
		f string
		w float64
	}
	var top []fw
	for _, f := range feats {
		w := m.w[f]
		s += w
		if w > 0 {
			top = append(top, fw{f, w})
		}
	}
	sort.Slice(top, func(i, j int) bool {
		if top[i].w != top[j].w {
			return top[i].w > top[j].w
		}
		return top[i].f < top[j].f
	})
	out := make([]string, 0, len(top))
	for _, t := range top {
		if !strings.HasPrefix(t.f, "<SEC:") {
			out = append(out, t.f)
		}
	}
	return s, out
}

// charGramLen is the length of the letter n-grams read from a word (with ^ and $
// marking its ends), and charGramMin the shortest word they are read from.
// Letter 4-grams tie together forms the training data did not hold ("misconfigured"
// and "misread" share "^mis", "forgetting" and "forgot" share "^for" and "forg")
// and misspellings from hurried or non-native writing; in cross-validation by writer
// they lifted the model by about two points (docs/checks.md).
const charGramLen, charGramMin = 4, 5

// addCharGrams adds the letter n-gram features "~xxxx" of one lower-case word.
// ("~", not "#": a line starting with "#" in the model file is a comment.)
func addCharGrams(w, text string, add func(f, words string)) {
	x := []rune("^" + w + "$")
	if len(x)-2 < charGramMin {
		return
	}
	for i := 0; i+charGramLen <= len(x); i++ {
		add("~"+string(x[i:i+charGramLen]), text)
	}
}

// isNegation reports whether a lower-case word negates.
func isNegation(w string) bool {
	switch w {
	case "not", "never", "no", "nobody", "nothing", "neither", "nor", "without", "cannot":
		return true
	}
	return strings.HasSuffix(w, "n't")
}

// blameFeatures returns the distinct features of one sentence, sorted, and the
// words of the sentence each feature came from (its first occurrence), which the
// finding quotes to explain itself.
func (l *Linter) blameFeatures(toks []token, kind string, r *roster) ([]string, map[string]string) {
	seen := map[string]string{}
	add := func(f, words string) {
		if _, ok := seen[f]; !ok {
			seen[f] = words
		}
	}
	if kind != "" && kind != "other" {
		add("<SEC:"+kind+">", "")
	}
	// Three chains of tokens give the bigrams: the words as written; the words
	// with negative and positive ones read as <BAD> and <GOOD>; and the words read
	// as their coarse meaning cluster. So "<PERSON> <BAD>" and "<PERSON> <c80>"
	// cover verbs of failure the training data never saw.
	type link struct{ w, a, c, text string }
	var prev link
	var chain []link // every word in order, for the window around a person
	var personText, badText, goodText, negText string
	question, lastPerson := false, false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		cur := link{text: t.text}
		switch t.kind {
		case tPunct:
			prev = link{}
			if strings.Contains(t.low, "?") {
				question = true
			}
			continue
		case tNumber:
			cur.w = "<NUM>"
		case tCode:
			cur.w = "<CODE>"
		case tOther:
			cur.w = "<OTHER>"
		}
		if cur.w == "" {
			if s, ok := l.personAt(toks, i, r); ok && s.end > i && s.class != classPronoun && s.class != classThey {
				cur.w = "<PERSON>"
				if toks[s.end-1].poss {
					cur.w = "<PERSON>'s"
				}
				cur.text = joinToks(toks[s.start:s.end])
				i = s.end - 1
				if personText == "" {
					personText = cur.text
				}
			} else {
				cur.w = t.low
				if isNegation(cur.w) {
					add("<NEG>", t.text)
					if personText != "" && negText == "" {
						negText = t.text
					}
				}
				if l.model != nil {
					cur.a = l.model.valenceClass(cur.w)
					if wc, ok := l.model.clusters[cur.w]; ok {
						cur.c = wc.coarse
						add(wc.coarse, t.text)
						add(wc.fine, t.text)
					}
				}
			}
		}
		add(cur.w, cur.text)
		if t.kind == tWord && cur.w == t.low {
			addCharGrams(cur.w, cur.text, add)
		}
		lastPerson = cur.w == "<PERSON>"
		pair := prev.text + " " + cur.text
		if prev.w != "" {
			add(prev.w+" "+cur.w, pair)
		}
		if cur.a != "" {
			add(cur.a, cur.text)
			if prev.a != "" {
				add(prev.a+" "+cur.a, pair)
			}
			if personText != "" && cur.a == "<BAD>" && badText == "" {
				badText = cur.text
			}
			if personText != "" && cur.a == "<GOOD>" && goodText == "" {
				goodText = cur.text
			}
		} else if prev.a != "" && prev.a[0] == '<' && prev.a != prev.w {
			add(prev.a+" "+cur.w, pair)
		}
		if cur.c != "" && prev.c != "" {
			add(prev.c+" "+cur.c, pair)
		}
		chain = append(chain, cur)
		if cur.a == "" {
			cur.a = cur.w
		}
		if cur.c == "" {
			cur.c = cur.w
		}
		prev = cur
	}
	// The words near a person, marked "P:", carry the blame when the rest of a
	// long sentence is technical narrative: "the problem was that <PERSON> had
	// left a stale record".
	for i, p := range chain {
		if p.w != "<PERSON>" && p.w != "<PERSON>'s" {
			continue
		}
		for j := max(0, i-3); j < min(len(chain), i+6); j++ {
			if j == i || chain[j].w == "<PERSON>" || chain[j].w == "<PERSON>'s" || l.lex.has("stop_words", chain[j].w) {
				continue
			}
			q := chain[j]
			add("P:"+q.w, p.text+" … "+q.text)
			if q.a != "" {
				add("P:"+q.a, p.text+" … "+q.text)
			}
			if q.c != "" {
				add("P:"+q.c, p.text+" … "+q.text)
			}
		}
	}
	switch n := len(chain); {
	case n <= 8:
		add("<LEN:short>", "")
	case n <= 20:
		add("<LEN:medium>", "")
	default:
		add("<LEN:long>", "")
	}
	// Sentence-level shapes: a person then a negative word or a negation, a
	// question about a person (often rhetorical), a person addressed at the end.
	if badText != "" {
		add("<PERSON>…<BAD>", personText+" … "+badText)
	}
	if goodText != "" {
		add("<PERSON>…<GOOD>", personText+" … "+goodText)
	}
	if negText != "" {
		add("<PERSON>…<NEG>", personText+" … "+negText)
	}
	if question {
		add("<Q>", "?")
		if personText != "" {
			add("<PERSON>…<Q>", personText+" … ?")
		}
	}
	if lastPerson {
		add("<PERSON>$", personText)
	}
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out, seen
}

// ModelFeatures returns the features the model rule reads in text (all of its
// sentences together), with section as TextOptions.Section.
func (l *Linter) ModelFeatures(text, section string) []string {
	seen := map[string]bool{}
	for _, s := range l.ModelSentences(text, TextOptions{Section: section}) {
		for _, f := range s.Features {
			seen[f] = true
		}
	}
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// ModelSentence is one sentence of a text as the model rule sees it.
type ModelSentence struct {
	Line     int      // 1-based line where the sentence starts
	Text     string   // the sentence as written
	Section  string   // the section kind in force
	Features []string // the features the model reads, sorted
	Flagged  bool     // a hand rule flags the sentence at warning or above
	Scored   bool     // the model rule may fire here (its scope; a person in a [lucky] section)
}

// ModelSentences splits text as Text does and returns, for every sentence, the
// features the model reads and whether the hand rules already flag it.
// scripts/trainlint uses it so the trainer and the rule see exactly the same
// sentences and features.
func (l *Linter) ModelSentences(text string, opts TextOptions) []ModelSentence {
	kind, heading := l.resolveSection(opts.Section)
	p := scanProse(text, kind, heading, l.classifyHeading)
	r := newRoster(opts.Roster)
	var out []ModelSentence
	for _, s := range p.sentences() {
		sec := p.blocks[s.blk].section
		feats, _ := l.blameFeatures(s.toks, sec, r)
		ms := ModelSentence{Text: p.text[s.start:s.end], Section: sec, Features: feats}
		ms.Line, _ = p.lineOf(s.start)
		ms.Scored = l.modelApplies(sec, feats, nil)
		for _, h := range supersede(l.sentenceHits(s.toks, sec, r)) {
			if h.r.Severity.AtLeast(Warning) {
				ms.Flagged = true
			}
		}
		out = append(out, ms)
	}
	return out
}

// modelHits runs the model rules over one sentence whose other hits are given: a
// model rule fires only when none of them is at warning or above.
func (l *Linter) modelHits(hits []hit, toks []token, kind string, r *roster, keep func(*rule) bool) []hit {
	if len(l.models) == 0 || l.model == nil || len(toks) == 0 {
		return hits
	}
	for _, h := range hits {
		if h.r.Severity.AtLeast(Warning) {
			return hits
		}
	}
	var feats []string
	var words map[string]string
	for _, m := range l.models {
		if !m.inScope(kind) || (keep != nil && !keep(m)) {
			continue
		}
		if feats == nil {
			feats, words = l.blameFeatures(toks, kind, r)
		}
		s, top := l.model.score(feats)
		thr := l.model.threshold
		if m.threshold != nil {
			thr = *m.threshold
		}
		if s < thr || len(top) == 0 || !l.modelApplies(kind, feats, m) {
			continue
		}
		// Quote the words behind the strongest features, without repeating
		// words already quoted.
		var quoted []string
		for _, f := range top {
			w := words[f]
			if w == "" || len(quoted) == 3 || l.lex.has("stop_words", strings.ToLower(w)) || slices.ContainsFunc(quoted, func(q string) bool {
				return strings.Contains(q, w) || strings.Contains(w, q)
			}) {
				continue
			}
			quoted = append(quoted, w)
		}
		for i, q := range quoted {
			quoted[i] = "'" + q + "'"
		}
		first, last := 0, len(toks)-1
		for first < last && toks[first].kind == tPunct {
			first++
		}
		for last > first && toks[last].kind == tPunct {
			last--
		}
		hits = append(hits, hit{r: m, start: toks[first].start, end: toks[last].end, person: -1, detail: strings.Join(quoted, ", ")})
	}
	return hits
}

// modelApplies reports whether model rule m (nil: every model rule) may fire
// on a sentence of section kind with these features. In a [lucky] section a
// sentence about the system is the point of the section ("the cache happened to
// be warm"); only a person can be blamed there.
func (l *Linter) modelApplies(kind string, feats []string, m *rule) bool {
	if kind == "lucky" && !hasPerson(feats) {
		return false
	}
	if m != nil {
		return m.inScope(kind)
	}
	for _, m := range l.models {
		if m.inScope(kind) {
			return true
		}
	}
	return false
}

func hasPerson(feats []string) bool {
	for _, f := range feats {
		if f == "<PERSON>" || f == "<PERSON>'s" {
			return true
		}
	}
	return false
}
