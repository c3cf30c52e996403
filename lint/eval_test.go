package lint

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// labelled is one line of a labelled evaluation set.
type labelled struct {
	text, section, label string
	holdout              bool
	line                 int
}

// readLabelled reads a labelled set: one item per line, "#" comments, an optional
// "[section] " prefix, an optional "label<TAB>" prefix (tsv), and a
// "# --- holdout ---" marker after which items are the held-out part.
func readLabelled(t *testing.T, name string, tsv bool) []labelled {
	t.Helper()
	return readSet(t, filepath.Join("labelled", name), tsv)
}

// readSet reads a labelled set at a path under testdata (same format as readLabelled).
func readSet(t *testing.T, name string, tsv bool) []labelled {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	hold := false
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			if line == "# --- holdout ---" {
				hold = true
			}
			continue
		}
		it := labelled{holdout: hold, line: n}
		if tsv {
			lab, rest, ok := strings.Cut(line, "\t")
			if !ok {
				t.Fatalf("%s:%d: want label<TAB>text", name, n)
			}
			it.label, line = lab, rest
		}
		if strings.HasPrefix(line, "[") {
			if i := strings.Index(line, "] "); i > 0 {
				it.section, line = line[1:i], line[i+2:]
			}
		}
		it.text = line
		out = append(out, it)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// flagged reports whether findings include one at warning or above: info-level
// hints are style nudges, not the "this is blameful / vague" verdict measured here.
func flagged(fs []Finding) bool { return Exceeds(fs, Warning) }

type rate struct{ hit, n int }

func (r rate) pct() float64 {
	if r.n == 0 {
		return 0
	}
	return 100 * float64(r.hit) / float64(r.n)
}

