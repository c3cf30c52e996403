package hindsight

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
)

// This file holds the vocabulary the timeline rules read evidence with: what
// makes an alert event a "resolved" one, a deploy a rollback, a chat message
// a named cause. Importers set an event's Kind; these signals look only at
// Kind and Text, so they work the same whichever tool the evidence came from.
// Every signal is deliberately narrow: a missed signal leaves a gap that
// Gaps asks a person about, while a wrong one would set a milestone that
// looks authoritative and is not.

// signal is one named test of an event.
type signal func(e *Event) bool

var (
	// resolvedWord marks an alert or page that reports recovery rather than
	// a problem ("[RESOLVED] HighErrorRate", "alert cleared").
	resolvedWord = regexp.MustCompile(`(?i)\b(resolved|resolves|recovered|recovers|cleared|clears)\b`)
	// rollbackWord marks a deploy or change that takes a change back.
	rollbackWord = regexp.MustCompile(`(?i)\b(roll(ed|ing)?[ -]?back|rollback|revert(ed|ing|s)?)\b`)
	// deployWord marks a chat message that announces a deploy or rollback,
	// which the grouping rules then try to pair with the deploy itself.
	deployWord = regexp.MustCompile(`(?i)\b(deploy(s|ing|ed)?|roll(ed|ing)?[ -]?(out|back)|rollout|rollback|revert(ed|ing)?|ship(ping|ped)?|releas(ing|ed))\b`)
	// causeWord marks a decision or message that names a cause. It is kept
	// to phrases that say "this is the cause", not "this might be".
	causeWord = regexp.MustCompile(`(?i)\b(root[ -]cause|caused by|the cause (is|was)|culprit|(found|identified) (the|a) (cause|bug|problem|issue|culprit|change|commit|regression)|(cause|bug|problem|issue|change|commit|regression) (is |was |has been )?identified)\b`)
	// successWord marks a deploy event that reports the deploy finished,
	// as opposed to one that reports it starting or queued.
	successWord = regexp.MustCompile(`(?i)\b(complete|completed|succeeded|success|successful|successfully|finished|done|ready)\b`)
	// hedgeWord marks a message that wonders rather than states; a question
	// or a guess about the cause does not identify it.
	hedgeWord = regexp.MustCompile(`(?i)\?|\b(maybe|might|could|perhaps|possibly|probably|not sure|wonder|guess|suspect)\b`)
	// declareWord marks a message or status that opens the incident formally.
	declareWord = regexp.MustCompile(`(?i)\bdeclar(e|ed|ing)\b[^.]*\bincident\b|\bincident\b[^.]*\bdeclared\b`)
	// riseWord marks a log-pattern event that reports a pattern rising or
	// appearing, as opposed to a steady baseline pattern.
	riseWord = regexp.MustCompile(`(?i)\b(ris(e|es|ing)|rose|spik(e|es|ed|ing)|surg(e|es|ed|ing)|jump(s|ed)?|increas(e|es|ed|ing)|burst|change[ -]?point|new (error |warning )?pattern|first seen)\b`)
	// baselineWord marks a log-pattern event that reports a rate back at
	// its usual level: the end of what a rise started.
	baselineWord = regexp.MustCompile(`(?i)\b(back|returned|returns|returning) to (its |the )?baseline\b`)
)

// mentionsAny reports whether s contains any of the lower-case ASCII words,
// ignoring ASCII case. It lets the cheap test run before a regexp: most
// chat messages mention none of a rule's words, and the regexp then never
// runs on them.
func mentionsAny(s string, words ...string) bool {
	var buf [512]byte
	if len(s) > len(buf) {
		low := strings.ToLower(s)
		for _, w := range words {
			if strings.Contains(low, w) {
				return true
			}
		}
		return false
	}
	low := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	for _, w := range words {
		if bytes.Contains(low, []byte(w)) {
			return true
		}
	}
	return false
}

// statusWords are the public status-page states (Statuspage, incident.io,
// Instatus and most home-grown pages use the same four).
var statusWords = map[string]bool{"investigating": true, "identified": true, "monitoring": true, "resolved": true}

// leadingStatus returns the status-page state an update announces: its first
// word ("Identified - a fix is being deployed", "[monitoring] …"), or the word
// after "status" ("status changed to resolved"). It returns "" when neither
// is a status word, so prose that merely mentions "resolved" is not read as
// a state change.
func leadingStatus(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) == 0 {
		return ""
	}
	if statusWords[words[0]] {
		return words[0]
	}
	for i, w := range words {
		if w != "status" {
			continue
		}
		for _, next := range words[i+1 : min(i+4, len(words))] {
			if statusWords[next] {
				return next
			}
		}
	}
	return ""
}

