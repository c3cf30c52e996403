// Command evallint runs Hindsight's blameless-language checks over a directory of real
// postmortems and prints, per file, how many findings each rule produced, so false
// positives on real prose can be inspected by hand. The documents are read in place
// and never copied.
//
//	go run ./scripts/evallint [-dir ../shared/data/postmortems] [-v] [-min info] [-all] [-rule ID]
//
// -v prints every finding with its line and text; -all also runs the action-item and
// section checks of "check file"; -rule limits output to one rule.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hindsight-sre/hindsight/lint"
)

func main() {
	dir := flag.String("dir", "../shared/data/postmortems", "directory of postmortem Markdown files (with INDEX.tsv)")
	verbose := flag.Bool("v", false, "print every finding")
	minSev := flag.String("min", "info", "lowest severity to count: info, warning or error")
	all := flag.Bool("all", false, "also run action-item and section checks (as 'check file' does)")
	only := flag.String("rule", "", "only count this rule")
	flag.Parse()

	min, err := lint.ParseSeverity(*minSev)
	if err != nil {
		fatal(err)
	}
	l, err := lint.Load(nil)
	if err != nil {
		fatal(err)
	}
	names := readIndex(filepath.Join(*dir, "INDEX.tsv"))
	entries, err := os.ReadDir(*dir)
	if err != nil {
		fatal(err)
	}
	totals := map[string]int{}
	files, flaggedFiles := 0, 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == "INDEX.tsv" || name == "NOTES.md" || strings.HasPrefix(name, ".") {
			continue
		}
		if _, listed := names[name]; len(names) > 0 && !listed {
			continue // with an index, only the postmortems it lists (not README.md)
		}
		data, err := os.ReadFile(filepath.Join(*dir, name))
		if err != nil {
			fatal(err)
		}
		text := string(data)
		var fs []lint.Finding
		if *all {
			fs = l.Markdown(text, lint.TextOptions{})
		} else {
			fs = l.Text(text, lint.TextOptions{})
		}
		byRule := map[string]int{}
		var kept []lint.Finding
		for _, f := range fs {
			if !f.Severity.AtLeast(min) || (*only != "" && f.Rule != *only) {
				continue
			}
			byRule[f.Rule]++
			totals[f.Rule]++
			kept = append(kept, f)
		}
		files++
		if len(kept) > 0 {
			flaggedFiles++
		}
		fmt.Printf("%-40s names=%-2s findings=%-3d %s\n", name, names[name], len(kept), summary(byRule))
		if *verbose {
			lines := strings.Split(text, "\n")
			for _, f := range kept {
				ctx := ""
				if f.Line > 0 && f.Line <= len(lines) {
					ctx = strings.TrimSpace(lines[f.Line-1])
					if len(ctx) > 160 {
						ctx = ctx[:160] + "…"
					}
				}
				fmt.Printf("    %d:%d %-7s %-28s %q\n        %s\n", f.Line, f.Span[0], f.Severity, f.Rule, f.Match, ctx)
			}
		}
	}
	fmt.Printf("\n%d files, %d with findings at or above %s\n", files, flaggedFiles, min)
	fmt.Println(summary(totals))
}

func summary(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}

// readIndex maps file names to the names_individuals column of INDEX.tsv.
func readIndex(path string) map[string]string {
	out := map[string]string{}
	f, err := os.Open(path)
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	col := -1
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "\t")
		if col < 0 {
			for i, c := range cells {
				if c == "names_individuals" {
					col = i
				}
			}
			continue
		}
		if col < len(cells) {
			out[cells[0]] = cells[col]
		}
	}
	return out
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "evallint:", err)
	os.Exit(1)
}
