// Command genlog writes the application log of the checkout-latency example
// incident (examples/checkout-latency/logs/checkout-api.log) to standard
// output:
//
//	go run ./examples/internal/genlog > examples/checkout-latency/logs/checkout-api.log
//
// The log is what the team's log platform exported for checkout-api on
// 2026-10-14 from 09:30 to 11:30 UTC (11:30 to 13:30 CEST), all ten pods
// merged. Request lines are sampled by request id (one request in 300 keeps
// all of its lines); pool statistics, start-up and background-job lines are
// not sampled. The output is deterministic: a fixed seed, fixed times, and a
// few pinned lines that other evidence files and incident.json quote.
//
// Line layout, one per line:
//
//	2026-10-14T10:38:12.391Z ERROR [checkout-api] pool: timed out waiting for connection after 5000ms (active=20 idle=0 waiters=23)
//	<RFC 3339 time, UTC, milliseconds> <LEVEL> [<component>] <message>
package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"time"
)

// The moments the example incident is built around (UTC). They must agree
// with the other evidence files; examples_test.go checks the pinned ones.
var (
	logStart      = at("09:30:00.000")
	logEnd        = at("11:30:00.000")
	badRollout    = at("09:36:31.000") // first pod restarted with pool_size 20
	rollbackStart = at("11:18:40.000") // first pod restarted with pool_size 200
	firstTimeout  = at("10:38:12.391") // impact start: first pool timeout and 503
	quotedTimeout = at("11:12:58.204") // the line pasted into Slack
	lastTimeout   = at("11:25:09.235") // impact end: last 503, on a draining pod
)

const (
	pods          = 10
	sampleEvery   = 300.0 // one request in 300 is logged
	badSpacing    = 36 * time.Second
	rollbackSpace = 40 * time.Second
	drain         = 29 * time.Second // an old pod serves queued requests this long after its replacement starts
	checkoutShare = 0.04             // POST /v1/checkout in all requests
	orphanRate    = 0.015            // failed checkouts that timed out after the card was authorised
	badRev        = "b567251"
	goodRev       = "f18df68"
)

func at(hms string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, "2026-10-14T"+hms+"Z")
	if err != nil {
		panic(err)
	}
	return t
}

type line struct {
	t   time.Time
	seq int // keeps lines with the same millisecond in the order they were made
	s   string
}

type gen struct {
	r     *rand.Rand
	lines []line
}

func (g *gen) emit(t time.Time, level, component, format string, args ...any) {
	t = t.Truncate(time.Millisecond)
	msg := fmt.Sprintf(format, args...)
	g.lines = append(g.lines, line{t, len(g.lines),
		fmt.Sprintf("%s %s [%s] %s", t.UTC().Format("2006-01-02T15:04:05.000Z07:00"), level, component, msg)})
}

func (g *gen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.r.IntN(16)]
	}
	return string(b)
}

func (g *gen) suffix() string {
	const chars = "bcdfghjklmnpqrstvwxz2456789"
	b := make([]byte, 5)
	for i := range b {
		b[i] = chars[g.r.IntN(len(chars))]
	}
	return string(b)
}

// interp reads a piecewise-linear curve given as (time, value) points.
func interp(t time.Time, pts []point) float64 {
	if !t.After(pts[0].t) {
		return pts[0].v
	}
	for i := 1; i < len(pts); i++ {
		if t.Before(pts[i].t) || t.Equal(pts[i].t) {
			a, b := pts[i-1], pts[i]
			f := t.Sub(a.t).Seconds() / b.t.Sub(a.t).Seconds()
			return a.v + f*(b.v-a.v)
		}
	}
	return pts[len(pts)-1].v
}

type point struct {
	t time.Time
	v float64
}

// traffic is the checkout-api request rate over all pods, in requests per
// second: the European lunch peak.
var traffic = []point{
	{at("09:30:00"), 380}, {at("10:00:00"), 450}, {at("10:20:00"), 620}, {at("10:40:00"), 860},
	{at("10:55:00"), 980}, {at("11:10:00"), 1000}, {at("11:20:00"), 940}, {at("11:30:00"), 820},
}

// failure is the share of POST /v1/checkout requests that time out waiting
// for a connection on a pod whose pool holds 20 connections.
var failure = []point{
	{at("10:38:12"), 0}, {at("10:38:13"), 0.004}, {at("10:45:00"), 0.025}, {at("10:51:53"), 0.052},
	{at("11:00:00"), 0.12}, {at("11:05:00"), 0.17}, {at("11:08:00"), 0.184}, {at("11:15:00"), 0.18},
	{at("11:30:00"), 0.175},
}

