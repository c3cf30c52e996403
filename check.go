package hindsight

import (
	"strings"
	"time"

	"github.com/hindsight-sre/hindsight/lint"
)

// LintDocument maps an incident to the document the lint package checks: the prose
// sections the report shows (summary, impact, trigger, detection, resolution, the
// starred timeline, lessons), the contributing factors with their causal edges, the
// action items, the milestones in canonical order, and the roster, so findings can
// suggest roles instead of names.
//
// Only starred timeline events are checked: unstarred events are raw evidence
// (people's own chat messages), which the report does not publish.
func LintDocument(inc *Incident, now time.Time) lint.Document {
	d := lint.Document{Now: now}
	add := func(name, kind, text string) {
		if strings.TrimSpace(text) != "" || kind != "" {
			d.Sections = append(d.Sections, lint.Section{Name: name, Kind: kind, Text: text})
		}
	}
	add("Summary", "summary", inc.Summary)
	impact := strings.TrimSpace(strings.Join(nonEmpty(inc.Impact.Description, inc.Impact.Business, inc.Impact.Technical), "\n\n"))
	if impact == "" && inc.Impact.Known() {
		impact = "Impact figures recorded." // numbers only: the section is not empty
	}
	add("Impact", "impact", impact)
	if inc.Trigger != "" {
		add("Trigger", "analysis", inc.Trigger)
	}
	if inc.Detection != "" {
		add("Detection", "detection", inc.Detection)
	}
	if inc.Resolution != "" {
		add("Resolution", "resolution", inc.Resolution)
	}
	var timeline []string
	for _, e := range inc.Timeline {
		if e.Starred {
			timeline = append(timeline, "- "+e.Time.UTC().Format("15:04")+" "+e.Text)
		}
	}
	add("Timeline", "timeline", strings.Join(timeline, "\n"))
	names := map[LessonKind]string{LessonWentWell: "What went well", LessonWentWrong: "What went wrong", LessonLucky: "Where we got lucky"}
	for _, k := range LessonKinds {
		var texts []string
		for _, l := range inc.Lessons {
			if l.Kind == k {
				texts = append(texts, "- "+l.Text)
			}
		}
		if len(texts) > 0 {
			add(names[k], string(k), strings.Join(texts, "\n"))
		}
	}

	// The domain records the factors each factor led to; lint wants the factors
	// that led to each one (the answers to "why?"). Invert the edges.
	ledTo := map[string][]string{}
	for _, f := range inc.Factors {
		for _, c := range f.Causes {
			ledTo[c] = append(ledTo[c], f.ID)
		}
	}
	for _, f := range inc.Factors {
		d.Factors = append(d.Factors, lint.Factor{ID: f.ID, Text: f.Text, Layer: string(f.Layer), Causes: ledTo[f.ID]})
	}

	for _, a := range inc.Actions {
		text := a.Title
		if a.DoneWhen != "" {
			text += " (done when " + a.DoneWhen + ")"
		}
		la := lint.Action{
			ID: a.ID, Text: text, Category: lint.Category(a.Category), Owner: a.Owner,
			Done:      a.Status == ActionDone || a.Status == ActionWontDo,
			Addresses: a.Addresses, Known: lint.FieldOwner | lint.FieldDue,
		}
		if due, err := time.Parse(DateLayout, a.Due); err == nil {
			la.Due = due
		}
		d.Actions = append(d.Actions, la)
	}

	for _, name := range MilestoneNames {
		if m, ok := inc.Milestone(name); ok {
			d.Milestones = append(d.Milestones, lint.Milestone{Name: string(name), Time: m.Time})
		}
	}
	d.UsersAffected = inc.Impact.UsersAffected > 0 || inc.Impact.UsersPercent > 0 || inc.Impact.DataLoss || inc.Impact.Description != ""
	d.Roster = LintRoster(inc.Roster)
	return d
}

// LintRoster maps roster entries to the people the lint package recognises: the
// name, the handle and every alias, each with the role to write instead.
func LintRoster(roster []Person) []lint.Person {
	out := make([]lint.Person, 0, len(roster))
	for _, p := range roster {
		if isSystemActor(p.Handle, "") {
			continue // a bot or integration is named as what it is
		}
		lp := lint.Person{Name: p.Name, Role: p.Role}
		if p.Handle != "" {
			lp.Handles = append(lp.Handles, p.Handle)
		}
		for _, a := range p.Aliases {
			if strings.ContainsAny(a, " @") {
				// A display name ("Marek K") is a name; an address is not prose.
				if !strings.Contains(a, "@") {
					out = append(out, lint.Person{Name: a, Role: p.Role})
				}
				continue
			}
			lp.Handles = append(lp.Handles, a)
		}
		out = append(out, lp)
	}
	return out
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
