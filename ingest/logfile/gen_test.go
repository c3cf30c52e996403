package logfile

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// genOptions shape a generated log: an API serving requests at a steady
// rate with a trickle of errors, until at incidentAt a new error (pool
// timeouts) surges for surge, then the log goes quiet again.
type genOptions struct {
	start      time.Time
	span       time.Duration
	perSecond  int // lines per second
	incidentAt time.Duration
	surge      time.Duration
	// stamp writes a line's time; nil is RFC 3339 UTC with milliseconds.
	stamp func(t time.Time) string
	// json writes JSON lines instead of text lines.
	json bool
	// eol ends each line; "" is "\n".
	eol string
	// noFinalEOL leaves the last line without one.
	noFinalEOL bool
	// extraErrors adds that many distinct error patterns, each appearing
	// in a burst of its own during the surge.
	extraErrors int
	// stray, when set, writes one pool timeout that long after the start:
	// a lone line long before the surge.
	stray time.Duration
	seed  uint64
}

// incidentGen is the default log: two hours at 20 lines a second, the
// surge from 10:38:12 to 11:25.
func incidentGen() genOptions {
	return genOptions{start: time.Date(2026, 10, 14, 9, 30, 0, 0, time.UTC), span: 2 * time.Hour, perSecond: 20,
		incidentAt: 68*time.Minute + 12*time.Second, surge: 47 * time.Minute, seed: 1}
}

// genLog writes the log and returns the number of lines.
func genLog(w io.Writer, o genOptions) int {
	bw := bufio.NewWriterSize(w, 1<<16)
	defer bw.Flush()
	r := rand.New(rand.NewPCG(o.seed, 2))
	eol := o.eol
	if eol == "" {
		eol = "\n"
	}
	stamp := o.stamp
	if stamp == nil {
		stamp = func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }
	}
	total := int(o.span.Seconds()) * o.perSecond
	step := o.span / time.Duration(total)
	n := 0
	write := func(t time.Time, level, msg string) {
		if n > 0 {
			bw.WriteString(eol)
		}
		n++
		if o.json {
			b, _ := json.Marshal(map[string]string{"time": t.UTC().Format(time.RFC3339Nano), "level": strings.ToLower(level), "msg": msg})
			bw.Write(b)
			return
		}
		fmt.Fprintf(bw, "%s %s [api] %s", stamp(t), level, msg)
	}
	surgeStart, surgeEnd := o.start.Add(o.incidentAt), o.start.Add(o.incidentAt+o.surge)
	strayDone := o.stray == 0
	for i := 0; i < total; i++ {
		t := o.start.Add(time.Duration(i) * step)
		in := !t.Before(surgeStart) && t.Before(surgeEnd)
		switch {
		case !strayDone && !t.Before(o.start.Add(o.stray)):
			write(t, "ERROR", "pool: timed out waiting for connection after 5000ms (active=20 idle=0 waiters=1)")
			strayDone = true
		case in && i%10 == 0:
			write(t, "ERROR", fmt.Sprintf("pool: timed out waiting for connection after 5000ms (active=20 idle=0 waiters=%d)", r.IntN(40)))
		case in && o.extraErrors > 0 && i%7 == 0:
			// Each pattern has its own length, so that no two read as one.
			k := int(t.Sub(surgeStart) * time.Duration(o.extraErrors) / o.surge)
			words := make([]string, k+1)
			for j := range words {
				words[j] = string(rune('a'+(k+j)%26)) + string(rune('a'+j%26)) + "step"
			}
			write(t, "ERROR", fmt.Sprintf("batch %s failed: error code %d", strings.Join(words, " "), r.IntN(9)))
		case i%1200 == 7:
			write(t, "ERROR", fmt.Sprintf("payment webhook rejected: signature mismatch for evt_%06x", r.IntN(1<<24)))
		case i%97 == 0:
			write(t, "WARN", fmt.Sprintf("slow request GET /v1/cart %dms", 500+r.IntN(900)))
		default:
			write(t, "INFO", fmt.Sprintf("http: GET /v1/checkout/ord_%08x/status 200 %dms req=%012x", r.Uint32(), 5+r.IntN(40), r.Uint64()&(1<<48-1)))
		}
	}
	if !o.noFinalEOL && n > 0 {
		bw.WriteString(eol)
	}
	return n
}

// genText is genLog into a string.
func genText(o genOptions) string {
	var b strings.Builder
	genLog(&b, o)
	return b.String()
}
