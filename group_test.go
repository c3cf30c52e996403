package hindsight

import (
	"slices"
	"testing"
)

func TestGroupRules(t *testing.T) {
	alert := ev("alertmanager", "a:1", KindAlert, "10:00:00", "", "[FIRING:1] PaymentsQueueBacklog payments-worker")
	deploy := ev("github", "d:1", KindDeploy, "10:00:00", "ci", "Deploy payments-worker v3.2.0 to production")
	cases := []struct {
		name    string
		events  []Event
		grouped [][2]int // pairs of event indexes that share a group
		alone   []int    // event indexes with no group
	}{
		{"alert and its page", []Event{alert,
			ev("pagerduty", "p:1", KindPage, "10:00:20", "", "Triggered: PaymentsQueueBacklog (payments-worker)")},
			[][2]int{{0, 1}}, nil},
		{"page a little before the alert (clock skew)", []Event{alert,
			ev("pagerduty", "p:1", KindPage, "09:59:30", "", "Triggered: PaymentsQueueBacklog")},
			[][2]int{{0, 1}}, nil},
		{"page about another alert", []Event{alert,
			ev("pagerduty", "p:1", KindPage, "10:01:00", "", "Triggered: DiskAlmostFull db-7")},
			nil, []int{0, 1}},
		{"page too late", []Event{alert,
			ev("pagerduty", "p:1", KindPage, "10:06:00", "", "Triggered: PaymentsQueueBacklog")},
			nil, []int{0, 1}},
		{"two pages: the better match wins", []Event{alert,
			ev("pagerduty", "p:1", KindPage, "10:00:10", "", "Triggered: payments"),
			ev("pagerduty", "p:2", KindPage, "10:02:00", "", "Triggered: PaymentsQueueBacklog payments-worker")},
			[][2]int{{0, 2}}, []int{1}},
		{"camel-case name matches its words", []Event{
			ev("grafana", "g:1", KindAlert, "10:00:00", "", "HighMemoryUsage on cache-3"),
			ev("opsgenie", "o:1", KindPage, "10:00:05", "", "Alert created: High memory usage cache-3")},
			[][2]int{{0, 1}}, nil},
		{"deploy and its chat announcement", []Event{deploy,
			ev("slack", "s:1", KindMessage, "09:58:00", "", "shipping payments-worker v3.2.0 now")},
			[][2]int{{0, 1}}, nil},
		{"rollback and its chat announcement", []Event{
			ev("github", "d:2", KindDeploy, "10:30:00", "", "Rollback payments-worker to v3.1.9"),
			ev("slack", "s:1", KindMessage, "10:29:00", "", "rolling back payments-worker to v3.1.9")},
			[][2]int{{0, 1}}, nil},
		{"chat about the service that announces nothing", []Event{deploy,
			ev("slack", "s:1", KindMessage, "10:01:00", "", "payments-worker v3.2.0 looks slow")},
			nil, []int{0, 1}},
		{"announcement of another service", []Event{deploy,
			ev("slack", "s:1", KindMessage, "10:01:00", "", "deploying web-frontend 2025.03.14")},
			nil, []int{0, 1}},
		{"announcement outside the window", []Event{deploy,
			ev("slack", "s:1", KindMessage, "10:16:00", "", "deployed payments-worker v3.2.0")},
			nil, []int{0, 1}},
		{"an alert and a page never group with chat", []Event{alert,
			ev("slack", "s:1", KindMessage, "10:00:10", "", "PaymentsQueueBacklog firing again")},
			nil, []int{0, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inc := &Incident{Timeline: slices.Clone(c.events)}
			inc.CurateTimeline()
			g := func(i int) string { return event(inc, c.events[i].ID).Group }
			for _, p := range c.grouped {
				if g(p[0]) == "" || g(p[0]) != g(p[1]) {
					t.Errorf("%q and %q: groups %q, %q; want one", c.events[p[0]].Text, c.events[p[1]].Text, g(p[0]), g(p[1]))
				}
			}
			for _, i := range c.alone {
				if g(i) != "" {
					t.Errorf("%q: group %q, want none", c.events[i].Text, g(i))
				}
			}
		})
	}
}

func TestMatchTokens(t *testing.T) {
	cases := map[string][]string{
		"[FIRING:1] CheckoutHighErrorRate (checkout-api)": {"api", "checkout", "checkout-api", "checkouthigherrorrate", "error", "rate"},
		"deploying v2.31.0 (a84d88e), PR #1234":           {"1234", "a84d88e", "v2.31.0"},
		"the alert is firing in production":               nil,
	}
	for in, want := range cases {
		got := matchTokens(in)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		// "api" is a stop word; "high" too; check the rest.
		want = slices.DeleteFunc(slices.Clone(want), func(s string) bool { return stopTokens[s] })
		if !slices.Equal(got, want) {
			t.Errorf("matchTokens(%q) = %q, want %q", in, got, want)
		}
	}
}
