package lint

import (
	"unicode"
	"unicode/utf8"
)

// sentence is a span of one block that reads as one sentence, with its tokens.
type sentence struct {
	start, end int
	blk        int // index of the block in prose.blocks
	toks       []token
}

// abbreviations end in a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "etc": true, "vs": true, "approx": true, "mr": true,
	"mrs": true, "ms": true, "dr": true, "st": true, "no": true, "fig": true, "cf": true,
	"incl": true, "inc": true, "ltd": true, "jr": true, "sr": true, "est": true,
	"a.m": true, "p.m": true, "sept": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "oct": true,
	"nov": true, "dec": true, "u.s": true, "v": true,
}

// sentences splits every block of p into sentences.
func (p *prose) sentences() []sentence {
	var out []sentence
	s := p.masked
	for bi, b := range p.blocks {
		start := b.start
		for i := b.start; i < b.end; {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == '.' || r == '!' || r == '?' || r == '…' {
				j := i + n
				for j < b.end {
					c, m := utf8.DecodeRuneInString(s[j:])
					if c == '.' || c == '!' || c == '?' || c == ')' || c == '"' || c == '”' || c == '’' || c == '\'' {
						j += m
						continue
					}
					break
				}
				if endsSentence(s, start, i, j, b.end, r) {
					out = appendSentence(out, s, start, j, bi)
					start = j
				}
				i = j
				continue
			}
			i += n
		}
		out = appendSentence(out, s, start, b.end, bi)
	}
	return out
}

func appendSentence(out []sentence, s string, a, b, blk int) []sentence {
	for a < b && (s[a] == ' ' || s[a] == '\n' || s[a] == '\t' || s[a] == '\r') {
		a++
	}
	if a >= b {
		return out
	}
	toks := tokenize(s, a, b)
	if len(toks) == 0 {
		return out
	}
	return append(out, sentence{start: a, end: b, blk: blk, toks: toks})
}

// endsSentence decides whether the punctuation at i (running to j) ends a sentence.
func endsSentence(s string, start, i, j, end int, r rune) bool {
	if j >= end {
		return true
	}
	next, _ := utf8.DecodeRuneInString(s[j:])
	if next != ' ' && next != '\n' && next != '\t' && next != '\r' {
		return false // 3.5, config.yaml, "?!" inside a word
	}
	// The first non-space character after the stop.
	k := j
	for k < end && (s[k] == ' ' || s[k] == '\n' || s[k] == '\t' || s[k] == '\r') {
		k++
	}
	if k >= end {
		return true
	}
	after, _ := utf8.DecodeRuneInString(s[k:])
	if unicode.IsLower(after) {
		return false // "e.g. the", "approx. ten"
	}
	if r != '.' {
		return true
	}
	// The word before the full stop.
	w := i
	for w > start {
		c, n := utf8.DecodeLastRuneInString(s[:w])
		if unicode.IsLetter(c) || c == '.' {
			w -= n
			continue
		}
		break
	}
	word := s[w:i]
	if utf8.RuneCountInString(word) == 1 {
		if c, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(c) {
			return false // an initial: "J. Smith"
		}
	}
	low := []rune{}
	for _, c := range word {
		low = append(low, unicode.ToLower(c))
	}
	return !abbreviations[string(low)] || string(low) == "etc"
}
