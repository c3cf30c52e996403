// Command trainlint trains the statistical blame rule (blame.model) and writes
// lint/data/blame_model.tsv. Run it from the repository root:
//
//	go run ./scripts/trainlint
//
// It reads every labelled language set in lint/testdata (blameful.txt = 1,
// blameless.txt = 0, and labelled/blind_blame*.txt), turns each sentence into the
// features the rule reads (lint.Linter.ModelFeatures), and fits an L2-regularised
// logistic regression with full-batch AdaGrad for a fixed number of steps, so the
// output is the same on every run. The threshold is picked by k-fold
// cross-validation: the lowest score at which the rule, added to the hand rules (it
// fires only where they did not), keeps cross-validated false positives on the
// blameless sentences at or below -maxfp. The cross-validated rates it prints are
// held-out figures; rates measured on the sets afterwards are not (the sets are the
// training data).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hindsight-sre/hindsight/lint"
)

type item struct {
	set, text, section string
	y                  float64
	feats              []string
	rules              bool // flagged at warning or above by the other rules
	fold               int
}

func main() {
	var (
		dir     = flag.String("testdata", "lint/testdata", "labelled sets")
		out     = flag.String("out", "lint/data/blame_model.tsv", "model file to write")
		k       = flag.Int("k", 5, "cross-validation folds")
		l2      = flag.Float64("l2", 1.0, "L2 penalty (on the summed log-loss)")
		steps   = flag.Int("steps", 300, "AdaGrad steps")
		maxFP   = flag.Float64("maxfp", 3.0, "cross-validated false positives allowed, percent (hand rules + model)")
		floor   = flag.Float64("min-threshold", minThreshold, "lowest threshold written, whatever cross-validation allows")
		minDF   = flag.Int("min-df", 2, "features must occur in at least this many training sentences")
		trained = flag.String("date", trainedDate, "date written in the header (fixed so output is reproducible)")
	)
	flag.Parse()
	l, err := lint.Load(nil)
	if err != nil {
		log.Fatal(err)
	}
	items, sets := readAll(*dir)
	for i := range items {
		it := &items[i]
		it.feats = l.ModelFeatures(it.text, it.section)
		for _, f := range l.Text(it.text, lint.TextOptions{Section: it.section}) {
			if f.Rule != "blame.model" && f.Severity.AtLeast(lint.Warning) {
				it.rules = true
			}
		}
		h := fnv.New32a()
		h.Write([]byte(it.set + "\x00" + it.text))
		it.fold = int(h.Sum32() % uint32(*k))
	}

	// Cross-validation: out-of-fold scores for every sentence.
	cv := make([]float64, len(items))
	for f := 0; f < *k; f++ {
		var train []item
		for _, it := range items {
			if it.fold != f {
				train = append(train, it)
			}
		}
		m := fit(train, *l2, *steps, *minDF)
		for i, it := range items {
			if it.fold == f {
				cv[i] = m.score(it.feats)
			}
		}
	}
	// The threshold: the lowest at which hand rules + model stay within maxFP on
	// the blameless sentences, out of fold.
	var cands []float64
	for i, it := range items {
		if it.y == 0 {
			cands = append(cands, cv[i])
		}
	}
	sort.Float64s(cands)
	thr := math.Inf(1)
	for j := len(cands) - 1; j >= 0; j-- {
		t := cands[j] + 1e-9
		if fpAt(items, cv, t) > *maxFP {
			break
		}
		thr = t
	}
	thr = math.Round(thr*1000) / 1000
	chosen := thr
	if thr < *floor {
		thr = *floor
	}
	fmt.Printf("%d sentences (%d blameful, %d blameless) from %s; %d-fold cross-validation\n", len(items), count(items, 1), count(items, 0), strings.Join(sets, ", "), *k)
	fmt.Printf("threshold: %.3f (cross-validation allows %.3f at <= %.1f%% false positives; floor %.3f)\n", thr, chosen, *maxFP, *floor)
	report := func(name string, keep func(item) bool) {
		var bf, bfN, bl, blN, mbf, mbl int
		var rbf, rbl int
		for i, it := range items {
			if !keep(it) {
				continue
			}
			model := cv[i] >= thr
			if it.y == 1 {
				bfN++
				if it.rules || model {
					bf++
				}
				if model {
					mbf++
				}
				if it.rules {
					rbf++
				}
			} else {
				blN++
				if it.rules || model {
					bl++
				}
				if model {
					mbl++
				}
				if it.rules {
					rbl++
				}
			}
		}
		fmt.Printf("  %-10s rules %5.1f%% / %4.1f%%   model alone %5.1f%% / %4.1f%%   rules+model %5.1f%% / %4.1f%%   (%d / %d)\n", name,
			pct(rbf, bfN), pct(rbl, blN), pct(mbf, bfN), pct(mbl, blN), pct(bf, bfN), pct(bl, blN), bfN, blN)
	}
	fmt.Println("cross-validated, blameful / blameless flagged:")
	report("all", func(item) bool { return true })
	for _, s := range sets {
		report(s, func(it item) bool { return it.set == s })
	}

	m := fit(items, *l2, *steps, *minDF)
	if err := write(*out, m, thr, sets, *trained, len(items), *k, *l2, *steps, *minDF, *maxFP); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s (%d features)\n", *out, len(m.w))
}

