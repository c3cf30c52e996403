package hindsight

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// Each rule on its own: the events, and which event (by index) should set
// which milestone under which rule; -1 means the milestone stays unset.
func TestMilestoneRules(t *testing.T) {
	alert := ev("alertmanager", "a:1", KindAlert, "10:00:00", "", "[FIRING:1] ApiLatencyHigh api p99 above 2s")
	page := ev("pagerduty", "p:1", KindPage, "10:00:30", "", "Triggered: ApiLatencyHigh")
	cases := []struct {
		name   string
		events []Event
		ms     MilestoneName
		want   int
		rule   string
	}{
		{"trigger: last change before impact", []Event{
			ev("github", "d:1", KindDeploy, "08:00:00", "", "Deploy api v1"),
			ev("git", "c:1", KindChange, "09:30:00", "", "Raise cache TTL to 600s"),
			ev("github", "d:2", KindDeploy, "09:45:00", "", "Revert api to v1"),
			alert}, MilestoneTrigger, 1, "trigger-last-change"},
		{"trigger: nothing within the lookback", []Event{
			ev("github", "d:1", KindDeploy, "03:00:00", "", "Deploy api v1"), alert}, MilestoneTrigger, -1, ""},
		{"trigger: a change after impact is no trigger", []Event{
			alert, ev("github", "d:1", KindDeploy, "10:10:00", "", "Deploy api v2")}, MilestoneTrigger, -1, ""},
		{"impact_start: earliest alert", []Event{
			ev("alertmanager", "a:0", KindAlert, "09:58:00", "", "[FIRING:1] ApiErrors api"), alert}, MilestoneImpactStart, 0, "impact-start-alert"},
		{"impact_start: a log pattern rising earlier", []Event{
			ev("logmine", "api.log", KindLogPattern, "09:41:00", "", "pattern <*> connection refused rose from 2/min to 340/min"),
			alert}, MilestoneImpactStart, 0, "impact-start-log-rise"},
		{"impact_start: a new error pattern in a log", []Event{
			ev("logfile", "api.log:8312", KindLogPattern, "09:38:12", "", "New error pattern in api.log: `pool: timed out after <*>` — 853 lines from 09:38:12Z to 10:25:09Z"),
			ev("logfile", "api.log:8890", KindLogPattern, "09:41:00", "", "Error rate in api.log rose at 09:41Z (from ~0/min to a peak of ~37/min)"),
			alert}, MilestoneImpactStart, 0, "impact-start-log-rise"},
		{"impact_start: rise words quoted from the log are the log's, not a rise", []Event{
			ev("logfile", "api.log:12", KindLogPattern, "09:10:00", "", "Error pattern in api.log first logged at 09:10:00Z: `queue depth rising to <*>, new pattern` — 3 lines"),
			ev("logfile", "api.log:90", KindLogPattern, "09:41:00", "", "Error rate in api.log rose at 09:41Z"),
			alert}, MilestoneImpactStart, 1, "impact-start-log-rise"},
		{"impact_start: a return to baseline is no start", []Event{
			ev("logfile", "api.log:99", KindLogPattern, "09:20:00", "", "Error rate in api.log back to baseline after the spike"),
			alert}, MilestoneImpactStart, 1, "impact-start-alert"},
		{"impact_end: the error rate back to baseline in a log", []Event{
			ev("logfile", "api.log:8890", KindLogPattern, "09:41:00", "", "Error rate in api.log rose at 09:41Z"),
			ev("logfile", "api.log:21000", KindLogPattern, "10:24:00", "", "Error rate in api.log back to baseline at 10:24Z")}, MilestoneImpactEnd, 1, "impact-end-log-baseline"},
		{"impact_end: the last baseline, when the rate rose twice", []Event{
			ev("logfile", "api.log:1", KindLogPattern, "09:41:00", "", "Error rate in api.log rose at 09:41Z"),
			ev("logfile", "api.log:2", KindLogPattern, "09:50:00", "", "Error rate in api.log back to baseline at 09:50Z"),
			ev("logfile", "api.log:3", KindLogPattern, "10:00:00", "", "Error rate in api.log rose at 10:00Z"),
			ev("logfile", "api.log:4", KindLogPattern, "10:20:00", "", "Error rate in api.log back to baseline at 10:20Z")}, MilestoneImpactEnd, 3, "impact-end-log-baseline"},
		{"impact_end: a log still rising after the last baseline", []Event{
			ev("logfile", "api.log:1", KindLogPattern, "09:41:00", "", "Error rate in api.log rose at 09:41Z"),
			ev("logfile", "api.log:2", KindLogPattern, "09:50:00", "", "Error rate in api.log back to baseline at 09:50Z"),
			ev("logfile", "db.log:3", KindLogPattern, "10:00:00", "", "Error rate in db.log rose at 10:00Z")}, MilestoneImpactEnd, -1, ""},
		{"impact_end: a baseline before impact started is no end", []Event{
			ev("logfile", "api.log:2", KindLogPattern, "09:30:00", "", "Error rate in api.log back to baseline at 09:30Z"),
			alert}, MilestoneImpactEnd, -1, ""},
		{"impact_end: an alert resolving after the log's baseline", []Event{
			ev("logfile", "api.log:1", KindLogPattern, "09:41:00", "", "Error rate in api.log rose at 09:41Z"), alert,
			ev("logfile", "api.log:2", KindLogPattern, "10:24:00", "", "Error rate in api.log back to baseline at 10:24Z"),
			ev("alertmanager", "a:2", KindAlert, "10:27:00", "", "[RESOLVED] ApiLatencyHigh")}, MilestoneImpactEnd, 3, "impact-end-alert-resolved"},
		{"impact_start: a steady log pattern is no start", []Event{
			ev("logmine", "api.log", KindLogPattern, "09:41:00", "", "pattern GET /health 200 at 60/min"),
			alert}, MilestoneImpactStart, 1, "impact-start-alert"},
		{"impact_start: a resolved alert is no start", []Event{
			ev("alertmanager", "a:0", KindAlert, "09:50:00", "", "[RESOLVED] DiskFull db-3"), alert}, MilestoneImpactStart, 1, "impact-start-alert"},
		{"detected: the alert that paged", []Event{alert, page}, MilestoneDetected, 0, "detected-page"},
		{"detected: the paging alert, not an earlier warning that paged nobody", []Event{
			ev("alertmanager", "a:0", KindAlert, "09:40:00", "", "ApiLatencyP99High (severity warning) fires"),
			ev("alertmanager", "a:1", KindAlert, "10:01:53", "", "ApiHighErrorRate (severity critical) fires"),
			ev("pagerduty", "p:1", KindPage, "10:02:24", "", "PagerDuty incident #4821 triggered from Alertmanager")},
			MilestoneDetected, 1, "detected-page"},
		{"impact_start: the earlier warning", []Event{
			ev("alertmanager", "a:0", KindAlert, "09:40:00", "", "ApiLatencyP99High (severity warning) fires"),
			ev("alertmanager", "a:1", KindAlert, "10:01:53", "", "ApiHighErrorRate (severity critical) fires"),
			ev("pagerduty", "p:1", KindPage, "10:02:24", "", "PagerDuty incident #4821 triggered from Alertmanager")},
			MilestoneImpactStart, 0, "impact-start-alert"},
		{"detected: first alert when nothing paged", []Event{alert,
			ev("slack", "s:1", KindMessage, "10:01:00", "", "seeing the latency alert, looking")}, MilestoneDetected, 0, "detected-alert"},
		{"detected: an alert long before the page did not cause it", []Event{
			ev("alertmanager", "a:0", KindAlert, "09:00:00", "", "DiskFull db-3"),
			ev("pagerduty", "p:1", KindPage, "10:00:00", "", "Triggered: customer report")}, MilestoneDetected, 1, "detected-page"},
		{"detected: a page before any alert", []Event{
			ev("pagerduty", "p:0", KindPage, "09:59:00", "", "Triggered: customer report via support"), alert}, MilestoneDetected, 0, "detected-page"},
		{"detected: nothing", []Event{ev("slack", "s:1", KindMessage, "10:00:00", "", "is checkout slow for anyone?")}, MilestoneDetected, -1, ""},
		{"declared", []Event{alert,
			ev("slack", "s:1", KindMessage, "10:03:00", "", "I'm declaring a SEV2 incident for api latency")}, MilestoneDeclared, 1, "declared-declaration"},
		{"acknowledged: first ack after detection", []Event{
			ev("pagerduty", "p:0", KindAck, "09:00:00", "", "Acknowledged by db on-call"), alert,
			ev("pagerduty", "p:2", KindAck, "10:02:00", "", "Acknowledged by api on-call")}, MilestoneAcknowledged, 2, "acknowledged-ack"},
		{"identified: status update", []Event{alert,
			ev("statuspage", "u:2", KindStatus, "10:20:00", "", "Identified - The cause is a slow database query."),
			ev("slack", "s:1", KindMessage, "10:25:00", "", "root cause is the new query plan")}, MilestoneIdentified, 1, "identified-status"},
		{"identified: a message naming the cause", []Event{alert,
			ev("slack", "s:1", KindMessage, "10:10:00", "", "maybe the cache?"),
			ev("slack", "s:2", KindMessage, "10:15:00", "", "found the bug: the retry loop has no backoff")}, MilestoneIdentified, 2, "identified-cause-named"},
		{"identified: a change named as the cause", []Event{alert,
			ev("slack", "s:1", KindMessage, "10:15:48", "", "Config change identified: b567251 changes pool_size from 200 to 20")}, MilestoneIdentified, 1, "identified-cause-named"},
		{"identified: guesses are not a cause", []Event{alert,
			ev("slack", "s:1", KindMessage, "10:10:00", "", "could this be caused by the cache? not sure"),
			ev("slack", "s:2", KindMessage, "10:11:00", "", "I suspect the root cause is the new query plan")}, MilestoneIdentified, -1, ""},
		{"identified: questions only", []Event{alert,
			ev("slack", "s:1", KindMessage, "10:10:00", "", "what changed? anyone deploy?")}, MilestoneIdentified, -1, ""},
		{"mitigated: rollback", []Event{alert,
			ev("github", "d:1", KindDeploy, "10:12:00", "", "Rolled back api to v1.4.1"),
			ev("alertmanager", "a:2", KindAlert, "10:20:00", "", "[RESOLVED] ApiLatencyHigh")}, MilestoneMitigated, 1, "mitigated-rollback"},
		{"mitigated: when the rollback is live, not when the revert merges", []Event{alert,
			ev("git", "c:1", KindChange, "10:17:02", "", "Revert #2318 (f18df68) merged"),
			ev("github", "d:1", KindDeploy, "10:17:40", "", "Rollback deploy of f18df68 to production starts"),
			ev("github", "d:2", KindDeploy, "10:24:52", "", "Rollback deploy complete: 10 of 10 pods ready on f18df68")}, MilestoneMitigated, 3, "mitigated-rollback"},
		{"mitigated: a rollback deploy that reports nothing more", []Event{alert,
			ev("git", "c:1", KindChange, "10:17:02", "", "Revert #2318 (f18df68) merged"),
			ev("github", "d:1", KindDeploy, "10:17:40", "", "Rollback deploy of f18df68 to production starts")}, MilestoneMitigated, 2, "mitigated-rollback"},
		{"mitigated: only the revert is in the evidence", []Event{alert,
			ev("git", "c:1", KindChange, "10:17:02", "", "Revert \"Move checkout-api to shared db template\"")}, MilestoneMitigated, 1, "mitigated-rollback"},
		{"mitigated: fix deployed after the cause was named", []Event{alert,
			ev("slack", "s:1", KindDecision, "10:05:00", "", "root cause: missing index on orders.user_id"),
			ev("github", "d:1", KindDeploy, "10:15:00", "", "Deploy api v1.4.2 (add index)")}, MilestoneMitigated, 2, "mitigated-fix-deployed"},
		{"mitigated: a deploy before any cause is no fix", []Event{alert,
			ev("github", "d:1", KindDeploy, "10:15:00", "", "Deploy web v9")}, MilestoneMitigated, -1, ""},
		{"mitigated: status monitoring", []Event{alert,
			ev("statuspage", "u:3", KindStatus, "10:30:00", "", "Monitoring - A fix has been implemented and we are monitoring the results.")}, MilestoneMitigated, 1, "mitigated-status"},
		{"mitigated: alert resolved", []Event{alert,
			ev("alertmanager", "a:2", KindAlert, "10:20:00", "", "[RESOLVED] ApiLatencyHigh")}, MilestoneMitigated, 1, "mitigated-alert-resolved"},
		{"impact_end: last alert resolved", []Event{alert,
			ev("alertmanager", "a:2", KindAlert, "10:20:00", "", "[RESOLVED] ApiLatencyHigh"),
			ev("alertmanager", "a:3", KindAlert, "10:25:00", "", "ApiErrors resolved")}, MilestoneImpactEnd, 2, "impact-end-alert-resolved"},
		{"impact_end: \"resolves\" is a resolve too", []Event{alert,
			ev("alertmanager", "a:2", KindAlert, "10:29:23", "", "ApiLatencyHigh resolves; PagerDuty resolves the incident 30 seconds later")}, MilestoneImpactEnd, 1, "impact-end-alert-resolved"},
		{"impact_end: an alert firing again after the last resolve", []Event{alert,
			ev("alertmanager", "a:2", KindAlert, "10:20:00", "", "[RESOLVED] ApiLatencyHigh"),
			ev("alertmanager", "a:3", KindAlert, "10:25:00", "", "[FIRING:1] ApiLatencyHigh")}, MilestoneImpactEnd, -1, ""},
		{"resolved: the last resolve", []Event{alert,
			ev("pagerduty", "p:3", KindStatus, "10:40:00", "", "Resolved through the integration API"),
			ev("statuspage", "u:4", KindStatus, "11:00:00", "", "Resolved - This incident has been resolved.")}, MilestoneResolved, 2, "resolved-incident"},
		{"resolved: a status update that only mentions the word", []Event{alert,
			ev("statuspage", "u:1", KindStatus, "10:40:00", "", "Investigating - this is not resolved yet.")}, MilestoneResolved, -1, ""},
		{"resolved: a resolved alert is impact_end, not resolved", []Event{alert,
			ev("alertmanager", "a:2", KindAlert, "10:20:00", "", "[RESOLVED] ApiLatencyHigh")}, MilestoneResolved, -1, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inc := &Incident{Timeline: slices.Clone(c.events)}
			ms := inc.DerivedMilestones()
			var got *Milestone
			for i := range ms {
				if ms[i].Name == c.ms {
					got = &ms[i]
				}
			}
			switch {
			case c.want < 0 && got != nil:
				t.Errorf("%s set by %s from %q, want unset", c.ms, got.Rule, eventText(c.events, got.Event))
			case c.want >= 0 && got == nil:
				t.Errorf("%s unset, want %q", c.ms, c.events[c.want].Text)
			case c.want >= 0 && (got.Event != c.events[c.want].ID || got.Rule != c.rule || !got.Time.Equal(c.events[c.want].Time)):
				t.Errorf("%s = %q by %s, want %q by %s", c.ms, eventText(c.events, got.Event), got.Rule, c.events[c.want].Text, c.rule)
			}
		})
	}
}