// TestLabelledRates measures the checks on the labelled sets and logs the rates
// (run with -v to see them; -run TestLabelledRates -v -misses to list misses).
// The floors are deliberately loose: they catch regressions without tuning the
// rules to pass. The targets are ≥ 90% / ≤ 5% (language), ≥ 85% / ≤ 10% (action
// items) and ≥ 85% category accuracy.
func TestLabelledRates(t *testing.T) {
	l := mustLoad(t)
	verbose := os.Getenv("LINT_MISSES") != ""
	score := func(items []labelled, check func(labelled) bool) (dev, hold rate) {
		for _, it := range items {
			r := &dev
			if it.holdout {
				r = &hold
			}
			r.n++
			if check(it) {
				r.hit++
			}
		}
		return
	}
	text := func(it labelled) []Finding { return l.Text(it.text, TextOptions{Section: it.section}) }
	show := func(kind string, it labelled, fs []Finding) {
		if verbose {
			var rules []string
			for _, f := range fs {
				rules = append(rules, string(f.Severity)+":"+f.Rule)
			}
			t.Logf("%s line %d (holdout=%v): %s %v", kind, it.line, it.holdout, it.text, rules)
		}
	}

	blameful := readLabelled(t, "blameful.txt", false)
	bfDev, bfHold := score(blameful, func(it labelled) bool {
		fs := text(it)
		if !flagged(fs) {
			show("MISSED blameful", it, fs)
		}
		return flagged(fs)
	})
	blameless := readLabelled(t, "blameless.txt", false)
	blDev, blHold := score(blameless, func(it labelled) bool {
		fs := text(it)
		if flagged(fs) {
			show("FLAGGED blameless", it, fs)
		}
		return flagged(fs)
	})
	action := func(it labelled) ([]Finding, Category) { return l.Action(Action{Text: it.text}) }
	vague := readLabelled(t, "actions_vague.txt", false)
	vDev, vHold := score(vague, func(it labelled) bool {
		fs, _ := action(it)
		if !flagged(fs) {
			show("MISSED vague", it, fs)
		}
		return flagged(fs)
	})
	good := readLabelled(t, "actions_good.tsv", true)
	gDev, gHold := score(good, func(it labelled) bool {
		fs, _ := action(it)
		if flagged(fs) {
			show("FLAGGED good", it, fs)
		}
		return flagged(fs)
	})
	cDev, cHold := score(good, func(it labelled) bool {
		_, c := action(it)
		if string(c) != it.label {
			show("CATEGORY "+string(c)+" want "+it.label, it, nil)
		}
		return string(c) == it.label
	})
	sum := func(a, b rate) rate { return rate{a.hit + b.hit, a.n + b.n} }
	t.Logf("blameful flagged:      all %5.1f%% (%d/%d)  dev %5.1f%%  holdout %5.1f%%", sum(bfDev, bfHold).pct(), bfDev.hit+bfHold.hit, bfDev.n+bfHold.n, bfDev.pct(), bfHold.pct())
	t.Logf("blameless flagged:     all %5.1f%% (%d/%d)  dev %5.1f%%  holdout %5.1f%%", sum(blDev, blHold).pct(), blDev.hit+blHold.hit, blDev.n+blHold.n, blDev.pct(), blHold.pct())
	t.Logf("vague actions flagged: all %5.1f%% (%d/%d)  dev %5.1f%%  holdout %5.1f%%", sum(vDev, vHold).pct(), vDev.hit+vHold.hit, vDev.n+vHold.n, vDev.pct(), vHold.pct())
	t.Logf("good actions flagged:  all %5.1f%% (%d/%d)  dev %5.1f%%  holdout %5.1f%%", sum(gDev, gHold).pct(), gDev.hit+gHold.hit, gDev.n+gHold.n, gDev.pct(), gHold.pct())
	t.Logf("category correct:      all %5.1f%% (%d/%d)  dev %5.1f%%  holdout %5.1f%%", sum(cDev, cHold).pct(), cDev.hit+cHold.hit, cDev.n+cHold.n, cDev.pct(), cHold.pct())

	if len(blameful) < 150 || len(blameless) < 150 || len(vague) < 80 || len(good) < 80 {
		t.Errorf("labelled sets too small: %d blameful, %d blameless, %d vague, %d good", len(blameful), len(blameless), len(vague), len(good))
	}
	floors := []struct {
		name string
		got  float64
		ok   func(float64) bool
		want string
	}{
		{"blameful recall", sum(bfDev, bfHold).pct(), func(v float64) bool { return v >= 80 }, ">= 80%"},
		{"blameless false positives", sum(blDev, blHold).pct(), func(v float64) bool { return v <= 10 }, "<= 10%"},
		{"vague recall", sum(vDev, vHold).pct(), func(v float64) bool { return v >= 75 }, ">= 75%"},
		{"good false positives", sum(gDev, gHold).pct(), func(v float64) bool { return v <= 20 }, "<= 20%"},
		{"category accuracy", sum(cDev, cHold).pct(), func(v float64) bool { return v >= 70 }, ">= 70%"},
	}
	for _, f := range floors {
		if !f.ok(f.got) {
			t.Errorf("%s = %.1f%%, want %s", f.name, f.got, f.want)
		}
	}

	// The blind language sets: blind2 was written before the lint2 tuning (and its
	// rates since then are tuned-on figures), blind3 after it and never tuned on.
	// Only loose floors, so the sets measure rather than steer. blind3 measured
	// 62.8% / 0.0% once when written (below the 90% target); its floor guards
	// against regressions from there, it is not the target. dev4 is a development
	// set by an independent labeller (200 + 200, hard cases on both sides); it
	// measured 57.0% / 1.5% (114/200, 3/200) before the structural subject work
	// and 95.0% / 0.0% after it (tuned on; its held-out twin is measured by the
	// lead). The floors stay loose. blind4 is dev4's held-out twin (120 + 120),
	// kept out of the tuning worktree and measured once after it: 59.2% / 0.0%
	// (71/120, 0/120). blind5 (150 + 150) came from a second independent
	// labeller while the lint5 round tuned on blind3/blind4, and was measured
	// once after it: 68.7% / 0.7% (103/150, 1/150). blind6 (150 + 150) came from
	// a third independent labeller while the lint6 round tuned on everything
	// above, and was measured once after it: 67.3% / 0.0% (101/150, 0/150).
	// blind7 (120 + 120) came from a fourth independent labeller while the
	// lint7 round tuned on blind6; measured once after it: 60.0% / 2.5%
	// (72/120, 3/120); the rules before lint7 scored 58.3% / 1.7% on it.
	// blind8 (120 + 120) came from a fifth independent labeller while
	// blame.model was trained on everything above, and was measured once
	// after: 86.7% / 4.2% (104/120, 5/120) with the model, 81.7% / 4.2%
	// with the hand rules alone. blind8 is not in the model's training data. lint5 then used every set as development data and added
	// broad, shape-based rules (blame.person-negative, blame.assigned,
	// blame.sanction-broad, hindsight.easy-in-hindsight); blameful / blameless
	// flagged, before → after: labelled 97.1/0.0 → 97.7/0.0, blind2 93.5/0.7 →
	// 94.9/0.7, blind3 72.1/0.0 → 93.0/0.0, dev4 95.0/0.0 → 96.5/0.0, blind4
	// 59.2/0.0 → 90.0/0.0 (all tuned on now; blind5 is the held-out measure).
	// evallint on the 47 real postmortems: unchanged (no new findings).
	// lint6 used every set as development data and added shape-level mechanisms
	// (lower-case handle shapes, a negative-valence clause model for a person's act,
	// person-hung counterfactuals, collective omission, sarcasm, culprit roles and
	// sanctions); blameful / blameless flagged, before → after: labelled 97.7/0.0 →
	// 98.3/0.0, blind2 94.9/0.7 → 96.4/0.7, blind3 93.0/0.0 → 97.7/0.0, dev4
	// 96.5/0.0 → 98.0/0.0, blind4 90.0/0.0 → 91.7/0.0, blind5 68.7/0.7 → 92.7/0.7.
	// evallint: unchanged (one new warning seen during tuning was a false positive
	// and was removed). blind6 is the held-out measure.
	// lint7 used every set as development data and moved the operating point of the
	// shape-level detectors instead of adding phrases: blame.person-judged (any verb
	// of a person with a word of judgement in the clause), blame.person-cause (a
	// person as the cause whatever the verb, 5-Whys answers about a person),
	// people.modal-judgement ("just needed to", "are expected not to"); a comma and
	// "which" end a when_sentence clause. Blameful / blameless flagged, before →
	// after: labelled 98.3/0.0 → 98.3/0.0, blind2 96.4/0.7 → 96.4/0.7, blind3
	// 97.7/0.0 → 97.7/0.0, dev4 98.0/0.0 → 98.0/0.0, blind4 91.7/0.0 → 94.2/0.0,
	// blind5 92.7/0.7 → 92.7/0.7, blind6 67.3/0.0 → 78.0/0.7 (the one new false
	// positive: a bot introduced by a given name, "Marvin, our alert-routing bot,").
	// The bare adverbs "again", "still", "just", "even", "never" and the bare
	// adjective "wrong" were tried and dropped: 7 new warnings on the real
	// postmortems, all blameless ("cleaned up all wrong pods again"). evallint:
	// no new warning-level findings. blind7 is the held-out measure.
	// lint8 (blame.model with valence, meaning clusters and person windows,
	// trained also on the real postmortems' sentences as blameless prose, its
	// threshold by leave-one-set-out cross-validation): dev9–dev13 (260 + 260
	// each) came from five more independent labellers as training data; their
	// leave-one-set-out rates (hand rules + model) were 79.6/3.5, 85.0/3.8,
	// 62.7/1.9, 82.7/1.9, 81.9/5.4 (scripts/trainlint); here they are in-sample.
	// blind9 and blind10 (130 + 130 each) came from two more labellers while the
	// model was built, and were measured once after it: 80.0% / 3.8% (104/130,
	// 5/130) and 83.8% / 1.5% (109/130, 2/130). That measurement showed the rule
	// skipped action-item sections although its threshold had been validated with
	// them; after making the rule and the trainer agree: 81.5% / 3.8% and
	// 87.7% / 1.5% (hand rules alone 50.8% / 1.5% and 58.5% / 1.5%).
	// lint9 added six more labellers' sets as training data (dev14–dev19: a game
	// studio, a regulated enterprise in formal register, a data team, security
	// response, a fintech SRE, non-native writers; leave-one-set-out 82.7/3.1,
	// 61.2/4.2, 71.2/2.3, 83.1/4.2, 84.6/5.4, 78.8/5.8) and titles as people
	// ("Mr. Osei"). blind11 and blind12 (130 + 130 each, two more labellers,
	// written before this round) were measured once after it: 81.5% / 1.5%
	// (106/130, 2/130) and 87.7% / 3.8% (114/130, 5/130); hand rules alone
	// 51.5% / 0.8% and 60.8% / 3.1%. The same average as blind9 + blind10:
	// more data of this kind no longer moves new writers' text.
	// lint10 gave the model letter 4-grams of words, cut hand-rule false positives
	// found in the training sets (credit after "thanks to", "human error is not a
	// root cause", finding a bad change, words inside hyphenated names; 1.8% → 1.2%
	// of labelled blameless lines at the same recall), added role nouns outside
	// software (officer, implementer, requester, personnel …), weighted the real
	// postmortems' sentences 1, and moved the operating point to <= 4% out-of-fold
	// false positives and <= 1.5% of real-postmortem sentences (threshold 1.290;
	// out of fold 89.7% / 4.0%). Inline suppressions came with it so a team can
	// keep a sentence. blind13–blind16 (130 + 130 each, four more labellers:
	// chat-heavy platform team, regulated insurer in formal register, open-source
	// maintainers with non-native contributors, telecom NOC and ML platform) were
	// written before any of this was measured and scored once after it:
	// 93.8% / 0.8% (122/130, 1/130), 90.0% / 6.2% (117/130, 8/130), 93.1% / 2.3%
	// (121/130, 3/130), 94.6% / 3.8% (123/130, 5/130): 92.9% / 3.3% over the
	// 520 + 520 lines. Hand rules alone 63.8/0.8, 64.6/5.4, 61.5/2.3, 63.8/2.3.
	// Nothing has been tuned on them since. blind17 and blind18 (130 + 130 each,
	// two more labellers: a mobile banking app team; UK public-sector digital
	// services and a university HPC centre) were commissioned afterwards to confirm
	// the result and scored once with the same model: 92.3% / 3.8% (120/130, 5/130)
	// and 90.8% / 3.8% (118/130, 5/130). Over blind13–blind18: 92.4% / 3.5%
	// (721/780, 27/780).
	for _, b := range []struct {
		dir      string
		minN     int
		recall   float64
		falsePos float64
	}{{"blind2", 120, 75, 10}, {"blind3", 40, 80, 10}, {"dev4", 190, 80, 10}, {"blind4", 110, 80, 10}, {"blind5", 140, 80, 10}, {"blind6", 140, 70, 10}, {"blind7", 110, 50, 10}, {"blind8", 110, 75, 10}, {"dev9", 250, 70, 10}, {"dev10", 250, 70, 10}, {"dev11", 250, 55, 10}, {"dev12", 250, 55, 10}, {"dev13", 250, 70, 10}, {"dev14", 250, 70, 10}, {"dev15", 250, 50, 10}, {"dev16", 250, 60, 10}, {"dev17", 250, 70, 10}, {"dev18", 250, 70, 10}, {"dev19", 250, 65, 10}, {"blind9", 120, 50, 10}, {"blind10", 120, 50, 10}, {"blind11", 120, 50, 10}, {"blind12", 120, 50, 10}, {"blind13", 120, 80, 10}, {"blind14", 120, 80, 10}, {"blind15", 120, 80, 10}, {"blind16", 120, 80, 10}, {"blind17", 120, 80, 10}, {"blind18", 120, 80, 10}} {
		bf, bl := languageRates(t, l, b.dir)
		t.Logf("%s blameful flagged:  %5.1f%% (%d/%d)", b.dir, bf.pct(), bf.hit, bf.n)
		t.Logf("%s blameless flagged: %5.1f%% (%d/%d)", b.dir, bl.pct(), bl.hit, bl.n)
		if bf.n < b.minN || bl.n < b.minN {
			t.Errorf("%s too small: %d blameful, %d blameless, want %d each", b.dir, bf.n, bl.n, b.minN)
		}
		if bf.pct() < b.recall || bl.pct() > b.falsePos {
			t.Errorf("%s rates %.1f%% / %.1f%% fell below the loose floors (>= %.0f%% / <= %.0f%%)", b.dir, bf.pct(), bl.pct(), b.recall, b.falsePos)
		}
	}
}

