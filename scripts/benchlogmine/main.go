// Command benchlogmine measures logmine end to end on a big file, and can
// generate such a file from a smaller real log.
//
//	benchlogmine -gen -src SMALL.log -size 300 -out /tmp/big.log
//	benchlogmine /tmp/big.log
//
// The generator repeats the source log and rewrites the digits of numbers
// after the first 16 bytes of each line with pseudo-random ones, so that
// ids, pids, addresses and counters vary the way they do in a real log while
// the message shapes, names such as "eth0" or "a1=", and timestamps stay
// realistic. It is used by
// scripts/bench-logmine; nothing here is part of the product.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/hindsight-sre/hindsight/logmine"
)

func main() {
	gen := flag.Bool("gen", false, "generate a benchmark file instead of mining one")
	src := flag.String("src", "", "source log for -gen")
	size := flag.Int("size", 300, "size of the generated file in MB")
	out := flag.String("out", "", "output path for -gen")
	flag.Parse()
	if *gen {
		if err := generate(*src, *out, int64(*size)<<20); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: benchlogmine FILE")
		os.Exit(2)
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	start := time.Now()
	res, err := logmine.Mine(f, logmine.Options{Year: 2005})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	el := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("lines=%d templates=%d seconds=%.3f lines_per_sec=%.0f layout=%q heap_sys_mb=%.1f\n",
		res.Lines, len(res.Templates), el.Seconds(), float64(res.Lines)/el.Seconds(), res.Layout, float64(ms.HeapSys)/(1<<20))
}

func generate(src, out string, size int64) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	lines := bytes.Split(bytes.TrimRight(data, "\n"), []byte("\n"))
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var written int64
	seed := uint64(88172645463325252)
	buf := make([]byte, 0, 4096)
	for rep := 0; written < size; rep++ {
		for _, l := range lines {
			buf = append(buf[:0], l...)
			if rep > 0 {
				for i := 16; i < len(buf); i++ {
					if isNumberDigit(buf, i) {
						seed ^= seed << 13
						seed ^= seed >> 7
						seed ^= seed << 17
						buf[i] = '0' + byte(seed%10)
					}
				}
			}
			buf = append(buf, '\n')
			n, err := w.Write(buf)
			if err != nil {
				return err
			}
			written += int64(n)
			if written >= size {
				break
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// isNumberDigit reports whether b[i] is a digit of a number: a digit run
// not glued to a preceding letter (so "a1=" and "eth0" are names, not numbers).
func isNumberDigit(b []byte, i int) bool {
	if b[i] < '0' || b[i] > '9' {
		return false
	}
	j := i
	for j > 0 && b[j-1] >= '0' && b[j-1] <= '9' {
		j--
	}
	if j == 0 {
		return true
	}
	c := b[j-1] | 0x20
	return !(c >= 'a' && c <= 'z') && b[j-1] != '_'
}
