package lint

import (
	"fmt"
	"strings"
	"time"
)

// Document is a whole postmortem as the caller's domain model sees it. The lint
// package does not know the caller's types; the caller maps its incident to this.
type Document struct {
	Sections      []Section   // report sections in order
	Factors       []Factor    // contributing factors: a graph, each with a layer
	Actions       []Action    // action items
	Milestones    []Milestone // in canonical order (impact start, detected, …, resolved)
	UsersAffected bool        // users saw the impact
	Roster        []Person    // people who may be named
	Now           time.Time   // for overdue actions; zero skips that check
}

// Section is one report section.
type Section struct {
	Name string // heading as written, e.g. "Where we got lucky"
	Kind string // section kind; empty: classified from Name
	Text string // the section body (Markdown allowed)
	Line int    // line of the body's first line in the caller's source; 0 if unknown
}

// Factor is one contributing factor: a node of the causal graph.
type Factor struct {
	ID     string
	Text   string
	Layer  string   // technical, process or organizational (the caller maps finer tags)
	Causes []string // ids of the factors that led to this one: the answers to "how?"
	Line   int
}

// Milestone is a named point on the incident timeline.
type Milestone struct {
	Name string
	Time time.Time // zero when not known
	Line int
}

// Document checks a whole report: the language of every section and factor, every
// action item and the action list, and the report's completeness and causal analysis.
func (l *Linter) Document(d Document) []Finding {
	r := newRoster(d.Roster)
	var out []Finding
	actionSection := "Action items"
	for _, s := range d.Sections {
		kind := s.Kind
		if kind == "" {
			kind = l.classifyHeading(s.Name)
		}
		if kind == "actions" && actionSection == "Action items" {
			actionSection = s.Name
		}
		p := scanProse(s.Text, kind, s.Name, l.classifyHeading)
		out = append(out, shift(l.checkProse(p, r, s.Name, nil), s.Line)...)
	}
	for _, f := range d.Factors {
		p := scanProse(f.Text, "analysis", "", l.classifyHeading)
		out = append(out, shift(l.checkProse(p, r, "factor "+f.ID, nil), f.Line)...)
	}
	for _, a := range d.Actions {
		fs, _ := l.checkAction(a, r, actionSection, true)
		out = append(out, fs...)
	}
	out = append(out, l.checkActions(d.Actions, ActionsContext{UsersAffected: d.UsersAffected, Factors: d.Factors, Now: d.Now}, actionSection)...)
	out = append(out, l.documentRules(d, r)...)
	sortFindings(out)
	return out
}

// shift moves findings of a text that starts on line base of the caller's source.
func shift(fs []Finding, base int) []Finding {
	if base > 1 {
		for i := range fs {
			fs[i].Line += base - 1
		}
	}
	return fs
}

