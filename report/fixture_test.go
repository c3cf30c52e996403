package report

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	hindsight "github.com/hindsight-sre/hindsight"
)

// at is a moment on the fixture's incident day, in UTC.
func at(h, m, s int) time.Time { return time.Date(2026, 3, 14, h, m, s, 0, time.UTC) }

// richIncident is a realistic postmortem with every section filled in, and
// with text that tests the escaping: pipes, underscores, asterisks, raw
// HTML, Markdown headings inside fields. It is blameless: the roster holds
// placeholder people, and the report must show only their roles.
func richIncident(t testing.TB) *hindsight.Incident {
	ev := func(id string, tm time.Time, source, ref string, kind hindsight.EventKind, phase hindsight.Phase, actor, text string, starred bool) hindsight.Event {
		return hindsight.Event{ID: id, Time: tm, Source: source, Ref: ref, Kind: kind, Phase: phase, Actor: actor,
			Text: text, Starred: starred, KnownDuring: true}
	}
	inc := &hindsight.Incident{
		ID:       "2026-03-14-checkout-payment-failures",
		Title:    "Checkout payments failed after a connection-pool change",
		Status:   hindsight.StatusInReview,
		Severity: "SEV2",
		SeverityReasons: []string{
			"3.1% of users could not pay for about 48 minutes",
			"Revenue loss above the SEV2 threshold",
		},
		Summary: "# Short version\n\n" +
			"On Saturday 14 March, **3.1% of checkout attempts** failed with *Payment failed* for 48 minutes. " +
			"A release of `payments-api` lowered its database connection pool from 50 to 10 connections, " +
			"which was too few for weekend traffic.\n\n" +
			"- Rolling back to v4.17.2 stopped the errors.\n" +
			"- Every failed payment was kept in the retry queue and replayed; no payment was lost.\n\n" +
			"See the [runbook](https://runbooks.example.com/payments) for the rollback steps. <script>alert(\"x\")</script>",
		Services: []string{"checkout", "payments-api"},
		Impact: hindsight.Impact{
			UsersAffected: 4812, UsersPercent: 3.1, SupportTickets: 37, Revenue: 18450.5, SLOBudget: 42.5,
			Description: "Customers saw *Payment failed* at the last checkout step and were asked to try again.",
			Business:    "Orders were delayed, not lost: the retry queue replayed them. 37 customers contacted support.",
			Technical:   "The checkout 5xx ratio peaked at 7.2%; `payments-api` pool wait p99 reached 4.8 s.",
		},
		Roster: []hindsight.Person{
			{Handle: "@u1001", Name: "Sample Person One", Role: "Primary on-call (payments)"},
			{Handle: "@u1002", Name: "Sample Person Two", Role: "Release engineer"},
			{Handle: "@u1003", Name: "Sample Person Three", Role: "Incident commander"},
			{Handle: "@u1004", Name: "Sample Person Four", Role: "Communications lead"},
			{Handle: "@u1005", Name: "Sample Person Five", Role: "Primary on-call (payments)"},
		},
		Owner:   "Incident analyst (SRE)",
		Trigger: "The deploy of `payments-api` v4.18.0 at 13:52 UTC, which set `max_pool_size` to 10.",
		Detection: "The `CheckoutErrorRateHigh` alert fired at 14:14 UTC, 12 minutes after impact began. " +
			"It averages the 5xx ratio over 5 minutes and pages above 5%, so a ramp below that level stayed quiet.",
		Resolution: "The incident commander chose a rollback over raising the pool limit live, because the rollback path " +
			"was rehearsed. Errors stopped at 14:47 UTC; the retry queue was drained by 15:20 UTC.",
		Timeline: []hindsight.Event{
			ev("e01", at(13, 52, 10), "github", "payments-api#4182", hindsight.KindDeploy, hindsight.PhasePreIncident, "@u1002",
				"Deploy payments-api v4.18.0 (config: max_pool_size 50 → 10)", true),
			ev("e02", at(13, 55, 0), "slack", "C01#1710424500.000100", hindsight.KindMessage, hindsight.PhasePreIncident, "@u1004",
				"Weekend traffic is up 20% on last week", false),
			ev("e03", at(14, 3, 0), "logfile", "payments-api.log:8812", hindsight.KindLogPattern, hindsight.PhaseDetection, "",
				"FATAL: remaining connection slots are reserved — 312/min (baseline 0)", true),
			ev("e04", at(14, 14, 30), "alertmanager", "alerts.json:41", hindsight.KindAlert, hindsight.PhaseDetection, "",
				"CheckoutErrorRateHigh firing: 5xx ratio 7.2% | threshold 5% (5m avg)", true),
			ev("e05", at(14, 15, 2), "pagerduty", "PD-Q1X9", hindsight.KindPage, hindsight.PhaseDetection, "",
				"Paged the payments primary on-call", true),
			ev("e06", at(14, 19, 40), "pagerduty", "PD-Q1X9/ack", hindsight.KindAck, hindsight.PhaseDetection, "@u1001",
				"Acknowledged the page", true),
			ev("e07", at(14, 24, 0), "slack", "C02#1710426240.000200", hindsight.KindDecision, hindsight.PhaseInvestigation, "@u1003",
				"Declared SEV2 and opened #inc-checkout; taking the incident commander role", true),
			ev("e08", at(14, 27, 0), "slack", "C02#1710426420.000300", hindsight.KindMessage, hindsight.PhaseInvestigation, "@u1004",
				"Support ticket quotes the raw error: <b>Payment failed</b> | code=E_POOL", true),
			ev("e09", at(14, 31, 0), "slack", "C02#1710426660.000400", hindsight.KindMessage, hindsight.PhaseInvestigation, "@u1001",
				"DB connections at 10/10 on every payments-api pod; pool wait p99 4.8s", true),
			ev("e10", at(14, 33, 0), "slack", "C02#1710426780.000500", hindsight.KindMessage, hindsight.PhaseInvestigation, "@u1005",
				"The v4.18.0 diff lowers *max_pool_size* — that matches the pool exhaustion", true),
			ev("e11", at(14, 38, 0), "slack", "C02#1710427080.000600", hindsight.KindDecision, hindsight.PhaseMitigation, "@u1003",
				"Roll back payments-api to v4.17.2 rather than raise the pool limit live", true),
			ev("e12", at(14, 41, 0), "github", "payments-api#4183", hindsight.KindDeploy, hindsight.PhaseMitigation, "@u1002",
				"Rollback to v4.17.2 started", true),
			ev("e13", at(14, 42, 0), "slack", "C02#1710427320.000700", hindsight.KindMessage, hindsight.PhaseMitigation, "@u1001",
				"watching the pods restart", false),
			ev("e14", at(14, 47, 0), "alertmanager", "alerts.json:77", hindsight.KindStatus, hindsight.PhaseMitigation, "",
				"CheckoutErrorRateHigh resolved", true),
			ev("e15", at(14, 52, 0), "statuspage", "incident/8h2k", hindsight.KindStatus, hindsight.PhaseResolution, "@u1004",
				"Status page: Monitoring — checkout has recovered", true),
			ev("e16", at(15, 20, 0), "slack", "C02#1710430800.000800", hindsight.KindAction, hindsight.PhaseResolution, "@u1001",
				"Retry queue of 1,240 failed payments drained", true),
			ev("e17", at(16, 5, 0), "slack", "C02#1710432300.000900", hindsight.KindNote, hindsight.PhasePostIncident, "@u1003",
				"Closed the incident channel; review scheduled for Tuesday", true),
		},
		Milestones: []hindsight.Milestone{
			{Name: hindsight.MilestoneTrigger, Time: at(13, 52, 10), Event: "e01", Rule: "first-deploy-before-impact"},
			{Name: hindsight.MilestoneImpactStart, Time: at(14, 2, 0), Rule: hindsight.RulePerson, Because: "first checkout 5xx in the load-balancer logs"},
			{Name: hindsight.MilestoneDetected, Time: at(14, 14, 30), Event: "e04", Rule: "first-alert"},
			{Name: hindsight.MilestoneDeclared, Time: at(14, 24, 0), Event: "e07", Rule: "declare-message"},
			{Name: hindsight.MilestoneAcknowledged, Time: at(14, 19, 40), Event: "e06", Rule: "first-ack"},
			{Name: hindsight.MilestoneIdentified, Time: at(14, 33, 0), Event: "e10", Rule: hindsight.RulePerson, Because: "the cause was named in the channel"},
			{Name: hindsight.MilestoneMitigated, Time: at(14, 47, 0), Event: "e14", Rule: "alert-resolved"},
			{Name: hindsight.MilestoneImpactEnd, Time: at(14, 50, 0), Rule: hindsight.RulePerson, Because: "last checkout 5xx in the load-balancer logs"},
			{Name: hindsight.MilestoneResolved, Time: at(15, 20, 0), Event: "e16", Rule: hindsight.RulePerson, Because: "queue drained"},
			{Name: hindsight.MilestoneClosed, Time: at(16, 5, 0), Event: "e17", Rule: "channel-closed"},
		},
		Factors: []hindsight.Factor{
			{ID: "F1", Text: "Checkout requests failed while waiting for a database connection", Layer: hindsight.LayerTechnical,
				Tags: []string{"capacity"}, Evidence: []string{"e04", "e09"}, KnownAtTime: true},
			{ID: "F2", Text: "payments-api v4.18.0 lowered `max_pool_size` from 50 to 10", Layer: hindsight.LayerTechnical,
				Tags: []string{"config"}, Evidence: []string{"e01", "e10"}, Causes: []string{"F1"}},
			{ID: "F3", Text: "The pool setting was reviewed as a routine config change, with no load test", Layer: hindsight.LayerProcess,
				Tags: []string{"change-review"}, Causes: []string{"F2"}},
			{ID: "F4", Text: "Since the platform team split, capacity review of config changes has had no owner", Layer: hindsight.LayerOrganizational,
				Tags: []string{"ownership"}, Causes: []string{"F3"}},
			{ID: "F5", Text: "The alert fired 12 minutes after impact began", Layer: hindsight.LayerTechnical,
				Tags: []string{"monitoring"}, Evidence: []string{"e03", "e04"}},
			{ID: "F6", Text: "The error-rate alert averages over 5 minutes and pages only above 5% | no burn-rate alert", Layer: hindsight.LayerTechnical,
				Tags: []string{"monitoring"}, Causes: []string{"F5"}},
			{ID: "F7", Text: "Alert tuning is nobody's planned work; the thresholds date from the service launch", Layer: hindsight.LayerOrganizational,
				Tags: []string{"goals"}, Causes: []string{"F6"}},
			{ID: "F8", Text: "The deploy pipeline shows config diffs in a collapsed section", Layer: hindsight.LayerProcess,
				Tags: []string{"tooling"}, Evidence: []string{"e02"}, Causes: []string{"F3"}},
		},
		Actions: []hindsight.ActionItem{
			{ID: "A1", Title: "Map how config changes reach production and where capacity is checked", Category: hindsight.CategoryInvestigate,
				Priority: hindsight.P2, Owner: "Payments team", Due: "2026-03-27", Status: hindsight.ActionOpen, Addresses: []string{"F3", "F8"}},
			{ID: "A2", Title: "Roll back payments-api to v4.17.2", Category: hindsight.CategoryMitigate,
				Priority: hindsight.P0, Owner: "Incident commander", Due: "2026-03-14", Status: hindsight.ActionDone, Addresses: []string{"F2"}},
			{ID: "A3", Title: "Replay the 1,240 failed payments from the retry queue", Category: hindsight.CategoryRepair,
				Priority: hindsight.P0, Owner: "Payments on-call", Due: "2026-03-14", Status: hindsight.ActionDone},
			{ID: "A4", Title: "Add a 1-minute burn-rate alert on checkout 5xx | page at 2% for 2 minutes", Category: hindsight.CategoryDetect,
				Priority: hindsight.P1, Owner: "SRE team", Due: "2026-03-28", Status: hindsight.ActionInProgress,
				Tracker: "https://tracker.example.com/browse/SRE-412", Addresses: []string{"F5", "F6"},
				DoneWhen: "a replay of this incident's traffic pages within 3 minutes"},
			{ID: "A5", Title: "Shed non-critical calls in payments-api when pool wait exceeds 500 ms", Category: hindsight.CategoryMitigateFuture,
				Priority: hindsight.P2, Owner: "Payments team", Due: "2026-04-24", Status: hindsight.ActionOpen, Tracker: "PAY-981", Addresses: []string{"F1"}},
			{ID: "A6", Title: "Fail CI when a connection-pool setting is below the load-tested minimum", Category: hindsight.CategoryPrevent,
				Priority: hindsight.P1, Owner: "Platform team", Due: "2026-04-11", Status: hindsight.ActionOpen, Addresses: []string{"F2", "F3"},
				DoneWhen: "the v4.18.0 change fails CI"},
			{ID: "A7", Title: "Give capacity review of config changes to the platform team's review rotation", Category: hindsight.CategoryPrevent,
				Priority: hindsight.P2, Owner: "Engineering managers", Due: "2026-04-30", Status: hindsight.ActionOpen, Addresses: []string{"F4", "F7"}},
		},
		Lessons: []hindsight.Lesson{
			{Kind: hindsight.LessonWentWell, Text: "The rollback took 6 minutes thanks to the *one-click* rollback in the deploy pipeline."},
			{Kind: hindsight.LessonWentWell, Text: "The retry queue kept every failed payment, so no payment was lost."},
			{Kind: hindsight.LessonWentWrong, Text: "The alert fired 12 minutes after impact began."},
			{Kind: hindsight.LessonWentWrong, Text: "The pool change was hard to see in the deploy diff."},
			{Kind: hindsight.LessonLucky, Text: "Traffic was at its weekend low; at a weekday peak about four times as many users would have been affected."},
		},
		ThirdParties: []hindsight.ThirdParty{
			{Vendor: "Payment gateway", Expectation: hindsight.ExpectationMet,
				Notes:   "The gateway answered normally throughout; our own connection pool was the bottleneck.",
				Actions: []string{"Confirm the gateway's idempotency window with the vendor before replaying"}},
			{Vendor: "Managed PostgreSQL", Expectation: hindsight.ExpectationUnclear,
				Notes:   "No service level expectation exists for connection limits.",
				Actions: []string{"Define a service level expectation for connection limits"}},
		},
		Appendices: []hindsight.Appendix{
			{Name: "error-rate.png", Caption: "Checkout 5xx ratio, 13:45–15:30 UTC", MediaType: "image/png", Content: chartPNG(t)},
			{Name: "pool-errors.log", Caption: "Connection errors from one `payments-api` pod", MediaType: "text/plain; charset=utf-8",
				Content: []byte("14:03:00 FATAL: remaining connection slots are reserved\n14:03:01 FATAL: remaining connection slots are reserved\n14:03:01 WARN pool wait 4812ms\n")},
			{Name: "db-snapshot.tar.gz", Caption: "Database metrics snapshot", MediaType: "application/gzip", Size: 48213},
		},
		LogPatterns: []hindsight.LogPattern{
			{Source: "payments-api.log", Template: "pool wait <*>ms (active=<*> idle=<*>)", Level: "WARN", Count: 18233,
				First: at(13, 58, 41), Last: at(14, 47, 2), Ref: "payments-api.log:7730"},
			{Source: "payments-api.log", Template: "FATAL: remaining connection slots are reserved for non-replication superuser connections",
				Level: "FATAL", Count: 2417, First: at(14, 3, 0), Last: at(14, 46, 51), Ref: "payments-api.log:8812"},
			{Source: "payments-api.log", Template: "charge <*> failed: code=E_POOL | retry queued `<*>`", Level: "ERROR", Count: 1893,
				First: at(14, 3, 2), Last: at(14, 46, 58), Ref: "payments-api.log:8815"},
			{Source: "checkout-web.log", Template: "upstream payments-api returned <*> for POST /pay", Level: "ERROR", Count: 1610,
				First: at(14, 3, 5), Last: at(14, 47, 0)},
		},
		Version:   7,
		CreatedAt: at(16, 30, 0),
		UpdatedAt: time.Date(2026, 3, 16, 9, 12, 0, 0, time.UTC),
	}
	inc.Timeline[3].TimeText, inc.Timeline[3].Zone = "2026-03-14 15:14:30 CET", "Europe/Berlin"
	inc.Timeline[2].KnownDuring = false
	inc.Timeline[8].Flags = []string{"ambiguous-time"}
	for i := range inc.Appendices {
		if a := &inc.Appendices[i]; a.Size == 0 {
			a.Size = int64(len(a.Content))
		}
	}
	return inc
}

// chartPNG draws a small deterministic bar chart, standing in for a graph
// screenshot attached to the incident.
func chartPNG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 240, 80))
	for y := range 80 {
		for x := range 240 {
			img.Set(x, y, color.RGBA{250, 251, 253, 255})
		}
	}
	for i := range 24 {
		h := 6
		if i >= 6 && i < 17 {
			h = 20 + (i%5)*10
		}
		for x := i * 10; x < i*10+7; x++ {
			for y := 80 - h; y < 78; y++ {
				img.Set(x+2, y, color.RGBA{224, 49, 49, 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// emptyIncident is a freshly opened incident: only what `hindsight new`
// asks for. Its report shows what the facilitator still has to add.
func emptyIncident() *hindsight.Incident {
	return &hindsight.Incident{ID: "2026-03-20-search-latency", Title: "Search latency", Status: hindsight.StatusDraft,
		Version: 1, CreatedAt: time.Date(2026, 3, 20, 8, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 3, 20, 8, 0, 0, 0, time.UTC)}
}
