package logmine

// Structured lines: JSON objects and logfmt. Both are scanned by hand
// instead of with encoding/json: the miner needs three values out of each
// line (time, level, message), and a full decode into a map costs
// microseconds and allocations per line.

// Keys recognised for each role, in lower case.
func isTimeKey(k []byte) bool {
	switch string(k) {
	case "time", "ts", "timestamp", "@timestamp", "t", "datetime", "date", "@t", "eventtime":
		return true
	}
	return false
}

func isLevelKey(k []byte) bool {
	switch string(k) {
	case "level", "lvl", "severity", "loglevel", "log.level", "@l", "levelname", "severity_text":
		return true
	}
	return false
}

func isMsgKey(k []byte) bool {
	switch string(k) {
	case "msg", "message", "@message", "@m", "@mt", "log", "text", "body":
		return true
	}
	return false
}

// stampValue reads a time value from a JSON/logfmt value: a string in one of
// the known layouts, or an epoch number in s, ms, µs or ns (by magnitude).
func stampValue(v []byte, quoted bool, st *stamp) bool {
	if len(v) == 0 {
		return false
	}
	if !quoted || isDigit(v[0]) {
		// Numbers: integer part decides the unit.
		i := 0
		var n int64
		for i < len(v) && isDigit(v[i]) && i < 19 {
			n = n*10 + int64(v[i]-'0')
			i++
		}
		if i == len(v) || v[i] == '.' {
			ns := 0
			if i < len(v) {
				ns, _ = frac(v, i)
			}
			*st = stamp{kind: stampUnix}
			switch {
			case n >= epochMin && n <= epochMax:
				st.unix, st.nsec = n, ns
				return true
			case n >= epochMin*1e3 && n <= epochMax*1e3:
				st.unix, st.nsec = n/1e3, int(n%1e3)*1e6
				return true
			case n >= epochMin*1e6 && n <= epochMax*1e6:
				st.unix, st.nsec = n/1e6, int(n%1e6)*1e3
				return true
			case n >= epochMin*1e9:
				st.unix, st.nsec = n/1e9, int(n%1e9)
				return true
			}
		}
	}
	for _, r := range [...]int{0, 1, 2, 3} { // iso8601, syslog, ctime, clf
		if readStamp(r, v, st) > 0 && !st.dateOnly {
			return true
		}
	}
	return false
}

func lowerKey(k []byte, buf *[24]byte) []byte {
	if len(k) > len(buf) {
		return nil
	}
	for i, c := range k {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(k)]
}

// jsonString scans a JSON string starting at b[i] == '"' and returns the
// raw (still escaped) contents and the index after the closing quote.
func jsonString(b []byte, i int) ([]byte, int, bool) {
	j := i + 1
	for j < len(b) {
		switch b[j] {
		case '\\':
			j += 2
			continue
		case '"':
			return b[i+1 : j], j + 1, true
		}
		j++
	}
	return nil, len(b), false
}

// jsonSkip skips one JSON value (of any type) starting at b[i].
func jsonSkip(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return i, false
	}
	switch b[i] {
	case '"':
		_, j, ok := jsonString(b, i)
		return j, ok
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				_, k, ok := jsonString(b, j)
				if !ok {
					return k, false
				}
				j = k - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}
		return len(b), false
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && !isSpace(b[j]) {
		j++
	}
	return j, j > i
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (isSpace(b[i]) || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// parseJSON reads time, level and message from a JSON object line. It
// returns false for lines that are not a JSON object.
func parseJSON(line []byte, h *header) bool {
	i := skipWS(line, 0)
	if i >= len(line) || line[i] != '{' {
		return false
	}
	i++
	var kb [24]byte
	for {
		i = skipWS(line, i)
		if i >= len(line) {
			return false
		}
		if line[i] == '}' {
			break
		}
		if line[i] == ',' {
			i++
			continue
		}
		if line[i] != '"' {
			return false
		}
		key, j, ok := jsonString(line, i)
		if !ok {
			return false
		}
		j = skipWS(line, j)
		if j >= len(line) || line[j] != ':' {
			return false
		}
		j = skipWS(line, j+1)
		end, ok := jsonSkip(line, j)
		if !ok {
			return false
		}
		val := line[j:end]
		quoted := len(val) >= 2 && val[0] == '"'
		if quoted {
			val = val[1 : len(val)-1]
		}
		lk := lowerKey(key, &kb)
		switch {
		case lk == nil:
		case isTimeKey(lk) && !h.hasTime:
			h.hasTime = stampValue(val, quoted, &h.st)
		case isLevelKey(lk) && h.level == 0:
			h.level, _ = ParseLevel(val)
		case isMsgKey(lk) && h.content == nil && quoted:
			h.content = val
		}
		i = end
	}
	if h.content == nil {
		h.content = trimSpace(line)
	}
	return true
}

// looksLogfmt reports whether a line reads as logfmt: its first token is
// key=value and some well-known key appears.
func looksLogfmt(s []byte) bool {
	eq := -1
	for i, c := range s {
		if isSpace(c) {
			break
		}
		if c == '=' {
			eq = i
			break
		}
	}
	if eq <= 0 {
		return false
	}
	found := false
	logfmtPairs(s, func(k, v []byte, quoted bool) {
		var kb [24]byte
		lk := lowerKey(k, &kb)
		if lk != nil && (isTimeKey(lk) || isLevelKey(lk) || isMsgKey(lk)) {
			found = true
		}
	})
	return found
}

// logfmtPairs calls fn for each key=value pair of a logfmt line.
func logfmtPairs(s []byte, fn func(k, v []byte, quoted bool)) {
	i := 0
	for i < len(s) {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		ks := i
		for i < len(s) && s[i] != '=' && !isSpace(s[i]) {
			i++
		}
		if i >= len(s) || s[i] != '=' {
			continue
		}
		k := s[ks:i]
		i++
		if i < len(s) && s[i] == '"' {
			vs := i + 1
			j := vs
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j > len(s) {
				j = len(s)
			}
			fn(k, s[vs:j], true)
			i = j + 1
			continue
		}
		vs := i
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
		fn(k, s[vs:i], false)
	}
}

// parseLogfmt reads time, level and message from a logfmt line.
func parseLogfmt(line []byte, h *header) bool {
	if !looksLogfmt(line) {
		return false
	}
	logfmtPairs(line, func(k, v []byte, quoted bool) {
		var kb [24]byte
		lk := lowerKey(k, &kb)
		switch {
		case lk == nil:
		case isTimeKey(lk) && !h.hasTime:
			h.hasTime = stampValue(v, quoted, &h.st)
		case isLevelKey(lk) && h.level == 0:
			h.level, _ = ParseLevel(v)
		case isMsgKey(lk) && h.content == nil:
			h.content = v
		}
	})
	if h.content == nil {
		h.content = trimSpace(line)
	}
	return true
}
