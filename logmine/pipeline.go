package logmine

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"sync"
)

// Parallel reading. Once the layout is known, the per-line work that needs
// no shared state (header parsing, tokenizing, hashing: most of the cost)
// runs on worker goroutines, one 1 MiB chunk of complete lines at a time.
// The calling goroutine then takes the chunks back in input order and does
// the rest (pattern lookup, counts, zone resolution, callbacks), so results
// and ids are exactly those of the sequential path and all Miner state stays
// on one goroutine. Memory is bounded by the number of chunks in flight.

const (
	inFlight = 6 // chunks being read, parsed or consumed at once
)

// lineRec is what a worker learnt about one line, kept small because a
// chunk holds thousands of them.
type lineRec struct {
	line, msg [2]int32 // offsets of the line and its message in the chunk
	sig       uint64
	unix      int64  // resolved time (recTime set, recYearless clear)
	civil     uint64 // packed month..nsec of a year-less stamp (recYearless)
	level     Level
	flags     uint8
}

const (
	recTime     uint8 = 1 << iota // the line has a time
	recYearless                   // civil holds a year-less stamp
	recZone                       // the time needed Options.Location
	recOdd                        // control or non-ASCII bytes: check for binary
)

// packCivil stores the fields of a year-less (zone-less) stamp in one word.
func packCivil(st *stamp) uint64 {
	return uint64(st.nsec)&(1<<30-1) | uint64(st.sec)<<30 | uint64(st.min)<<36 |
		uint64(st.hour)<<42 | uint64(st.day)<<47 | uint64(st.month)<<52
}

func unpackCivil(v uint64) stamp {
	return stamp{nsec: int(v & (1<<30 - 1)), sec: int(v >> 30 & 63), min: int(v >> 36 & 63),
		hour: int(v >> 42 & 31), day: int(v >> 47 & 31), month: int(v >> 52 & 15), yearless: true}
}

type chunk struct {
	buf   []byte // backing buffer (recycled)
	data  []byte // complete lines
	recs  []lineRec
	read  int64 // bytes read from the input after this chunk
	ready chan struct{}
}

// parse fills c.recs. Times with a year are resolved here with the
// worker's own clock (its hour cache is the only state it needs); year-less
// ones are left to the consumer, which alone sees the lines in order and so
// can follow year rollovers.
func (c *chunk) parse(l *layout, t *tokenizer, ck *clock) {
	c.recs = c.recs[:0]
	data := c.data
	start := 0
	for start < len(data) {
		j := bytes.IndexByte(data[start:], '\n')
		end, next := start+j, start+j+1
		if j < 0 {
			end, next = len(data), len(data)
		}
		line := data[start:end]
		if len(line) > maxLine {
			line = line[:maxLine]
		}
		var h header
		l.parse(line, &h)
		r := lineRec{line: [2]int32{int32(start), int32(start + len(line))}, level: h.level}
		if h.hasTime {
			r.flags |= recTime
			if h.st.kind == stampLocal {
				r.flags |= recZone
			}
			if h.st.yearless && h.st.kind == stampLocal {
				r.flags |= recYearless
				r.civil = packCivil(&h.st)
			} else {
				r.unix = ck.unixNano(&h.st)
			}
		}
		r.sig = t.split(h.content)
		if t.odd > 0 {
			r.flags |= recOdd
		}
		off := int32(0)
		if len(h.content) > 0 {
			off = int32(cap(data[start:]) - cap(h.content))
		}
		r.msg = [2]int32{int32(start) + off, int32(start) + off + int32(len(h.content))}
		c.recs = append(c.recs, r)
		start = next
	}
}

// readParallel reads the rest of r with worker goroutines. It is called once
// the layout is known. pending holds bytes already read but not yet split.
func (m *Miner) readParallel(r io.Reader, pending []byte, read int64) (int64, error) {
	workers := min(runtime.GOMAXPROCS(0), 4)
	free := make(chan *chunk, inFlight)
	for i := 0; i < inFlight; i++ {
		free <- &chunk{buf: make([]byte, readChunk+maxLine)}
	}
	work := make(chan *chunk, inFlight)
	order := make(chan *chunk, inFlight)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var t tokenizer
			ck := newClock(m.opts.Location, m.opts.Year)
			for c := range work {
				c.parse(m.layout, &t, ck)
				close(c.ready)
			}
		}()
	}
	var readErr error
	nextProgress := read + progressGap // read belongs to the reader below from here on
	go func() {
		defer close(order)
		defer close(work)
		cur := <-free
		buf := cur.buf
		have := copy(buf, pending)
		skipping := false
		for {
			n, err := r.Read(buf[have:])
			read += int64(n)
			have += n
			data := buf[:have]
			cut := bytes.LastIndexByte(data, '\n')
			var c *chunk
			var rest []byte
			emit := func(d []byte) { c = cur; c.data = d }
			switch {
			case skipping:
				// Inside an over-long line: drop bytes up to its newline.
				if cut >= 0 {
					k := bytes.IndexByte(data, '\n')
					skipping = false
					rest = data[k+1:]
				}
			case cut >= 0:
				emit(data[:cut+1])
				rest = data[cut+1:]
			case have >= maxLine:
				emit(data[:maxLine])
				skipping = true
			default:
				rest = data
			}
			final := err != nil
			if c == nil && final && len(rest) > 0 && !skipping {
				emit(rest)
				rest = nil
			}
			if c != nil {
				c.read = read
				c.ready = make(chan struct{})
				cur = <-free
				buf = cur.buf
				have = copy(buf, rest)
				work <- c
				order <- c
			} else {
				have = copy(buf, rest)
			}
			if final {
				if !errors.Is(err, io.EOF) {
					readErr = err
				}
				free <- cur
				return
			}
		}
	}()
	var total int64
	for c := range order {
		<-c.ready
		m.consume(c)
		total = c.read
		free <- c // c belongs to the reader again
		if m.opts.OnProgress != nil && total >= nextProgress {
			m.opts.OnProgress(total)
			nextProgress = total + progressGap
		}
	}
	wg.Wait()
	if readErr != nil {
		return total, readErr
	}
	if m.opts.OnProgress != nil {
		m.opts.OnProgress(max(total, read))
	}
	return max(total, read), nil
}

// consume applies a parsed chunk to the miner state, in order.
func (m *Miner) consume(c *chunk) {
	for i := range c.recs {
		r := &c.recs[i]
		t, ok := int64(0), r.flags&recTime != 0
		if ok {
			if r.flags&recYearless != 0 {
				st := unpackCivil(r.civil)
				t = m.clock.unixNano(&st)
			} else {
				t = r.unix
				if r.flags&recZone != 0 {
					m.clock.zoneAssumed = true
				}
			}
		}
		m.record(c.data[r.line[0]:r.line[1]], c.data[r.msg[0]:r.msg[1]], t, ok, r.level, r.sig, r.flags&recOdd != 0)
	}
}
