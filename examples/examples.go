// Package examples ships the example incidents that the README demo, the
// documentation and many tests use: realistic, internally consistent and
// entirely fictional evidence bundles, each with the postmortem a team would
// end up with.
//
// Each example is a folder in FS, named by one of the constants below. A
// folder holds the raw evidence in the vendors' own export formats (a Slack
// export, PagerDuty log entries, Alertmanager webhooks, GitHub deployments,
// git log output, a Statuspage incident, an application log, hand-typed
// notes), a roster.csv mapping people to roles, the curated postmortem as
// incident.json in Hindsight's document format, and a README.md describing
// every file.
package examples

import "embed"

// CheckoutLatency names the example of a configuration change that cut the
// checkout-api database connection pool from 200 to 20 per pod on
// 2026-10-14: at the European lunch peak requests queued for connections,
// p99 latency rose from about 300 ms to about 9 s and up to 18% of checkout
// requests failed for 47 minutes, until the change was rolled back. It is a
// folder in FS; the postmortem is CheckoutLatency + "/incident.json".
const CheckoutLatency = "checkout-latency"

// FS holds the example incidents, one folder per example.
//
//go:embed checkout-latency
var FS embed.FS