// isAlertFiring: an alert event that does not report recovery.
func isAlertFiring(e *Event) bool { return e.Kind == KindAlert && !resolvedWord.MatchString(e.Text) }

// isAlertResolved: an alert event that reports recovery.
func isAlertResolved(e *Event) bool { return e.Kind == KindAlert && resolvedWord.MatchString(e.Text) }

// isPageTriggered: a page that is not itself a resolve notice.
func isPageTriggered(e *Event) bool { return e.Kind == KindPage && !resolvedWord.MatchString(e.Text) }

// isRollback: a deploy or change that takes a change back.
func isRollback(e *Event) bool {
	return (e.Kind == KindDeploy || e.Kind == KindChange) && rollbackWord.MatchString(e.Text)
}

// isForwardChange: a deploy or change that is not a rollback.
func isForwardChange(e *Event) bool {
	return (e.Kind == KindDeploy || e.Kind == KindChange) && !rollbackWord.MatchString(e.Text)
}

// isDeployFinished: a deploy event that reports the deploy finished.
func isDeployFinished(e *Event) bool { return e.Kind == KindDeploy && successWord.MatchString(e.Text) }

// isStatus reports whether e is a status event announcing the given state.
func isStatus(e *Event, state string) bool {
	return e.Kind == KindStatus && leadingStatus(e.Text) == state
}

// isIncidentResolved: the incident itself resolved, as a pager or a status
// page says it. Status events that announce another state are not read as
// resolves even when their prose uses the word.
func isIncidentResolved(e *Event) bool {
	switch e.Kind {
	case KindPage:
		return resolvedWord.MatchString(e.Text)
	case KindStatus:
		if s := leadingStatus(e.Text); s != "" {
			return s == "resolved"
		}
		return resolvedWord.MatchString(e.Text)
	}
	return false
}

// isCauseNamed: a decision or chat message that names a cause and neither
// asks nor guesses.
func isCauseNamed(e *Event) bool {
	return (e.Kind == KindDecision || e.Kind == KindMessage) && mentionsAny(e.Text, "caus", "culprit", "found", "identified") &&
		causeWord.MatchString(e.Text) && !hedgeWord.MatchString(e.Text)
}

// isDeclaration: a message, decision or status that declares the incident.
func isDeclaration(e *Event) bool {
	return (e.Kind == KindMessage || e.Kind == KindDecision || e.Kind == KindStatus) && mentionsAny(e.Text, "declar") &&
		declareWord.MatchString(e.Text)
}

// isLogRise: a log-pattern event reporting a pattern that rose or appeared,
// and not its return to baseline ("back to baseline after the spike" is
// about the end).
func isLogRise(e *Event) bool {
	if e.Kind != KindLogPattern {
		return false
	}
	claim := logClaim(e.Text)
	return riseWord.MatchString(claim) && !baselineWord.MatchString(claim)
}

// isLogBaseline: a log-pattern event reporting a rate back at its baseline.
func isLogBaseline(e *Event) bool {
	return e.Kind == KindLogPattern && baselineWord.MatchString(logClaim(e.Text))
}

// logClaim returns the text of a log-pattern event without its code spans.
// A template quoted in backticks is the log's own words ("queue depth
// rising"), not the importer saying that something rose, so the rules read
// only what is outside them. Spans follow Markdown: a run of n backticks
// opens one and the next run of exactly n closes it; an unclosed run is
// read as text.
func logClaim(text string) string {
	if !strings.Contains(text, "`") {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		if text[i] != '`' {
			b.WriteByte(text[i])
			i++
			continue
		}
		n := 0
		for i+n < len(text) && text[i+n] == '`' {
			n++
		}
		end := closingTicks(text, i+n, n)
		if end < 0 {
			b.WriteString(text[i : i+n])
			i += n
			continue
		}
		b.WriteByte(' ') // keep the words either side apart
		i = end + n
	}
	return b.String()
}

// closingTicks returns the index of the first run of exactly n backticks
// at or after from, or -1.
func closingTicks(text string, from, n int) int {
	for i := from; i < len(text); {
		if text[i] != '`' {
			i++
			continue
		}
		m := 0
		for i+m < len(text) && text[i+m] == '`' {
			m++
		}
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

// isDeployMessage: a chat message announcing a deploy or rollback.
func isDeployMessage(e *Event) bool {
	return e.Kind == KindMessage && mentionsAny(e.Text, "deploy", "roll", "revert", "ship", "releas") && deployWord.MatchString(e.Text)
}
