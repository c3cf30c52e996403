package lint

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"runtime/debug"
	"strings"
	"unicode/utf8"
)

// SARIF 2.1.0 output, the format code-scanning tools and CI systems read. Only the
// parts Hindsight needs are modelled; field names follow the OASIS schema.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	FullDescription      sarifMessage `json:"fullDescription"`
	DefaultConfiguration sarifConfig  `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID     string            `json:"ruleId"`
	RuleIndex  int               `json:"ruleIndex"`
	Level      string            `json:"level"`
	Message    sarifMessage      `json:"message"`
	Locations  []sarifLocation   `json:"locations"`
	Properties map[string]string `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// WriteSARIF writes findings as a SARIF 2.1.0 log with one run, for the artifact at
// artifactURI (a path or URI as the consumer should see it). Each distinct rule gets
// a driver rule entry whose full description is the rule's rationale. A finding about
// the document as a whole (Line 0) has a location without a region.
func WriteSARIF(w io.Writer, findings []Finding, artifactURI string) error {
	log := sarifLog{Version: sarifVersion, Schema: sarifSchema}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "hindsight",
			Version:        toolVersion(),
			InformationURI: "https://github.com/hindsight-sre/hindsight",
			Rules:          []sarifRule{},
		}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	index := map[string]int{}
	for _, f := range findings {
		i, ok := index[f.Rule]
		if !ok {
			i = len(run.Tool.Driver.Rules)
			index[f.Rule] = i
			why := f.Why
			if why == "" {
				why = f.Message
			}
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
				ID:                   f.Rule,
				ShortDescription:     sarifMessage{firstSentence(f.Message)},
				FullDescription:      sarifMessage{why},
				DefaultConfiguration: sarifConfig{sarifLevel(f.Severity)},
			})
		}
		msg := f.Message
		res := sarifResult{
			RuleID: f.Rule, RuleIndex: i, Level: sarifLevel(f.Severity),
			Message: sarifMessage{msg},
		}
		if f.Suggestion != "" {
			res.Properties = map[string]string{"suggestion": f.Suggestion}
			if f.Section != "" {
				res.Properties["section"] = f.Section
			}
		}
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: artifactRef(artifactURI)}}}
		if f.Line > 0 {
			loc.PhysicalLocation.Region = region(f)
		}
		res.Locations = []sarifLocation{loc}
		run.Results = append(run.Results, res)
	}
	log.Runs = []sarifRun{run}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// region converts a finding's line and byte span to SARIF's 1-based code-point
// columns. Findings made by this package carry Column and Match; for others the
// byte offsets are used, which agree for ASCII text.
func region(f Finding) *sarifRegion {
	r := &sarifRegion{StartLine: f.Line}
	if f.Span == [2]int{} && f.Match == "" {
		return r
	}
	col := f.Column
	if col == 0 {
		col = f.Span[0] + 1
	}
	r.StartColumn = col
	if f.Match == "" {
		if f.Span[1] > f.Span[0] {
			r.EndColumn = f.Span[1] + 1
		}
		return r
	}
	lines := strings.Split(f.Match, "\n")
	if len(lines) == 1 {
		r.EndColumn = col + utf8.RuneCountInString(f.Match)
		return r
	}
	last := strings.TrimSuffix(lines[len(lines)-1], "\r")
	r.EndLine = f.Line + len(lines) - 1
	r.EndColumn = utf8.RuneCountInString(last) + 1
	return r
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}

// artifactRef turns an absolute file path into a file: URI, which SARIF requires
// (a relative reference may not start with a slash); relative paths and URIs with a
// scheme pass through.
func artifactRef(p string) string {
	if filepath.IsAbs(p) {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(p)}
		if !strings.HasPrefix(u.Path, "/") {
			u.Path = "/" + u.Path // C:/x on Windows
		}
		return u.String()
	}
	return filepath.ToSlash(p)
}

// toolVersion is the version of the binary that links this package, from its build
// information ("(devel)" for a local build).
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
