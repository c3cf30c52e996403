// Package markdown imports an existing postmortem written in Markdown and
// returns it as a structured hindsight.Incident, plus findings that say
// what the document lacks or what could not be read with certainty.
//
// It understands the shapes postmortems take in the wild: YAML and TOML
// front matter; ATX and setext headings (closing hashes, bold text and
// trailing colons included), section names written as plain lines, and
// fields written as bold list items ("- **Impact**: …"). Headings are
// mapped to the report's parts by a table of wordings (see sections.go).
// Timeline entries are read from tables, bullet lists, one heading per
// entry, and paragraphs, with dates carried from day headings, date lines
// and preambles ("All times in PST") and times inside code blocks or quoted
// logs ignored. Action items come from tables, lists, task lists and, when a
// document has no list, from its commitments in prose; lessons and
// contributing factors from the sections that hold them.
//
// Nothing is lost: text that maps to no part of the report is kept
// verbatim in an appendix named "unmapped-sections.md", and the original
// file is attached unless Options.OmitSource is set.
//
// The parser is pure (bytes in, incident out) and never guesses silently:
// an assumption it had to make is a flag on the event and a finding.
package markdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/hindsight-sre/hindsight"
)

// Source is the Event.Source of every timeline event this package makes.
const Source = "markdown"

// UnmappedName is the name of the appendix that keeps, verbatim, the text
// that maps to no part of the report.
const UnmappedName = "unmapped-sections.md"

// MaxSize bounds the documents Parse accepts. Real postmortems are far
// smaller (tens of kilobytes), the whole text travels inside the incident,
// and Markdown parsing has inputs that cost more than linear time.
const MaxSize = 4 << 20

// The flags Parse sets on timeline events. Each says what was uncertain
// about the event's time and what the importer did about it.
const (
	// FlagTimeUnknown: the time of day was missing or a placeholder
	// ("--:--", "14:??", "[???]"); the event is placed at the time of the
	// entry before it on the same day, or at the start of its day.
	FlagTimeUnknown = "time-unknown"
	// FlagDateOnly: the entry gives a day and no time; it is placed at the
	// start of that day.
	FlagDateOnly = "date-only"
	// FlagDatePartial: only the year is known ("2023-MM-DD"); the event is
	// placed on the first of January.
	FlagDatePartial = "date-partial"
	// FlagDateAssumed: the entry's date comes from the front matter, which
	// is often the publication date rather than the incident date.
	FlagDateAssumed = "date-assumed"
	// FlagDateAmbiguous: day and month could be read either way (03/04);
	// month first was used.
	FlagDateAmbiguous = "date-ambiguous"
	// FlagDateRolledOver: the entry has no date and its time is hours
	// earlier than the entry before it, so it was read as the next day.
	FlagDateRolledOver = "date-rolled-over"
	// FlagYearAdjusted: the entry gives a month and day but no year, and
	// the year was moved across a year boundary to keep the day near the
	// rest of the timeline.
	FlagYearAdjusted = "year-adjusted"
	// FlagApproximate: the document says the time is approximate.
	FlagApproximate = "approximate"
	// FlagRange: the entry gives a range ("8:20 - 8:24"); its start is used.
	FlagRange = "range"
	// FlagZoneAssumed: the document states no time zone; the time was read
	// in Options.Zone, or UTC.
	FlagZoneAssumed = "zone-assumed"
	// FlagZoneAmbiguous: the zone abbreviation has several meanings (IST).
	FlagZoneAmbiguous = "zone-ambiguous"
	// FlagZoneDSTMismatch: a standard-time abbreviation on a daylight-time
	// date or the reverse ("PST" in June); the local wall clock was used.
	FlagZoneDSTMismatch = "zone-dst-mismatch"
	// FlagHourAmbiguous: a 24-hour value written with AM/PM ("13:55 PM");
	// read as the 24-hour time.
	FlagHourAmbiguous = "hour-ambiguous"
	// FlagTimesDisagree: the entry gives the time in two zones that do not
	// agree ("13:14 EDT (18:14 UTC)"); the first was used.
	FlagTimesDisagree = "times-disagree"
	// FlagOutOfOrder: the entry is earlier than the one before it in the
	// document.
	FlagOutOfOrder = "out-of-order"
)

// Options tune an import.
type Options struct {
	// Scale is the severity scale a front-matter severity must map onto;
	// hindsight.DefaultScale when it has no levels.
	Scale hindsight.Scale
	// Zone is the time zone for documents that state none: an abbreviation
	// (PST, CET), an offset (UTC+02:00) or an IANA name (Europe/Oslo).
	// Empty means UTC. Times read this way are still flagged.
	Zone string
	// Now stamps the appendices' AddedAt; zero leaves it unset.
	Now time.Time
	// OmitSource leaves the original document out of the appendices.
	OmitSource bool
}

// Result is one imported postmortem.
type Result struct {
	// Incident is the postmortem as a draft incident. It passes
	// Validate with the options' scale.
	Incident *hindsight.Incident `json:"incident"`
	// Findings say what the importer flagged: times it could not read with
	// certainty, sections the document lacks, text kept only verbatim.
	Findings []hindsight.Finding `json:"findings"`
}

