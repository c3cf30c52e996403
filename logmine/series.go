package logmine

import "sort"

// series is a sparse per-interval count: sorted (bucket, count) pairs.
// Bucket b covers [b*width, (b+1)*width) nanoseconds since the epoch. Logs
// are nearly time-ordered, so the common update touches the last pair.
type series struct {
	b []int64
	n []uint32
}

// add counts one event in bucket k and reports whether a new pair was made.
func (s *series) add(k int64) bool {
	last := len(s.b) - 1
	if last >= 0 && s.b[last] == k {
		s.n[last]++
		return false
	}
	if last < 0 || s.b[last] < k {
		s.b = append(s.b, k)
		s.n = append(s.n, 1)
		return true
	}
	i := sort.Search(len(s.b), func(i int) bool { return s.b[i] >= k })
	if s.b[i] == k {
		s.n[i]++
		return false
	}
	s.b = append(s.b, 0)
	s.n = append(s.n, 0)
	copy(s.b[i+1:], s.b[i:])
	copy(s.n[i+1:], s.n[i:])
	s.b[i], s.n[i] = k, 1
	return true
}

// coarsen halves the resolution (bucket k becomes floor(k/2)) and returns
// how many pairs were removed.
func (s *series) coarsen() int {
	if len(s.b) == 0 {
		return 0
	}
	w := 0
	for i := range s.b {
		k := floorDiv(s.b[i], 2)
		if w > 0 && s.b[w-1] == k {
			s.n[w-1] += s.n[i]
			continue
		}
		s.b[w], s.n[w] = k, s.n[i]
		w++
	}
	removed := len(s.b) - w
	s.b, s.n = s.b[:w], s.n[:w]
	return removed
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
