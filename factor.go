package hindsight

import (
	"fmt"
	"strings"
)

// Layer is where a contributing factor sits: in the technology, in how work
// is done, or in how the organisation is set up. Good analyses find factors
// in more than one layer.
type Layer string

// The layers.
const (
	LayerTechnical      Layer = "technical"
	LayerProcess        Layer = "process"
	LayerOrganizational Layer = "organizational"
)

// Layers lists every valid Layer.
var Layers = []Layer{LayerTechnical, LayerProcess, LayerOrganizational}

// Factor is one contributing factor: a node of the causal graph. Causes
// holds the ids of the factors this one led to, so a 5 Whys chain is a path
// from a symptom back through its causes.
type Factor struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Layer Layer  `json:"layer"`
	// Tags refine the layer (for example "monitoring", "capacity", "training").
	Tags []string `json:"tags,omitempty"`
	// Evidence lists the ids of the timeline events that support the factor.
	Evidence []string `json:"evidence,omitempty"`
	// KnownAtTime says whether responders could know this during the incident.
	KnownAtTime bool     `json:"known_at_time,omitempty"`
	Causes      []string `json:"causes,omitempty"`
}

// Factor returns the factor with the given id.
func (inc *Incident) Factor(id string) (*Factor, bool) {
	for i := range inc.Factors {
		if inc.Factors[i].ID == id {
			return &inc.Factors[i], true
		}
	}
	return nil, false
}

// AddFactor adds a contributing factor. When causes is set, the new factor
// is recorded as a cause of that factor: asking "why?" of it.
func (inc *Incident) AddFactor(text string, layer Layer, causes string) (Factor, error) {
	f := Factor{ID: nextID("F", len(inc.Factors), func(id string) bool { _, ok := inc.Factor(id); return ok }),
		Text: strings.TrimSpace(text), Layer: layer}
	if causes != "" {
		f.Causes = []string{causes}
	}
	inc.Factors = append(inc.Factors, f)
	if err := validateFactors(inc.Factors); err != nil {
		inc.Factors = inc.Factors[:len(inc.Factors)-1]
		return Factor{}, err
	}
	return f, nil
}

// validateFactors enforces the causal-graph rules: known layers, text,
// unique ids, edges to existing factors, and no cycles.
func validateFactors(fs []Factor) error {
	byID := make(map[string]*Factor, len(fs))
	for i := range fs {
		f := &fs[i]
		if f.ID == "" {
			return Errorf(CodeInvalid, "a factor has no id")
		}
		if _, dup := byID[f.ID]; dup {
			return Errorf(CodeInvalid, "factor id %s is used twice", f.ID)
		}
		if strings.TrimSpace(f.Text) == "" {
			return Errorf(CodeInvalid, "factor %s has no text", f.ID)
		}
		if !oneOf(f.Layer, Layers) {
			return Errorf(CodeInvalid, "unknown layer %q for factor %s (want one of %s)", f.Layer, f.ID, list(Layers))
		}
		byID[f.ID] = f
	}
	for _, f := range fs {
		for _, c := range f.Causes {
			if _, ok := byID[c]; !ok {
				return Errorf(CodeNotFound, "factor %s causes unknown factor %s", f.ID, c)
			}
			if c == f.ID {
				return Errorf(CodeInvalid, "factor %s cannot cause itself", f.ID)
			}
		}
	}
	// Depth-first search for a cycle: white 0, grey 1 (on the path), black 2.
	color := make(map[string]int, len(fs))
	var visit func(id string, path []string) error
	visit = func(id string, path []string) error {
		color[id] = 1
		for _, c := range byID[id].Causes {
			switch color[c] {
			case 1:
				return Errorf(CodeInvalid, "factors form a cycle: %s", strings.Join(append(path, id, c), " → "))
			case 0:
				if err := visit(c, append(path, id)); err != nil {
					return err
				}
			}
		}
		color[id] = 2
		return nil
	}
	for _, f := range fs {
		if color[f.ID] == 0 {
			if err := visit(f.ID, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// Chains returns every 5 Whys chain of the causal graph: each path that
// starts at a symptom (a factor that causes nothing further) and walks back
// through "why?" to a deepest cause (a factor nothing else caused). A factor
// on its own, linked to nothing, is not a chain.
func (inc *Incident) Chains() [][]Factor {
	byID := make(map[string]Factor, len(inc.Factors))
	causedBy := make(map[string][]string) // factor -> the factors that caused it
	for _, f := range inc.Factors {
		byID[f.ID] = f
		for _, c := range f.Causes {
			causedBy[c] = append(causedBy[c], f.ID)
		}
	}
	var chains [][]Factor
	onPath := map[string]bool{}
	var walk func(id string, path []Factor)
	walk = func(id string, path []Factor) {
		path = append(path, byID[id])
		onPath[id] = true
		defer delete(onPath, id)
		var next []string
		for _, why := range causedBy[id] {
			// Validate refuses cycles; the check keeps a walk over
			// unvalidated data finite all the same.
			if !onPath[why] {
				next = append(next, why)
			}
		}
		if len(next) == 0 {
			if len(path) > 1 {
				chains = append(chains, append([]Factor(nil), path...))
			}
			return
		}
		for _, why := range next {
			walk(why, path)
		}
	}
	for _, f := range inc.Factors {
		if len(f.Causes) == 0 {
			walk(f.ID, nil)
		}
	}
	return chains
}

// FactorsByLayer groups the factors by layer, in the order of Layers.
func (inc *Incident) FactorsByLayer() map[Layer][]Factor {
	out := make(map[Layer][]Factor)
	for _, f := range inc.Factors {
		out[f.Layer] = append(out[f.Layer], f)
	}
	return out
}

// nextID returns prefix+N for the first N > n that is not taken, so ids stay
// short and readable ("F3", "A12") and never collide after a restore.
func nextID(prefix string, n int, taken func(string) bool) string {
	for i := n + 1; ; i++ {
		id := fmt.Sprintf("%s%d", prefix, i)
		if !taken(id) {
			return id
		}
	}
}
