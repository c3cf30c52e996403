package logmine

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"time"
)

// OutsideWindow is the template id given to lines whose time falls outside
// Options.From/To. Such lines are not mined, but they are still reported to
// Options.OnLine so that every input line gets exactly one assignment.
const OutsideWindow = "-"

// Options configure a Miner. The zero value is usable: UTC for zone-less
// stamps, the current year for year-less stamps, one-minute intervals.
type Options struct {
	// From and To restrict mining to lines whose time t satisfies
	// From <= t < To. A zero value leaves that side open. Lines without a
	// time inherit the time of the line before them (stack traces,
	// continuation lines); lines before the first stamp are always kept.
	From, To time.Time

	// Location is the zone of timestamps that carry no offset. Nil means
	// UTC. Result.ZoneAssumed reports whether it was needed, so that a
	// caller can warn that times depend on it.
	Location *time.Location

	// Year is the year given to year-less stamps (syslog "Jan _2", logcat
	// "01-02"), advanced by one at each December→January rollover. Zero
	// means the current year. Result.YearAssumed reports whether it was
	// needed.
	Year int

	// SampleLines is how many leading lines are used to learn the header
	// layout (default 200). When they show no timestamp (a banner, a
	// config dump), up to five times as many are sampled. The sample also
	// stops at 1 MiB.
	SampleLines int

	// MaxTemplates caps the number of distinct patterns kept while reading
	// (default 10000). Beyond it a new message joins the most similar
	// pattern, or one "<other>" pattern, which keeps memory bounded on
	// pathological input.
	MaxTemplates int

	// Interval is the width of a rate bucket (default one minute). When the
	// number of (template, bucket) pairs would exceed MaxBuckets the width
	// doubles, so memory stays bounded however long the log spans;
	// Result.Interval gives the final width.
	Interval time.Duration

	// MaxBuckets caps the stored (pattern, bucket) pairs (default 1<<19,
	// about 6 MB).
	MaxBuckets int

	// OnLine, when set, is called once for every input line, in order, with
	// its 1-based number and the id of the template it was assigned (or
	// OutsideWindow). Ids are never reused or changed.
	OnLine func(line int64, templateID string)

	// OnProgress, when set, is called with the number of bytes read so far,
	// about every 4 MiB and at the end (for progress bars).
	OnProgress func(bytesRead int64)
}

func (o *Options) defaults() {
	if o.SampleLines <= 0 {
		o.SampleLines = 200
	}
	if o.MaxTemplates <= 0 {
		o.MaxTemplates = 10000
	}
	if o.Interval <= 0 {
		o.Interval = time.Minute
	}
	if o.MaxBuckets <= 0 {
		o.MaxBuckets = 1 << 19
	}
	if o.Year == 0 {
		o.Year = time.Now().Year()
	}
}

// Miner mines templates from a stream of lines. Feed it lines (or a whole
// reader with ReadFrom) and call Result at the end. A Miner is not safe for
// concurrent use.
type Miner struct {
	opts   Options
	layout *layout
	clock  *clock
	clu    *clusterer
	tok    tokenizer

	sample      [][]byte
	sampleBytes int

	lines      int64
	lastTime   int64
	haveTime   bool
	from, to   int64
	hasFrom    bool
	hasTo      bool
	width      int64 // bucket width in nanoseconds
	pairs      int   // stored (template, bucket) pairs
	total      series
	firstTime  int64
	lastSeen   int64
	windowSkip int64
	noTime     int64
}

// NewMiner returns a Miner with the given options.
func NewMiner(opts Options) *Miner {
	opts.defaults()
	m := &Miner{
		opts:  opts,
		clock: newClock(opts.Location, opts.Year),
		clu:   newClusterer(opts.MaxTemplates),
		width: int64(opts.Interval),
	}
	if !opts.From.IsZero() {
		m.from, m.hasFrom = opts.From.UnixNano(), true
	}
	if !opts.To.IsZero() {
		m.to, m.hasTo = opts.To.UnixNano(), true
	}
	return m
}

// Mine reads r to the end and returns the mined result. It is the one-call
// form of NewMiner + ReadFrom + Result.
func Mine(r io.Reader, opts Options) (*Result, error) {
	m := NewMiner(opts)
	if _, err := m.ReadFrom(r); err != nil {
		return nil, err
	}
	return m.Result(), nil
}

const (
	readChunk      = 1 << 20  // read size
	maxLine        = 64 << 10 // bytes of a line kept for parsing; the rest is skipped
	progressGap    = 4 << 20
	maxSampleBytes = 1 << 20
	// maxSampleFactor × SampleLines is the longest sample taken when the
	// first lines show no timestamp.
	maxSampleFactor = 5
)

