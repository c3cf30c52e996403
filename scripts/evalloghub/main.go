// Command evalloghub scores the logmine package against the Loghub-2k
// benchmark: it feeds each raw *_2k.log to the miner with default options
// (no per-dataset configuration) and compares the per-line template
// assignments with the EventId column of *_2k.log_structured_corrected.csv.
//
// It prints grouping accuracy (GA) and the F1 of grouping accuracy (FGA) per
// dataset and on average, next to Drain's GA: as measured against the same
// corrected ground truth (../shared/reference/log-parsing.md §4) and as
// published with the original one. "tmpl" is the number of templates found,
// "truth" the number of events in the ground truth. The data is
// research-licensed and lives outside the repository (../shared by default);
// nothing here is used by the tests.
//
//	go run ./scripts/evalloghub [-data ../shared/data/loghub] [-v dataset]
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-sre/hindsight/logmine"
)

var datasets = []string{"HDFS", "Hadoop", "Spark", "Zookeeper", "BGL", "HPC", "Thunderbird", "Windows",
	"Linux", "Android", "HealthApp", "Apache", "Proxifier", "OpenSSH", "OpenStack", "Mac"}

// drainGA is Drain's GA on the corrected ground truth as measured in
// ../shared/reference/log-parsing.md §4 (logparser-corrected column).
var drainGA = map[string]float64{
	"HDFS": 0.998, "Hadoop": 0.948, "Spark": 0.922, "Zookeeper": 0.967, "BGL": 0.963, "HPC": 0.887,
	"Thunderbird": 0.955, "Windows": 0.997, "Linux": 0.876, "Android": 0.857, "HealthApp": 0.780,
	"Apache": 1.000, "Proxifier": 0.526, "OpenSSH": 0.789, "OpenStack": 0.733, "Mac": 0.786,
}

// drainPublished is Drain's GA as published with the original ground truth
// (logparser README / ICSE-SEIP'19), the same table's first column.
var drainPublished = map[string]float64{
	"HDFS": 0.9975, "Hadoop": 0.9475, "Spark": 0.920, "Zookeeper": 0.9665, "BGL": 0.9625, "HPC": 0.887,
	"Thunderbird": 0.955, "Windows": 0.997, "Linux": 0.690, "Android": 0.911, "HealthApp": 0.780,
	"Apache": 1.000, "Proxifier": 0.5265, "OpenSSH": 0.7875, "OpenStack": 0.7325, "Mac": 0.7865,
}

func main() {
	data := flag.String("data", "../shared/data/loghub", "folder holding the Loghub-2k datasets")
	verbose := flag.String("v", "", "dataset to explain: list the ground-truth events that were split or merged")
	only := flag.String("only", "", "comma-separated datasets to run (default all)")
	full := flag.Bool("full", false, "score the Loghub-2.0 full Linux and Proxifier sets instead of the 2k samples")
	flag.Parse()
	sel := datasets
	if *full {
		// Drain on the full sets, measured / published (log-parsing.md §4).
		sel, fullSets = []string{"Linux", "Proxifier"}, true
		drainGA = map[string]float64{"Linux": 0.685, "Proxifier": 0.692}
		drainPublished = map[string]float64{"Linux": 0.686, "Proxifier": 0.692}
	}
	if *only != "" {
		sel = strings.Split(*only, ",")
	}
	var sumGA, sumFGA float64
	n := 0
	fmt.Printf("%-12s %6s %6s %8s %8s %6s %6s  %s\n", "dataset", "GA", "FGA", "drain", "drain", "tmpl", "truth", "layout")
	fmt.Printf("%-12s %6s %6s %8s %8s %6s %6s\n", "", "", "", "measured", "publish", "", "")
	for _, ds := range sel {
		res, err := evaluate(*data, ds, ds == *verbose)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", ds, err)
			os.Exit(1)
		}
		mark := ""
		if res.ga < drainGA[ds] || res.ga < drainPublished[ds] {
			mark = " BELOW-DRAIN"
		}
		fmt.Printf("%-12s %6.3f %6.3f %8.3f %8.3f %6d %6d  %s%s\n", ds, res.ga, res.fga, drainGA[ds], drainPublished[ds], res.pred, res.truth, res.layout, mark)
		sumGA += res.ga
		sumFGA += res.fga
		n++
	}
	if n > 0 {
		fmt.Printf("%-12s %6.3f %6.3f\n", "average", sumGA/float64(n), sumFGA/float64(n))
	}
}

type score struct {
	ga, fga     float64
	pred, truth int
	layout      string
}

// fullSets switches evaluate to the Loghub-2.0 full sets (-full).
var fullSets bool

