package logmine

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestDetectRuns(t *testing.T) {
	flat := func(n int, v float64) []float64 {
		c := make([]float64, n)
		for i := range c {
			c[i] = v + float64(i%3) // small wobble
		}
		return c
	}
	with := func(c []float64, from, to int, v float64) []float64 {
		c = append([]float64(nil), c...)
		for i := from; i < to; i++ {
			c[i] = v
		}
		return c
	}
	tests := []struct {
		name   string
		counts []float64
		want   []run // start, end, ongoing only
	}{
		{"quiet", flat(60, 0), nil},
		{"steady traffic", flat(60, 50), nil},
		{"one spike is noise", with(flat(60, 2), 30, 31, 80), nil},
		{"two spikes apart are noise", with(with(flat(60, 2), 10, 11, 80), 40, 41, 80), nil},
		{"sustained rise", with(flat(60, 2), 20, 30, 40), []run{{start: 20, end: 30}}},
		{"rise with one quiet gap", with(with(flat(60, 2), 20, 30, 40), 24, 25, 2), []run{{start: 20, end: 30}}},
		{"rise to the end", with(flat(60, 2), 50, 60, 40), []run{{start: 50, end: 60, ongoing: true}}},
		{"two incidents", with(with(flat(80, 1), 10, 15, 30), 50, 60, 30), []run{{start: 10, end: 15}, {start: 50, end: 60}}},
		{"incident longer than the quiet part", with(flat(40, 1), 10, 35, 30), []run{{start: 10, end: 35}}},
		{"too short", []float64{0, 50}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := detectRuns(tc.counts)
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i].start != tc.want[i].start || got[i].end != tc.want[i].end || got[i].ongoing != tc.want[i].ongoing {
					t.Errorf("run %d: got %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// incidentLog: steady traffic for an hour, a new error pattern from minute 30
// to minute 45, a single unrelated error burst at minute 10.
func incidentLog() string {
	var b strings.Builder
	start := time.Date(2024, 5, 6, 7, 0, 0, 0, time.UTC)
	for m := 0; m < 60; m++ {
		for s := 0; s < 60; s += 6 {
			ts := start.Add(time.Duration(m)*time.Minute + time.Duration(s)*time.Second).Format(time.RFC3339)
			fmt.Fprintf(&b, "%s INFO api: GET /orders/%d 200\n", ts, m*100+s)
			if m == 10 && s < 30 {
				fmt.Fprintf(&b, "%s ERROR api: cache node 3 unreachable\n", ts)
			}
			if m >= 30 && m < 45 {
				fmt.Fprintf(&b, "%s ERROR db: connection pool exhausted (%d waiting)\n", ts, s)
			}
			if s == 0 && m%7 == 0 {
				fmt.Fprintf(&b, "%s ERROR api: client sent bad token\n", ts)
			}
		}
	}
	return b.String()
}

func TestImpactAndMoments(t *testing.T) {
	res, err := Mine(strings.NewReader(incidentLog()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := func(m int) time.Time { return time.Date(2024, 5, 6, 7, m, 0, 0, time.UTC) }
	if res.Impact == nil {
		t.Fatal("no impact window")
	}
	if !res.Impact.Start.Equal(at(30)) || !res.Impact.End.Equal(at(45)) {
		t.Errorf("impact %v .. %v, want %v .. %v", res.Impact.Start, res.Impact.End, at(30), at(45))
	}
	var kinds []string
	for _, m := range res.Moments() {
		kinds = append(kinds, fmt.Sprintf("%s@%s", m.Kind, m.Time.Format("15:04")))
	}
	got := strings.Join(kinds, " ")
	for _, want := range []string{
		"error_rate_rose@07:30", "new_error_pattern@07:30", "pattern_rose@07:30",
		"error_rate_baseline@07:45", "pattern_baseline@07:45", "new_error_pattern@07:10",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("moments %q lack %q", got, want)
		}
	}
	if strings.Contains(got, "error_rate_rose@07:10") {
		t.Errorf("the one-minute burst was taken for a rise: %q", got)
	}
	if strings.Contains(got, "new_error_pattern@07:00") {
		t.Errorf("a pattern present from the start was called new: %q", got)
	}
}

func TestNoImpactWithoutTimes(t *testing.T) {
	res, err := Mine(strings.NewReader("error one\nerror two\nerror three\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Impact != nil || len(res.Moments()) != 0 {
		t.Errorf("impact %v, moments %v from a log without times", res.Impact, res.Moments())
	}
}
