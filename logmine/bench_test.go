package logmine

import (
	"strings"
	"testing"
)

// BenchmarkMine measures the whole pipeline (layout, timestamps, tokenizing,
// patterns, counts, final grouping) on a synthetic service log.
func BenchmarkMine(b *testing.B) {
	text := sampleLog(200000)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Mine(strings.NewReader(text), Options{})
		if err != nil || res.Lines != 200000 {
			b.Fatal(err, res.Lines)
		}
	}
	b.ReportMetric(float64(200000*b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkParseLine measures header parsing and tokenizing of one line,
// the per-line work done on the worker goroutines.
func BenchmarkParseLine(b *testing.B) {
	lines := strings.Split(sampleLog(1000), "\n")
	var sample [][]byte
	for _, l := range lines[:200] {
		sample = append(sample, []byte(l))
	}
	l := learnLayout(sample)
	var tk tokenizer
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var h header
		l.parse(sample[i%len(sample)], &h)
		tk.split(h.content)
	}
}

// BenchmarkResult measures the final grouping of patterns into templates.
func BenchmarkResult(b *testing.B) {
	m := NewMiner(Options{})
	if _, err := m.ReadFrom(strings.NewReader(sampleLog(50000))); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.Result()
	}
}

// BenchmarkSplit measures the tokenizer alone on typical messages.
func BenchmarkSplit(b *testing.B) {
	var msgs [][]byte
	for _, l := range strings.Split(sampleLog(1000), "\n") {
		if i := strings.Index(l, ": "); i > 0 {
			msgs = append(msgs, []byte(l[i+2:]))
		}
	}
	var tk tokenizer
	n := 0
	for _, m := range msgs {
		n += len(m)
	}
	b.SetBytes(int64(n / len(msgs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tk.split(msgs[i%len(msgs)])
	}
}
