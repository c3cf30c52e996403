// Package gitlog imports commit history as `git log` prints it:
//
//   - the default format (commit <sha> / Merge: / Author: Name <email> /
//     Date:   Mon Jan 2 15:04:05 2006 -0700 / indented message), with any
//     --date=default|iso|iso-strict|rfc|raw|local, and --pretty=fuller
//     (AuthorDate and CommitDate; the commit date is used, since it is when
//     the change landed); patches and stats after the message are skipped;
//   - the machine format recommended in docs/import.md, fields separated by
//     %x1f and records by %x1e:
//     --pretty=format:'%H%x1f%aI%x1f%cI%x1f%an%x1f%ae%x1f%D%x1f%s%x1e'.
//
// Every commit becomes a KindChange event with the subject as text (tags
// appended), the author as actor and the full hash as ref. Dates without a
// zone (--date=local) are read in Options.TZ, or as UTC and flagged.
package gitlog

import (
	"bufio"
	"bytes"
	"cmp"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
)

// Name is the format name used by sniffing, --format and Event.Source.
const Name = "gitlog"

// Field and record separators of the machine format.
const (
	unitSep   = "\x1f"
	recordSep = "\x1e"
)

// commitLine starts a commit in the default format.
var commitLine = regexp.MustCompile(`^commit ([0-9a-f]{7,64})(?:\s+\((.*)\))?\s*$`)

// Sniff reports whether head looks like git log output.
func Sniff(head []byte) bool {
	if bytes.Contains(head, []byte(unitSep)) && bytes.Contains(head, []byte(recordSep)) {
		return true
	}
	sc := bufio.NewScanner(bytes.NewReader(head))
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			return commitLine.MatchString(line)
		}
	}
	return false
}

// Parse imports one file of git log output.
func Parse(f evidence.File, opts evidence.Options) (evidence.Batch, error) {
	p := &parser{file: f, opts: opts, seen: map[string]bool{}}
	var err error
	if bytes.Contains(f.Data, []byte(unitSep)) {
		err = p.machine()
	} else {
		err = p.standard()
	}
	if err == nil && len(p.batch.Events) == 0 {
		err = evidence.Errorf(f.Name, 1, "no commits found; expected git log output (lines starting \"commit <sha>\", without --oneline or --graph)")
	}
	return p.batch, err
}

type parser struct {
	file  evidence.File
	opts  evidence.Options
	batch evidence.Batch
	seen  map[string]bool
}

// commit is one commit being read.
type commit struct {
	sha, decoration string
	line            int
	merge           bool
	author, email   string
	date            string // the date chosen so far
	dateLine        int
	dateRank        int // 3 CommitDate, 2 Date, 1 AuthorDate
	subject         string
}

// standard reads the default, fuller and --date=… forms.
func (p *parser) standard() error {
	var c *commit
	inMessage := false
	lines := strings.Split(string(p.file.Data), "\n")
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimRight(raw, "\r")
		if m := commitLine.FindStringSubmatch(line); m != nil {
			if err := p.finish(c); err != nil {
				return err
			}
			c, inMessage = &commit{sha: m[1], decoration: m[2], line: n}, false
			continue
		}
		if c == nil {
			if strings.TrimSpace(line) != "" {
				return evidence.Errorf(p.file.Name, n, "expected a \"commit <sha>\" line (git log default format, without --oneline or --graph), got %q", evidence.Clip(line))
			}
			continue
		}
		if !inMessage {
			key, value, ok := strings.Cut(line, ":")
			if strings.TrimSpace(line) == "" {
				inMessage = true
				continue
			}
			if !ok {
				return evidence.Errorf(p.file.Name, n, "expected a header line such as \"Author: Name <email>\" or \"Date: …\" after commit %s, got %q", short(c.sha), evidence.Clip(line))
			}
			value = strings.TrimSpace(value)
			switch key {
			case "Merge":
				c.merge = true
			case "Author":
				c.author, c.email = splitAuthor(value)
			case "CommitDate":
				c.setDate(value, n, 3)
			case "Date":
				c.setDate(value, n, 2)
			case "AuthorDate":
				c.setDate(value, n, 1)
			}
			continue
		}
		if c.subject == "" && strings.HasPrefix(line, "    ") {
			c.subject = strings.TrimSpace(line)
		}
	}
	return p.finish(c)
}

func (c *commit) setDate(value string, line, rank int) {
	if rank > c.dateRank {
		c.date, c.dateLine, c.dateRank = value, line, rank
	}
}

// splitAuthor splits "Name <email>".
func splitAuthor(s string) (name, email string) {
	if i := strings.LastIndex(s, "<"); i >= 0 && strings.HasSuffix(s, ">") {
		return strings.TrimSpace(s[:i]), s[i+1 : len(s)-1]
	}
	return s, ""
}

