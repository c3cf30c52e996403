package lint

import (
	"strings"
	"testing"
)

func TestModelLoads(t *testing.T) {
	l := mustLoad(t)
	if l.model == nil || len(l.model.w) < 1000 || l.model.threshold <= 0 || l.model.threshold > 100 {
		t.Fatalf("model not loaded: %+v", l.model != nil)
	}
	if _, ok := l.Rule("blame.model"); !ok {
		t.Fatal("no blame.model rule")
	}
}

// The sentences here are written for this test and are in no training set.
func TestModelRule(t *testing.T) {
	l := mustLoad(t)
	model := func(s, sec string) (Finding, bool) {
		for _, f := range l.Text(s, TextOptions{Section: sec}) {
			if f.Rule == "blame.model" {
				return f, true
			}
		}
		return Finding{}, false
	}
	for _, s := range []string{
		"Once again Priya didn't bother to check anything, and this is the third time she forgot this month.",
		"Marco never listens and carelessly ignored the runbook again like he always does.",
	} {
		fs := l.Text(s, TextOptions{})
		if !flagged(fs) {
			t.Errorf("not flagged at all: %s", s)
		}
		if f, ok := model(s, ""); ok && !strings.HasPrefix(f.Message, "Reads as blame: '") {
			t.Errorf("message %q", f.Message)
		}
	}
	for _, s := range []string{
		"The deploy pipeline pushed config version 42 to all regions at 14:02.",
		"Error rates on the checkout service rose to 14% within six minutes.",
		"Replication lag recovered once the batch job finished.",
	} {
		if f, ok := model(s, ""); ok {
			t.Errorf("model fired on blameless %q: %s", s, f.Message)
		}
	}
	// The score itself, whatever the rules do.
	score := func(s string) float64 {
		v, _ := l.model.score(l.ModelFeatures(s, ""))
		return v
	}
	for _, s := range []string{
		"Once again Priya didn't bother to check anything, and this is the third time she forgot this month.",
		"Marco never listens and carelessly ignored the runbook again like he always does.",
	} {
		if v := score(s); v < l.model.threshold {
			t.Errorf("score %.2f < threshold %.2f on blameful %q", v, l.model.threshold, s)
		}
	}
}

func TestModelFeatures(t *testing.T) {
	l := mustLoad(t)
	got := strings.Join(l.ModelFeatures("Dan didn't check `cfg` at 14:02.", "lucky"), "|")
	for _, want := range []string{"<PERSON>", "<NEG>", "<PERSON> didn't", "<CODE>", "<NUM>", "<SEC:lucky>"} {
		if !strings.Contains("|"+got+"|", "|"+want+"|") {
			t.Errorf("features %s lack %s", got, want)
		}
	}
}

// The valence and cluster features generalise past the words of the training
// data: a negative word after a person, and the words' meaning clusters.
func TestModelFeaturesGeneralise(t *testing.T) {
	l := mustLoad(t)
	got := "|" + strings.Join(l.ModelFeatures("Dan carelessly skipped the checklist?", ""), "|") + "|"
	skipped := l.model.clusters["skipped"]
	for _, want := range []string{"<BAD>", "<PERSON>…<BAD>", "<Q>", "<PERSON>…<Q>", skipped.coarse, skipped.fine, "carelessly " + skipped.coarse} {
		if skipped.coarse == "" || !strings.Contains(got, "|"+want+"|") {
			t.Errorf("features %s lack %q", got, want)
		}
	}
	// Letter 4-grams, rune by rune, and weighted in the shipped model.
	got = "|" + strings.Join(l.ModelFeatures("Jürgen misconfigured the router.", ""), "|") + "|"
	for _, want := range []string{"~^mis", "~ured", "~red$"} {
		if !strings.Contains(got, "|"+want+"|") {
			t.Errorf("features %s lack %q", got, want)
		}
		if _, ok := l.model.w[want]; !ok {
			t.Errorf("the embedded model has no weight for %q", want)
		}
	}
	if got := strings.Join(l.ModelFeatures("Thanks for the quick fix, Steve.", ""), "|"); !strings.Contains(got, "<PERSON>$") {
		t.Errorf("a person addressed at the end: features %s lack <PERSON>$", got)
	}
}

// A model finding quotes the words of the sentence, not feature names.
func TestModelMessageQuotesWords(t *testing.T) {
	l := mustLoad(t)
	for _, f := range l.Text("Typical of Priya to skip the checklist again.", TextOptions{}) {
		if f.Rule == "blame.model" && (strings.Contains(f.Message, "<") || !strings.Contains(f.Message, "Priya")) {
			t.Errorf("message %q should quote the sentence's words", f.Message)
		}
	}
}

func TestModelDataErrors(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
		parse            func([]byte) error
	}{
		{"valence", "# c\ngood\t1.5\nbad\n", "data/valence.tsv:3", func(b []byte) error { _, err := parseValence(b); return err }},
		{"valence number", "bad\tminus\n", "data/valence.tsv:1", func(b []byte) error { _, err := parseValence(b); return err }},
		{"clusters", "word\t1\t2\nword\t1\n", "data/word-clusters.tsv:2", func(b []byte) error { _, err := parseClusters(b); return err }},
		{"model", "<BIAS>\tx\n", "data/blame_model.tsv:1", func(b []byte) error { _, err := parseModel(b); return err }},
		{"model comment among weights", "# threshold: 1\n<BIAS>\t0.5\n#abc\t1\n", "data/blame_model.tsv:3", func(b []byte) error { _, err := parseModel(b); return err }},
	} {
		err := tc.parse([]byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one naming %s", tc.name, err, tc.want)
		}
	}
}