func eventText(evs []Event, id string) string {
	for _, e := range evs {
		if e.ID == id {
			return e.Text
		}
	}
	return "(no event " + id + ")"
}

// Every rule is documented: in MilestoneRules with a sentence, and by id in
// docs/timeline.md.
func TestMilestoneRulesDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range MilestoneRules {
		if seen[r.ID] || r.Doc == "" || !strings.HasPrefix(r.ID, strings.ReplaceAll(string(r.Name), "_", "-")) {
			t.Errorf("rule %q: duplicate id, no doc, or id not named after milestone %s", r.ID, r.Name)
		}
		seen[r.ID] = true
	}
}

func TestPersonMilestoneWins(t *testing.T) {
	inc := fixture()
	mustOK(t, inc.SetMilestone(MilestoneImpactStart, at("09:41:00"), "checkout error graph rises at 09:41"))
	inc.CurateTimeline()
	m, _ := inc.Milestone(MilestoneImpactStart)
	if m.Rule != RulePerson || !m.Time.Equal(at("09:41:00")) || m.Because == "" {
		t.Fatalf("impact_start = %+v", m)
	}
	// The trigger rule looks back from the person's impact_start now.
	if tr, _ := inc.Milestone(MilestoneTrigger); tr.Event != fxDeploy.ID {
		t.Errorf("trigger = %+v", tr)
	}
	// The metrics use the person's time.
	for _, x := range ComputeMetrics(inc.Milestones) {
		if x.Name == "time_to_detect" && x.Seconds != 11*60 {
			t.Errorf("time_to_detect = %vs, want 660", x.Seconds)
		}
	}
	if d := inc.DerivedMilestones(); !slices.Equal(d, inc.Milestones) {
		t.Errorf("DerivedMilestones differs from the curated milestones:\n%v\n%v", d, inc.Milestones)
	}
}

