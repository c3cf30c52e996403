package lint

import "strings"

// This file recognises lower-case user handles written without an @ ("tnguyen",
// "j.smith", "kz-ops"): chat and git identities that name a person.

// englishOnsets are the two-letter consonant clusters English words start with; a
// lower-case word that starts with two other consonants ("tnguyen", "sgupta",
// "mkowalski", "kz-ops") is shaped like a user handle (an initial and a surname),
// not like a word.
var englishOnsets = map[string]bool{
	"bl": true, "br": true, "ch": true, "cl": true, "cr": true, "dr": true, "dw": true,
	"fl": true, "fr": true, "gh": true, "gl": true, "gn": true, "gr": true, "kl": true,
	"kn": true, "kr": true, "ph": true, "pl": true, "pn": true, "pr": true, "ps": true,
	"qu": true, "rh": true, "sc": true, "sh": true, "sk": true, "sl": true, "sm": true,
	"sn": true, "sp": true, "sq": true, "st": true, "sw": true, "th": true, "tr": true,
	"tw": true, "wh": true, "wr": true, "sv": true, "ts": true, "zh": true,
}

// handleTechPrefixes are command and product prefixes that break the onset rule
// (kubectl is on the lists, but mkfs, pgbouncer, nginx, gcloud are tools).
var handleTechPrefixes = []string{"pg", "mk", "kube", "gc", "nf", "ng", "tcp", "dns", "mysql", "ks",
	"fs", "dm", "lv", "vg", "nv", "xf", "zf", "bt", "gp", "tf", "cg", "ct", "ip", "ld", "md", "rm", "ls",
	"bz", "gz", "xz", "js", "py", "rb", "rs", "ts", "cf", "sd", "vm", "lx", "jq", "yq"}

// lowerHandleAt reports a lower-case user handle at token i, with no list and no
// @: a word shaped like an initial and a surname ("tnguyen", "sgupta", "j.smith") or
// a short team handle glued to a word ("kz-ops"), on none of the grammar's word
// lists, and in a place only a person stands: before a verb people do or a
// negation, owning a piece of work ("sgupta's force push"), or after "by" ("a manual
// change by tnguyen"). It returns the number of tokens, or 0.
func (l *Linter) lowerHandleAt(toks []token, i int) int {
	t := toks[i]
	if t.kind != tWord || t.cap || t.joined {
		return 0
	}
	b := t.base
	n := 1
	shape := false
	if len(b) >= 3 && b[1] == '.' && b[0] >= 'a' && b[0] <= 'z' && !strings.Contains(b[2:], ".") && lettersOnly(b[2:]) {
		shape = true // j.smith
	} else if lettersOnly(b) && len(b) >= 2 && !isVowel(b[0]) && !isVowel(b[1]) && !englishOnsets[b[:2]] {
		for _, p := range handleTechPrefixes {
			if strings.HasPrefix(b, p) {
				return 0
			}
		}
		switch {
		case len(b) >= 5 && strings.ContainsAny(b[2:], "aeiou"):
			shape = true // tnguyen
		case len(b) <= 3 && i+1 < len(toks) && toks[i+1].joined && toks[i+1].kind == tWord && !toks[i+1].poss && lettersOnly(toks[i+1].low):
			shape, n = true, 2 // kz-ops
		}
	}
	if !shape {
		return 0
	}
	for _, list := range []string{"not_people", "not_names", "role_nouns", "system_nouns", "stop_words", "adverbs", "human_verbs", "work_nouns"} {
		if l.lex.has(list, b) {
			return 0
		}
	}
	if i+n < len(toks) && toks[i+n].joined {
		return 0
	}
	last := toks[i+n-1]
	if last.poss {
		if l.workNounAfter(toks, i+n-1) {
			return n
		}
		return 0
	}
	if i > 0 && toks[i-1].low == "by" {
		return n
	}
	j := i + n
	for j < len(toks) && j < i+n+3 && toks[j].kind == tWord && (l.lex.has("adverbs", toks[j].low) || isLyAdverb(toks[j].low)) && !l.lex.has("human_verbs", toks[j].low) {
		j++
	}
	if j < len(toks) && toks[j].kind == tWord {
		switch w := toks[j].low; {
		case l.lex.has("human_verbs", w):
			return n
		case w == "never" || w == "didn't" || w == "hadn't" || w == "forgot":
			return n
		}
	}
	return 0
}

func lettersOnly(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return s != ""
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
