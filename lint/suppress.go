package lint

import (
	"maps"
	"slices"
	"strings"
)

// Inline suppressions let a team keep a sentence it has read and judged fine, so a
// check can stay on in CI without forcing a rewrite of every borderline finding.
// They are HTML comments, invisible in the rendered report, in the style of other
// Markdown linters:
//
//	<!-- hindsight-disable-next-line blame.model -->
//	<!-- hindsight-disable counterfactual.should-have -->
//	… lines the rule leaves alone …
//	<!-- hindsight-enable counterfactual.should-have -->
//
// With no rule ids a directive covers every rule. A range left open runs to the end
// of the text. "disable-next-line" covers the next line that is not blank, which is
// where a finding on the sentence that follows starts.

const (
	directiveNextLine = "hindsight-disable-next-line"
	directiveDisable  = "hindsight-disable"
	directiveEnable   = "hindsight-enable"
)

// suppression is one directive's effect: rules (nil: all) off on lines from..to.
type suppression struct {
	from, to int // 1-based, inclusive
	rules    map[string]bool
	line     int // where the directive is written
}

func (s suppression) covers(f Finding) bool {
	return f.Line >= s.from && f.Line <= s.to && (s.rules == nil || s.rules[f.Rule])
}

// parseSuppressions reads the directives in text.
func parseSuppressions(text string) []suppression {
	if !strings.Contains(text, "hindsight-") {
		return nil // the common case, kept cheap
	}
	lines := strings.Split(text, "\n")
	var out []suppression
	open := map[string]int{} // rule id ("" for all) → line its range started
	type pending struct {
		ids  map[string]bool
		line int
	}
	var pendingNext []pending
	fence := ""
	for i, line := range lines {
		n := i + 1
		// A directive shown in a code block is an example, not a directive.
		if t := strings.TrimSpace(line); fence != "" || strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			switch {
			case fence == "":
				fence = t[:3]
			case strings.HasPrefix(t, fence):
				fence = ""
			}
			continue
		}
		if len(pendingNext) > 0 && strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "<!--") {
			for _, rules := range pendingNext {
				out = append(out, suppression{from: n, to: n, rules: rules.ids, line: rules.line})
			}
			pendingNext = nil
		}
		for rest := line; ; {
			k := strings.Index(rest, "<!--")
			if k < 0 {
				break
			}
			rest = rest[k+4:]
			end := strings.Index(rest, "-->")
			if end < 0 {
				break
			}
			body := strings.Fields(rest[:end])
			rest = rest[end+3:]
			if len(body) == 0 {
				continue
			}
			ids := body[1:]
			switch body[0] {
			case directiveNextLine:
				pendingNext = append(pendingNext, pending{ruleIDs(ids), n})
			case directiveDisable:
				if len(ids) == 0 {
					ids = []string{""}
				}
				for _, id := range ids {
					if _, ok := open[id]; !ok {
						open[id] = n
					}
				}
			case directiveEnable:
				if len(ids) == 0 {
					ids = slices.Sorted(maps.Keys(open))
				}
				for _, id := range ids {
					if from, ok := open[id]; ok {
						out = append(out, suppression{from: from, to: n, rules: ruleIDs(nonEmpty(id)), line: from})
						delete(open, id)
					}
				}
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(open)) {
		out = append(out, suppression{from: open[id], to: len(lines), rules: ruleIDs(nonEmpty(id)), line: open[id]})
	}
	return out
}

func nonEmpty(id string) []string {
	if id == "" {
		return nil
	}
	return []string{id}
}

// ruleIDs is the set of ids, or nil (every rule) when there are none.
func ruleIDs(ids []string) map[string]bool {
	if len(ids) == 0 {
		return nil
	}
	m := map[string]bool{}
	for _, id := range ids {
		m[strings.TrimSuffix(id, ",")] = true
	}
	return m
}

// suppress drops the findings a directive in text covers. Findings without a line
// (about the report as a whole) are never suppressed inline. With report set, a
// directive that names no known rule is itself reported by the document rules
// with the suppression-rule check, so a typo in a rule id does not leave the team
// wondering why the finding stays.
func (l *Linter) suppress(text string, fs []Finding, report bool) []Finding {
	sups := parseSuppressions(text)
	if len(sups) == 0 {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		keep := true
		for _, s := range sups {
			if f.Line > 0 && s.covers(f) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, f)
		}
	}
	if !report {
		return out
	}
	// Unknown ids, each once, in the order the directives are written.
	slices.SortStableFunc(sups, func(a, b suppression) int { return a.line - b.line })
	seen := map[string]bool{}
	for _, s := range sups {
		for _, id := range slices.Sorted(maps.Keys(s.rules)) {
			if _, ok := l.Rule(id); ok || seen[id] {
				continue
			}
			seen[id] = true
			for _, rl := range l.document {
				if rl.check == "suppression-rule" {
					out = append(out, docFinding(rl, s.line, "", id))
				}
			}
		}
	}
	return out
}