// ReadFrom feeds every line of r to the miner. Lines end at '\n' (a
// preceding '\r' is ignored); a last line without a newline still counts.
// Lines longer than 64 KiB are cut for mining, never split into two.
func (m *Miner) ReadFrom(r io.Reader) (int64, error) {
	buf := make([]byte, readChunk+maxLine)
	var read int64
	nextProgress := int64(progressGap)
	have := 0         // bytes in buf
	skipping := false // inside an over-long line, discarding until '\n'
	for {
		n, err := r.Read(buf[have:])
		read += int64(n)
		have += n
		data := buf[:have]
		start := 0
		for {
			j := bytes.IndexByte(data[start:], '\n')
			if j < 0 {
				break
			}
			if skipping {
				skipping = false
			} else {
				m.feed(data[start : start+j])
			}
			start += j + 1
		}
		rest := data[start:]
		if m.layout != nil && !skipping && err == nil && runtime.GOMAXPROCS(0) > 1 {
			return m.readParallel(r, rest, read)
		}
		if skipping {
			rest = rest[:0]
		} else if len(rest) >= maxLine {
			m.feed(rest[:maxLine])
			skipping = true
			rest = rest[:0]
		}
		have = copy(buf, rest)
		if m.opts.OnProgress != nil && read >= nextProgress {
			m.opts.OnProgress(read)
			nextProgress = read + progressGap
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return read, err
			}
			if have > 0 {
				m.feed(buf[:have])
			}
			m.learn() // a short input never filled the sample: mine it now
			if m.opts.OnProgress != nil {
				m.opts.OnProgress(read)
			}
			return read, nil
		}
		if n == 0 && have == len(buf) {
			// Cannot happen with the cut above, but never spin.
			have = 0
		}
	}
}

// LineTime returns the time of the line mined last: its own stamp, or the
// one it inherited from the line before it (a stack trace line). ok is false
// until some line had a time. Called from Options.OnLine it is the time of
// the line being reported, which lets a caller tie times back to line
// numbers (the log importer points timeline events at lines this way)
// without a callback argument that every other caller would pay for.
func (m *Miner) LineTime() (t time.Time, ok bool) {
	if !m.haveTime {
		return time.Time{}, false
	}
	return time.Unix(0, m.lastTime).UTC(), true
}

// Feed mines one line (without its newline). The miner copies what it
// keeps, so line may be reused after the call.
func (m *Miner) Feed(line []byte) {
	if len(line) > maxLine {
		line = line[:maxLine]
	}
	m.feed(line)
}

func (m *Miner) feed(line []byte) {
	if m.layout == nil {
		m.sample = append(m.sample, bytes.Clone(line))
		m.sampleBytes += len(line)
		n := len(m.sample)
		if m.sampleBytes >= maxSampleBytes || n >= maxSampleFactor*m.opts.SampleLines {
			m.learn()
		} else if n%m.opts.SampleLines == 0 {
			// A log may open with a banner or a config dump without
			// timestamps: rather than give up on times, sample further.
			if l := learnLayout(m.sample); l.reader >= 0 || l.format != formatText {
				m.learnWith(l)
			}
		}
		return
	}
	m.process(line)
}

// learn fixes the layout from the sample and mines the sampled lines.
func (m *Miner) learn() {
	if m.layout != nil {
		return
	}
	m.learnWith(learnLayout(m.sample))
}

// learnWith fixes the layout and mines the sampled lines with it.
func (m *Miner) learnWith(l *layout) {
	m.layout = l
	s := m.sample
	m.sample = nil
	for _, line := range s {
		m.process(line)
	}
}

func (m *Miner) process(line []byte) {
	var h header
	m.layout.parse(line, &h)
	sig := m.tok.split(h.content)
	var t int64
	if h.hasTime {
		t = m.clock.unixNano(&h.st)
	}
	m.record(line, h.content, t, h.hasTime, h.level, sig, m.tok.odd > 0)
}

// record counts one parsed line. It is the part of the per-line work that
// touches shared state, so the parallel path runs it on one goroutine.
func (m *Miner) record(line, msg []byte, lineTime int64, hasTime bool, level Level, sig uint64, odd bool) {
	m.lines++
	if hasTime {
		m.lastTime = lineTime
		m.haveTime = true
	} else {
		m.noTime++
	}
	t := m.lastTime
	if m.haveTime && ((m.hasFrom && t < m.from) || (m.hasTo && t >= m.to)) {
		m.windowSkip++
		if m.opts.OnLine != nil {
			m.opts.OnLine(m.lines, OutsideWindow)
		}
		return
	}
	var idx int32
	if odd && isBinary(line) {
		idx = m.clu.special("<binary>")
	} else if found, ok := m.clu.bySig[sig]; ok {
		idx = found
	} else {
		m.tok.split(msg)
		idx = m.clu.assign(msg, &m.tok, sig)
	}
	cl := m.clu.clusters[idx]
	cl.count++
	if level > cl.level {
		cl.level = level
	}
	if m.haveTime {
		if cl.first == 0 || t < cl.first {
			cl.first = t
		}
		if t > cl.last {
			cl.last = t
		}
		if m.firstTime == 0 || t < m.firstTime {
			m.firstTime = t
		}
		if t > m.lastSeen {
			m.lastSeen = t
		}
		k := floorDiv(t, m.width)
		if cl.series.add(k) {
			m.pairs++
		}
		if m.total.add(k) {
			m.pairs++
		}
		if m.pairs > m.opts.MaxBuckets {
			m.coarsen()
		}
	}
	if m.opts.OnLine != nil {
		m.opts.OnLine(m.lines, cl.id)
	}
}

// coarsen doubles the bucket width until the pair budget is respected.
func (m *Miner) coarsen() {
	for m.pairs > m.opts.MaxBuckets/2 {
		m.width *= 2
		for _, cl := range m.clu.clusters {
			m.pairs -= cl.series.coarsen()
		}
		m.pairs -= m.total.coarsen()
	}
}
