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
