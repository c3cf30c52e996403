package logmine

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestProf(t *testing.T) {
	runtime.GOMAXPROCS(1)
	for k := 0; k < 2; k++ {
		f, err := os.Open("/tmp/logmine-bench-300mb.log")
		if err != nil {
			t.Skip()
		}
		st, c0 := time.Now(), cpu()
		m := NewMiner(Options{Year: 2005})
		m.ReadFrom(f)
		el, ce := time.Since(st), cpu()-c0
		t.Logf("wall %v cpu %v cpu-lines/s=%.0f patterns=%d", el, ce, float64(m.lines)/ce.Seconds(), len(m.clu.clusters))
		f.Close()
	}
}
