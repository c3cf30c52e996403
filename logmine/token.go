package logmine

import (
	"encoding/binary"
	"strings"
)

// Tokenizer and variable masking.
//
// A message is split on spaces and tabs into tokens. Each token is further
// cut into segments at punctuation that separates keys from values
// (= : , ; ( ) [ ] { } " ' < > |). A segment is a variable when it holds a
// number (it starts with a digit, or holds two or more digits: "42", "-1",
// "0x1f", "node-246", "HTTP/1.1"), a path with a digit, a long hex string,
// a month or day name, true/false/null/nil, or is the quoted value of a key
// (k="v"). Names with one trailing digit ("SOCKS5", "eth0", "ext3", "IPv4")
// stay literal: they name things, they do not count them. A token with
// nothing left but variables and punctuation is a variable as a whole, and
// so is a unit right after a number ("5.8 KB"). So "uid=0" becomes "uid=<*>"
// and "[10.0.0.1]" becomes "<*>". Tokens keep their positions: masking never
// changes the number of tokens of a line.
//
// The tokenizer builds no strings: it classifies bytes with a table and
// hashes each masked token, literal segments 8 bytes at a time. Strings are
// only built when a new pattern is created, which is rare.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	mixK      = 0x9E3779B97F4A7C15
	maxTokens = 128  // tokens of one message considered for mining
	maxMsg    = 4096 // bytes of one message considered for mining
)

// varMark is mixed into the hash in place of a variable segment. It is
// above any byte value, so no text token can hash like a variable.
const varMark = 0x100

// varTok is the hash of a token that is one variable segment, and the value
// a template position takes once it has been generalised to <*>.
var varTok = mix(fnvOffset, varMark)

// mix folds one 64-bit value into a hash.
func mix(h, v uint64) uint64 {
	h = (h ^ v) * mixK
	return h ^ h>>29
}

// mixBytes folds a byte string into a hash, 8 bytes at a time.
func mixBytes(h uint64, b []byte) uint64 {
	for len(b) >= 8 {
		h = mix(h, binary.LittleEndian.Uint64(b))
		b = b[8:]
	}
	if len(b) > 0 {
		var w uint64
		for i, c := range b {
			w |= uint64(c) << (8 * i)
		}
		h = mix(h, w|uint64(len(b))<<60)
	}
	return h
}

// delim lists the bytes that end a segment inside a token.
var delim = func() (t [256]bool) {
	for _, c := range []byte("=:,;()[]{}\"'<>|") {
		t[c] = true
	}
	return
}()

// Byte classes used by the tokenizer's inner loop.
const (
	cDelim      uint8 = 1 << iota
	cDigit            // 0-9 (must stay bit 1: counted by shifting)
	cAlpha            // a letter
	cNonHex           // a letter outside a-f
	cPath             // '/' or '\\'
	cOdd              // control byte or non-ASCII
	cSpace            // ' ' or '\t'
	cOtherPunct       // any other byte inside a segment ('-', '.', '_', ...)
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
			t[c] = cAlpha
		case (b|0x20) >= 'g' && (b|0x20) <= 'z':
			t[c] = cAlpha | cNonHex
		case b == '/' || b == '\\':
			t[c] = cPath | cOtherPunct
		case b < 0x20 || b >= 0x80:
			t[c] = cOdd | cOtherPunct
		default:
			t[c] = cOtherPunct
		}
	}
	return
}()

// segVariable decides whether one segment is a variable, from the segment,
// the OR of its byte classes, its digit count and whether it is the quoted
// value of a key. split and maskToken both use it, so hashes and texts agree.
func segVariable(seg []byte, acc uint8, digits int, quoted bool) bool {
	n := len(seg)
	if n == 0 {
		return false
	}
	if quoted {
		return true
	}
	if digits == 0 {
		if acc&^(cAlpha|cNonHex) == 0 { // letters only
			switch n {
			case 3:
				return calendarWord(seg) || string(seg) == "nil"
			case 4:
				return string(seg) == "true" || string(seg) == "null"
			case 5:
				return string(seg) == "false"
			}
		}
		return acc&^cAlpha == 0 && n >= 8 // "fefbbebe": a hex value without digits
	}
	if digits >= 2 || acc&cPath != 0 || (acc&^(cAlpha|cDigit) == 0 && n >= 6) {
		return true
	}
	for _, c := range seg { // starts with a digit ("9f4ef63", "-1")?
		if class[c]&(cDigit|cAlpha) != 0 {
			return class[c]&cDigit != 0
		}
	}
	return false
}

