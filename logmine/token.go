package logmine

// Tokenizer and variable masking.
//
// A message is split on spaces and tabs into tokens. Each token is further
// cut into segments at punctuation that separates keys from values
// (= : , ; ( ) [ ] { } " ' < > |). A segment that contains a digit is a
// variable: it is replaced by <*>. So "uid=0" becomes "uid=<*>",
// "[173.234.31.186]" becomes "[<*>]" and "blk_-1608999687919862906" becomes
// "<*>". Tokens keep their position: the number of tokens of a line never
// changes by masking, which is what the fixed-length clustering relies on.
//
// The tokenizer does not build strings: it computes a 64-bit FNV-1a hash of
// each masked token in one pass over the bytes. Strings are only built when
// a new template is created, which is rare.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	maxTokens = 256  // tokens of one message considered for mining
	maxMsg    = 8192 // bytes of one message considered for mining
)

// varMark is mixed into the hash in place of a variable segment. It is
// above any byte value, so no text token can hash like a variable.
const varMark = 0x100

// varTok is the hash of a token that is one variable segment, and the value
// a template position takes once it has been generalised to <*>.
var varTok = func() uint64 { h := uint64(fnvOffset); return (h ^ varMark) * fnvPrime }()

// delim lists the bytes that end a segment inside a token.
var delim = func() (t [256]bool) {
	for _, c := range []byte("=:,;()[]{}\"'<>|") {
		t[c] = true
	}
	return
}()

// tokenizer holds reusable buffers for one line's tokens.
type tokenizer struct {
	hash   []uint64 // masked-token hashes
	span   []int32  // start/end offsets of each token in the message
	hasVar []bool   // token has at least one variable segment
	odd    int      // control or non-ASCII bytes seen (binary check needed)
}

// Byte classes used by the tokenizer's inner loop.
const (
	cDelim uint8 = 1 << iota
	cDigit
	cAlpha
	cHex  // a-f, A-F
	cPath // '/' or '\\'
	cOdd  // control byte or non-ASCII
	cSpace
)

var class = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		switch {
		case b == ' ' || b == '\t':
			t[c] = cSpace
		case delim[b]:
			t[c] = cDelim
		case b >= '0' && b <= '9':
			t[c] = cDigit
		case (b|0x20) >= 'a' && (b|0x20) <= 'f':
			t[c] = cAlpha | cHex
		case (b|0x20) >= 'g' && (b|0x20) <= 'z':
			t[c] = cAlpha
		case b == '/' || b == '\\':
			t[c] = cPath
		case b < 0x20 || b >= 0x80:
			t[c] = cOdd
		}
	}
	return
}()

// split tokenizes msg and returns the signature of its masked form: a hash of
// the token count and every masked token, used as the cache key. It is the
// hot loop of the miner, hence the manual inlining of segState.add.
func (t *tokenizer) split(msg []byte) uint64 {
	if len(msg) > maxMsg {
		msg = msg[:maxMsg]
	}
	t.hash, t.span, t.hasVar = t.hash[:0], t.span[:0], t.hasVar[:0]
	t.odd = 0
	sig := uint64(fnvOffset)
	i := 0
	n := len(msg)
	for i < n && len(t.hash) < maxTokens {
		for i < n && class[msg[i]] == cSpace {
			i++
		}
		if i >= n {
			break
		}
		start := i
		h := uint64(fnvOffset)
		seg := segState{start: h}
		anyVar := false
		letters := 0
		prevDelim := byte(0)
		for i < n {
			c := msg[i]
			k := class[c]
			if k&(cSpace|cDelim) != 0 {
				if k == cSpace {
					break
				}
				if seg.variable() {
					h = (seg.start ^ varMark) * fnvPrime
					anyVar = true
				} else {
					letters += seg.letters
				}
				h = (h ^ uint64(c)) * fnvPrime
				seg = segState{start: h, quotedValue: (c == '"' || c == '\'') && prevDelim == '='}
				prevDelim = c
				i++
				continue
			}
			h = (h ^ uint64(c)) * fnvPrime
			if seg.n < 3 {
				seg.word[seg.n] = c
			}
			seg.n++
			switch {
			case k&cDigit != 0:
				seg.digits++
				if seg.first == 0 {
					seg.first = c
				}
			case k&cAlpha != 0:
				seg.letters++
				if seg.first == 0 {
					seg.first = c
				}
				if k&cHex == 0 {
					seg.nonHex = true
				}
			default:
				seg.nonHex = true
				if k&cPath != 0 {
					seg.path = true
				} else if k&cOdd != 0 {
					t.odd++
				}
			}
			i++
		}
		if seg.variable() {
			h = (seg.start ^ varMark) * fnvPrime
			anyVar = true
		} else {
			letters += seg.letters
		}
		if anyVar && letters == 0 {
			h = varTok // nothing but variables and punctuation: "00:01", "[<*>]"
		} else if len(t.hash) > 0 && t.hash[len(t.hash)-1] == varTok && isUnit(msg[start:i]) {
			h = varTok // "872.0 B" and "5.8 KB" are one quantity
		}
		t.hash = append(t.hash, h)
		t.span = append(t.span, int32(start), int32(i))
		t.hasVar = append(t.hasVar, anyVar)
		sig = (sig ^ h) * fnvPrime
	}
	return (sig ^ uint64(len(t.hash))) * fnvPrime
}