// minThreshold is the lowest threshold written: cross-validation on the labelled
// sets allows a lower one, but on the 47 real postmortems (evallint) it added more
// than a handful of warnings, so the operating point was raised until it did not.
const minThreshold = 4.5

// trainedDate is written into the header; update it when retraining on new data.
const trainedDate = "2026-11-27"

func fpAt(items []item, cv []float64, t float64) float64 {
	var n, fp int
	for i, it := range items {
		if it.y == 0 {
			n++
			if it.rules || cv[i] >= t {
				fp++
			}
		}
	}
	return pct(fp, n)
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func count(items []item, y float64) int {
	n := 0
	for _, it := range items {
		if it.y == y {
			n++
		}
	}
	return n
}

type model struct {
	bias float64
	w    map[string]float64
}

func (m *model) score(feats []string) float64 {
	s := m.bias
	for _, f := range feats {
		s += m.w[f]
	}
	return s
}

// fit trains an L2-regularised logistic regression by full-batch AdaGrad. Features
// seen in fewer than minDF training sentences are left out.
func fit(items []item, l2 float64, steps, minDF int) *model {
	df := map[string]int{}
	for _, it := range items {
		for _, f := range it.feats {
			df[f]++
		}
	}
	var names []string
	for f, n := range df {
		if n >= minDF {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	idx := map[string]int{}
	for i, f := range names {
		idx[f] = i
	}
	X := make([][]int, len(items))
	for i, it := range items {
		for _, f := range it.feats {
			if j, ok := idx[f]; ok {
				X[i] = append(X[i], j)
			}
		}
	}
	w := make([]float64, len(names))
	g2 := make([]float64, len(names))
	var b, gb2 float64
	grad := make([]float64, len(names))
	const lr = 0.5
	for s := 0; s < steps; s++ {
		for j := range grad {
			grad[j] = l2 * w[j]
		}
		var gb float64
		for i, it := range items {
			z := b
			for _, j := range X[i] {
				z += w[j]
			}
			d := 1/(1+math.Exp(-z)) - it.y
			gb += d
			for _, j := range X[i] {
				grad[j] += d
			}
		}
		for j, g := range grad {
			g2[j] += g * g
			if g2[j] > 0 {
				w[j] -= lr * g / math.Sqrt(g2[j])
			}
		}
		gb2 += gb * gb
		if gb2 > 0 {
			b -= lr * gb / math.Sqrt(gb2)
		}
	}
	m := &model{bias: b, w: map[string]float64{}}
	for j, f := range names {
		if math.Abs(w[j]) >= 1e-3 {
			m.w[f] = w[j]
		}
	}
	return m
}

func write(path string, m *model, thr float64, sets []string, date string, n, k int, l2 float64, steps, minDF int, maxFP float64) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# blame.model: logistic regression over sentence features (lint/model.go).\n")
	fmt.Fprintf(&b, "# Generated by `go run ./scripts/trainlint`; do not edit.\n")
	fmt.Fprintf(&b, "# trained: %s on %d sentences from lint/testdata: %s\n", date, n, strings.Join(sets, ", "))
	fmt.Fprintf(&b, "# l2: %g, steps: %d, min-df: %d; threshold by %d-fold cross-validation at <= %g%% false positives (rules + model)\n", l2, steps, minDF, k, maxFP)
	fmt.Fprintf(&b, "# threshold: %.3f\n", thr)
	fmt.Fprintf(&b, "<BIAS>\t%.6f\n", m.bias)
	names := make([]string, 0, len(m.w))
	for f := range m.w {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		fmt.Fprintf(&b, "%s\t%.6f\n", f, m.w[f])
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// heldOut names the sets the model must never see: written after it was
// trained, they measure it on new text (lint/eval_test.go records the figures).
var heldOut = map[string]bool{"blind8": true}

// readAll reads every labelled language set under dir, except the held-out ones.
func readAll(dir string) ([]item, []string) {
	var items []item
	var sets []string
	type src struct{ set, file string }
	var files []src
	subs, err := os.ReadDir(dir)
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range subs {
		if !d.IsDir() || heldOut[d.Name()] {
			continue
		}
		for _, pre := range []string{"", "blind_"} {
			for _, lab := range []string{"blameful.txt", "blameless.txt"} {
				p := filepath.Join(dir, d.Name(), pre+lab)
				if _, err := os.Stat(p); err == nil {
					files = append(files, src{d.Name() + "/" + pre + strings.TrimSuffix(lab, ".txt"), p})
				}
			}
		}
	}
	seenSet := map[string]bool{}
	for _, s := range files {
		set := strings.TrimSuffix(strings.TrimSuffix(s.set, "/blameful"), "/blameless")
		set = strings.TrimSuffix(strings.TrimSuffix(set, "/blind_blameful"), "/blind_blameless")
		if strings.Contains(s.set, "/blind_") {
			set += "-blind"
		}
		if !seenSet[set] {
			seenSet[set] = true
			sets = append(sets, set)
		}
		y := 0.0
		if strings.HasSuffix(s.file, "blameful.txt") {
			y = 1
		}
		f, err := os.Open(s.file)
		if err != nil {
			log.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			it := item{set: set, y: y}
			if strings.HasPrefix(line, "[") {
				if i := strings.Index(line, "] "); i > 0 {
					it.section, line = line[1:i], line[i+2:]
				}
			}
			it.text = line
			items = append(items, it)
		}
		f.Close()
	}
	return items, sets
}