// congestion scales how long requests on a 20-connection pod wait for a
// connection (1 = up to the 5 s timeout).
var congestion = []point{
	{at("10:28:00"), 0}, {at("10:38:00"), 0.2}, {at("10:41:00"), 0.35}, {at("10:44:00"), 0.55}, {at("11:00:00"), 0.9},
	{at("11:05:00"), 1}, {at("11:30:00"), 1},
}

type endpoint struct {
	method, path string
	weight       float64
	base, spread float64 // log-normal latency: median ms, sigma
	dbWaits      int     // sequential transactions that each may wait for a connection
	failScale    float64
}

var endpoints = []endpoint{
	{"GET", "/v1/cart", 34, 38, 0.35, 1, 0.95},
	{"POST", "/v1/cart/items", 16, 64, 0.35, 1, 0.95},
	{"POST", "/v1/checkout", 4, 150, 0.18, 2, 1},
	{"GET", "/v1/checkout/{id}/status", 26, 22, 0.3, 1, 0.9},
	{"GET", "/v1/shipping/options", 14, 51, 0.3, 1, 0.95},
	{"POST", "/v1/promo/validate", 6, 33, 0.3, 1, 0.95},
}

type podState struct {
	names  [3]string // old (pool 200), bad (pool 20), rolled back (pool 200, the old template again)
	badAt  time.Time
	backAt time.Time
}

func main() {
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	err := generate(w)
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(1)
	}
}

