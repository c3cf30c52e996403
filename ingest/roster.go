package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hindsight-sre/hindsight"
)

// ReadRoster reads a roster CSV: a header line naming the columns handle,
// role and optionally name and aliases (in any order; other columns are
// ignored), then one person per line. Aliases, the other names the
// evidence uses for the person (a chat display name, a user id, an
// e-mail), are separated by semicolons. Quoted fields, blank lines and # comment lines are
// fine. A bad row fails with a *ParseError naming the line; the source is
// r's Name() when it has one (an *os.File), "roster" otherwise.
func ReadRoster(r io.Reader) ([]hindsight.Person, error) {
	source := "roster"
	if n, ok := r.(interface{ Name() string }); ok {
		source = n.Name()
	}
	fail := func(line int, format string, args ...any) error {
		return &ParseError{Source: source, Line: line, Err: fmt.Errorf(format, args...)}
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.Comment = '#'
	read := func() ([]string, int, error) {
		rec, err := cr.Read()
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, 0, fail(pe.Line, "%v", pe.Err)
		}
		if err != nil {
			return nil, 0, err
		}
		line, _ := cr.FieldPos(0)
		return rec, line, nil
	}
	header, line, err := read()
	if err == io.EOF {
		return nil, fail(1, "the roster is empty; expected a header line: handle,name,role")
	}
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	hi, okH := col["handle"]
	ri, okR := col["role"]
	ni, okN := col["name"]
	ai, okA := col["aliases"]
	if !okH || !okR {
		return nil, fail(line, "expected a header line naming the columns handle,name,role, got %q", strings.Join(header, ","))
	}
	var people []hindsight.Person
	firstSeen := map[string]int{}
	for {
		rec, line, err := read()
		if err == io.EOF {
			return people, nil
		}
		if err != nil {
			return nil, err
		}
		if len(rec) != len(header) {
			return nil, fail(line, "expected %d fields (%s), got %d", len(header), strings.Join(header, ","), len(rec))
		}
		p := hindsight.Person{Handle: strings.TrimSpace(rec[hi]), Role: strings.TrimSpace(rec[ri])}
		if okN {
			p.Name = strings.TrimSpace(rec[ni])
		}
		if okA {
			for _, a := range strings.Split(rec[ai], ";") {
				if a = strings.TrimSpace(a); a != "" {
					p.Aliases = append(p.Aliases, a)
				}
			}
		}
		switch {
		case p.Handle == "":
			return nil, fail(line, "the handle is empty; every person needs the handle the evidence knows them by")
		case p.Role == "":
			return nil, fail(line, "the role of %s is empty; reports name roles, not people", p.Handle)
		}
		key := strings.ToLower(p.Handle)
		if first, dup := firstSeen[key]; dup {
			return nil, fail(line, "handle %s is already on line %d", p.Handle, first)
		}
		firstSeen[key] = line
		people = append(people, p)
	}
}
