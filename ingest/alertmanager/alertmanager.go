// Package alertmanager imports Prometheus Alertmanager webhook payloads
// (version "4"): one payload per file, a JSON array of payloads, or one
// payload per line (NDJSON, as a webhook receiver logs them).
//
// Every alert becomes a KindAlert event "[FIRING] alertname (severity):
// summary" at startsAt; a resolved alert with a real endsAt adds a
// "[RESOLVED] …" event at endsAt. Alertmanager sends Go's zero time
// (0001-01-01T00:00:00Z) as the endsAt of a firing alert; it means "not
// yet". Refs are "<fingerprint>/firing" and "<fingerprint>/resolved", so
// that the same alert repeated in several notifications is one event.
package alertmanager

import (
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/ingest/internal/webhook"
)

// Name is the format name used by sniffing, --format and Event.Source.
const Name = "alertmanager"

const what = `an Alertmanager webhook payload ({"version": "4", "alerts": […]}), an array of them, or one per line`

// Parse imports one file of Alertmanager webhook payloads.
func Parse(f evidence.File, _ evidence.Options) (evidence.Batch, error) {
	return webhook.Parse(f, Name, what)
}