// tokenizer holds reusable buffers for one line's tokens.
type tokenizer struct {
	hash   []uint64 // masked-token hashes
	span   []int32  // start/end offsets of each token in the message
	hasVar []bool   // token has at least one variable segment
	odd    int      // control or non-ASCII bytes seen (binary check needed)
}

// split tokenizes msg and returns the signature of its masked form: a hash of
// the token count and every masked token, used as the pattern key. It is the
// hot loop of the miner.
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
		anyVar, letters := false, false
		segStart, acc, digits, quoted := i, uint8(0), 0, false
		prevDelim := byte(0)
		for {
			for i < n {
				k := class[msg[i]]
				if k&(cSpace|cDelim) != 0 {
					break
				}
				acc |= k
				digits += int(k>>1) & 1
				i++
			}
			// End of a segment.
			seg := msg[segStart:i]
			if segVariable(seg, acc, digits, quoted) {
				h = mix(h, varMark)
				anyVar = true
			} else if len(seg) > 0 {
				h = mixBytes(h, seg)
				letters = letters || acc&cAlpha != 0
			}
			if acc&cOdd != 0 {
				t.odd++
			}
			if i >= n || class[msg[i]] == cSpace {
				break
			}
			c := msg[i]
			h = mix(h, uint64(c)|0x200)
			quoted = (c == '"' || c == '\'') && prevDelim == '='
			prevDelim = c
			i++
			segStart, acc, digits = i, 0, 0
		}
		if anyVar && !letters {
			h = varTok // nothing but variables and punctuation: "00:01", "[<*>]"
		} else if len(t.hash) > 0 && t.hash[len(t.hash)-1] == varTok && isUnit(msg[start:i]) {
			h = varTok // "872.0 B" and "5.8 KB" are one quantity
		}
		t.hash = append(t.hash, h)
		t.span = append(t.span, int32(start), int32(i))
		t.hasVar = append(t.hasVar, anyVar)
		sig = mix(sig, h)
	}
	return mix(sig, uint64(len(t.hash)))
}

// maskToken appends the masked text of one token to out, with the same
// rules as split (except the unit rule, which needs the previous token).
func maskToken(tok []byte, out []byte) []byte {
	base := len(out)
	anyVar, letters := false, false
	segStart, acc, digits, quoted := 0, uint8(0), 0, false
	prevDelim := byte(0)
	for i := 0; i <= len(tok); i++ {
		if i < len(tok) && !delim[tok[i]] {
			k := class[tok[i]]
			acc |= k
			digits += int(k>>1) & 1
			continue
		}
		seg := tok[segStart:i]
		if segVariable(seg, acc, digits, quoted) {
			out = append(out, "<*>"...)
			anyVar = true
		} else {
			out = append(out, seg...)
			letters = letters || acc&cAlpha != 0
		}
		if i == len(tok) {
			break
		}
		c := tok[i]
		out = append(out, c)
		quoted = (c == '"' || c == '\'') && prevDelim == '='
		prevDelim = c
		segStart, acc, digits = i+1, 0, 0
	}
	if anyVar && !letters {
		out = append(out[:base], "<*>"...)
	}
	return out
}

// textTok is the hash the tokenizer gives to a masked token text, so that
// generalised template tokens ("user=<*>") compare equal to tokens read
// from lines.
func textTok(s string) uint64 {
	var t tokenizer
	t.split([]byte(strings.ReplaceAll(s, "<*>", "0")))
	if len(t.hash) != 1 {
		return varTok
	}
	return t.hash[0]
}

// calendarWord reports whether w is a capitalised English month or day
// abbreviation ("Jun", "Sat"): dates printed inside messages are variables.
func calendarWord(w []byte) bool {
	if len(w) != 3 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	switch string(w) {
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
