package logmine

import "bytes"

// A layout is what header detection learns about one source: where the
// timestamp is and how to read it, how many header tokens precede the
// message, and which header columns follow the timestamp (level, component,
// thread, pid...). It is learnt once from a sample and then applied to every
// line with plain byte scanning, so the per-line cost does not depend on how
// many layouts are known.
type layout struct {
	format    layoutFormat
	pri       bool // lines start with a syslog <PRI> (and maybe the RFC 5424 version)
	reader    int  // index into readers; -1 when the source has no timestamp
	tsTok     int  // whitespace token where the timestamp starts
	anchorTok int  // whitespace tokens that belong to the timestamp part of the header
	pipes     int  // header fields separated by '|' after the timestamp
	fields    []field
}

type layoutFormat uint8

const (
	formatText layoutFormat = iota
	formatJSON
	formatLogfmt
)

// field is the kind of one header column after the timestamp.
type field uint8

const (
	fieldWord    field = iota + 1 // any token (host name, node id)
	fieldNum                      // pid, thread id, record number
	fieldDash                     // "-" separator
	fieldLevel                    // severity word
	fieldComp                     // component/tag ending in ':' ("sshd[42]:")
	fieldBracket                  // "[thread name]"
	fieldLogger                   // dotted logger name ("org.foo.Bar")
	fieldSD                       // RFC 5424 structured data: "-" or "[...]"
)

var fieldNames = [...]string{"", "word", "num", "dash", "level", "component", "bracket", "logger", "sd"}

// header is the result of parsing one line's header with a layout.
type header struct {
	hasTime bool
	st      stamp
	level   Level
	content []byte
}

const (
	maxHeadTokens = 12 // whitespace tokens examined for timestamps
	maxTsTok      = 10 // a timestamp must start within the first tokens
)

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// tokenStarts records the start offsets of the first len(starts) whitespace
// separated tokens of line and returns how many there are.
func tokenStarts(line []byte, starts []int) int {
	n := 0
	i := 0
	for n < len(starts) {
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		if i >= len(line) {
			break
		}
		starts[n] = i
		n++
		for i < len(line) && !isSpace(line[i]) {
			i++
		}
	}
	return n
}

// headToken returns the header token that starts at or after i: a bracketed
// group "[...]" (nesting allowed, may contain spaces) or a run of non-space
// bytes. It returns start == end at the end of the line.
func headToken(line []byte, i int) (int, int) {
	for i < len(line) && isSpace(line[i]) {
		i++
	}
	start := i
	if i < len(line) && line[i] == '[' {
		depth := 0
		for j := i; j < len(line) && j-i < 512; j++ {
			switch line[j] {
			case '[':
				depth++
			case ']':
				depth--
				if depth == 0 {
					k := j + 1
					for k < len(line) && !isSpace(line[k]) {
						k++
					}
					return start, k
				}
			}
		}
	}
	for i < len(line) && !isSpace(line[i]) {
		i++
	}
	return start, i
}