// segState tracks one segment of a token while it is scanned, to decide
// whether it is a variable. A segment is a variable when it holds a digit
// and either starts with one ("42", "-1", "0x1f", "9f4ef63"), holds two or
// more ("node-246", "blk_-1608", "HTTP/1.1"), or is a long hex string.
// Names with one trailing digit ("SOCKS5", "alt0", "ext3", "IPv4", "utf8")
// stay literal: they name things, they do not count them.
type segState struct {
	start   uint64 // hash before the segment
	digits  int
	letters int
	n       int
	first   byte // first letter or digit
	nonHex  bool
	path    bool    // holds a '/' or '\\': a path or URL
	word    [3]byte // first bytes, to recognise month and day names
	// quotedValue: the segment is a quoted value of a key (key="value").
	quotedValue bool
}

func (s *segState) add(c byte) {
	if s.n < 3 {
		s.word[s.n] = c
	}
	s.n++
	switch {
	case c >= '0' && c <= '9':
		s.digits++
		if s.first == 0 {
			s.first = c
		}
	case isAlpha(c):
		s.letters++
		if s.first == 0 {
			s.first = c
		}
		if l := c | 0x20; l > 'f' {
			s.nonHex = true
		}
	case c == '/' || c == '\\':
		s.path = true
		s.nonHex = true
	default:
		s.nonHex = true
	}
}

func (s *segState) variable() bool {
	if s.quotedValue && s.n > 0 {
		return true
	}
	if s.digits == 0 {
		switch {
		case s.n == 3 && s.letters == 3:
			return calendarWord(s.word) || string(s.word[:]) == "nil"
		case s.n == 4 && s.letters == 4:
			return s.word == [3]byte{'t', 'r', 'u'} || s.word == [3]byte{'n', 'u', 'l'}
		case s.n == 5 && s.letters == 5:
			return s.word == [3]byte{'f', 'a', 'l'}
		}
		return !s.nonHex && s.n >= 8 // "fefbbebe": a hex value without digits

	}
	return isDigit(s.first) || s.digits >= 2 || s.path || (!s.nonHex && s.n >= 6)
}

// maskToken appends the masked text of one token to out, with the same
// rules as split.
func maskToken(tok []byte, out []byte) []byte {
	base := len(out)
	segStart := len(out)
	var seg segState
	anyVar, letters := false, 0
	prevDelim := byte(0)
	for _, c := range tok {
		if delim[c] {
			if seg.variable() {
				out = append(out[:segStart], "<*>"...)
				anyVar = true
			} else {
				letters += seg.letters
			}
			out = append(out, c)
			segStart = len(out)
			seg = segState{quotedValue: (c == '"' || c == '\'') && prevDelim == '='}
			prevDelim = c
			continue
		}
		seg.add(c)
		out = append(out, c)
	}
	if seg.variable() {
		out = append(out[:segStart], "<*>"...)
		anyVar = true
	} else {
		letters += seg.letters
	}
	if anyVar && letters == 0 {
		out = append(out[:base], "<*>"...)
	}
	return out
}

// calendarWord reports whether w is a capitalised English month or day
// abbreviation ("Jun", "Sat"): dates printed inside messages are variables.
func calendarWord(w [3]byte) bool {
	if w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	switch string(w[:]) {
	case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun":
		return true
	}
	return false
}

// isUnit reports whether a token is a unit of size or time. Right after a
// number it belongs to the value: "size 872.0 B" and "size 5.8 KB" are one
// message.
func isUnit(tok []byte) bool {
	for len(tok) > 1 && (tok[len(tok)-1] == ',' || tok[len(tok)-1] == ')' || tok[len(tok)-1] == ';' || tok[len(tok)-1] == '.') {
		tok = tok[:len(tok)-1]
	}
	switch string(tok) {
	case "B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB", "bytes", "ms", "us", "µs", "ns", "s", "sec", "secs", "min", "mins":
		return true
	}
	return false
}
