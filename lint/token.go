package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind tells matchers what a token is. Only words take part in phrases; punctuation
// tokens are barriers so a phrase never matches across a comma or a colon.
type tokKind uint8

const (
	tWord    tokKind = iota
	tNumber          // 14:09, 5%, 10,000, #123
	tMention         // @handle
	tHandle          // handle@ (the style some companies use for internal names)
	tOther           // e-mail addresses and similar: neither words nor barriers
	tCode            // an inline code span: a name of something technical
	tPunct           // , ; : ( ) " ! ? . and friends
)

// token is one word, number, handle or punctuation mark of a sentence.
type token struct {
	start, end int    // byte offsets in the checked text
	text       string // as written
	low        string // lower-cased, curly apostrophes straightened
	base       string // low without a possessive 's
	kind       tokKind
	cap        bool // first letter is upper-case
	poss       bool // ends in a possessive 's
	joined     bool // glued to the previous token by a hyphen or slash, as in on-call
}

// notPossessive lists contractions that end in 's but are not possessives.
var notPossessive = map[string]bool{
	"it's": true, "that's": true, "there's": true, "what's": true, "he's": true,
	"she's": true, "let's": true, "who's": true, "here's": true, "where's": true,
	"how's": true, "one's": true,
}

// codeMark fills inline code spans in the masked text, so a span reads as one
// technical noun ("`hook` crashed") rather than vanishing from the grammar.
const codeMark = '\x01'

// isBarrier reports whether r is punctuation that ends a phrase match.
func isBarrier(r rune) bool {
	switch r {
	case ',', ';', ':', '(', ')', '[', ']', '{', '}', '"', '!', '?', '.', '…', '“', '”', '—', '–', '|':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
}

func runeAt(s string, i int) rune {
	if i < 0 || i >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func runeBefore(s string, i int) rune {
	if i <= 0 || i > len(s) {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// tokenize splits s[from:to] into tokens. Offsets are absolute positions in s, so
// findings point straight into the caller's text. s is expected to be the masked
// copy of the text, where code, URLs and markup are already spaces.
func tokenize(s string, from, to int) []token {
	var toks []token
	i := from
	prevEnd := -1
	prevJoin := false // the separator since the previous token was a hyphen or slash
	for i < to {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == codeMark:
			j := i + 1
			for j < to && s[j] == codeMark {
				j++
			}
			toks = append(toks, token{start: i, end: j, text: s[i:j], kind: tCode})
			i, prevEnd, prevJoin = j, j, false
		case r == '@' && unicode.IsLetter(runeAt(s, i+1)) && !isWordRune(runeBefore(s, i)) && runeBefore(s, i) != codeMark:
			j := i + 1
			for j < to {
				c := runeAt(s, j)
				if isWordRune(c) || ((c == '-' || c == '.') && isWordRune(runeAt(s, j+1))) {
					_, n := utf8.DecodeRuneInString(s[j:])
					j += n
					continue
				}
				break
			}
			toks = append(toks, mkToken(s, i, j, tMention, false))
			i, prevEnd, prevJoin = j, j, false
		case isWordRune(r) || (r == '#' && unicode.IsDigit(runeAt(s, i+1))):
			j, kind := scanWord(s, i, to)
			joined := prevJoin && prevEnd == i-1
			toks = append(toks, mkToken(s, i, j, kind, joined))
			i, prevEnd, prevJoin = j, j, false
		case r == '-' || r == '/':
			// A hyphen or slash between two words joins them (on-call, read/write);
			// elsewhere it is just a separator.
			prevJoin = prevEnd == i && isWordRune(runeAt(s, i+1))
			i += size
		case isBarrier(r):
			j := i + size
			for j < to && runeAt(s, j) == r {
				j += size
			}
			toks = append(toks, token{start: i, end: j, text: s[i:j], low: s[i:j], base: s[i:j], kind: tPunct})
			i, prevEnd, prevJoin = j, j, false
		default:
			i += size
			prevJoin = false
		}
	}
	return toks
}

// scanWord reads one word or number starting at i and returns its end and kind.
func scanWord(s string, i, to int) (int, tokKind) {
	kind := tWord
	if r := runeAt(s, i); unicode.IsDigit(r) || r == '#' {
		kind = tNumber
	}
	j := i
	if s[j] == '#' {
		j++
	}
	for j < to {
		r, n := utf8.DecodeRuneInString(s[j:])
		next := runeAt(s, j+n)
		switch {
		case isWordRune(r):
			j += n
		case (r == '\'' || r == '’') && unicode.IsLetter(next) && j > i:
			j += n // didn't, Dan's, should've
		case (r == '.' || r == ':') && isWordRune(next) && j > i && (r == '.' || unicode.IsDigit(next)):
			j += n // v2.14.3, config.yaml, 14:09, debian:12.5
		case r == ',' && kind == tNumber && unicode.IsDigit(next):
			j += n // 10,000
		case r == '%' && kind == tNumber:
			j += n
			return j, kind
		case r == '@' && j > i:
			// name@ is a handle; name@host is an address, which is not prose.
			if !isWordRune(next) {
				return j + n, tHandle
			}
			k := j + n
			for k < to {
				c, m := utf8.DecodeRuneInString(s[k:])
				if isWordRune(c) || c == '.' || c == '-' {
					k += m
					continue
				}
				break
			}
			return k, tOther
		default:
			return j, kind
		}
	}
	return j, kind
}

func mkToken(s string, i, j int, kind tokKind, joined bool) token {
	text := s[i:j]
	low := strings.ToLower(strings.ReplaceAll(text, "’", "'"))
	t := token{start: i, end: j, text: text, low: low, base: low, kind: kind, joined: joined}
	if r, _ := utf8.DecodeRuneInString(text); unicode.IsUpper(r) {
		t.cap = true
	}
	if kind == tMention {
		t.base = low[1:]
	}
	if kind == tHandle {
		t.base = strings.TrimSuffix(low, "@")
	}
	if kind == tWord && len(low) > 2 && !notPossessive[low] {
		if strings.HasSuffix(low, "'s") {
			t.poss, t.base = true, low[:len(low)-2]
		} else if strings.HasSuffix(low, "s'") {
			t.poss, t.base = true, low[:len(low)-1]
		}
	}
	return t
}

// isAcronym reports whether a word is written in capitals (SRE, DNS), which rules
// it out as a given name.
func (t token) isAcronym() bool {
	n := 0
	for _, r := range t.text {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n > 1
}