// finish turns a fully read commit into an event.
func (p *parser) finish(c *commit) error {
	if c == nil {
		return nil
	}
	if c.date == "" {
		return evidence.Errorf(p.file.Name, c.line, "commit %s has no Date line; expected \"Date:   Mon Jan 2 15:04:05 2006 -0700\" (git log default) or another --date format with a time", short(c.sha))
	}
	e, err := p.event(c.date, c.dateLine)
	if err != nil {
		return err
	}
	var tags []string
	for _, d := range strings.Split(c.decoration, ",") {
		if t, ok := strings.CutPrefix(strings.TrimSpace(d), "tag: "); ok {
			tags = append(tags, t)
		}
	}
	e.Ref, e.Text = c.sha, c.subject
	if e.Text == "" {
		e.Text = "commit " + short(c.sha) + " (no message)"
	}
	if c.merge && !strings.HasPrefix(e.Text, "Merge") {
		e.Text = "merge: " + e.Text
	}
	if len(tags) > 0 {
		e.Text += " [tag: " + strings.Join(tags, ", ") + "]"
	}
	e.Actor = p.actor(c.author, c.email)
	p.batch.Events = append(p.batch.Events, e)
	return nil
}

// machine reads the %x1f/%x1e format: hash, author date, committer date,
// author name, author e-mail, ref names, subject.
func (p *parser) machine() error {
	data := string(p.file.Data)
	offset := 0
	for _, rec := range strings.Split(data, recordSep) {
		start := offset
		offset += len(rec) + len(recordSep)
		trimmed := strings.TrimLeft(rec, "\r\n")
		start += len(rec) - len(trimmed)
		if strings.TrimSpace(trimmed) == "" {
			continue
		}
		line := evidence.LineAt(p.file.Data, int64(start))
		fields := strings.Split(strings.TrimRight(trimmed, "\r\n"), unitSep)
		if len(fields) < 7 {
			return evidence.Errorf(p.file.Name, line, "expected 7 fields separated by %%x1f (%%H %%aI %%cI %%an %%ae %%D %%s), got %d", len(fields))
		}
		if strings.TrimSpace(fields[0]) == "" {
			return evidence.Errorf(p.file.Name, line, "expected a commit hash (%%H) in the first field")
		}
		e, err := p.event(cmp.Or(strings.TrimSpace(fields[2]), strings.TrimSpace(fields[1])), line)
		if err != nil {
			return err
		}
		e.Ref, e.Text = strings.TrimSpace(fields[0]), strings.TrimSpace(strings.Join(fields[6:], " "))
		if e.Text == "" {
			e.Text = "commit " + short(fields[0]) + " (no message)"
		}
		var tags []string
		for _, d := range strings.Split(fields[5], ",") {
			if t, ok := strings.CutPrefix(strings.TrimSpace(d), "tag: "); ok {
				tags = append(tags, t)
			}
		}
		if len(tags) > 0 {
			e.Text += " [tag: " + strings.Join(tags, ", ") + "]"
		}
		e.Actor = p.actor(fields[3], fields[4])
		p.batch.Events = append(p.batch.Events, e)
	}
	return nil
}

// zoned are the --date forms that carry a zone; zoneless the ones that
// do not (--date=local and the like).
var (
	zoned = []string{
		"Mon Jan _2 15:04:05 2006 -0700",  // default
		"2006-01-02 15:04:05 -0700",       // iso
		time.RFC3339,                      // iso-strict
		"Mon, _2 Jan 2006 15:04:05 -0700", // rfc
	}
	zoneless = []string{
		"Mon Jan _2 15:04:05 2006", // local
		"2006-01-02 15:04:05",
		"2006-01-02T15:04:05",
	}
	rawDate = regexp.MustCompile(`^(\d{1,12}) ([+-]\d{4})$`)
)

// event starts an event at a git date.
func (p *parser) event(s string, line int) (hindsight.Event, error) {
	e := hindsight.Event{TimeText: s, Source: Name, Kind: hindsight.KindChange}
	for _, layout := range zoned {
		if t, err := time.Parse(layout, s); err == nil {
			e.Time, e.Zone = t.UTC(), evidence.ZoneOf(t)
			return e, nil
		}
	}
	if m := rawDate.FindStringSubmatch(s); m != nil {
		sec, _ := strconv.ParseInt(m[1], 10, 64)
		zt, err := time.Parse("-0700", m[2])
		if err == nil {
			_, off := zt.Zone()
			t := time.Unix(sec, 0).In(time.FixedZone("", off))
			e.Time, e.Zone = t.UTC(), evidence.ZoneOf(t)
			return e, nil
		}
	}
	for _, layout := range zoneless {
		loc, zone := time.UTC, "UTC"
		if p.opts.TZ != nil {
			loc, zone = p.opts.TZ, p.opts.TZ.String()
		}
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			e.Time, e.Zone = t.UTC(), zone
			if p.opts.TZ == nil {
				p.batch.AmbiguousTime(&e, p.file.Name, line, "date %q has no zone (git log --date=local?); read as UTC: pass --tz, or export with --date=iso-strict", s)
			}
			return e, nil
		}
	}
	return e, evidence.Errorf(p.file.Name, line, "expected a git date with a time, such as \"Mon Jan 2 15:04:05 2006 -0700\" or --date=iso-strict, got %q", s)
}

// actor returns the author's name and records the identity.
func (p *parser) actor(name, email string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		name = email
	}
	if name == "" {
		return ""
	}
	if key := name + "\x00" + email; !p.seen[key] {
		p.seen[key] = true
		p.batch.Identities = append(p.batch.Identities, evidence.Identity{
			Source: Name, Name: name, Email: email,
			Bot: strings.Contains(name, "[bot]") || strings.Contains(email, "[bot]"),
		})
	}
	return name
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
