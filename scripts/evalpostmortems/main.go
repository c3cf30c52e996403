// Command evalpostmortems runs the Markdown importer over a collection of
// real postmortems and compares what it finds with the hand counts in the
// collection's INDEX.tsv: timeline entries and action items per file.
//
// Usage:
//
//	go run ./scripts/evalpostmortems [-dir ../shared/data/postmortems] [-v] [-file NAME]
//
// Targets: the timeline count within ±10% (at least ±1) of the hand count on
// at least 90% of the files that have a timeline; the action-item count
// within ±1 on at least 85% of the files that have action items; no file
// fails to import. It exits 1 when a target is missed.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/markdown"
)

// The targets from the issue.
const (
	timelineTarget = 0.90
	actionsTarget  = 0.85
)

// row is one line of INDEX.tsv.
type row struct {
	file                 string
	hasTimeline, hasActs bool
	timeline, actions    int
}

func main() {
	dir := flag.String("dir", defaultDir(), "folder holding the postmortems and INDEX.tsv")
	verbose := flag.Bool("v", false, "print each file's findings and entries")
	only := flag.String("file", "", "evaluate only files whose name contains this")
	flag.Parse()
	rows, err := readIndex(filepath.Join(*dir, "INDEX.tsv"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "evalpostmortems:", err)
		os.Exit(2)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\ttimeline\thand\tok\tactions\thand\tok\tlessons\tfactors\tfindings\t")
	var tlFiles, tlPass, acFiles, acPass, failed int
	for _, r := range rows {
		if *only != "" && !strings.Contains(r.file, *only) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(*dir, r.file))
		if err != nil {
			fmt.Fprintln(os.Stderr, "evalpostmortems:", err)
			os.Exit(2)
		}
		res, err := markdown.Parse(r.file, src, markdown.Options{})
		if err != nil {
			failed++
			fmt.Fprintf(tw, "%s\tFAILED: %v\t\t\t\t\t\t\t\t\t\n", r.file, err)
			continue
		}
		inc := res.Incident
		if err := inc.Validate(hindsight.DefaultScale); err != nil {
			failed++
			fmt.Fprintf(tw, "%s\tINVALID: %v\t\t\t\t\t\t\t\t\t\n", r.file, err)
			continue
		}
		tlOK, acOK := "-", "-"
		if r.hasTimeline {
			tlFiles++
			if math.Abs(float64(len(inc.Timeline)-r.timeline)) <= math.Max(1, 0.1*float64(r.timeline)) {
				tlPass++
				tlOK = "pass"
			} else {
				tlOK = "FAIL"
			}
		}
		if r.hasActs {
			acFiles++
			if abs(len(inc.Actions)-r.actions) <= 1 {
				acPass++
				acOK = "pass"
			} else {
				acOK = "FAIL"
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%d\t%d\t%s\t%d\t%d\t%d\t\n", r.file, len(inc.Timeline), r.timeline, tlOK,
			len(inc.Actions), r.actions, acOK, len(inc.Lessons), len(inc.Factors), len(res.Findings))
		if *verbose {
			tw.Flush()
			for _, e := range inc.Timeline {
				fmt.Printf("    event %s %-22s %-8s %s %v\n", e.Ref, e.Time.Format("2006-01-02 15:04Z07"), e.Kind, clip(e.Text, 70), e.Flags)
			}
			for _, a := range inc.Actions {
				fmt.Printf("    action %s [%s/%s/%s] %s %s\n", a.ID, a.Category, a.Status, a.Priority, clip(a.Title, 80), a.Tracker)
			}
			for _, f := range res.Findings {
				fmt.Printf("    finding %s %s line %d: %s\n", f.Severity, f.Rule, f.Line, f.Message)
			}
		}
	}
	tw.Flush()
	tlRate, acRate := ratio(tlPass, tlFiles), ratio(acPass, acFiles)
	fmt.Printf("\ntimeline: %d of %d files within ±10%% (at least ±1): %.1f%% (target %.0f%%) %s\n",
		tlPass, tlFiles, 100*tlRate, 100*timelineTarget, verdict(tlRate >= timelineTarget))
	fmt.Printf("actions:  %d of %d files within ±1: %.1f%% (target %.0f%%) %s\n",
		acPass, acFiles, 100*acRate, 100*actionsTarget, verdict(acRate >= actionsTarget))
	fmt.Printf("imports:  %d failed (target 0) %s\n", failed, verdict(failed == 0))
	if tlRate < timelineTarget || acRate < actionsTarget || failed > 0 {
		os.Exit(1)
	}
}

// defaultDir finds the shared collection from the repository root or from
// a worktree next to it.
func defaultDir() string {
	for _, d := range []string{"../shared/data/postmortems", "../../shared/data/postmortems"} {
		if _, err := os.Stat(filepath.Join(d, "INDEX.tsv")); err == nil {
			return d
		}
	}
	return "../shared/data/postmortems"
}

func readIndex(path string) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 10 {
			continue
		}
		tl, err1 := strconv.Atoi(cols[7])
		ac, err2 := strconv.Atoi(cols[9])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: bad counts in row %q", path, cols[0])
		}
		rows = append(rows, row{file: cols[0], hasTimeline: cols[6] == "y", timeline: tl, hasActs: cols[8] == "y", actions: ac})
	}
	return rows, sc.Err()
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func verdict(ok bool) string {
	if ok {
		return "MET"
	}
	return "MISSED"
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
