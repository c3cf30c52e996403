package lint

import (
	"bufio"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// This file holds the statistical rule kind, model: an L2-regularised logistic
// regression over simple sentence features, trained by scripts/trainlint on every
// labelled sentence set in testdata and shipped as data/blame_model.tsv. It
// complements the hand rules: it fires only on a sentence no other rule flagged at
// warning or above, and its message names the features that pushed the score most,
// so a finding can be explained and argued with.
//
// Features (blameFeatures) are deterministic and cheap: lower-cased word unigrams
// and bigrams within a clause (punctuation breaks bigrams), with a recognised
// person — a roster name, a given name, a handle, a role phrase, he/she/someone —
// read as <PERSON>, numbers as <NUM>, code spans as <CODE>, an extra <NEG> for
// not/never/no/…n't, and <SEC:kind> for the section kind.

// KindModel is the kind of the statistical blame rule (blame.model).
const KindModel = "model"

// modelFile is the embedded model; scripts/trainlint writes it.
const modelFile = "data/blame_model.tsv"

// blameModel is a linear model: score = bias + Σ weight of each present feature.
type blameModel struct {
	bias, threshold float64
	w               map[string]float64
}

// parseModel reads the model file: "#" header lines (one of them "# threshold: X"),
// then feature<TAB>weight lines; the feature <BIAS> is the intercept.
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

// score returns the model score of a feature set and the features that raised it
// most (up to three, strongest first).
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
	var out []string
	for _, t := range top {
		if len(out) == 3 {
			break
		}
		if strings.HasPrefix(t.f, "<SEC:") {
			continue
		}
		out = append(out, t.f)
	}
	return s, out
}

// isNegation reports whether a lower-case word negates.
func isNegation(w string) bool {
	switch w {
	case "not", "never", "no", "nobody", "nothing", "neither", "nor", "without", "cannot":
		return true
	}
	return strings.HasSuffix(w, "n't")
}

// blameFeatures returns the distinct features of one sentence, sorted.
func (l *Linter) blameFeatures(toks []token, kind string, r *roster) []string {
	seen := map[string]bool{}
	add := func(f string) { seen[f] = true }
	if kind != "" && kind != "other" {
		add("<SEC:" + kind + ">")
	}
	prev := ""
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		var w string
		switch t.kind {
		case tPunct:
			prev = ""
			continue
		case tNumber:
			w = "<NUM>"
		case tCode:
			w = "<CODE>"
		case tOther:
			w = "<OTHER>"
		}
		if w == "" {
			if s, ok := l.personAt(toks, i, r); ok && s.end > i && s.class != classPronoun && s.class != classThey {
				w = "<PERSON>"
				if toks[s.end-1].poss {
					w = "<PERSON>'s"
				}
				i = s.end - 1
			} else {
				w = t.low
				if isNegation(w) {
					add("<NEG>")
				}
			}
		}
		add(w)
		if prev != "" {
			add(prev + " " + w)
		}
		prev = w
	}
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// ModelFeatures returns the features the model rule reads in text (all of its
// sentences together), with section as TextOptions.Section. scripts/trainlint uses
// it so the trainer and the rule see exactly the same features.
func (l *Linter) ModelFeatures(text, section string) []string {
	kind, heading := l.resolveSection(section)
	p := scanProse(text, kind, heading, l.classifyHeading)
	r := newRoster(nil)
	seen := map[string]bool{}
	for _, s := range p.sentences() {
		for _, f := range l.blameFeatures(s.toks, p.blocks[s.blk].section, r) {
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
	for _, m := range l.models {
		if !m.inScope(kind) || (keep != nil && !keep(m)) {
			continue
		}
		if feats == nil {
			feats = l.blameFeatures(toks, kind, r)
		}
		s, top := l.model.score(feats)
		if s < l.model.threshold || len(top) == 0 {
			continue
		}
		// In a [lucky] section a sentence about the system is the point of the
		// section ("the cache happened to be warm"); only a person can be blamed.
		if kind == "lucky" && !hasPerson(feats) {
			continue
		}
		quoted := make([]string, len(top))
		for i, f := range top {
			quoted[i] = "'" + f + "'"
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

func hasPerson(feats []string) bool {
	for _, f := range feats {
		if f == "<PERSON>" || f == "<PERSON>'s" {
			return true
		}
	}
	return false
}
