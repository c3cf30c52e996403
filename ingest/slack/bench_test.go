package slack_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest"
)

// writeExport writes a Slack export of n messages to dir: 50 users, three
// channels, one day file per channel and day, a thread reply for every
// other message, mentions and links here and there, some joins and edits.
func writeExport(tb testing.TB, dir string, n int) {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	type profile struct {
		DisplayName string `json:"display_name"`
		RealName    string `json:"real_name"`
		Email       string `json:"email"`
	}
	type user struct {
		ID       string  `json:"id"`
		Name     string  `json:"name"`
		RealName string  `json:"real_name"`
		Profile  profile `json:"profile"`
	}
	var users []user
	for i := range 50 {
		name := fmt.Sprintf("user%02d", i)
		users = append(users, user{ID: fmt.Sprintf("U%08d", i), Name: name, RealName: "Person " + name,
			Profile: profile{DisplayName: name, RealName: "Person " + name, Email: name + "@example.com"}})
	}
	channels := []string{"incident-db", "ops", "general"}
	write := func(name string, v any) {
		data, err := json.Marshal(v)
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write("users.json", users)
	var chans []map[string]string
	for i, c := range channels {
		chans = append(chans, map[string]string{"id": fmt.Sprintf("C%03d", i), "name": c})
	}
	write("channels.json", chans)
	words := []string{"db", "primary", "replica", "lag", "latency", "p99", "rolled", "back", "deploy", "checking",
		"dashboard", "error", "rate", "failover", "pool", "connections", "looks", "better", "now", "still", "seeing"}
	const days = 10
	perFile := n / (len(channels) * days)
	start := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	written := 0
	for c, ch := range channels {
		for d := range days {
			var msgs []map[string]any
			count := perFile
			if c == len(channels)-1 && d == days-1 {
				count = n - written
			}
			dayStart := start.AddDate(0, 0, d)
			parent := ""
			for i := range count {
				at := dayStart.Add(time.Duration(i) * 86000 * time.Second / time.Duration(count+1))
				ts := fmt.Sprintf("%d.%06d", at.Unix(), i)
				text := ""
				for range 4 + r.IntN(14) {
					text += words[r.IntN(len(words))] + " "
				}
				u := users[r.IntN(len(users))]
				switch r.IntN(20) {
				case 0:
					text += fmt.Sprintf("<@%s> can you check?", users[r.IntN(len(users))].ID)
				case 1:
					text += "see <https://grafana.example.com/d/db|the dashboard>"
				}
				m := map[string]any{"type": "message", "user": u.ID, "text": text, "ts": ts}
				switch {
				case i%2 == 0:
					m["thread_ts"], parent = ts, ts
				case parent != "":
					m["thread_ts"], m["parent_user_id"] = parent, u.ID
				}
				if i%50 == 0 {
					m["edited"] = map[string]string{"user": u.ID, "ts": ts}
				}
				if i%200 == 0 {
					m["subtype"], m["text"] = "channel_join", "<@"+u.ID+"> has joined the channel"
				}
				msgs = append(msgs, m)
			}
			written += count
			write(fmt.Sprintf("%s/%s.json", ch, dayStart.Format("2006-01-02")), msgs)
		}
	}
}

// BenchmarkImport imports a 100,000-message, three-channel export through
// ingest.Import, as `hindsight import` does.
func BenchmarkImport(b *testing.B) { benchmarkImport(b, false) }

// BenchmarkImportAndCurate imports the same export and builds the timeline
// from it (order, duplicates, groups, milestones, phases, stars), which is
// what a user waits for before `hindsight timeline` shows anything.
func BenchmarkImportAndCurate(b *testing.B) { benchmarkImport(b, true) }

func benchmarkImport(b *testing.B, curate bool) {
	const n = 100_000
	dir := b.TempDir()
	writeExport(b, dir, n)
	f, err := ingest.ReadPath(dir)
	if err != nil {
		b.Fatal(err)
	}
	var events int
	cpu := cpuTime()
	for b.Loop() {
		res, err := ingest.Import([]ingest.File{f}, ingest.Options{Channel: "*"})
		if err != nil {
			b.Fatal(err)
		}
		events = len(res.Events)
		if curate {
			inc := &hindsight.Incident{Timeline: res.Events}
			inc.CurateTimeline()
		}
	}
	// The CPU time says what the import costs when the machine is shared
	// and wall-clock time is not the program's alone.
	b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
	b.ReportMetric(float64(events), "events")
}

// BenchmarkDecodeBaseline is the floor an importer cannot go below: reading
// and JSON-decoding the same export into generic maps, with no meaning
// attached. scripts/bench prints BenchmarkImport as a ratio of it.
func BenchmarkDecodeBaseline(b *testing.B) {
	dir := b.TempDir()
	writeExport(b, dir, 100_000)
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	for b.Loop() {
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				b.Fatal(err)
			}
		}
	}
}
