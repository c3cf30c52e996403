package examples_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/examples"
)

// load decodes the example's incident.json strictly, the way a restore does,
// and fills the event ids the Service would fill.
func load(t *testing.T) (*hindsight.Incident, []byte) {
	t.Helper()
	doc, err := fs.ReadFile(examples.FS, path.Join(examples.CheckoutLatency, "incident.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	var inc hindsight.Incident
	if err := dec.Decode(&inc); err != nil {
		t.Fatalf("incident.json: %v", err)
	}
	if dec.More() {
		t.Fatal("incident.json holds more than one JSON value")
	}
	for i := range inc.Timeline {
		inc.Timeline[i].Normalize()
	}
	return &inc, doc
}

func TestIncidentIsValid(t *testing.T) {
	inc, _ := load(t)
	if err := inc.Validate(hindsight.DefaultScale); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if inc.ID != "2026-10-14-checkout-latency" || inc.Status != hindsight.StatusInReview || inc.Severity != "SEV2" {
		t.Errorf("id, status, severity = %q, %q, %q", inc.ID, inc.Status, inc.Severity)
	}
	if n := len(inc.Timeline); n < 20 || n > 30 {
		t.Errorf("%d timeline events, want a curated 20 to 30", n)
	}
	roles := map[string]bool{}
	for _, p := range inc.Roster {
		roles[p.Role] = true
	}
	if !roles[inc.Owner] {
		t.Errorf("owner %q is not a role of the roster", inc.Owner)
	}
	for _, e := range inc.Timeline {
		if !e.Starred || e.Phase == "" || e.Actor == "" || e.Ref == "" || e.TimeText == "" || e.Zone == "" {
			t.Errorf("event %s (%s) is missing curation: %+v", e.ID, e.Text, e)
		}
	}

	// References between parts of the document resolve.
	events := map[string]hindsight.Event{}
	for _, e := range inc.Timeline {
		events[e.ID] = e
	}
	for _, m := range inc.Milestones {
		e, ok := events[m.Event]
		switch {
		case m.Event == "":
		case !ok:
			t.Errorf("milestone %s names unknown event %s", m.Name, m.Event)
		case !e.Time.Equal(m.Time):
			t.Errorf("milestone %s is at %s but its event is at %s", m.Name, m.Time, e.Time)
		}
		if m.Rule != hindsight.RulePerson || m.Because == "" {
			t.Errorf("milestone %s: set by a person needs rule %q and a reason", m.Name, hindsight.RulePerson)
		}
	}
	for _, f := range inc.Factors {
		for _, id := range f.Evidence {
			if _, ok := events[id]; !ok {
				t.Errorf("factor %s cites unknown event %s", f.ID, id)
			}
		}
	}
	actions := map[string]bool{}
	for _, a := range inc.Actions {
		actions[a.ID] = true
		if a.DoneWhen == "" || a.Owner == "" || a.Due == "" || a.Tracker == "" || a.Priority == "" || len(a.Addresses) == 0 {
			t.Errorf("action %s lacks a done criterion, owner, due date, tracker, priority or factor", a.ID)
		}
	}
	for _, tp := range inc.ThirdParties {
		for _, id := range tp.Actions {
			if !actions[id] {
				t.Errorf("third party %s names unknown action %s", tp.Vendor, id)
			}
		}
	}

	// The metrics come out as the README states them.
	want := map[string]time.Duration{
		"time_to_detect":  23*time.Minute + 40*time.Second + 726*time.Millisecond,
		"customer_impact": 46*time.Minute + 56*time.Second + 844*time.Millisecond,
	}
	for _, m := range hindsight.ComputeMetrics(inc.Milestones) {
		if d, ok := want[m.Name]; ok && m.Duration() != d {
			t.Errorf("%s = %s, want %s", m.Name, m.Duration(), d)
		}
		delete(want, m.Name)
	}
	for name := range want {
		t.Errorf("metric %s is not computed", name)
	}
}

// TestIncidentIsBlameless checks that no person's name, handle or name part
// appears in incident.json outside its roster: the document speaks of roles.
func TestIncidentIsBlameless(t *testing.T) {
	inc, _ := load(t)
	if len(inc.Roster) == 0 {
		t.Fatal("empty roster")
	}
	words := map[string]bool{}
	for _, p := range inc.Roster {
		if p.Name == "" {
			continue // a bot
		}
		words[p.Name] = true
		words[p.Handle] = true
		for _, part := range strings.Fields(p.Name) {
			words[part] = true
		}
	}
	rest := *inc
	rest.Roster = nil
	b, err := json.Marshal(rest)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ToLower(string(b))
	for w := range words {
		if containsWord(text, strings.ToLower(w)) {
			t.Errorf("incident.json mentions %q outside the roster", w)
		}
	}
}

// containsWord reports whether w occurs in s between non-letters.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after)) {
			return true
		}
		i = start + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func TestRosterFileMatchesIncident(t *testing.T) {
	inc, _ := load(t)
	f, err := examples.FS.Open(path.Join(examples.CheckoutLatency, "roster.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "handle,name,role" {
		t.Fatalf("roster.csv header = %v", rows[:1])
	}
	if len(rows)-1 != len(inc.Roster) {
		t.Fatalf("roster.csv has %d people, incident.json %d", len(rows)-1, len(inc.Roster))
	}
	for i, r := range rows[1:] {
		if p := inc.Roster[i]; p.Handle != r[0] || p.Name != r[1] || p.Role != r[2] {
			t.Errorf("roster row %d: csv %v, incident.json %+v", i+1, r, p)
		}
	}
}

func TestEvidenceParses(t *testing.T) {
	inc, _ := load(t)
	n := 0
	err := fs.WalkDir(examples.FS, examples.CheckoutLatency, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".json" {
			return err
		}
		b, err := fs.ReadFile(examples.FS, p)
		if err != nil {
			return err
		}
		if !json.Valid(b) {
			t.Errorf("%s is not valid JSON", p)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 11 {
		t.Errorf("found %d JSON files, want the 11 evidence files and incident.json", n)
	}

	day := time.Date(2026, 10, 14, 0, 0, 0, 0, time.UTC)
	for _, e := range inc.Timeline {
		if e.Time.Before(day) || !e.Time.Before(day.AddDate(0, 0, 1)) {
			t.Errorf("event %s at %s is not on the incident day", e.ID, e.Time)
		}
	}
	for _, m := range inc.Milestones {
		if m.Time.Before(day) || !m.Time.Before(day.AddDate(0, 0, 1)) {
			t.Errorf("milestone %s at %s is not on the incident day", m.Name, m.Time)
		}
	}
}

// TestEventRefsResolve checks that every timeline event points into an
// evidence file of the example: "file:line" at an existing line,
// "file#id" at an id the file holds, and that Slack and Alertmanager
// events sit at the time their ref names.
func TestEventRefsResolve(t *testing.T) {
	inc, _ := load(t)
	for _, e := range inc.Timeline {
		file, id, byID := strings.Cut(e.Ref, "#")
		line := 0
		if !byID {
			var num string
			file, num, _ = strings.Cut(e.Ref, ":")
			if n, err := strconv.Atoi(num); err == nil {
				line = n
			}
		}
		b, err := fs.ReadFile(examples.FS, path.Join(examples.CheckoutLatency, file))
		if err != nil {
			t.Errorf("event %s: ref %q: %v", e.ID, e.Ref, err)
			continue
		}
		if !byID {
			if n := bytes.Count(b, []byte("\n")); line < 1 || line > n {
				t.Errorf("event %s: ref %q is not a line of %s (%d lines)", e.ID, e.Ref, file, n)
			}
			continue
		}
		key, at, timed := strings.Cut(id, "@")
		if !bytes.Contains(b, []byte(`"`+key+`"`)) && !bytes.Contains(b, []byte(`"id": `+key+`,`)) {
			t.Errorf("event %s: %s holds no %q", e.ID, file, key)
		}
		if timed {
			if when, err := time.Parse(time.RFC3339Nano, at); err != nil || !when.Equal(e.Time) {
				t.Errorf("event %s at %s, but its ref says %s", e.ID, e.Time, at)
			}
		}
		if e.Source == "slack" {
			sec, frac, _ := strings.Cut(key, ".")
			s, err1 := strconv.ParseInt(sec, 10, 64)
			us, err2 := strconv.ParseInt(frac, 10, 64)
			if err1 != nil || err2 != nil || !time.Unix(s, us*1000).Equal(e.Time) {
				t.Errorf("event %s at %s, but its Slack ts is %s", e.ID, e.Time, key)
			}
			if e.TimeText != key {
				t.Errorf("event %s: time_text %q, want the ts %s", e.ID, e.TimeText, key)
			}
		}
	}
}

// TestLogAgreesWithIncident checks the log lines that incident.json and the
// Slack export quote, and that the log is in time order.
func TestLogAgreesWithIncident(t *testing.T) {
	inc, _ := load(t)
	f, err := examples.FS.Open(path.Join(examples.CheckoutLatency, "logs", "checkout-api.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	var last time.Time
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		lines = append(lines, line)
		ts, _, _ := strings.Cut(line, " ")
		at, err := time.Parse(time.RFC3339Nano, ts)
		if err != nil {
			t.Fatalf("line %d: %v", len(lines), err)
		}
		if at.Before(last) {
			t.Fatalf("line %d goes back in time", len(lines))
		}
		last = at
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n := len(lines); n < 20000 || n > 40000 {
		t.Errorf("log has %d lines, want 20,000 to 40,000", n)
	}
	for _, e := range inc.Timeline {
		if e.Source != "logfile" {
			continue
		}
		file, num, _ := strings.Cut(e.Ref, ":")
		n, err := strconv.Atoi(num)
		if file != "logs/checkout-api.log" || err != nil || n < 1 || n > len(lines) {
			t.Errorf("event %s has a bad log ref %q", e.ID, e.Ref)
			continue
		}
		if got := e.Time.Format("2006-01-02T15:04:05.000Z07:00"); !strings.HasPrefix(lines[n-1], got+" ") {
			t.Errorf("event %s at %s, but %s is %q", e.ID, got, e.Ref, lines[n-1])
		}
	}
	quoted := "2026-10-14T11:12:58.204Z ERROR [checkout-api] pool: timed out waiting for connection after 5000ms (active=20 idle=0 waiters=143)"
	found := false
	for _, l := range lines {
		found = found || l == quoted
	}
	if !found {
		t.Errorf("the log line pasted into Slack is not in the log: %s", quoted)
	}
}

func TestChainsAndCategories(t *testing.T) {
	inc, _ := load(t)
	long := 0
	for _, c := range inc.Chains() {
		if len(c) >= 3 && len(c) <= 5 {
			long++
		}
	}
	if long < 2 {
		t.Errorf("%d 5 Whys chains of 3 to 5 factors, want at least 2", long)
	}
	layers := inc.FactorsByLayer()
	for _, l := range hindsight.Layers {
		if len(layers[l]) == 0 {
			t.Errorf("no contributing factor in the %s layer", l)
		}
	}
	have := map[hindsight.Category]int{}
	for _, a := range inc.Actions {
		have[a.Category]++
	}
	for _, c := range hindsight.Categories {
		if have[c] == 0 {
			t.Errorf("no action item in category %s", c)
		}
	}
	addressed := map[string]bool{}
	for _, a := range inc.Actions {
		for _, f := range a.Addresses {
			addressed[f] = true
		}
	}
	for _, f := range inc.Factors {
		if !addressed[f.ID] {
			t.Errorf("factor %s has no action item", f.ID)
		}
	}
	kinds := map[hindsight.LessonKind]int{}
	for _, l := range inc.Lessons {
		kinds[l.Kind]++
	}
	for _, k := range hindsight.LessonKinds {
		if kinds[k] < 2 {
			t.Errorf("%d lessons of kind %s, want several", kinds[k], k)
		}
	}
}
