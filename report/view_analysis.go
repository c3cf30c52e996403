package report

import (
	"strings"

	hindsight "github.com/hindsight-sre/hindsight"
)

// Layer is one layer of contributing factors.
type Layer struct {
	Name    string
	Label   string
	Factors []Factor
	Missing string
}

// Factor is one contributing factor, with links to its evidence, to the
// factors it led to and to the action items that address it.
type Factor struct {
	ID          string
	Anchor      string
	Text        string
	Layer       string
	Tags        []string
	KnownAtTime bool
	Evidence    []Ref
	LeadsTo     []string
	AddressedBy []string
}

// Chain is one 5 Whys chain: Steps[0] is the symptom and each next step
// answers "why?" of the one before.
type Chain struct {
	N     int
	Steps []Factor
}

// LessonGroup is one kind of lesson (went well, went wrong, got lucky).
type LessonGroup struct {
	Kind    string
	Label   string
	Items   []string
	Missing string
}

// ThirdParty is one vendor or upstream dependency and how it took part.
type ThirdParty struct {
	Vendor      string
	Expectation string
	// Outcome explains Expectation in words.
	Outcome string
	Notes   string
	Actions []string
}

var layerText = map[hindsight.Layer][2]string{
	hindsight.LayerTechnical: {"Technical",
		"No technical factors yet: ask what in the software, infrastructure or tooling behaved in a way nobody expected."},
	hindsight.LayerProcess: {"Process",
		"No process factors yet: ask how the way work is reviewed, rolled out, handed over or escalated played a part."},
	hindsight.LayerOrganizational: {"Organizational",
		"No organizational factors yet: ask which goals, deadlines, staffing or norms made the other factors more likely."},
}

var lessonText = map[hindsight.LessonKind][2]string{
	hindsight.LessonWentWell: {"What went well",
		"Nothing recorded yet: note what helped (an alert that fired, a runbook that worked, a quick decision) so that it is kept."},
	hindsight.LessonWentWrong: {"What went wrong",
		"Nothing recorded yet: note where the system or the process made the response harder."},
	hindsight.LessonLucky: {"Where we got lucky",
		"Nothing recorded yet: ask where chance limited the impact; every lucky break is a risk worth an action item."},
}

var outcomeText = map[string]string{
	hindsight.ExpectationViolated: "Did not meet what we expected of them",
	hindsight.ExpectationMet:      "Met what we expected; our own design did not absorb the failure",
	hindsight.ExpectationUnclear:  "We had no clear expectation of them",
}

func factors(inc *hindsight.Incident, byID map[string]Ref) ([]Layer, []Chain) {
	addressedBy := map[string][]string{}
	for _, a := range inc.Actions {
		for _, f := range a.Addresses {
			addressedBy[f] = append(addressedBy[f], a.ID)
		}
	}
	view := func(f hindsight.Factor) Factor {
		out := Factor{ID: f.ID, Anchor: "factor-" + f.ID, Text: strings.TrimSpace(f.Text), Layer: string(f.Layer),
			Tags: f.Tags, KnownAtTime: f.KnownAtTime, LeadsTo: f.Causes, AddressedBy: addressedBy[f.ID]}
		for _, id := range f.Evidence {
			out.Evidence = append(out.Evidence, ref(id, byID))
		}
		return out
	}
	var layers []Layer
	if len(inc.Factors) > 0 {
		grouped := inc.FactorsByLayer()
		for _, l := range hindsight.Layers {
			row := Layer{Name: string(l), Label: layerText[l][0]}
			for _, f := range grouped[l] {
				row.Factors = append(row.Factors, view(f))
			}
			if len(row.Factors) == 0 {
				row.Missing = layerText[l][1]
			}
			layers = append(layers, row)
		}
	}
	var chains []Chain
	for i, path := range inc.Chains() {
		c := Chain{N: i + 1}
		for _, f := range path {
			c.Steps = append(c.Steps, view(f))
		}
		chains = append(chains, c)
	}
	return layers, chains
}

func lessons(ls []hindsight.Lesson) []LessonGroup {
	out := make([]LessonGroup, 0, len(hindsight.LessonKinds))
	for _, k := range hindsight.LessonKinds {
		g := LessonGroup{Kind: string(k), Label: lessonText[k][0]}
		for _, l := range ls {
			if l.Kind == k && strings.TrimSpace(l.Text) != "" {
				g.Items = append(g.Items, strings.TrimSpace(l.Text))
			}
		}
		if len(g.Items) == 0 {
			g.Missing = lessonText[k][1]
		}
		out = append(out, g)
	}
	return out
}
