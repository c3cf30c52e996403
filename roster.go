package hindsight

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rosterTerm is one way the evidence may name a roster person.
type rosterTerm struct {
	text string
	role string
	// exact terms match only with the case they are written in: the parts
	// of a full name, which as lower-case words are often ordinary English
	// ("will", "rose", "mark").
	exact bool
}

// rosterRewriter replaces roster people by their roles in text.
type rosterRewriter struct {
	// byFirst holds the terms by their lower-cased first rune, longest first.
	byFirst map[rune][]rosterTerm
}

// newRosterRewriter builds the rewriter for a roster, or returns nil when
// the roster names nobody. For each person it replaces, case-insensitively:
// the handle, the handle with "@", the full name and every alias; and, with
// the case as written, each part of the full name ("Dana" and "Scully" of
// "Dana Scully"), so that "thanks Dana" loses the name too.
func newRosterRewriter(roster []Person) *rosterRewriter {
	r := &rosterRewriter{byFirst: map[rune][]rosterTerm{}}
	add := func(text, role string, exact bool) {
		text = strings.TrimSpace(text)
		if text == "" || strings.EqualFold(text, role) {
			return
		}
		first, _ := utf8.DecodeRuneInString(text)
		k := unicode.ToLower(first)
		r.byFirst[k] = append(r.byFirst[k], rosterTerm{text, role, exact})
	}
	for _, p := range roster {
		role := strings.TrimSpace(p.Role)
		handle := strings.TrimPrefix(strings.TrimSpace(p.Handle), "@")
		if role == "" || isTool(handle) {
			// A tool's name is no one's personal data, and rewriting
			// "PagerDuty incident #4821" would garble the facts; tool
			// entries map actors only (see actorRole).
			continue
		}
		if handle != "" {
			add(handle, role, false)
			add("@"+handle, role, false)
		}
		add(p.Name, role, false)
		for _, al := range p.Aliases {
			add(al, role, false)
		}
		if parts := strings.Fields(p.Name); len(parts) > 1 {
			for _, part := range parts {
				if utf8.RuneCountInString(part) >= 2 {
					add(part, role, true)
				}
			}
		}
	}
	if len(r.byFirst) == 0 {
		return nil
	}
	for k, ts := range r.byFirst {
		slices.SortStableFunc(ts, func(a, b rosterTerm) int { return cmp.Compare(len(b.text), len(a.text)) })
		r.byFirst[k] = ts
	}
	return r
}

