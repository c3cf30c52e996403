package hindsight

import (
	"strings"
	"time"
)

// maxIDLength bounds incident ids: they appear in file names and URLs.
const maxIDLength = 80

// ValidID reports whether id can name an incident: lower-case letters,
// digits, dots, dashes and underscores, starting with a letter or digit.
func ValidID(id string) bool {
	if id == "" || len(id) > maxIDLength {
		return false
	}
	for i, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case (r == '-' || r == '_' || r == '.') && i > 0:
		default:
			return false
		}
	}
	return true
}

// Slug turns a title into an id fragment: lower case, words joined by dashes.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
		if b.Len() >= 48 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// Validate checks the whole incident against the domain rules, with the
// given severity scale. It is called before every write.
func (inc *Incident) Validate(scale Scale) error {
	if !ValidID(inc.ID) {
		return Errorf(CodeInvalid, "incident id %q must be lower-case letters, digits, '-', '_' or '.', at most %d long", inc.ID, maxIDLength)
	}
	if strings.TrimSpace(inc.Title) == "" {
		return Errorf(CodeInvalid, "incident %s needs a title", inc.ID)
	}
	if !oneOf(inc.Status, Statuses) {
		return Errorf(CodeInvalid, "unknown status %q (want one of %s)", inc.Status, list(Statuses))
	}
	if inc.Severity != "" {
		if _, ok := scale.Level(inc.Severity); !ok {
			return Errorf(CodeInvalid, "unknown severity %q (want one of %s)", inc.Severity, strings.Join(scale.Names(), ", "))
		}
	}
	seen := make(map[string]bool, len(inc.Timeline))
	for i := range inc.Timeline {
		e := &inc.Timeline[i]
		if err := e.Validate(); err != nil {
			return err
		}
		if seen[e.ID] {
			return Errorf(CodeInvalid, "event id %s is used twice", e.ID)
		}
		seen[e.ID] = true
	}
	for _, m := range inc.Milestones {
		if !oneOf(m.Name, MilestoneNames) {
			return Errorf(CodeInvalid, "unknown milestone %q (want one of %s)", m.Name, list(MilestoneNames))
		}
		if m.Time.IsZero() {
			return Errorf(CodeInvalid, "milestone %s has no time", m.Name)
		}
	}
	if err := validateFactors(inc.Factors); err != nil {
		return err
	}
	ids := map[string]bool{}
	for _, a := range inc.Actions {
		if ids[a.ID] || a.ID == "" {
			return Errorf(CodeInvalid, "action item id %q is missing or used twice", a.ID)
		}
		ids[a.ID] = true
		if err := inc.validateAction(a); err != nil {
			return err
		}
	}
	for _, l := range inc.Lessons {
		if err := validateLesson(l); err != nil {
			return err
		}
	}
	for _, t := range inc.ThirdParties {
		if strings.TrimSpace(t.Vendor) == "" {
			return Errorf(CodeInvalid, "a third party needs a vendor name")
		}
		if !oneOf(t.Expectation, []string{ExpectationViolated, ExpectationMet, ExpectationUnclear}) {
			return Errorf(CodeInvalid, "unknown expectation %q for %s (want violated, met or unclear)", t.Expectation, t.Vendor)
		}
	}
	for _, p := range inc.Roster {
		// A shared document keeps roles without handles (WithoutNames).
		if p.Role == "" {
			return Errorf(CodeInvalid, "every roster entry needs a role")
		}
	}
	if err := validateLogPatterns(inc.LogPatterns); err != nil {
		return err
	}
	names := map[string]bool{}
	for _, a := range inc.Appendices {
		if a.Name == "" || names[a.Name] {
			return Errorf(CodeInvalid, "appendix name %q is missing or used twice", a.Name)
		}
		names[a.Name] = true
	}
	return nil
}

// normalize fills defaults and canonical forms before validation.
func (inc *Incident) normalize(now time.Time) {
	if inc.Status == "" {
		inc.Status = StatusDraft
	}
	for i := range inc.Timeline {
		inc.Timeline[i].Normalize()
	}
	for i := range inc.Milestones {
		inc.Milestones[i].Time = inc.Milestones[i].Time.UTC()
	}
	inc.fillIDs()
	// Names become roles before the rules read the text, and the rules run
	// on every write, so the stored timeline, milestones, groups, phases and
	// stars always match the evidence and the people's choices.
	inc.ApplyRoster()
	inc.LogPatterns = normalizeLogPatterns(inc.LogPatterns)
	inc.CurateTimeline()
	if inc.CreatedAt.IsZero() {
		inc.CreatedAt = now
	}
	inc.UpdatedAt = now
}

// fillIDs gives an id to every factor, action item and lesson that came
// without one (a restored or imported document), so references and
// commands can name them.
func (inc *Incident) fillIDs() {
	taken := map[string]bool{}
	for _, f := range inc.Factors {
		taken[f.ID] = true
	}
	for _, a := range inc.Actions {
		taken[a.ID] = true
	}
	for _, l := range inc.Lessons {
		taken[l.ID] = true
	}
	fill := func(prefix string, n int, id *string) {
		if *id == "" {
			*id = nextID(prefix, n, func(s string) bool { return taken[s] })
			taken[*id] = true
		}
	}
	for i := range inc.Factors {
		fill("F", i, &inc.Factors[i].ID)
	}
	for i := range inc.Actions {
		fill("A", i, &inc.Actions[i].ID)
		if inc.Actions[i].Status == "" {
			inc.Actions[i].Status = ActionOpen
		}
	}
	for i := range inc.Lessons {
		fill("L", i, &inc.Lessons[i].ID)
	}
}
