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

// varTok is the hash of a token that is one variable segment, and the value
// a template position takes once it has been generalised to <*>.
var varTok = func() uint64 { h := uint64(fnvOffset); return (h ^ 1) * fnvPrime }()

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

// split tokenizes msg and returns the signature of its masked form: a hash of
// the token count and every masked token, used as the cache key.
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
		for i < n && (msg[i] == ' ' || msg[i] == '\t') {
			i++
		}
		if i >= n {
			break
		}
		start := i
		h := uint64(fnvOffset)
		segStart := h // hash value before the current segment
		digit := false
		anyVar := false
		for i < n {
			c := msg[i]
			if c == ' ' || c == '\t' {
				break
			}
			if delim[c] {
				if digit {
					h = (segStart ^ 1) * fnvPrime
					anyVar = true
					digit = false
				}
				h = (h ^ uint64(c)) * fnvPrime
				segStart = h
				i++
				continue
			}
			if c >= '0' && c <= '9' {
				digit = true
			} else if c < 0x20 || c >= 0x80 {
				t.odd++
			}
			h = (h ^ uint64(c)) * fnvPrime
			i++
		}
		if digit {
			h = (segStart ^ 1) * fnvPrime
			anyVar = true
		}
		t.hash = append(t.hash, h)
		t.span = append(t.span, int32(start), int32(i))
		t.hasVar = append(t.hasVar, anyVar)
		sig = (sig ^ h) * fnvPrime
	}
	return (sig ^ uint64(len(t.hash))) * fnvPrime
}

// maskToken appends the masked text of one token to out.
func maskToken(tok []byte, out []byte) []byte {
	segStart := len(out)
	digit := false
	for _, c := range tok {
		if delim[c] {
			if digit {
				out = append(out[:segStart], "<*>"...)
				digit = false
			}
			out = append(out, c)
			segStart = len(out)
			continue
		}
		if c >= '0' && c <= '9' {
			digit = true
		}
		out = append(out, c)
	}
	if digit {
		out = append(out[:segStart], "<*>"...)
	}
	return out
}
