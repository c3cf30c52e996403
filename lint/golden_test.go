package lint

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files from the current output")

// goldenCase is one input line of a rule's case file and the rule's findings on it.
type goldenCase struct {
	Input    string    `json:"input"`
	Section  string    `json:"section,omitempty"`
	Findings []Finding `json:"findings"`
}

// TestRuleGolden runs every rule's case file (testdata/rules/<id>.txt) and compares
// that rule's findings with testdata/rules/<id>.golden.json. Regenerate with
// "go test ./lint -run TestRuleGolden -update" and review the diff.
//
// Case files hold one input per line. "#" starts a comment; "[section] " in front
// of a line gives the section; for action rules each line is an action item, and
// "@known " in front of it says the caller records owner and due date (left empty).
// A "#roster: Name|handle|role" line adds a person to the roster for later lines.
func TestRuleGolden(t *testing.T) {
	l := mustLoad(t)
	for _, r := range l.rules {
		if r.Kind == KindActions || r.Kind == KindDocument {
			continue // structured input: covered by TestDocumentGolden and table tests
		}
		t.Run(r.ID, func(t *testing.T) {
			path := filepath.Join("testdata", "rules", r.ID+".txt")
			// Rules aimed at action items read each line as an item, unless the line
			// names a section (then it is prose in that section).
			asAction := r.Kind == KindAction || r.scope["action-item"]
			cases := readCases(t, path, asAction)
			if len(cases) == 0 {
				t.Fatalf("%s has no cases", path)
			}
			var got []goldenCase
			fired, quiet := 0, 0
			for _, c := range cases {
				var fs []Finding
				if asAction && c.section == "" {
					a := Action{Text: c.input}
					if c.known {
						a.Known = FieldOwner | FieldDue
					}
					fs, _ = l.Action(a)
				} else {
					fs = l.Text(c.input, TextOptions{Section: c.section, Roster: c.roster})
				}
				var mine []Finding
				for _, f := range fs {
					if f.Rule == r.ID {
						mine = append(mine, f)
					}
				}
				if len(mine) > 0 {
					fired++
				} else {
					quiet++
					mine = []Finding{}
				}
				in := c.input
				if c.known {
					in = "@known " + in
				}
				got = append(got, goldenCase{Input: in, Section: c.section, Findings: mine})
			}
			if fired == 0 || quiet == 0 {
				t.Errorf("%s: want cases that fire and cases that stay quiet; got %d firing, %d quiet", path, fired, quiet)
			}
			compareGolden(t, filepath.Join("testdata", "rules", r.ID+".golden.json"), got)
		})
	}
}

type ruleCase struct {
	input, section string
	known          bool
	roster         []Person
}

func readCases(t *testing.T, path string, action bool) []ruleCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("every rule needs a case file: %v", err)
	}
	defer f.Close()
	var out []ruleCase
	var roster []Person
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#roster:") {
			parts := strings.Split(strings.TrimSpace(strings.TrimPrefix(line, "#roster:")), "|")
			for len(parts) < 3 {
				parts = append(parts, "")
			}
			p := Person{Name: parts[0], Role: parts[2]}
			if parts[1] != "" {
				p.Handles = []string{parts[1]}
			}
			roster = append(roster, p)
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := ruleCase{roster: roster}
		if action && strings.HasPrefix(line, "@known ") {
			c.known, line = true, strings.TrimPrefix(line, "@known ")
		}
		if strings.HasPrefix(line, "[") {
			if i := strings.Index(line, "] "); i > 0 {
				c.section, line = line[1:i], line[i+2:]
			}
		}
		c.input = line
		out = append(out, c)
	}
	return out
}

// compareGolden compares v, as indented JSON, with the golden file at path, or
// rewrites the file under -update.
func compareGolden(t *testing.T, path string, v any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden file (run with -update): %v", err)
	}
	if !bytes.Equal(want, buf.Bytes()) {
		t.Errorf("%s differs from the current output; run with -update and review the diff.\n--- got ---\n%s", path, buf.String())
	}
}
