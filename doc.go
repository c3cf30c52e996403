// Package hindsight is the domain of Hindsight, a tool for blameless incident
// postmortems: the incident and everything a postmortem says about it
// (timeline events, milestones, contributing factors, action items, lessons,
// third parties, attachments), the rules that keep that data valid, and the
// Service that the command line, the web UI and the MCP server share.
//
// The package does no I/O of its own. Persistence sits behind the Store
// interface (implemented in package store); evidence importers, the report
// renderer and the front ends live in their own packages and call into this
// one. Business rules live here once: validation, the causal-graph rules,
// milestone and metric definitions.
package hindsight