func (l *Linter) documentRules(d Document, r *roster) []Finding {
	var out []Finding
	emit := func(rl *rule, line int, section, detail string) {
		vars := map[string]string{"detail": detail, "section": section}
		out = append(out, Finding{
			Rule: rl.ID, Severity: rl.Severity, Message: expand(rl.Message, vars), Line: line,
			Suggestion: expand(rl.suggestion, vars), Section: section, Why: rl.Why,
		})
	}
	kinds := map[string]bool{}
	for _, s := range d.Sections {
		k := s.Kind
		if k == "" {
			k = l.classifyHeading(s.Name)
		}
		kinds[k] = true
	}
	// Action items and factors held as data count as those sections.
	if len(d.Actions) > 0 {
		kinds["actions"] = true
	}
	if len(d.Factors) > 0 {
		kinds["analysis"] = true
	}
	byID := map[string]int{}
	for i, f := range d.Factors {
		if f.ID != "" {
			byID[f.ID] = i
		}
	}
	for _, rl := range l.document {
		switch rl.check {
		case "section-content":
			for _, s := range d.Sections {
				if l.isPlaceholder(rl, s.Text) {
					emit(rl, s.Line, s.Name, s.Name)
				}
			}
		case "required-sections":
			for _, k := range rl.sectionKinds {
				if !kinds[k] {
					emit(rl, 0, "", k)
				}
			}
		case "milestone-order":
			var prev *Milestone
			for i := range d.Milestones {
				m := &d.Milestones[i]
				if m.Time.IsZero() {
					continue
				}
				if prev != nil && m.Time.Before(prev.Time) {
					detail := fmt.Sprintf("%s (%s) is before %s (%s)", m.Name, m.Time.UTC().Format("2006-01-02 15:04 UTC"), prev.Name, prev.Time.UTC().Format("2006-01-02 15:04 UTC"))
					emit(rl, m.Line, "", detail)
					continue
				}
				prev = m
			}
		case "causal-shape":
			if len(d.Factors) == 0 && !kinds["analysis"] && len(d.Sections) > 0 {
				// No factors and no analysis section: the thinnest analysis of all.
				emit(rl, 0, "", "no contributing factors")
			}
			if n := len(d.Factors); n > 0 && isSingleChain(d.Factors, byID) {
				detail := "a single factor"
				if n > 1 {
					detail = fmt.Sprintf("a single chain of %d factors", n)
				}
				emit(rl, 0, "", detail)
			}
		case "person-terminal":
			for _, f := range d.Factors {
				if len(knownCauses(f, byID)) > 0 {
					continue
				}
				if l.isPersonTerminal(rl, f.Text, r) {
					id := f.ID
					if id == "" {
						id = "a factor"
					}
					emit(rl, f.Line, "", id)
				}
			}
		case "factor-layer":
			valid := map[string]bool{}
			for _, x := range rl.layers {
				valid[x] = true
			}
			for i, f := range d.Factors {
				id := f.ID
				if id == "" {
					id = fmt.Sprintf("#%d", i+1)
				}
				switch {
				case strings.TrimSpace(f.Layer) == "":
					emit(rl, f.Line, "", id+" has no layer")
				case !valid[f.Layer]:
					emit(rl, f.Line, "", fmt.Sprintf("%s has layer %q, which is not one of %s", id, f.Layer, strings.Join(rl.layers, ", ")))
				}
			}
		case "layer-coverage":
			if len(d.Factors) == 0 {
				continue
			}
			have := map[string]bool{}
			for _, f := range d.Factors {
				have[f.Layer] = true
			}
			var missing []string
			for _, x := range rl.layers {
				if !have[x] {
					missing = append(missing, x)
				}
			}
			if len(missing) > 0 {
				emit(rl, 0, "", strings.Join(missing, " or "))
			}
		}
	}
	return out
}

func knownCauses(f Factor, byID map[string]int) []string {
	var out []string
	for _, c := range f.Causes {
		if _, ok := byID[c]; ok && c != f.ID {
			out = append(out, c)
		}
	}
	return out
}

// isSingleChain reports whether the factors form one path (or are one factor):
// every factor has at most one cause and feeds at most one other, and they connect.
func isSingleChain(fs []Factor, byID map[string]int) bool {
	if len(fs) == 1 {
		return true
	}
	feeds := map[string]int{}
	edges := 0
	for _, f := range fs {
		cs := knownCauses(f, byID)
		if len(cs) > 1 {
			return false
		}
		for _, c := range cs {
			feeds[c]++
			edges++
			if feeds[c] > 1 {
				return false
			}
		}
	}
	return edges == len(fs)-1
}

// isPlaceholder reports whether a section body is empty or only a placeholder.
func (l *Linter) isPlaceholder(rl *rule, text string) bool {
	p := scanProse(text, "", "", l.classifyHeading)
	body := strings.TrimSpace(strings.Map(func(r rune) rune {
		switch r {
		case '.', '-', '*', '_', ':', '…', '|', '#':
			return ' '
		}
		return r
	}, p.masked))
	if body == "" {
		return true
	}
	words := wordsOfLower(body)
	for _, ph := range rl.rawPhrases {
		if strings.Join(words, " ") == strings.Join(wordsOfLower(ph), " ") {
			return true
		}
	}
	return false
}

// isPersonTerminal reports whether a factor ends the analysis at a person: its text
// uses a label such as "human error", or the blameless-language rules see a person as
// the subject of a failure in it (a subject-verb finding at warning or above).
func (l *Linter) isPersonTerminal(rl *rule, text string, r *roster) bool {
	p := scanProse(text, "analysis", "", l.classifyHeading)
	for _, s := range p.sentences() {
		if _, _, ok := l.anyMatch(rl.phrases, s.toks, 0); ok {
			return true
		}
	}
	for _, f := range l.checkProse(p, r, "", nil) {
		if x, ok := l.byID[f.Rule]; ok && x.Kind == KindSubjectVerb && f.Severity.AtLeast(Warning) {
			return true
		}
	}
	return false
}