// TestBlindRates measures the blind sets: written after the rules were tuned and
// never used to tune them, so their rates are the honest estimate of how the checks
// do on new text. Only logged, with the same loose floors as TestLabelledRates.
func TestBlindRates(t *testing.T) {
	l := mustLoad(t)
	verbose := os.Getenv("LINT_MISSES") != ""
	count := func(items []labelled, hit func(labelled) bool) rate {
		var r rate
		for _, it := range items {
			r.n++
			if hit(it) {
				r.hit++
			} else if verbose {
				t.Logf("not as expected: %s", it.text)
			}
		}
		return r
	}
	bf := count(readLabelled(t, "blind_blameful.txt", false), func(it labelled) bool {
		return flagged(l.Text(it.text, TextOptions{Section: it.section}))
	})
	bl := count(readLabelled(t, "blind_blameless.txt", false), func(it labelled) bool {
		return !flagged(l.Text(it.text, TextOptions{Section: it.section}))
	})
	va := count(readLabelled(t, "blind_actions_vague.txt", false), func(it labelled) bool {
		fs, _ := l.Action(Action{Text: it.text})
		return flagged(fs)
	})
	good := readLabelled(t, "blind_actions_good.tsv", true)
	ga := count(good, func(it labelled) bool {
		fs, _ := l.Action(Action{Text: it.text})
		return !flagged(fs)
	})
	ca := count(good, func(it labelled) bool {
		_, c := l.Action(Action{Text: it.text})
		return string(c) == it.label
	})
	t.Logf("blind blameful flagged:      %5.1f%% (%d/%d)", bf.pct(), bf.hit, bf.n)
	t.Logf("blind blameless flagged:     %5.1f%% (%d/%d)", 100-bl.pct(), bl.n-bl.hit, bl.n)
	t.Logf("blind vague actions flagged: %5.1f%% (%d/%d)", va.pct(), va.hit, va.n)
	t.Logf("blind good actions flagged:  %5.1f%% (%d/%d)", 100-ga.pct(), ga.n-ga.hit, ga.n)
	t.Logf("blind category correct:      %5.1f%% (%d/%d)", ca.pct(), ca.hit, ca.n)
	if bf.pct() < 70 || 100-bl.pct() > 15 || va.pct() < 65 || 100-ga.pct() > 30 || ca.pct() < 60 {
		t.Errorf("blind rates fell below the loose floors (70%% / 15%% / 65%% / 30%% / 60%%)")
	}
}

