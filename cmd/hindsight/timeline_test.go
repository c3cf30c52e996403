package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// story adds the events of a small incident, as a person (or an importer)
// would: a deploy, the alert and its page, an ack, chat, the cause, the
// rollback, the alert resolving and the incident resolved. It returns the
// event ids by a short name.
func story(c *cli, id string) map[string]string {
	ids := map[string]string{}
	for _, e := range []struct{ name, at, kind, actor, text string }{
		{"deploy", "2025-03-14T10:40:00+01:00", "deploy", "dana", "Deploy checkout-api v2.31.0 to production (a84d88e)"},
		{"announce", "2025-03-14T09:40:30Z", "message", "dana", "deploying checkout-api v2.31.0 to prod"},
		{"alert", "2025-03-14T09:52:00Z", "alert", "alertmanager", "[FIRING:1] CheckoutHighErrorRate checkout-api 5xx ratio above 5%"},
		{"page", "2025-03-14T09:52:40Z", "page", "", "Triggered: [FIRING:1] CheckoutHighErrorRate (checkout-api)"},
		{"ack", "2025-03-14T09:55:10Z", "ack", "Dana Scully", "Acknowledged by Dana Scully"},
		{"looking", "2025-03-14T09:56:00Z", "message", "dana", "looking at checkout-api errors, @sam can you check the db?"},
		{"cause", "2025-03-14T10:05:00Z", "decision", "dana", "Root cause: v2.31.0 lowered the connection pool size; rolling back"},
		{"rollback", "2025-03-14T10:07:00Z", "deploy", "dana", "Rollback checkout-api to v2.30.4 (9f1c2d3)"},
		{"recovered", "2025-03-14T10:15:00Z", "alert", "alertmanager", "[RESOLVED] CheckoutHighErrorRate checkout-api"},
		{"resolved", "2025-03-14T10:20:00Z", "status", "Dana Scully", "Resolved by Dana Scully"},
		{"after", "2025-03-14T11:30:00Z", "message", "sam", "postmortem scheduled for Monday"},
	} {
		ids[e.name] = c.ok("event", "add", id, "--at", e.at, "--kind", e.kind, "--actor", e.actor, "--text", e.text)
	}
	return ids
}