// wordRune reports whether r is part of a word for the word-boundary test.
func wordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// rewrite returns s with every roster term that stands as a whole word
// replaced by the person's role, longest term first. It returns s itself,
// without copying, when nothing matches.
func (r *rosterRewriter) rewrite(s string) string {
	if r == nil || s == "" {
		return s
	}
	var b strings.Builder
	done := 0 // s[:done] is already in b
	prev := rune(-1)
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		if prev < 0 || !wordRune(prev) {
			if t, ok := r.match(s, i, c); ok {
				if b.Len() == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[done:i])
				b.WriteString(t.role)
				i += len(t.text)
				done = i
				prev, _ = utf8.DecodeLastRuneInString(s[:i])
				continue
			}
		}
		prev = c
		i += size
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// match returns the longest term that stands at s[i:] as a whole word.
func (r *rosterRewriter) match(s string, i int, c rune) (rosterTerm, bool) {
	for _, t := range r.byFirst[unicode.ToLower(c)] {
		end := i + len(t.text)
		if end > len(s) {
			continue
		}
		cand := s[i:end]
		if t.exact && cand != t.text || !t.exact && !strings.EqualFold(cand, t.text) {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(s[end:]); end < len(s) && wordRune(next) {
			continue
		}
		return t, true
	}
	return rosterTerm{}, false
}

// isTool reports whether a roster handle names a tool rather than a person:
// a known tool or a bot account ("github-actions[bot]", "deploy-bot").
func isTool(handle string) bool { return isSystemActor(handle, "") }

// actorRoles maps the handles of the roster's tool entries to their roles,
// lower-cased, for rewriting event actors (a whole actor, never part of
// free text).
func actorRoles(roster []Person) map[string]string {
	m := map[string]string{}
	for _, p := range roster {
		h := strings.TrimPrefix(strings.TrimSpace(p.Handle), "@")
		if isTool(h) && strings.TrimSpace(p.Role) != "" {
			m[strings.ToLower(h)] = strings.TrimSpace(p.Role)
		}
	}
	return m
}

// ApplyRoster replaces every roster person's handle, @handle, full name,
// aliases and name parts with their role wherever the incident holds free
// text (a roster entry for a tool, such as "pagerduty", only replaces event
// actors that are exactly its handle): event texts and actors, title, summary, trigger, detection,
// resolution, impact descriptions, severity reasons, milestone reasons,
// factors, action items, lessons, third-party notes and attachment captions.
// The roster itself is the one place the names stay. The Service applies it
// on every write, so evidence imported later and roster entries added later
// are both covered; applying it twice changes nothing more.
func (inc *Incident) ApplyRoster() {
	if tools := actorRoles(inc.Roster); len(tools) > 0 {
		for i := range inc.Timeline {
			if role, ok := tools[strings.ToLower(inc.Timeline[i].Actor)]; ok {
				inc.Timeline[i].Actor = role
			}
		}
	}
	r := newRosterRewriter(inc.Roster)
	if r == nil {
		return
	}
	w := func(s *string) { *s = r.rewrite(*s) }
	for _, s := range []*string{&inc.Title, &inc.Summary, &inc.Owner, &inc.Trigger, &inc.Detection,
		&inc.Resolution, &inc.Impact.Description, &inc.Impact.Business, &inc.Impact.Technical} {
		w(s)
	}
	for i := range inc.SeverityReasons {
		w(&inc.SeverityReasons[i])
	}
	for i := range inc.Timeline {
		e := &inc.Timeline[i]
		w(&e.Text)
		w(&e.Actor)
	}
	for i := range inc.Milestones {
		w(&inc.Milestones[i].Because)
	}
	for i := range inc.Factors {
		w(&inc.Factors[i].Text)
	}
	for i := range inc.Actions {
		a := &inc.Actions[i]
		for _, s := range []*string{&a.Title, &a.Owner, &a.DoneWhen} {
			w(s)
		}
	}
	for i := range inc.Lessons {
		w(&inc.Lessons[i].Text)
	}
	for i := range inc.LogPatterns {
		w(&inc.LogPatterns[i].Template) // "deploy started by <name>" is a log line too
	}
	for i := range inc.ThirdParties {
		t := &inc.ThirdParties[i]
		w(&t.Notes)
		for j := range t.Actions {
			w(&t.Actions[j])
		}
	}
	for i := range inc.Appendices {
		w(&inc.Appendices[i].Caption)
	}
}

// WithoutNames returns a copy of the incident for sharing: the roster
// keeps one entry per role, without the handles, names and aliases that
// identify people, so that a document leaving the team names roles only.
// Everything else in the incident already names roles (ApplyRoster rewrote
// it). A document restored from it keeps its roles but cannot rewrite new
// evidence; a private backup keeps the whole roster instead.
func (inc *Incident) WithoutNames() *Incident {
	c := *inc
	c.Roster = []Person{}
	seen := map[string]bool{}
	for _, p := range inc.Roster {
		if !seen[p.Role] {
			seen[p.Role] = true
			c.Roster = append(c.Roster, Person{Role: p.Role})
		}
	}
	return &c
}

// RoleOf returns the role of the roster person known by name: a handle,
// full name or alias, compared without regard to case or a leading '@'.
func (inc *Incident) RoleOf(name string) (string, bool) {
	name = strings.TrimPrefix(strings.TrimSpace(name), "@")
	if name == "" {
		return "", false
	}
	for _, p := range inc.Roster {
		for _, known := range append([]string{p.Handle, p.Name}, p.Aliases...) {
			if known != "" && strings.EqualFold(strings.TrimPrefix(known, "@"), name) {
				return p.Role, true
			}
		}
	}
	return "", false
}