// Parse reads one Markdown postmortem. name is the file name; it becomes
// the incident id when the front matter gives none, and the file part of
// every event's Ref ("name.md:42"). Parse fails only on input that is not a
// text document (empty, binary, too large) or on a bad Options.Zone.
func Parse(name string, src []byte, opts Options) (*Result, error) {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if base == "." || base == "/" {
		base = "document.md"
	}
	switch {
	case len(bytes.TrimSpace(src)) == 0:
		return nil, hindsight.Errorf(hindsight.CodeInvalid, "%s: the document is empty", base)
	case len(src) > MaxSize:
		return nil, hindsight.Errorf(hindsight.CodeInvalid, "%s: the document is %d bytes; Markdown imports are limited to %d MiB", base, len(src), MaxSize>>20)
	case bytes.IndexByte(src, 0) >= 0:
		return nil, hindsight.Errorf(hindsight.CodeInvalid, "%s: this is a binary file, not a Markdown document", base)
	}
	p := &parser{name: base, opts: opts, original: src, scale: opts.Scale}
	if len(p.scale.Levels) == 0 {
		p.scale = hindsight.DefaultScale
	}
	if opts.Zone != "" {
		n, z, err := optionZone(opts.Zone)
		if err != nil {
			return nil, hindsight.Errorf(hindsight.CodeInvalid, "%v", err)
		}
		p.defZoneName, p.defZone, p.hasDefZone = n, z, true
	}
	p.run()
	if err := p.inc.Validate(p.scale); err != nil {
		// A bug in this package, not in the document: every value set
		// above is checked as it is made.
		return nil, fmt.Errorf("markdown import of %s produced an invalid incident: %w", base, err)
	}
	return &Result{Incident: p.inc, Findings: p.findings}, nil
}

// parser holds the state of one import.
type parser struct {
	name     string
	opts     Options
	scale    hindsight.Scale
	original []byte
	src      []byte
	fm       frontMatter
	o        *outline
	inc      *hindsight.Incident
	findings []hindsight.Finding

	titleSec *section
	refDate  civil
	refSrc   string
	hasRef   bool

	defZoneName string
	defZone     zoneInfo
	hasDefZone  bool

	ctx       timeCtx
	entries   []*entry
	keyEvents []*entry
	dropped   int
	flagged   map[string]bool

	summary, impact, detection, resolution, trigger []string
	unkinded                                        int
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func (p *parser) ref(line int) string { return fmt.Sprintf("%s:%d", p.name, line) }

func (p *parser) find(rule string, sev hindsight.FindingSeverity, field string, line int, msg, suggestion string) {
	p.findings = append(p.findings, hindsight.Finding{Rule: "markdown/" + rule, Severity: sev, Message: msg,
		Field: field, Line: line, Suggestion: suggestion})
}

// findOnce records a finding once per rule and key.
func (p *parser) findOnce(key, rule string, sev hindsight.FindingSeverity, field string, line int, msg, suggestion string) {
	if p.flagged == nil {
		p.flagged = map[string]bool{}
	}
	if p.flagged[rule+"\x00"+key] {
		return
	}
	p.flagged[rule+"\x00"+key] = true
	p.find(rule, sev, field, line, msg, suggestion)
}

func (p *parser) run() {
	src, repaired := normalize(p.original)
	if repaired {
		p.find("invalid-utf8", hindsight.FindingWarning, "", 0, "the file is not valid UTF-8; broken bytes were replaced", "save the document as UTF-8")
	}
	p.fm, src = splitFrontMatter(src)
	if p.fm.err != nil {
		p.find("front-matter", hindsight.FindingWarning, "front matter", 1, p.fm.err.Error()+"; its text is kept in the appendix", "fix the front matter syntax")
	}
	p.src = src
	p.o = parseOutline(src)
	p.inc = &hindsight.Incident{Status: hindsight.StatusDraft, Services: []string{}, Roster: []hindsight.Person{},
		Timeline: []hindsight.Event{}, Milestones: []hindsight.Milestone{}, Factors: []hindsight.Factor{},
		Actions: []hindsight.ActionItem{}, Lessons: []hindsight.Lesson{}, ThirdParties: []hindsight.ThirdParty{},
		Appendices: []hindsight.Appendix{}}

	p.findTitle()
	settle(p.o.root)
	p.metadata()
	p.readSections()
	if p.unkinded > 0 {
		p.find("lesson-kind", hindsight.FindingInfo, "lessons", 0,
			fmt.Sprintf("%d lessons did not say whether they went well, went wrong or were luck; their kind was guessed from their wording", p.unkinded),
			"sort lessons under What went well, What went wrong and Where we got lucky")
	}
	for i := range p.inc.Lessons {
		p.inc.Lessons[i].ID = fmt.Sprintf("L%d", i+1)
	}
	p.readActions()
	p.finishTimeline()
	p.finishFields()
	p.checkMissing()
	p.appendices()
}