func (c *cli) jsonOf(v any, args ...string) {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 0 && r.code != exitFindings {
		c.t.Fatalf("hindsight %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
		c.t.Fatalf("hindsight %s: not JSON: %v\n%s", strings.Join(args, " "), err, r.stdout)
	}
}

func TestTimelineMetricsGapsRoster(t *testing.T) {
	c := newCLI(t)
	id := c.ok("new", "--title", "Checkout errors after deploy", "--id", "inc-1")
	ev := story(c, id)

	// The timeline: every key of the contract, UTC, in order, phases set.
	var all []map[string]any
	c.jsonOf(&all, "timeline", id, "--all", "--json")
	if len(all) != 11 {
		t.Fatalf("timeline --all has %d events, want 11", len(all))
	}
	for i, e := range all {
		for _, k := range []string{"id", "time", "source", "ref", "kind", "phase", "actor", "text", "starred"} {
			if _, ok := e[k]; !ok {
				t.Fatalf("event %d lacks %q: %v", i, k, e)
			}
		}
		if i > 0 && e["time"].(string) < all[i-1]["time"].(string) {
			t.Fatal("timeline not in time order")
		}
	}
	if all[0]["id"] != ev["deploy"] || all[0]["time"] != "2025-03-14T09:40:00Z" || all[0]["phase"] != "pre-incident" {
		t.Errorf("first event %v", all[0])
	}
	if all[2]["group"] == nil || all[2]["group"] != all[3]["group"] {
		t.Errorf("alert and page not grouped: %v / %v", all[2]["group"], all[3]["group"])
	}
	var key []map[string]any
	c.jsonOf(&key, "timeline", id, "--json")
	if len(key) != 7 {
		t.Errorf("curated timeline has %d events, want 7", len(key))
	}
	if out := c.ok("timeline", id); !strings.Contains(out, "resolved") {
		t.Errorf("text timeline does not name the milestones: %q", out)
	}

	// Metrics: exactly the agreed JSON shape.
	var m struct {
		Milestones map[string]map[string]any `json:"milestones"`
		Metrics    []map[string]any          `json:"metrics"`
	}
	c.jsonOf(&m, "metrics", id, "--json")
	if d := m.Milestones["detected"]; d["time"] != "2025-03-14T09:52:00Z" || d["event"] != ev["alert"] || d["rule"] != "detected-page" || len(d) != 3 {
		t.Errorf("detected %v", d)
	}
	if len(m.Metrics) != 5 || m.Metrics[1]["name"] != "time_to_acknowledge" || m.Metrics[1]["seconds"] != 190.0 {
		t.Errorf("metrics %v", m.Metrics)
	}

	// A person's milestone wins and survives a later import.
	c.ok("milestone", "set", id, "impact_start", "--at", "2025-03-14T10:41:00+01:00", "--because", "checkout error graph rises")
	c.ok("event", "add", id, "--at", "2025-03-14T09:30:00Z", "--kind", "alert", "--text", "[FIRING:1] CheckoutLatency")
	c.jsonOf(&m, "metrics", id, "--json")
	if s := m.Milestones["impact_start"]; s["rule"] != "person" || s["time"] != "2025-03-14T09:41:00Z" || s["event"] != "" {
		t.Errorf("impact_start %v", s)
	}
	c.ok("milestone", "unset", id, "impact_start")
	c.jsonOf(&m, "metrics", id, "--json")
	if s := m.Milestones["impact_start"]; s["rule"] != "impact-start-alert" || s["time"] != "2025-03-14T09:30:00Z" {
		t.Errorf("impact_start after unset %v", s)
	}
	if out := c.run("milestone", "rules").stdout; !strings.Contains(out, "mitigated-rollback") {
		t.Errorf("milestone rules: %q", out)
	}

	// Stars: a person's choice survives later imports.
	c.ok("event", "star", id, ev["after"])
	c.ok("event", "unstar", id, ev["alert"])
	c.ok("event", "add", id, "--at", "2025-03-14T10:30:00Z", "--kind", "note", "--text", "call notes")
	c.jsonOf(&key, "timeline", id, "--json")
	starred := map[any]bool{}
	for _, e := range key {
		starred[e["id"]] = true
	}
	if !starred[ev["after"]] || starred[ev["alert"]] {
		t.Errorf("stars lost: after %v alert %v", starred[ev["after"]], starred[ev["alert"]])
	}
	c.ok("event", "phase", id, ev["after"], "resolution")
	c.jsonOf(&all, "timeline", id, "--all", "--json")
	if last := all[len(all)-1]; last["id"] != ev["after"] || last["phase"] != "resolution" {
		t.Errorf("phase by hand: %v", last)
	}

	// Gaps: questions, exit 3 while warnings remain.
	r := c.run("gaps", id)
	if r.code != exitFindings || !strings.Contains(r.stdout, "gap-roster") || !strings.Contains(r.stdout, "How many users") {
		t.Fatalf("gaps: exit %d\n%s", r.code, r.stdout)
	}

	// The roster, in both word orders, rewrites what is there already.
	c.ok("roster", "add", id, "--handle", "@dana", "--name", "Dana Scully", "--role", "Incident Commander")
	c.ok("roster", id, "add", "--handle", "sam", "--name", "Sam Okafor", "--role", "Database on-call")
	var roster []map[string]any
	c.jsonOf(&roster, "roster", id, "list", "--json", "--with-names")
	if len(roster) != 2 || roster[0]["handle"] != "dana" {
		t.Errorf("roster %v", roster)
	}
	doc := c.export(id)
	delete(doc, "roster")
	b, _ := json.Marshal(doc)
	for _, name := range []string{"dana", "scully", "sam", "okafor"} {
		if strings.Contains(strings.ToLower(string(b)), name) {
			t.Errorf("%q appears in the export outside the roster", name)
		}
	}
	for _, args := range [][]string{{"timeline", id, "--all", "--json"}, {"timeline", id, "--all"}, {"gaps", id, "--json"}, {"metrics", id}} {
		out := strings.ToLower(c.run(args...).stdout)
		for _, name := range []string{"dana", "scully", "sam", "okafor"} {
			if strings.Contains(out, name) {
				t.Errorf("%q appears in 'hindsight %s'", name, strings.Join(args, " "))
			}
		}
	}
	c.ok("set", id, "impact.users_affected", "1200")
	var gaps []map[string]any
	c.jsonOf(&gaps, "gaps", id, "--json")
	for _, g := range gaps {
		if g["rule"] == "gap-roster" || g["rule"] == "gap-impact-numbers" {
			t.Errorf("gap left after answering it: %v", g)
		}
	}
}

func TestTimelineBadInput(t *testing.T) {
	c := newCLI(t)
	c.ok("new", "--title", "Checkout errors", "--id", "inc-1")
	before := c.run("export", "inc-1").stdout
	c.fails(1, "has no event enope", "event", "star", "inc-1", "enope")
	c.fails(1, `unknown milestone "lunch"`, "milestone", "set", "inc-1", "lunch", "--at", "2025-03-14T10:00:00Z", "--because", "x")
	c.fails(2, `"because" not set`, "milestone", "set", "inc-1", "detected", "--at", "2025-03-14T10:00:00Z")
	c.fails(2, "not an RFC 3339 time", "milestone", "set", "inc-1", "detected", "--at", "10:00", "--because", "x")
	c.fails(1, "no person has set milestone detected", "milestone", "unset", "inc-1", "detected")
	c.fails(2, `"role" not set`, "roster", "add", "inc-1", "--handle", "dana")
	c.fails(2, `"role" not set`, "roster", "inc-1", "add", "--handle", "dana")
	c.fails(2, "needs a verb", "roster", "inc-1", "frob")
	if r := c.run("roster", "inc-1", "add", "--help"); r.code != 0 || !strings.Contains(r.stdout, "--alias") {
		t.Errorf("roster ID add --help: exit %d %q", r.code, r.stdout)
	}
	c.fails(2, "takes 1 argument", "roster", "inc-1", "list", "extra")
	c.fails(1, `no incident "nope"`, "timeline", "nope")
	c.fails(1, `no incident "nope"`, "metrics", "nope", "--json")
	c.fails(1, `no incident "nope"`, "gaps", "nope")
	if after := c.run("export", "inc-1").stdout; after != before {
		t.Fatalf("bad input changed the incident")
	}
	r := c.run("timeline", "inc-1", "--json")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("empty timeline --json: exit %d %q", r.code, r.stdout)
	}
	r = c.run("gaps", "inc-1", "--json")
	if r.code != exitFindings || !strings.Contains(r.stdout, "gap-evidence") {
		t.Errorf("gaps of an empty incident: exit %d %q", r.code, r.stdout)
	}
}
