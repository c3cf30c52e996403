// Package grafana imports Grafana unified alerting webhook payloads
// (Grafana 8 and later, "version": "1"): the Alertmanager shape plus
// title, state, message and, per alert, the values that fired the rule.
// One payload per file, a JSON array of payloads, or one per line.
//
// Events are as in package alertmanager: "[FIRING] …" at startsAt and
// "[RESOLVED] …" at endsAt of resolved alerts, with the rule's values
// appended ("[B=44.2 C=1]") and the fingerprint in the ref. Legacy Grafana
// notifications (ruleName, evalMatches) carry no times and are refused.
package grafana

import (
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/ingest/internal/webhook"
)

// Name is the format name used by sniffing, --format and Event.Source.
const Name = "grafana"

const what = `a Grafana alerting webhook payload ({"title", "state", "alerts": […]}), an array of them, or one per line`

// Parse imports one file of Grafana alerting webhook payloads.
func Parse(f evidence.File, _ evidence.Options) (evidence.Batch, error) {
	return webhook.Parse(f, Name, what)
}
