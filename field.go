package hindsight

import (
	"slices"
	"strconv"
	"strings"
)

// field is one incident field that `hindsight set` (and the web editor) may
// change by name, with the parser that checks its value.
type field struct {
	help string
	set  func(inc *Incident, value string) error
}

// fields maps the settable field names to their setters. Keeping the table
// here, in the domain, means every front end validates the same way.
var fields = map[string]field{
	"title":     {"one-line title", func(inc *Incident, v string) error { inc.Title = strings.TrimSpace(v); return nil }},
	"summary":   {"executive summary, a few sentences", func(inc *Incident, v string) error { inc.Summary = v; return nil }},
	"severity":  {"a level of the severity scale, e.g. SEV2", func(inc *Incident, v string) error { inc.Severity = strings.ToUpper(strings.TrimSpace(v)); return nil }},
	"status":    {"draft, in-review or published", func(inc *Incident, v string) error { inc.Status = Status(strings.TrimSpace(v)); return nil }},
	"services":  {"comma-separated list of affected services", func(inc *Incident, v string) error { inc.Services = splitList(v); return nil }},
	"owner":     {"the role facilitating the postmortem", func(inc *Incident, v string) error { inc.Owner = v; return nil }},
	"trigger":   {"the change or event that set the incident off", func(inc *Incident, v string) error { inc.Trigger = v; return nil }},
	"detection": {"how the incident was noticed", func(inc *Incident, v string) error { inc.Detection = v; return nil }},
	"resolution": {"what stopped the impact and restored service", func(inc *Incident, v string) error {
		inc.Resolution = v
		return nil
	}},
	"impact.users_affected":  {"number of users affected", intField(func(inc *Incident) *int64 { return &inc.Impact.UsersAffected })},
	"impact.support_tickets": {"number of support tickets", intField(func(inc *Incident) *int64 { return &inc.Impact.SupportTickets })},
	"impact.users_percent":   {"share of users affected, in percent", percentField(func(inc *Incident) *float64 { return &inc.Impact.UsersPercent })},
	"impact.slo_budget":      {"share of the error budget used, in percent", percentField(func(inc *Incident) *float64 { return &inc.Impact.SLOBudget })},
	"impact.revenue":         {"estimated revenue lost, a number", floatField(func(inc *Incident) *float64 { return &inc.Impact.Revenue })},
	"impact.data_loss":       {"true or false", boolField(func(inc *Incident) *bool { return &inc.Impact.DataLoss })},
	"impact.security":        {"true or false: was data or access exposed", boolField(func(inc *Incident) *bool { return &inc.Impact.Security })},
	"impact.description":     {"user-facing impact in words", func(inc *Incident, v string) error { inc.Impact.Description = v; return nil }},
	"impact.business":        {"business impact in words", func(inc *Incident, v string) error { inc.Impact.Business = v; return nil }},
	"impact.technical":       {"technical impact in words", func(inc *Incident, v string) error { inc.Impact.Technical = v; return nil }},
}

// FieldNames lists the fields SetField accepts, sorted, with a short help text each.
func FieldNames() [][2]string {
	var out [][2]string
	for name, f := range fields {
		out = append(out, [2]string{name, f.help})
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// SetField sets one named field from its text form.
func (inc *Incident) SetField(name, value string) error {
	f, ok := fields[name]
	if !ok {
		names := make([]string, 0, len(fields))
		for n := range fields {
			names = append(names, n)
		}
		slices.Sort(names)
		return Errorf(CodeInvalid, "unknown field %q (want one of %s)", name, strings.Join(names, ", "))
	}
	if err := f.set(inc, value); err != nil {
		return Errorf(CodeInvalid, "%s: %v", name, err)
	}
	return nil
}

func intField(ptr func(*Incident) *int64) func(*Incident, string) error {
	return func(inc *Incident, v string) error {
		n, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(v), ",", ""), 10, 64)
		if err != nil || n < 0 {
			return Errorf(CodeInvalid, "%q is not a whole number of zero or more", v)
		}
		*ptr(inc) = n
		return nil
	}
}

func floatField(ptr func(*Incident) *float64) func(*Incident, string) error {
	return func(inc *Incident, v string) error {
		x, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v), ",", ""), 64)
		if err != nil || x < 0 {
			return Errorf(CodeInvalid, "%q is not a number of zero or more", v)
		}
		*ptr(inc) = x
		return nil
	}
}

func percentField(ptr func(*Incident) *float64) func(*Incident, string) error {
	return func(inc *Incident, v string) error {
		x, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), "%"), 64)
		if err != nil || x < 0 || x > 100 {
			return Errorf(CodeInvalid, "%q is not a percentage from 0 to 100", v)
		}
		*ptr(inc) = x
		return nil
	}
}

func boolField(ptr func(*Incident) *bool) func(*Incident, string) error {
	return func(inc *Incident, v string) error {
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return Errorf(CodeInvalid, "%q is not true or false", v)
		}
		*ptr(inc) = b
		return nil
	}
}

// splitList splits a comma-separated list, dropping blanks.
func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// AddLesson appends a lesson and returns it with its new id.
func (inc *Incident) AddLesson(kind LessonKind, text string) (Lesson, error) {
	l := Lesson{Kind: kind, Text: strings.TrimSpace(text)}
	l.ID = nextID("L", len(inc.Lessons), func(id string) bool {
		for _, x := range inc.Lessons {
			if x.ID == id {
				return true
			}
		}
		return false
	})
	if err := validateLesson(l); err != nil {
		return Lesson{}, err
	}
	inc.Lessons = append(inc.Lessons, l)
	return l, nil
}

func validateLesson(l Lesson) error {
	if l.ID == "" {
		return Errorf(CodeInvalid, "a lesson has no id")
	}
	if !oneOf(l.Kind, LessonKinds) {
		return Errorf(CodeInvalid, "unknown lesson kind %q (want one of %s)", l.Kind, list(LessonKinds))
	}
	if l.Text == "" {
		return Errorf(CodeInvalid, "a lesson needs text")
	}
	return nil
}

// SetPerson adds or replaces a roster entry, matched by handle.
func (inc *Incident) SetPerson(p Person) error {
	p.Handle, p.Name, p.Role = strings.TrimSpace(p.Handle), strings.TrimSpace(p.Name), strings.TrimSpace(p.Role)
	if p.Handle == "" || p.Role == "" {
		return Errorf(CodeInvalid, "a roster entry needs a handle and a role")
	}
	for i := range inc.Roster {
		if strings.EqualFold(inc.Roster[i].Handle, p.Handle) {
			inc.Roster[i] = p
			return nil
		}
	}
	inc.Roster = append(inc.Roster, p)
	return nil
}