func TestMilestoneOrderFindings(t *testing.T) {
	inc := fixture()
	// A person puts acknowledged before detection: a question, not a crash.
	mustOK(t, inc.SetMilestone(MilestoneAcknowledged, at("09:50:00"), "remembered"))
	inc.CurateTimeline()
	fs := MilestoneOrderFindings(inc.Milestones)
	if len(fs) != 1 || fs[0].Rule != "milestone-order" || fs[0].Field != "milestones.acknowledged" {
		t.Fatalf("findings %+v, want one milestone-order on acknowledged", fs)
	}
	if !strings.Contains(fs[0].Message, "acknowledged") || !strings.Contains(fs[0].Message, "detected") {
		t.Errorf("message %q does not name both milestones", fs[0].Message)
	}
	for _, m := range ComputeMetrics(inc.Milestones) {
		if m.Name == "time_to_acknowledge" {
			t.Errorf("a metric between milestones out of order: %+v", m)
		}
	}
	if slices.ContainsFunc(inc.Gaps(), func(f Finding) bool { return f.Rule == "milestone-order" }) == false {
		t.Error("Gaps does not report the order")
	}
}

func TestClearMilestone(t *testing.T) {
	inc := fixture()
	if err := inc.ClearMilestone(MilestoneDetected); ErrorCodeOf(err) != CodeNotFound {
		t.Errorf("clearing a derived milestone: %v, want not_found", err)
	}
	if err := inc.ClearMilestone("lunch"); ErrorCodeOf(err) != CodeInvalid {
		t.Errorf("clearing an unknown milestone: %v, want invalid", err)
	}
	mustOK(t, inc.SetMilestone(MilestoneDetected, at("09:30:00"), "a customer called"))
	mustOK(t, inc.ClearMilestone(MilestoneDetected))
	inc.CurateTimeline()
	if m, _ := inc.Milestone(MilestoneDetected); m.Rule != "detected-page" {
		t.Errorf("after clearing: %+v, want the rule's milestone back", m)
	}
}

// docs/timeline.md names every rule id the code has, so a reader can look up
// any Milestone.Rule or Finding.Rule.
func TestTimelineRulesInDocs(t *testing.T) {
	b, err := os.ReadFile("docs/timeline.md")
	mustOK(t, err)
	doc := string(b)
	ids := []string{"dup-exact", "star-milestone", "star-duplicate", "star-group-echo", "star-repeat", "star-kind",
		"gap-evidence", "gap-impact-start", "gap-milestone", "milestone-order", "gap-impact-numbers", "gap-silence", "gap-roster"}
	for _, r := range MilestoneRules {
		ids = append(ids, r.ID)
	}
	for _, r := range pairRules {
		ids = append(ids, r.id)
	}
	for _, id := range ids {
		if !strings.Contains(doc, "`"+id+"`") {
			t.Errorf("docs/timeline.md does not document rule %s", id)
		}
	}
	// And the code's gap rules are the ones listed.
	inc := &Incident{ID: "x"}
	for _, f := range inc.Gaps() {
		if !slices.Contains(ids, f.Rule) {
			t.Errorf("gap rule %s is not in the list above", f.Rule)
		}
	}
}