func evaluate(dir, ds string, explain bool) (score, error) {
	logPath := filepath.Join(dir, ds, ds+"_2k.log")
	truthPath := logPath + "_structured_corrected.csv"
	if fullSets {
		logPath = filepath.Join(dir, "loghub2.0_full", ds, ds+"_full.log")
		truthPath = logPath + "_structured.csv"
	}
	truth, err := readTruth(truthPath)
	if err != nil {
		return score{}, err
	}
	f, err := os.Open(logPath)
	if err != nil {
		return score{}, err
	}
	defer f.Close()
	raw, err := os.ReadFile(logPath)
	if err != nil {
		return score{}, err
	}
	rawLines := strings.Split(string(raw), "\n")
	pred := map[int]string{}
	start := time.Now()
	res, err := logmine.Mine(f, logmine.Options{Year: 2005, OnLine: func(line int64, id string) { pred[int(line)] = id }})
	if err != nil {
		return score{}, err
	}
	_ = time.Since(start)
	for l, id := range pred {
		pred[l] = res.Canonical(id)
	}
	ga, fga, np, nt := grouping(truth, pred)
	if explain {
		explainGroups(truth, pred, res, rawLines)
	}
	return score{ga: ga, fga: fga, pred: np, truth: nt, layout: res.Layout}, nil
}

// readTruth returns LineId -> EventId.
func readTruth(path string) (map[int]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, err
	}
	lineCol, eventCol := -1, -1
	for i, h := range head {
		switch h {
		case "LineId":
			lineCol = i
		case "EventId":
			eventCol = i
		}
	}
	if lineCol < 0 || eventCol < 0 {
		return nil, fmt.Errorf("%s: no LineId/EventId columns", path)
	}
	out := map[int]string{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		id, err := strconv.Atoi(rec[lineCol])
		if err != nil {
			return nil, err
		}
		out[id] = rec[eventCol]
	}
	return out, nil
}

// grouping computes GA and FGA as defined for Loghub-2.0: a line is
// correctly grouped when its predicted group holds exactly the lines of its
// true group; FGA is the F1 of correctly identified groups.
func grouping(truth map[int]string, pred map[int]string) (ga, fga float64, npred, ntruth int) {
	tg := map[string][]int{}
	pg := map[string][]int{}
	for line, ev := range truth {
		tg[ev] = append(tg[ev], line)
		pg[pred[line]] = append(pg[pred[line]], line)
	}
	correctLines, correctGroups := 0, 0
	for _, lines := range pg {
		ev := truth[lines[0]]
		same := true
		for _, l := range lines {
			if truth[l] != ev {
				same = false
				break
			}
		}
		if same && len(tg[ev]) == len(lines) {
			correctLines += len(lines)
			correctGroups++
		}
	}
	ga = float64(correctLines) / float64(len(truth))
	p := float64(correctGroups) / float64(len(pg))
	r := float64(correctGroups) / float64(len(tg))
	if p+r > 0 {
		fga = 2 * p * r / (p + r)
	}
	return ga, fga, len(pg), len(tg)
}

func explainGroups(truth, pred map[int]string, res *logmine.Result, raw []string) {
	example := map[[2]string]string{}
	for line, ev := range truth {
		k := [2]string{ev, pred[line]}
		if _, ok := example[k]; !ok && line-1 < len(raw) {
			example[k] = raw[line-1]
		}
	}
	text := map[string]string{}
	for _, t := range res.Templates {
		text[t.ID] = t.Text
	}
	tg := map[string]map[string]int{}
	pg := map[string]map[string]int{}
	for line, ev := range truth {
		p := pred[line]
		if tg[ev] == nil {
			tg[ev] = map[string]int{}
		}
		if pg[p] == nil {
			pg[p] = map[string]int{}
		}
		tg[ev][p]++
		pg[p][ev]++
	}
	type row struct {
		key   string
		lines int
		parts map[string]int
	}
	var split, merged []row
	for ev, parts := range tg {
		if len(parts) > 1 {
			n := 0
			for _, c := range parts {
				n += c
			}
			split = append(split, row{ev, n, parts})
		}
	}
	for p, parts := range pg {
		if len(parts) > 1 {
			n := 0
			for _, c := range parts {
				n += c
			}
			merged = append(merged, row{p, n, parts})
		}
	}
	sort.Slice(split, func(i, j int) bool { return split[i].lines > split[j].lines })
	sort.Slice(merged, func(i, j int) bool { return merged[i].lines > merged[j].lines })
	fmt.Println("-- true events split over several templates:")
	for _, r := range split {
		fmt.Printf("  %s (%d lines):\n", r.key, r.lines)
		for p, c := range r.parts {
			fmt.Printf("      %5d  %s  %s\n             e.g. %s\n", c, p, text[p], example[[2]string{r.key, p}])
		}
	}
	fmt.Println("-- templates merging several true events:")
	for _, r := range merged {
		fmt.Printf("  %s %s (%d lines):", r.key, text[r.key], r.lines)
		for ev, c := range r.parts {
			fmt.Printf(" %s:%d", ev, c)
		}
		fmt.Println()
		for ev := range r.parts {
			fmt.Printf("      %s e.g. %s\n", ev, example[[2]string{ev, r.key}])
		}
	}
}
