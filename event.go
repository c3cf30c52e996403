package hindsight

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// EventKind says what sort of happening an event records.
type EventKind string

// The event kinds.
const (
	KindAlert      EventKind = "alert"
	KindPage       EventKind = "page"
	KindAck        EventKind = "ack"
	KindMessage    EventKind = "message"
	KindDeploy     EventKind = "deploy"
	KindChange     EventKind = "change"
	KindLogPattern EventKind = "log-pattern"
	KindDecision   EventKind = "decision"
	KindAction     EventKind = "action"
	KindStatus     EventKind = "status"
	KindNote       EventKind = "note"
)

// EventKinds lists every valid EventKind.
var EventKinds = []EventKind{KindAlert, KindPage, KindAck, KindMessage, KindDeploy, KindChange,
	KindLogPattern, KindDecision, KindAction, KindStatus, KindNote}

// Phase places an event in the arc of the incident.
type Phase string

// The phases, in time order.
const (
	PhasePreIncident   Phase = "pre-incident"
	PhaseDetection     Phase = "detection"
	PhaseInvestigation Phase = "investigation"
	PhaseMitigation    Phase = "mitigation"
	PhaseResolution    Phase = "resolution"
	PhasePostIncident  Phase = "post-incident"
)

// Phases lists every valid Phase in time order.
var Phases = []Phase{PhasePreIncident, PhaseDetection, PhaseInvestigation, PhaseMitigation,
	PhaseResolution, PhasePostIncident}

// Event is one timeline entry. Raw events are kept forever: curation stars,
// unstars and groups them, but never deletes.
type Event struct {
	ID   string    `json:"id"`
	Time time.Time `json:"time"`
	// TimeText is the time exactly as the evidence wrote it, and Zone the zone
	// it was read in, so that a reader can check the conversion to UTC.
	TimeText string `json:"time_text,omitempty"`
	Zone     string `json:"zone,omitempty"`
	// Source is the evidence format ("slack", "pagerduty", "manual", …) and
	// Ref where in it the event came from (file:line, message ts, entry id).
	Source string    `json:"source"`
	Ref    string    `json:"ref"`
	Kind   EventKind `json:"kind"`
	// Phase and Actor are always written, even empty, because the timeline
	// JSON contract promises every key to scripts reading it.
	Phase   Phase  `json:"phase"`
	Actor   string `json:"actor"`
	Text    string `json:"text"`
	Starred bool   `json:"starred"`
	// Curated says a person starred or unstarred the event: the default
	// star rules then leave Starred alone, however often they run again.
	Curated bool `json:"curated,omitempty"`
	// PhaseFixed says a person, or the evidence itself, gave the phase: the
	// phase rules then leave Phase alone.
	PhaseFixed bool `json:"phase_fixed,omitempty"`
	// KnownDuring is false for facts learned only afterwards, so the report
	// can tell what responders could have known at the time.
	KnownDuring bool `json:"known_during"`
	// Group links events that record the same happening seen by several
	// sources (an alert and the page it caused).
	Group string `json:"group,omitempty"`
	// Flags mark doubts about the event, such as an ambiguous time.
	Flags []string `json:"flags,omitempty"`
}

// EventID derives the stable id of an event from what makes it unique, so
// that importing the same evidence twice adds nothing new.
func EventID(e Event) string {
	h := sha256.New()
	for _, s := range []string{e.Source, e.Ref, e.Time.UTC().Format(time.RFC3339Nano), string(e.Kind), e.Actor, e.Text} {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	return "e" + hex.EncodeToString(h.Sum(nil))[:11]
}

// Normalize puts an event in canonical form: time in UTC, an id, a kind.
func (e *Event) Normalize() {
	e.Time = e.Time.UTC()
	if e.Kind == "" {
		e.Kind = KindNote
	}
	if e.ID == "" {
		e.ID = EventID(*e)
	}
}

// Validate checks one event on its own.
func (e *Event) Validate() error {
	switch {
	case e.Time.IsZero():
		return Errorf(CodeInvalid, "event %q has no time", e.Text)
	case e.Text == "":
		return Errorf(CodeInvalid, "event at %s has no text", e.Time.Format(time.RFC3339))
	case !oneOf(e.Kind, EventKinds):
		return Errorf(CodeInvalid, "unknown event kind %q (want one of %s)", e.Kind, list(EventKinds))
	case e.Phase != "" && !oneOf(e.Phase, Phases):
		return Errorf(CodeInvalid, "unknown phase %q (want one of %s)", e.Phase, list(Phases))
	}
	return nil
}