// languageRates measures one pair of blind language sets: the share of blameful
// sentences flagged and the share of blameless ones flagged (warning or above).
// With LINT_MISSES set it logs every sentence on the wrong side.
func languageRates(t *testing.T, l *Linter, dir string) (blameful, blameless rate) {
	t.Helper()
	verbose := os.Getenv("LINT_MISSES") != ""
	check := func(it labelled) []Finding { return l.Text(it.text, TextOptions{Section: it.section}) }
	for _, it := range readSet(t, filepath.Join(dir, "blameful.txt"), false) {
		blameful.n++
		if fs := check(it); flagged(fs) {
			blameful.hit++
		} else if verbose {
			t.Logf("%s MISSED line %d: %s %v", dir, it.line, it.text, ruleList(fs))
		}
	}
	for _, it := range readSet(t, filepath.Join(dir, "blameless.txt"), false) {
		blameless.n++
		if fs := check(it); flagged(fs) {
			blameless.hit++
			if verbose {
				t.Logf("%s FLAGGED line %d: %s %v", dir, it.line, it.text, ruleList(fs))
			}
		}
	}
	return
}

func ruleList(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Severity)+":"+f.Rule)
	}
	return out
}

func mustLoad(t testing.TB) *Linter {
	t.Helper()
	l, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	return l
}