// generate writes the whole log to w.
func generate(w io.Writer) error {
	g := &gen{r: rand.New(rand.NewPCG(20261014, 4821))}
	// Kubernetes names pods after the ReplicaSet, which is named after a
	// hash of the pod template: the rollback restores the old template, so
	// it brings the old ReplicaSet hash back with new pod suffixes.
	ps := make([]podState, pods)
	for i := range ps {
		ps[i].names = [3]string{
			"checkout-api-5c8d7f9b6-" + g.suffix(),
			"checkout-api-7f4b9c6d8-" + g.suffix(),
			"checkout-api-5c8d7f9b6-" + g.suffix(),
		}
		ps[i].badAt = badRollout.Add(time.Duration(i) * badSpacing).Add(time.Duration(g.r.IntN(900)) * time.Millisecond)
		ps[i].backAt = rollbackStart.Add(time.Duration(i) * rollbackSpace).Add(time.Duration(g.r.IntN(900)) * time.Millisecond)
	}
	ps[0].badAt = badRollout
	ps[0].backAt = rollbackStart
	ps[pods-1].backAt = rollbackStart.Add((pods - 1) * rollbackSpace) // drains until lastTimeout

	g.restarts(ps)
	g.poolStats(ps)
	g.jobs(ps)
	g.requests(ps)
	g.pinned(ps)

	sort.SliceStable(g.lines, func(i, j int) bool {
		if !g.lines[i].t.Equal(g.lines[j].t) {
			return g.lines[i].t.Before(g.lines[j].t)
		}
		return g.lines[i].seq < g.lines[j].seq
	})
	for _, l := range g.lines {
		if l.t.Before(logStart) || !l.t.Before(logEnd) {
			continue
		}
		if _, err := io.WriteString(w, l.s+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// pod returns the name and pool size of the pod serving slot i at time t.
func (p *podState) pod(t time.Time) (name string, pool int) {
	switch {
	case t.Before(p.badAt):
		return p.names[0], 200
	case t.Before(p.backAt):
		return p.names[1], 20
	default:
		return p.names[2], 200
	}
}

// restarts writes the shut-down and start-up lines of both rollouts.
func (g *gen) restarts(ps []podState) {
	for i := range ps {
		p := &ps[i]
		g.startup(p.badAt, p.names[0], p.names[1], badRev, 20, 20, "templates/db/shared.yaml")
		g.startup(p.backAt, p.names[1], p.names[2], goodRev, 200, 50, "checkout-api/db.yaml")
	}
}

func (g *gen) startup(t time.Time, old, pod, rev string, pool, idle int, source string) {
	g.emit(t, "INFO", "checkout-api", "main: starting checkout-api version=2026.10.1 config_rev=%s pod=%s", rev, pod)
	g.emit(t.Add(41*time.Millisecond), "INFO", "checkout-api", "config: loaded database settings pool_size=%d source=%s pod=%s", pool, source, pod)
	g.emit(t.Add(187*time.Millisecond), "INFO", "checkout-api", "pool: initialised max_open=%d max_idle=%d conn_timeout=5000ms dsn=pgbouncer-orders:6432/orders pod=%s", pool, idle, pod)
	g.emit(t.Add(2300*time.Millisecond), "INFO", "checkout-api", "http: listening addr=:8080 pod=%s", pod)
	g.emit(t.Add(2900*time.Millisecond), "INFO", "checkout-api", "main: readiness probe passed pod=%s", pod)
	g.emit(t.Add(3100*time.Millisecond), "INFO", "checkout-api", "main: received SIGTERM, draining in-flight requests pod=%s", old)
}

// poolStats writes each pod's pool statistics once a minute.
func (g *gen) poolStats(ps []podState) {
	for i := range ps {
		p := &ps[i]
		offset := time.Duration(i)*5*time.Second + time.Duration(g.r.IntN(1000))*time.Millisecond
		for t := logStart.Add(offset); t.Before(logEnd); t = t.Add(time.Minute) {
			name, pool := p.pod(t)
			if t.After(p.badAt.Add(-time.Minute)) && t.Before(p.badAt.Add(5*time.Second)) ||
				t.After(p.backAt.Add(-time.Minute)) && t.Before(p.backAt.Add(5*time.Second)) {
				continue // the restarting pod misses a report
			}
			perPod := interp(t, traffic) / pods
			need := perPod * 0.235 * (1 + 0.12*g.r.NormFloat64()) // connections in use at once
			need = math.Max(need, 2)
			if pool == 200 {
				inUse := int(need)
				idle := min(50, int(need*0.8)+g.r.IntN(8))
				g.emit(t, "INFO", "checkout-api", "pool: stats max_open=200 open=%d in_use=%d idle=%d waiters=0 timeouts_1m=0 pod=%s",
					inUse+idle, inUse, idle, name)
				continue
			}
			c := interp(t, congestion)
			if c == 0 && need < 20 {
				inUse := int(need)
				idle := min(20-inUse, 1+g.r.IntN(4))
				g.emit(t, "INFO", "checkout-api", "pool: stats max_open=20 open=%d in_use=%d idle=%d waiters=0 timeouts_1m=0 pod=%s",
					inUse+idle, inUse, idle, name)
				continue
			}
			waiters := int(c*150*(1+0.12*g.r.NormFloat64())) + 1
			timeouts := int(interp(t, failure) * perPod * 60 * 0.8)
			level := "INFO"
			if timeouts > 0 {
				level = "WARN"
			}
			g.emit(t, level, "checkout-api", "pool: stats max_open=20 open=20 in_use=20 idle=0 waiters=%d timeouts_1m=%d pod=%s",
				max(waiters, 0), timeouts, name)
		}
	}
}

// jobs writes the background jobs: cart expiry each minute, payment
// reconciliation every five minutes, the price cache every fifteen.
func (g *gen) jobs(ps []podState) {
	for t := logStart.Add(17 * time.Second); t.Before(logEnd); t = t.Add(time.Minute) {
		s := t.Add(time.Duration(g.r.IntN(400)) * time.Millisecond)
		if failing(s) && g.r.Float64() < interp(s, failure)*2.5 {
			g.emit(s.Add(5*time.Second), "ERROR", "scheduler", "jobs: cart-expiry failed after 5003ms err=\"pool: timed out waiting for connection\"")
			continue
		}
		g.emit(s, "INFO", "scheduler", "jobs: cart-expiry swept=%d dur=%dms", 20+g.r.IntN(60), 60+g.r.IntN(50))
	}
	for t := logStart.Add(2*time.Minute + 41*time.Second); t.Before(logEnd); t = t.Add(5 * time.Minute) {
		// The job checks the card authorisations of the last five minutes.
		// Checkouts that timed out after the authorisation leave one
		// without an order; the job reports them for the payments team
		// to void.
		checked := int(interp(t.Add(-150*time.Second), traffic)*checkoutShare*300) + g.r.IntN(120)
		var failed float64
		for s := t.Add(-5 * time.Minute); s.Before(t); s = s.Add(10 * time.Second) {
			if failing(s) {
				failed += interp(s, failure) * badShare(ps, s) / 30
			}
		}
		orphans := int(float64(checked)*failed*orphanRate + 0.5)
		level := "INFO"
		if orphans > 0 {
			level = "WARN"
		}
		g.emit(t, level, "scheduler", "jobs: payment-reconcile checked=%d orphaned_authorisations=%d window=5m dur=%dms", checked, orphans, 1400+g.r.IntN(900))
	}
	for t := logStart.Add(8*time.Minute + 3*time.Second); t.Before(logEnd); t = t.Add(15 * time.Minute) {
		g.emit(t, "INFO", "scheduler", "jobs: price-cache refresh items=48211 changed=%d dur=%dms", 100+g.r.IntN(900), 2900+g.r.IntN(900))
	}
}

// badShare is the share of pods running with the 20-connection pool at t.
func badShare(ps []podState, t time.Time) float64 {
	n := 0
	for i := range ps {
		if _, pool := ps[i].pod(t); pool == 20 {
			n++
		}
	}
	return float64(n) / pods
}

// failing reports whether requests could time out at t on some pod.
func failing(t time.Time) bool { return t.After(firstTimeout) && t.Before(lastTimeout) }

// requests writes the sampled request lines: a Poisson process following
// the traffic curve.
func (g *gen) requests(ps []podState) {
	var total float64
	for _, e := range endpoints {
		total += e.weight
	}
	t := logStart
	for {
		rate := interp(t, traffic) / sampleEvery
		t = t.Add(time.Duration(g.r.ExpFloat64() / rate * float64(time.Second)))
		if !t.Before(logEnd) {
			return
		}
		x := g.r.Float64() * total
		e := endpoints[len(endpoints)-1]
		for _, c := range endpoints {
			if x < c.weight {
				e = c
				break
			}
			x -= c.weight
		}
		g.request(ps, t, e)
	}
}

func (g *gen) request(ps []podState, start time.Time, e endpoint) {
	slot := g.r.IntN(pods)
	p := &ps[slot]
	name, pool := p.pod(start)
	if pool == 200 && start.After(p.backAt) && start.Before(p.backAt.Add(drain)) && g.r.Float64() < 0.5 {
		// The old pod is still draining the requests queued on it.
		name, pool = p.names[1], 20
	}
	req := g.hex(12)
	path := e.path
	if e.path == "/v1/checkout/{id}/status" {
		path = "/v1/checkout/ord_" + g.hex(10) + "/status"
	}
	dur := e.base * math.Exp(e.spread*g.r.NormFloat64())
	status := 200
	if e.method == "POST" && e.path != "/v1/promo/validate" {
		status = 201
	}
	switch x := g.r.Float64(); {
	case x < 0.004 && e.method == "GET":
		status = 404
	case x < 0.006 && e.method == "POST":
		status = 422
	case x < 0.011 && e.path == "/v1/cart/items":
		status = 409
	}
	wait := 0.0
	if pool == 20 {
		c := interp(start, congestion)
		if failing(start) && g.r.Float64() < interp(start, failure)*e.failScale {
			// The request waits the full timeout for a connection.
			t := start.Add(time.Duration(5000+g.r.IntN(4)) * time.Millisecond)
			if t.After(lastTimeout.Add(-time.Second)) {
				return // the pinned line is the last timeout
			}
			g.emit(t, "ERROR", "checkout-api", "pool: timed out waiting for connection after 5000ms (active=20 idle=0 waiters=%d)", waitersAt(g, start))
			g.emit(t.Add(time.Millisecond), "INFO", "checkout-api", "http: %s %s 503 %dms req=%s pod=%s", e.method, path, 5000+g.r.IntN(4)+2, req, name)
			return
		}
		for i := 0; i < e.dbWaits; i++ {
			wait += c * 4900 * math.Pow(g.r.Float64(), 1.6)
		}
	}
	if e.path == "/v1/checkout" && status == 201 {
		prov := 180 + 90*math.Exp(0.35*g.r.NormFloat64())
		dur += prov * 0.3
		t := start.Add(time.Duration((wait + dur*0.7) * float64(time.Millisecond)))
		g.emit(t, "INFO", "payment-client", "kestrel: authorize ok dur=%dms psp_ref=ks_%s req=%s", int(prov), g.hex(14), req)
	}
	total := dur + wait
	end := start.Add(time.Duration(total * float64(time.Millisecond)))
	if total > 2000 {
		g.emit(end, "WARN", "checkout-api", "http: slow request %s %s %dms pool_wait=%dms req=%s pod=%s", e.method, path, int(total), int(wait), req, name)
	}
	g.emit(end.Add(time.Millisecond), "INFO", "checkout-api", "http: %s %s %d %dms req=%s pod=%s", e.method, path, status, int(total), req, name)
}

func waitersAt(g *gen, t time.Time) int {
	return max(1, int(interp(t, congestion)*150*(1+0.12*g.r.NormFloat64())))
}

// pinned writes the lines that other evidence quotes word for word.
func (g *gen) pinned(ps []podState) {
	g.emit(firstTimeout, "ERROR", "checkout-api", "pool: timed out waiting for connection after 5000ms (active=20 idle=0 waiters=23)")
	g.emit(firstTimeout.Add(3*time.Millisecond), "INFO", "checkout-api", "http: POST /v1/checkout 503 5006ms req=3b9e07c4d21f pod=%s", ps[3].names[1])
	g.emit(quotedTimeout, "ERROR", "checkout-api", "pool: timed out waiting for connection after 5000ms (active=20 idle=0 waiters=143)")
	g.emit(lastTimeout, "ERROR", "checkout-api", "pool: timed out waiting for connection after 5000ms (active=20 idle=0 waiters=4)")
	g.emit(lastTimeout.Add(2*time.Millisecond), "INFO", "checkout-api", "http: POST /v1/checkout 503 5004ms req=e61d0a9b4c73 pod=%s", ps[pods-1].names[1])
}
