package report

import (
	"net/url"
	"path"
	"strings"

	hindsight "github.com/hindsight-sre/hindsight"
)

// Category is one action-item category and its items.
type Category struct {
	Name     string
	Label    string
	Question string
	Actions  []Action
}

// Action is one action item as the report shows it.
type Action struct {
	ID       string
	Title    string
	Priority string
	Owner    string
	Due      string
	Status   string
	Tracker  string
	// TrackerURL is Tracker when it is an http(s) link, else empty, and
	// TrackerLabel is what a link shows: the ticket key at the end of the
	// URL ("SRE-412") rather than the whole address.
	TrackerURL   string
	TrackerLabel string
	Addresses    []FactorRef
	DoneWhen     string
}

// FactorRef names a factor from an action item.
type FactorRef struct {
	ID     string
	Anchor string
	Text   string
}

// categoryText gives each action category a heading and the question it
// answers, so readers see why an item sits where it does.
var categoryText = map[hindsight.Category][2]string{
	hindsight.CategoryInvestigate:    {"Investigate this incident", "What do we still need to find out about what happened?"},
	hindsight.CategoryMitigate:       {"Mitigate this incident", "What did or will we do to limit the harm of this incident?"},
	hindsight.CategoryRepair:         {"Repair the damage", "What must be restored or cleaned up after this incident?"},
	hindsight.CategoryDetect:         {"Detect future incidents", "How will we notice this kind of failure sooner?"},
	hindsight.CategoryMitigateFuture: {"Mitigate future incidents", "How will the next incident of this kind hurt fewer users, for less time?"},
	hindsight.CategoryPrevent:        {"Prevent future incidents", "How will we make this kind of failure less likely?"},
}

func categories(inc *hindsight.Incident) []Category {
	var out []Category
	for _, c := range hindsight.Categories {
		cat := Category{Name: string(c), Label: categoryText[c][0], Question: categoryText[c][1]}
		for _, a := range inc.Actions {
			if a.Category != c {
				continue
			}
			row := Action{ID: a.ID, Title: strings.TrimSpace(a.Title), Priority: string(a.Priority), Owner: a.Owner,
				Due: a.Due, Status: string(a.Status), Tracker: a.Tracker, DoneWhen: strings.TrimSpace(a.DoneWhen)}
			if u, err := url.Parse(a.Tracker); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
				row.TrackerURL = a.Tracker
				row.TrackerLabel = path.Base(strings.TrimRight(u.Path, "/"))
				if row.TrackerLabel == "." || row.TrackerLabel == "/" {
					row.TrackerLabel = u.Host
				}
			}
			for _, id := range a.Addresses {
				fr := FactorRef{ID: id, Anchor: "factor-" + id}
				if f, ok := inc.Factor(id); ok {
					fr.Text = strings.TrimSpace(f.Text)
				}
				row.Addresses = append(row.Addresses, fr)
			}
			cat.Actions = append(cat.Actions, row)
		}
		if len(cat.Actions) > 0 {
			out = append(out, cat)
		}
	}
	return out
}
