package hindsight

import (
	"fmt"
	"time"
)

// day is the date of the fixture incident.
var day = time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)

// at returns the fixture day's time hh:mm:ss in UTC.
func at(hms string) time.Time {
	var h, m, s int
	if _, err := fmt.Sscanf(hms, "%d:%d:%d", &h, &m, &s); err != nil {
		panic(err)
	}
	return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second)
}

// ev builds a normalized event as an importer would hand it over.
func ev(source, ref string, kind EventKind, hms, actor, text string) Event {
	e := Event{Source: source, Ref: ref, Kind: kind, Time: at(hms), Actor: actor, Text: text, KnownDuring: true}
	e.Normalize()
	return e
}

// The fixture's events, named so tests can point at them. The story: a
// deploy lowers a connection pool, the error-rate alert fires and pages the
// on-call engineer, who acknowledges, finds the cause in chat, rolls back;
// the alert resolves and the incident is resolved in PagerDuty.
var (
	fxDeploy       = ev("github", "deployments/881", KindDeploy, "09:40:00", "dana", "Deploy checkout-api v2.31.0 to production (a84d88e)")
	fxDeployMsg    = ev("slack", "C042/1741945230.000100", KindMessage, "09:40:30", "dana", "deploying checkout-api v2.31.0 to prod")
	fxLunch        = ev("slack", "C042/1741945500.000200", KindMessage, "09:45:00", "sam", "lunch anyone?")
	fxAlert        = ev("alertmanager", "webhook.json:3", KindAlert, "09:52:00", "alertmanager", "[FIRING:1] CheckoutHighErrorRate checkout-api 5xx ratio above 5%")
	fxPage         = ev("pagerduty", "log/R1", KindPage, "09:52:40", "", "Triggered: [FIRING:1] CheckoutHighErrorRate (checkout-api)")
	fxAck          = ev("pagerduty", "log/R2", KindAck, "09:55:10", "Dana Scully", "Acknowledged by Dana Scully")
	fxLooking      = ev("slack", "C042/1741946160.000300", KindMessage, "09:56:00", "dana", "looking at checkout-api errors, @sam can you check the db?")
	fxLookingCopy  = ev("slack", "export-2/incident.json:17", KindMessage, "09:56:00", "U024BE7LH", "looking at checkout-api errors,  @sam can you check the db? ")
	fxDBFine       = ev("slack", "C042/1741946460.000400", KindMessage, "10:01:00", "sam", "db looks fine, connections normal")
	fxCause        = ev("slack", "C042/1741946700.000500", KindDecision, "10:05:00", "dana", "Root cause: v2.31.0 lowered the connection pool size; rolling back")
	fxRollback     = ev("github", "deployments/882", KindDeploy, "10:07:00", "dana", "Rollback checkout-api to v2.30.4 (9f1c2d3)")
	fxRollbackMsg  = ev("slack", "C042/1741946840.000600", KindMessage, "10:07:20", "dana", "rolling back checkout-api to v2.30.4 now")
	fxAlertOK      = ev("alertmanager", "webhook.json:9", KindAlert, "10:15:00", "alertmanager", "[RESOLVED] CheckoutHighErrorRate checkout-api")
	fxResolved     = ev("pagerduty", "log/R3", KindStatus, "10:20:00", "Dana Scully", "Resolved by Dana Scully")
	fxPostmortem   = ev("slack", "C042/1741951800.000700", KindMessage, "11:30:00", "sam", "postmortem scheduled for Monday")
	fixtureEvents  = []Event{fxDeploy, fxDeployMsg, fxLunch, fxAlert, fxPage, fxAck, fxLooking, fxLookingCopy, fxDBFine, fxCause, fxRollback, fxRollbackMsg, fxAlertOK, fxResolved, fxPostmortem}
	fixtureRoster  = []Person{{Handle: "dana", Name: "Dana Scully", Role: "Incident Commander", Aliases: []string{"U024BE7LH"}}, {Handle: "sam", Name: "Sam Okafor", Role: "Database on-call"}}
	fixtureSecrets = []string{"dana", "scully", "sam", "okafor", "U024BE7LH"}
)

// fixture returns a curated incident holding the fixture events, imported
// in reverse order to show that the order of import does not matter.
func fixture() *Incident {
	inc := &Incident{ID: "2025-03-14-checkout-errors", Title: "Checkout errors after deploy", Status: StatusDraft}
	for i := len(fixtureEvents) - 1; i >= 0; i-- {
		inc.Timeline = append(inc.Timeline, fixtureEvents[i])
	}
	inc.CurateTimeline()
	return inc
}

// event returns the incident's copy of the event with the given id.
func event(inc *Incident, id string) Event {
	for _, e := range inc.Timeline {
		if e.ID == id {
			return e
		}
	}
	panic("no event " + id)
}
