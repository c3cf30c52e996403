package lint

// Markdown checks a whole Markdown postmortem, such as a file passed to
// "hindsight check file": the language of every section (headings set each
// section's kind), every top-level list item under an action-items heading as an
// action item, and which report sections are missing or empty. It is the check for
// a report that exists only as text; a report held in the domain model is better
// checked with Document, which also sees factors, milestones and owners.
func (l *Linter) Markdown(src string, opts TextOptions) []Finding {
	kind, heading := l.resolveSection(opts.Section)
	p := scanProse(src, kind, heading, l.classifyHeading)
	r := newRoster(opts.Roster)
	out := l.checkProse(p, r, "", nil)

	// Action items: the least-indented list items of each action section.
	minIndent := map[string]int{}
	for _, b := range p.blocks {
		if b.item && b.section == "actions" {
			if v, ok := minIndent[b.heading]; !ok || b.indent < v {
				minIndent[b.heading] = b.indent
			}
		}
	}
	for _, b := range p.blocks {
		if !b.item || b.section != "actions" || b.indent != minIndent[b.heading] {
			continue
		}
		line, ls := p.lineOf(b.start)
		text := src[ls:b.end]
		fs, _ := l.checkAction(Action{Text: text, Line: line}, r, b.heading, false)
		out = append(out, fs...)
	}

	if len(p.headings) > 0 {
		kinds := map[string]bool{kind: true}
		for _, h := range p.headings {
			kinds[h.kind] = true
		}
		for _, rl := range l.document {
			switch rl.check {
			case "required-sections":
				for _, k := range rl.sectionKinds {
					if !kinds[k] {
						out = append(out, docFinding(rl, 0, "", k))
					}
				}
			case "section-content":
				for i, h := range p.headings {
					if h.level == 7 {
						continue // a bold label's content sits on its own line
					}
					end := len(src)
					var next *headingAt
					if i+1 < len(p.headings) {
						next = &p.headings[i+1]
						end = lineStartOf(p, next.line)
					}
					if end < h.end || !l.isPlaceholder(rl, src[h.end:end]) {
						continue
					}
					if next != nil && next.level > h.level {
						continue // a parent heading followed straight by its subsections
					}
					out = append(out, docFinding(rl, h.line, h.text, h.text))
				}
			}
		}
	}
	out = l.suppress(src, out, false) // checkProse reported unknown ids already
	sortFindings(out)
	return out
}

func lineStartOf(p *prose, line int) int {
	if line-1 < len(p.lines) {
		return p.lines[line-1]
	}
	return len(p.text)
}

func docFinding(rl *rule, line int, section, detail string) Finding {
	vars := map[string]string{"detail": detail, "section": section}
	return Finding{
		Rule: rl.ID, Severity: rl.Severity, Message: expand(rl.Message, vars), Line: line,
		Suggestion: expand(rl.suggestion, vars), Section: section, Why: rl.Why,
	}
}
