package logfile

import "sort"

// lineIndex remembers where in the file the log reaches each minute, so
// that a moment found after reading (the error rate rose at 10:41) can
// point at a line. It keeps one entry per minute of the log's span: the
// first line at which the latest time seen so far reached that minute.
// Following the latest time rather than each line's own keeps the index
// in order when a merged log of several hosts jitters back and forth.
// When the span is long the minutes double until the index fits maxSlots,
// which bounds memory whatever the file's length.
type lineIndex struct {
	step  int64 // nanoseconds per slot
	next  int64 // the latest time must reach this to open a slot
	open  bool  // a slot was opened
	slots []slot
}

// slot is the first line at which the log reached start.
type slot struct {
	start int64
	line  int64
}

// maxSlots is about 45 days of minutes, 1 MiB.
const maxSlots = 1 << 16

func newLineIndex() *lineIndex { return &lineIndex{step: 60e9} }

// note records that line carries time t (Unix nanoseconds). It runs for
// every line, so the common case is one comparison.
func (x *lineIndex) note(t, line int64) {
	if x.open && t < x.next {
		return
	}
	k := floorDiv(t, x.step) * x.step
	x.slots = append(x.slots, slot{k, line})
	x.next, x.open = k+x.step, true
	if len(x.slots) > maxSlots {
		x.coarsen()
	}
}

// coarsen doubles the slot width, keeping the first line of each new slot.
func (x *lineIndex) coarsen() {
	x.step *= 2
	out := x.slots[:0]
	for _, s := range x.slots {
		s.start = floorDiv(s.start, x.step) * x.step
		if n := len(out); n > 0 && out[n-1].start == s.start {
			continue
		}
		out = append(out, s)
	}
	x.slots = out
	x.next = out[len(out)-1].start + x.step
}

// lineAt returns the first line at which the log reached the slot of t,
// or of the next slot the log has when it skipped that one (the last slot
// when t is past the end); 1 for an empty index.
func (x *lineIndex) lineAt(t int64) int64 {
	if len(x.slots) == 0 {
		return 1
	}
	k := floorDiv(t, x.step) * x.step
	i := sort.Search(len(x.slots), func(i int) bool { return x.slots[i].start >= k })
	if i == len(x.slots) {
		i--
	}
	return x.slots[i].line
}

// floorDiv divides rounding towards minus infinity, so that times before
// 1970 fall in the right slot too.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
