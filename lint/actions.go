package lint

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// ActionsContext is what the whole-list checks need to know about the incident.
type ActionsContext struct {
	UsersAffected bool      // the incident affected users (asks for detect or prevent work)
	Factors       []Factor  // contributing factors that actions should address
	Now           time.Time // for overdue items; zero skips the overdue check
}

// Actions runs the whole-list checks over an incident's action items: the mix of
// categories, factor coverage, duplicates and overdue items. It does not repeat the
// per-item checks; call Action for each item (Document does both).
func (l *Linter) Actions(list []Action, ctx ActionsContext) []Finding {
	return l.checkActions(list, ctx, "")
}

func (l *Linter) checkActions(list []Action, ctx ActionsContext, section string) []Finding {
	var out []Finding
	emit := func(r *rule, line int, detail string) {
		vars := map[string]string{"detail": detail, "section": section}
		out = append(out, Finding{
			Rule: r.ID, Severity: r.Severity, Message: expand(r.Message, vars), Line: line,
			Suggestion: expand(r.suggestion, vars), Section: section, Why: r.Why,
		})
	}
	for _, r := range l.actions {
		switch r.check {
		case "categories-present":
			if !ctx.UsersAffected {
				continue
			}
			want := map[Category]bool{}
			for _, c := range r.categories {
				want[c] = true
			}
			found := false
			for _, a := range list {
				c := a.Category
				if !c.Valid() {
					c = l.inferCategory(l.view(a.Text))
				}
				if want[c] {
					found = true
					break
				}
			}
			if !found {
				names := make([]string, len(r.categories))
				for i, c := range r.categories {
					names[i] = string(c)
				}
				emit(r, 0, strings.Join(names, " or "))
			}
		case "factor-coverage":
			covered := map[string]bool{}
			for _, a := range list {
				for _, id := range a.Addresses {
					covered[strings.TrimSpace(id)] = true
				}
			}
			for i, f := range ctx.Factors {
				id := f.ID
				if id == "" {
					id = fmt.Sprintf("#%d", i+1)
				}
				if f.ID == "" || !covered[f.ID] {
					emit(r, f.Line, id)
				}
			}
		case "duplicates":
			first := map[string]int{}
			for i, a := range list {
				key := normaliseAction(a.Text)
				if key == "" {
					continue
				}
				if j, ok := first[key]; ok {
					where := itemName(list[j], j)
					if list[j].Line > 0 {
						where = fmt.Sprintf("the item on line %d", list[j].Line)
					}
					emit(r, a.Line, where)
					continue
				}
				first[key] = i
			}
		case "overdue":
			if ctx.Now.IsZero() {
				continue
			}
			for i, a := range list {
				// Due is a day: the item is overdue once that whole day has passed
				// (as ActionItem.Overdue in the domain), never on the day itself.
				if a.Done || a.Due.IsZero() || !ctx.Now.After(a.Due.AddDate(0, 0, 1)) {
					continue
				}
				days := int(ctx.Now.Sub(a.Due).Hours() / 24)
				detail := fmt.Sprintf("%s was due %s (%d days ago)", itemName(a, i), a.Due.Format("2006-01-02"), days)
				emit(r, a.Line, detail)
			}
		}
	}
	sortFindings(out)
	return out
}

// normaliseAction reduces an item to the words that matter for spotting duplicates:
// lower case, no punctuation, no articles, no list markers.
func normaliseAction(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := f[:0]
	for _, w := range f {
		switch w {
		case "a", "an", "the", "x":
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// itemName names an action item in a message: its id when the caller has one.
func itemName(a Action, i int) string {
	if a.ID != "" {
		return "item " + a.ID
	}
	return fmt.Sprintf("item %d", i+1)
}
