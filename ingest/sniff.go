package ingest

import (
	"bytes"
	"encoding/json"
	"path"
	"regexp"
	"strings"

	"github.com/hindsight-sre/hindsight/ingest/alertmanager"
	"github.com/hindsight-sre/hindsight/ingest/github"
	"github.com/hindsight-sre/hindsight/ingest/gitlog"
	"github.com/hindsight-sre/hindsight/ingest/grafana"
	"github.com/hindsight-sre/hindsight/ingest/kube"
	"github.com/hindsight-sre/hindsight/ingest/logfile"
	"github.com/hindsight-sre/hindsight/ingest/notes"
	"github.com/hindsight-sre/hindsight/ingest/opsgenie"
	"github.com/hindsight-sre/hindsight/ingest/pagerduty"
	"github.com/hindsight-sre/hindsight/ingest/slack"
	"github.com/hindsight-sre/hindsight/ingest/statuspage"
)

// SniffSize is how much of a file Sniff needs to see.
const SniffSize = 64 << 10

// Sniff names the format of a file from its name and first bytes (up to
// SniffSize), or returns "" when it cannot tell. JSON is told apart by
// its keys, which a token scan collects even from a cut-off head; JSON
// that is none of the vendor formats may be a JSON-lines log. Text is git
// log when it starts with "commit <sha>" (or holds the %x1f/%x1e machine
// format), a log when its lines start with timestamps and carry levels in
// a fixed place or the file is named like a log (app.log), and typed notes
// when its lines start with times. Logs are tried before notes because a
// log line also starts with a time; notes that people type carry no level
// column, so they stay notes. A ZIP is a Slack export.
func Sniff(name string, head []byte) string {
	if isZip(head) {
		return slack.Name
	}
	body := bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))
	if len(body) > 0 && (body[0] == '{' || body[0] == '[') {
		if f := sniffJSON(name, body); f != "" || body[0] == '[' {
			return f
		}
		if logfile.Sniff(name, body) {
			return logfile.Name
		}
		return ""
	}
	switch {
	case gitlog.Sniff(body):
		return gitlog.Name
	case logfile.Sniff(name, body):
		return logfile.Name
	case notes.Sniff(body):
		return notes.Name
	}
	return ""
}

// dayFileName is a Slack day file's name.
var dayFileName = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}\.json$`)

// sniffJSON decides by the keys a JSON document (or its first line, for
// NDJSON) holds near its top.
func sniffJSON(name string, body []byte) string {
	s := scanShape(body)
	has := func(keys ...string) bool {
		for _, k := range keys {
			if s.keys[k] {
				return true
			}
		}
		return false
	}
	switch {
	case has("log_entries", "incident.incident_number", "incident.urgency", "incidents[].incident_number",
		"incidents[].urgency", "notes[].content") || strings.HasSuffix(s.values["[].type"], "_log_entry"):
		return pagerduty.Name
	case has("incident_updates", "incident.incident_updates", "incidents[].incident_updates", "[].incident_updates",
		"incident.shortlink", "incident.impact", "incidents[].shortlink", "incidents[].impact", "page.status_indicator"):
		return statuspage.Name
	case has("alerts") && has("orgId", "title", "state"),
		has("[].alerts") && has("[].orgId", "[].title", "[].state"),
		has("ruleName", "evalMatches"):
		return grafana.Name
	case has("alerts", "[].alerts"):
		return alertmanager.Name
	case has("items[].involvedObject", "items[].regarding", "[].involvedObject", "involvedObject") ||
		s.values["kind"] == "EventList":
		return kube.Name
	case has("data[].log", "data[].note", "data.tinyId") || has("[].offset") && has("[].log", "[].note"):
		return opsgenie.Name
	case has("[].tag_name", "[].statuses_url", "[].deployment_url", "tag_name", "statuses_url",
		"deployment", "deployment_status", "release.tag_name") ||
		has("[].environment") && has("[].task", "[].sha", "[].state"):
		return github.Name
	case has("[].ts") || body[0] == '[' && dayFileName.MatchString(path.Base(strings.ReplaceAll(name, `\`, "/"))):
		return slack.Name
	}
	return ""
}

// shape is what a token scan saw of a JSON head: the key paths near the
// top ("log_entries", "incident.urgency", "[].ts", "items[].reason") and
// the string values found at them.
type shape struct {
	keys   map[string]bool
	values map[string]string
	budget int
}

// scanShape walks the tokens of body until it ends, breaks off, or a
// budget runs out; a truncated head still yields the keys before the cut.
func scanShape(body []byte) *shape {
	s := &shape{keys: map[string]bool{}, values: map[string]string{}, budget: 20000}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	s.value(dec, "", 0)
	return s
}

// maxDepth bounds the key paths recorded; the formats differ near the top.
const maxDepth = 3

func (s *shape) value(dec *json.Decoder, at string, depth int) bool {
	if s.budget--; s.budget < 0 {
		return false
	}
	tok, err := dec.Token()
	if err != nil {
		return false
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return false
				}
				key, _ := k.(string)
				p := key
				if at != "" {
					p = at + "." + key
				}
				if depth < maxDepth {
					s.keys[p] = true
				}
				if !s.value(dec, p, depth+1) {
					return false
				}
			}
		case '[':
			for dec.More() {
				if !s.value(dec, at+"[]", depth+1) {
					return false
				}
			}
		}
		_, err := dec.Token()
		return err == nil
	case string:
		if _, ok := s.values[at]; !ok && depth <= maxDepth {
			s.values[at] = t
		}
	}
	return true
}

// detect names the format of a file given to Import: a folder or an
// archive can only be a Slack export.
func detect(f File) string {
	if f.FS != nil {
		return slack.Name
	}
	return Sniff(f.Name, f.Data[:min(len(f.Data), SniffSize)])
}