func isNumTok(t []byte) bool {
	if len(t) > 1 && t[0] == '-' {
		t = t[1:]
	}
	if len(t) == 0 || len(t) > 20 {
		return false
	}
	for _, c := range t {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

func isBracketTok(t []byte) bool {
	return len(t) >= 2 && t[0] == '[' && t[len(t)-1] == ']'
}

// isCompTok: a program/component tag that ends the header, like
// "sshd(pam_unix)[19939]:", "kernel[0]:", "dfs.DataNode$PacketResponder:".
func isCompTok(t []byte) bool {
	if len(t) < 2 || t[len(t)-1] != ':' || len(t) > 128 {
		return false
	}
	letter := false
	for _, c := range t[:len(t)-1] {
		switch {
		case isAlpha(c):
			letter = true
		case c == '=' || c == '"' || c == '\'' || c == ',' || c == ':' || c == '{':
			return false
		}
	}
	return letter
}

// isLoggerTok: a dotted identifier like "nova.osapi_compute.wsgi.server".
func isLoggerTok(t []byte) bool {
	if len(t) < 3 || len(t) > 160 || !isAlpha(t[0]) || t[len(t)-1] == '.' {
		return false
	}
	dot := false
	for _, c := range t {
		switch {
		case isAlpha(c) || isDigit(c) || c == '_' || c == '$' || c == '-':
		case c == '.':
			dot = true
		default:
			return false
		}
	}
	return dot
}

func isLevelTok(t []byte, prev field) bool {
	if len(t) == 1 && prev != 0 && prev != fieldNum {
		return false // single letters only right after the stamp or a pid (logcat)
	}
	_, ok := ParseLevel(t)
	return ok
}

// guessFields classifies the header columns of one sample line after the
// timestamp part. The rules are generic: a level word or a component tag
// within the first few tokens marks the end of the header; pids, dashes and
// bracketed groups before it are header too; a level may be followed by a
// thread in brackets, a dash or a logger name.
func guessFields(line []byte, p int) []field {
	var toks [8][2]int
	n := 0
	for n < len(toks) {
		s, e := headToken(line, p)
		if s == e {
			break
		}
		toks[n] = [2]int{s, e}
		n++
		p = e
	}
	tok := func(j int) []byte { return line[toks[j][0]:toks[j][1]] }
	kindOf := func(t []byte) field {
		switch {
		case isNumTok(t):
			return fieldNum
		case len(t) == 1 && t[0] == '-':
			return fieldDash
		case isBracketTok(t):
			return fieldBracket
		}
		return fieldWord
	}
	var seq []field
	k := -1
	var prev field
	for j := 0; j < n && j < 6; j++ {
		t := tok(j)
		if isLevelTok(t, prev) || isCompTok(t) {
			k = j
			break
		}
		prev = kindOf(t)
	}
	if k >= 0 {
		words := 0
		for j := 0; j < k; j++ {
			f := kindOf(tok(j))
			if f == fieldWord {
				words++
			}
			seq = append(seq, f)
		}
		if words > 3 {
			k, seq = -1, seq[:0]
		}
	}
	if k < 0 {
		j := 0
		for ; j < n; j++ {
			f := kindOf(tok(j))
			if f == fieldWord {
				break
			}
			seq = append(seq, f)
		}
		// "program - message", where the program name may hold a space.
		if j+1 < n && isLoggerOrWord(tok(j)) && (kindOf(tok(j+1)) == fieldDash || (j+2 < n && kindOf(tok(j+2)) == fieldDash)) {
			seq = append(seq, fieldWord, fieldDash)
		}
		return seq
	}
	var before field
	if k > 0 {
		before = seq[k-1]
	}
	if isLevelTok(tok(k), before) {
		seq = append(seq, fieldLevel)
		for j := k + 1; j < n && j <= k+3; j++ {
			t := tok(j)
			if isCompTok(t) {
				seq = append(seq, fieldComp)
				break
			}
			switch {
			case isBracketTok(t):
				seq = append(seq, fieldBracket)
			case len(t) == 1 && t[0] == '-':
				seq = append(seq, fieldDash)
			case isLoggerTok(t):
				seq = append(seq, fieldLogger)
			default:
				return seq
			}
		}
		return seq
	}
	return append(seq, fieldComp)
}

func isLoggerOrWord(t []byte) bool {
	return len(t) > 0 && !isNumTok(t) && !(len(t) == 1 && t[0] == '-')
}

// matchField reports whether token t fits header column kind f on a line
// being parsed with a learnt layout, and its level if it is a level column.
func matchField(f field, t []byte) (Level, bool) {
	switch f {
	case fieldWord:
		return 0, len(t) > 0
	case fieldNum:
		return 0, isNumTok(t)
	case fieldDash:
		return 0, len(t) == 1 && t[0] == '-'
	case fieldLevel:
		return ParseLevel(t)
	case fieldComp:
		return 0, isCompTok(t)
	case fieldBracket:
		return 0, isBracketTok(t)
	case fieldLogger:
		return 0, isLoggerTok(t)
	case fieldSD:
		return 0, (len(t) == 1 && t[0] == '-') || isBracketTok(t)
	}
	return 0, false
}

// stripPRI removes a leading syslog "<PRI>" (and the RFC 5424 version "1 ")
// and returns the rest and the severity level it encodes.
func stripPRI(line []byte) ([]byte, Level, bool) {
	if len(line) < 3 || line[0] != '<' {
		return line, 0, false
	}
	v, i := 0, 1
	for i < len(line) && i < 5 && isDigit(line[i]) {
		v = v*10 + int(line[i]-'0')
		i++
	}
	if i == 1 || i >= len(line) || line[i] != '>' || v > 191 {
		return line, 0, false
	}
	rest := line[i+1:]
	if len(rest) >= 2 && rest[0] == '1' && rest[1] == ' ' {
		rest = rest[2:]
	}
	return rest, syslogSeverity(v & 7), true
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (isSpace(b[0]) || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (isSpace(b[len(b)-1]) || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// afterStamp skips a separator glued to the end of a timestamp
// ("2016-09-28 04:30:30, Info").
func afterStamp(line []byte, p int) int {
	if p+1 < len(line) && (line[p] == ',' || line[p] == ':' || line[p] == ';') && isSpace(line[p+1]) {
		return p + 1
	}
	return p
}

// parse applies the layout to one line.
func (l *layout) parse(line []byte, h *header) {
	*h = header{}
	switch l.format {
	case formatJSON:
		if parseJSON(line, h) {
			return
		}
		h.content = trimSpace(line)
		return
	case formatLogfmt:
		if parseLogfmt(line, h) {
			return
		}
		h.content = trimSpace(line)
		return
	}
	if l.pri {
		var ok bool
		line, h.level, ok = stripPRI(line)
		if !ok {
			h.level = 0
		}
	}
	if l.reader < 0 {
		h.content = trimSpace(l.applyFields(line, 0, h))
		return
	}
	var starts [maxHeadTokens + 1]int
	n := tokenStarts(line, starts[:max(l.tsTok, l.anchorTok)+1])
	if n <= l.tsTok {
		h.content = trimSpace(line)
		return
	}
	s := starts[l.tsTok]
	end := readStamp(l.reader, line[s:], &h.st)
	if end == 0 {
		h.content = trimSpace(line)
		return
	}
	h.hasTime = true
	if h.st.level != 0 {
		h.level = h.st.level
	}
	p := afterStamp(line, s+end)
	if l.anchorTok > 0 {
		if n > l.anchorTok {
			p = max(p, starts[l.anchorTok])
		} else {
			p = len(line)
		}
	}
	if l.pipes > 0 {
		for k := 0; k < l.pipes; k++ {
			j := bytes.IndexByte(line[p:], '|')
			if j < 0 {
				break
			}
			p += j + 1
		}
		h.content = trimSpace(line[p:])
		return
	}
	h.content = trimSpace(l.applyFields(line, p, h))
}

// applyFields walks the learnt header columns from p and returns the rest
// of the line. A token that does not fit its column ends the header there,
// so an unusual line loses no message words.
func (l *layout) applyFields(line []byte, p int, h *header) []byte {
	for _, f := range l.fields {
		s, e := headToken(line, p)
		if s == e {
			return line[e:]
		}
		lv, ok := matchField(f, line[s:e])
		if !ok && (f == fieldDash || f == fieldComp) {
			// A name with spaces before the separator ("spoolsv.exe *64 -",
			// "Google Chrome Helper[42]:"): look a little further.
			for k, q := 0, e; k < 2 && !ok; k++ {
				s2, e2 := headToken(line, q)
				if s2 == e2 {
					break
				}
				if _, ok = matchField(f, line[s2:e2]); ok {
					e = e2
				}
				q = e2
			}
		}
		if !ok {
			return line[s:]
		}
		if f == fieldLevel {
			h.level = lv
		} else if f == fieldComp && h.level == 0 {
			// A tag column that holds a level on some lines
			// (PostgreSQL "LOG:" / "ERROR:").
			h.level, _ = ParseLevel(line[s:e])
		}
		p = e
	}
	return line[p:]
}

// learnLayout inspects a sample of lines and returns the layout that fits
// most of them. It never fails: a source with no recognisable header gets a
// layout whose content is the whole line.
func learnLayout(sample [][]byte) *layout {
	l := &layout{reader: -1}
	var lines [][]byte
	for _, s := range sample {
		s = trimSpace(s)
		if len(s) > 0 {
			lines = append(lines, s)
		}
	}
	if len(lines) == 0 {
		return l
	}
	jsonN, logfmtN, priN, v1N := 0, 0, 0, 0
	for _, s := range lines {
		if s[0] == '{' {
			jsonN++
		}
		if looksLogfmt(s) {
			logfmtN++
		}
		if rest, _, ok := stripPRI(s); ok {
			priN++
			if len(s)-len(rest) >= 2 && s[len(s)-len(rest)-2] == '1' && s[len(s)-len(rest)-1] == ' ' {
				v1N++
			}
		}
	}
	half := (len(lines) + 1) / 2
	switch {
	case jsonN >= half:
		l.format = formatJSON
		return l
	case logfmtN >= half:
		l.format = formatLogfmt
		return l
	}
	if priN >= half {
		l.pri = true
		for i, s := range lines {
			lines[i], _, _ = stripPRI(s)
		}
	}
	l.learnStamp(lines)
	if l.pri && v1N >= half && l.reader == 0 && l.tsTok == 0 {
		// RFC 5424: the header after the stamp is fixed by the standard.
		l.fields = []field{fieldWord, fieldWord, fieldWord, fieldWord, fieldSD}
		return l
	}
	l.learnFields(lines)
	return l
}

type stampCand struct {
	tok, reader int
	count       int
	ranks       [5]int
	ends        [maxHeadTokens + 1]int
}

func stampRank(st *stamp) int {
	switch {
	case st.dateOnly:
		return 1
	case st.kind != stampLocal:
		return 4
	case st.yearless:
		return 2
	}
	return 3
}

func (l *layout) learnStamp(lines [][]byte) {
	cands := map[[2]int]*stampCand{}
	var starts [maxHeadTokens + 1]int
	var st stamp
	for _, s := range lines {
		n := tokenStarts(s, starts[:])
		for t := 0; t < n && t < maxTsTok; t++ {
			for r := range readerNames {
				m := readStamp(r, s[starts[t]:], &st)
				if m == 0 {
					continue
				}
				c := cands[[2]int{t, r}]
				if c == nil {
					c = &stampCand{tok: t, reader: r}
					cands[[2]int{t, r}] = c
				}
				c.count++
				c.ranks[stampRank(&st)]++
				endTok := t
				for endTok+1 < n && starts[endTok+1] < starts[t]+m {
					endTok++
				}
				c.ends[endTok]++
			}
		}
	}
	best := 0
	for _, c := range cands {
		best = max(best, c.count)
	}
	if best == 0 || best*10 < len(lines)*3 {
		return // under 30% of lines carry a stamp: treat the source as stamp-less
	}
	var pick *stampCand
	pickRank := 0
	var strong []*stampCand
	for _, c := range cands {
		if c.count*10 < best*9 {
			continue
		}
		strong = append(strong, c)
		rank := 0
		for r := range c.ranks {
			if c.ranks[r] > c.ranks[rank] {
				rank = r
			}
		}
		if rank == 1 {
			continue // a bare date locates the header but is a poor clock
		}
		if pick == nil || rank > pickRank || (rank == pickRank && (c.tok < pick.tok || (c.tok == pick.tok && c.reader < pick.reader))) {
			pick, pickRank = c, rank
		}
	}
	if pick == nil {
		return
	}
	// Further stamps after the clock (BGL and Thunderbird repeat the time in
	// other layouts) still belong to the header: the message starts after
	// the last of them.
	anchor := 0
	for _, c := range strong {
		if c.tok <= pick.tok {
			continue
		}
		endTok := 0
		for e := range c.ends {
			if c.ends[e] > c.ends[endTok] {
				endTok = e
			}
		}
		anchor = max(anchor, endTok+1)
	}
	l.reader, l.tsTok, l.anchorTok = pick.reader, pick.tok, anchor
}

func (l *layout) learnFields(lines [][]byte) {
	counts := map[string]int{}
	pipeLines, stamped := 0, 0
	var pipeHist [9]int
	var starts [maxHeadTokens + 1]int
	var h header
	for _, s := range lines {
		p := 0
		if l.reader >= 0 {
			n := tokenStarts(s, starts[:max(l.tsTok, l.anchorTok)+1])
			if n <= l.tsTok {
				continue
			}
			m := readStamp(l.reader, s[starts[l.tsTok]:], &h.st)
			if m == 0 {
				continue
			}
			stamped++
			p = afterStamp(s, starts[l.tsTok]+m)
			if p < len(s) && s[p] == '|' {
				pipeLines++
				k := bytes.Count(s[p:], []byte("|"))
				pipeHist[min(k, 8)]++
			}
			if l.anchorTok > 0 {
				if n <= l.anchorTok {
					continue
				}
				p = max(p, starts[l.anchorTok])
			}
		}
		seq := guessFields(s, p)
		b := make([]byte, len(seq))
		for i, f := range seq {
			b[i] = byte(f)
		}
		counts[string(b)]++
	}
	if stamped > 0 && pipeLines*10 >= stamped*8 {
		// Pipe-separated header (HealthApp style): the number of header
		// fields is the largest k that at least 90% of lines reach.
		for k := 8; k >= 1; k-- {
			reach := 0
			for j := k; j <= 8; j++ {
				reach += pipeHist[j]
			}
			if reach*10 >= pipeLines*9 {
				l.pipes = k
				break
			}
		}
		return
	}
	bestKey, bestN := "", 0
	for k, n := range counts {
		if n > bestN || (n == bestN && (len(k) > len(bestKey) || (len(k) == len(bestKey) && k < bestKey))) {
			bestKey, bestN = k, n
		}
	}
	for i := 0; i < len(bestKey); i++ {
		l.fields = append(l.fields, field(bestKey[i]))
	}
}

// describe renders the layout for Result.Layout.
func (l *layout) describe() string {
	var b bytes.Buffer
	switch l.format {
	case formatJSON:
		return "json"
	case formatLogfmt:
		return "logfmt"
	}
	if l.pri {
		b.WriteString("<pri> ")
	}
	if l.reader >= 0 {
		b.WriteString("time=")
		b.WriteString(readerNames[l.reader])
		b.WriteString("@")
		b.WriteByte(byte('0' + l.tsTok))
	} else {
		b.WriteString("time=none")
	}
	if l.pipes > 0 {
		b.WriteString(" pipes=")
		b.WriteByte(byte('0' + l.pipes))
	}
	for _, f := range l.fields {
		b.WriteByte(' ')
		b.WriteString(fieldNames[f])
	}
	b.WriteString(" message")
	return b.String()
}
