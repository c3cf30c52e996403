package logfile

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
	"github.com/hindsight-sre/hindsight/logmine"
)

// benchLog is a generated ~50 MB log of the incident's shape, made once.
var benchLog = sync.OnceValues(func() ([]byte, int) {
	o := incidentGen()
	o.perSecond, o.span = 110, 80*time.Minute
	o.incidentAt, o.surge = 30*time.Minute, 20*time.Minute
	var b bytes.Buffer
	n := genLog(&b, o)
	return b.Bytes(), n
})

// BenchmarkParse is the import path of a log: mining plus the line index
// and the events. BenchmarkMine is logmine alone on the same bytes; the
// two should stay close, since the importer's per-line work is one slice
// write and one comparison:
//
//	go test -run X -bench 'Parse|Mine' -benchtime 10x -count 4 ./ingest/logfile
func BenchmarkParse(b *testing.B) {
	data, lines := benchLog()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if _, err := Parse(evidence.File{Name: "bench.log", Data: data}, evidence.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/time.Since(start).Seconds(), "lines/s")
}

func BenchmarkMine(b *testing.B) {
	data, lines := benchLog()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		res, err := logmine.Mine(bytes.NewReader(data), logmine.Options{})
		if err != nil {
			b.Fatal(err)
		}
		res.Moments()
	}
	b.ReportMetric(float64(lines)*float64(b.N)/time.Since(start).Seconds(), "lines/s")
}
