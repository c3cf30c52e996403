// Package ingest turns evidence files into timeline events: chat exports,
// pages, alerts, deploys, commits, status page updates and typed notes.
//
// # Contract
//
// Importers are pure: bytes in, events out. They do no I/O beyond reading
// the files given to them, keep no state, and never log. Import reads any
// number of files as one import, and that import is all-or-nothing: the
// first file that does not make sense fails the whole call with a
// *ParseError whose Error() reads "FILE:LINE: what was expected" (for JSON,
// the line of the byte where decoding failed; a file cut short says it is
// truncated), and no events are returned. A ParseError counts as a
// hindsight.Error with CodeInvalid, so every front end shows its whole text.
//
// Every event Import returns is normalised and valid: Time in UTC, TimeText
// the time exactly as the evidence wrote it, Zone the zone it was read in,
// Source the format name, Ref where in the evidence it came from (an entry
// id, a Slack "channel/ts", a commit hash, "file:line" for typed notes),
// Kind, Actor as the evidence names the person (the domain maps actors to
// roles through the roster), Text, and ID derived from those fields so that
// importing the same evidence twice adds nothing new. Events are sorted by
// time, and exact repeats across files (the same alert in two webhook
// dumps) are kept once. Evidence was in front of the responders, so every
// imported event is marked as known during the incident.
//
// Result.Identities lists the people and bots the evidence names, with the
// handle, display name, real name and e-mail each source knows; every
// Actor is the Name of one of them. Result.Warnings are the assumptions
// made, such as a time read without a zone; the events concerned carry the
// "ambiguous-time" flag. Nothing is guessed silently.
//
// Secrets are redacted from event texts and actors unless Options.NoRedact
// is set: see Redact.
//
// # Formats
//
// Each format is a package of its own, registered in Formats:
//
//	slack        Slack workspace export: ZIP or folder, or one day file
//	pagerduty    PagerDuty REST v2: log_entries, incident, notes
//	opsgenie     Opsgenie alert activity log, notes, alert
//	alertmanager Prometheus Alertmanager webhook payloads (version 4)
//	grafana      Grafana unified alerting webhook payloads
//	kube         kubectl get events -o json
//	github       GitHub deployments, deployment statuses, releases
//	gitlog       git log output (default, fuller, --date=…, machine format)
//	statuspage   Statuspage incidents and their updates
//	logfile      application and system logs, mined: a few events and a pattern table
//	notes        lines typed by people, each starting with a time
//
// Sniff tells the format from a file's name and first bytes; Options.Format
// forces one. ReadPath reads a file, a ZIP or a folder from disk, and
// ReadRoster reads the handle,name,role CSV that maps people to roles.
//
// Big files. A plain file over StreamAbove is not read into memory by
// ReadPath: its File carries the first bytes for sniffing and an Open
// function. A format that streams (logfile, Format.Stream) reads it as it
// goes, so a multi-gigabyte log costs bounded memory; for the other formats
// Import reads the file whole first, as before. Options.Progress hears how
// far such a read has come.
//
// Result.Patterns is the pattern table of the logs among the files (see
// hindsight.LogPattern); the events of a log are a handful, never one per
// line.
//
// The format packages share their contract through an internal package,
// re-exported here as File, Options, Batch, Identity and ParseError, so
// that this package can import every format while each format returns the
// same types.
package ingest
