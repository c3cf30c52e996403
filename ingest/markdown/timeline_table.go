package markdown

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	reTimeHeader = regexp.MustCompile(`(?i)\b(?:time|date|timestamp|when|day|hour|utc)s?\b|^\s*(?:date|time)`)
	reTextHeader = regexp.MustCompile(`(?i)\b(?:event|events|description|what|note|notes|details?|action|happened|summary|update|activity|message|comment|observation)\b`)
	reYear       = regexp.MustCompile(`\b(19[7-9]\d|20\d\d)\b`)
)

// table reads a timeline table: the time may sit in one column ("2019-11-29
// 12:00") or be spread over several ("Sun | Oct 31 | 21:33"); the zone and
// the year may sit in the header ("Time (PT)", "Date (2021)").
func (r *tlRun) table(b *block) {
	if len(b.rows) < 2 {
		return
	}
	head := b.rows[0]
	n := len(head)
	isTime := make([]bool, n)
	textCol := -1
	for c := range n {
		h := head[c].text
		if reTimeHeader.MatchString(h) && !reTextHeader.MatchString(h) {
			isTime[c] = true
		} else if textCol < 0 && reTextHeader.MatchString(h) {
			textCol = c
		}
	}
	anyTime := false
	for c := range n {
		anyTime = anyTime || isTime[c]
	}
	if !anyTime {
		// No header says where the time is: take the columns whose cells
		// read as dates or times.
		for c := range n {
			hits, filled := 0, 0
			for _, row := range b.rows[1:] {
				if c < len(row) && row[c].text != "" {
					filled++
					if st, rest, ok := scanStamp(row[c].text); ok && rest == "" && !st.template {
						hits++
					}
				}
			}
			if filled > 0 && 10*hits >= 6*filled {
				isTime[c], anyTime = true, true
			}
		}
	}
	if !anyTime {
		return
	}
	if textCol < 0 || isTime[textCol] {
		best := -1
		for c := range n {
			if isTime[c] {
				continue
			}
			total := 0
			for _, row := range b.rows[1:] {
				if c < len(row) {
					total += len(row[c].text)
				}
			}
			if total > best {
				best, textCol = total, c
			}
		}
	}
	ctx := &r.ctx
	year := 0
	for c := range n {
		if !isTime[c] {
			continue
		}
		if name, z, ok := findZone(head[c].text); ok {
			ctx.zoneName, ctx.zone, ctx.hasZone = name, z, true
		}
		if m := reYear.FindString(head[c].text); m != "" {
			fmt.Sscan(m, &year)
		}
	}
	all := true
	for ri, row := range b.rows[1:] {
		var stampParts, extra []string
		text := ""
		for c, cl := range row {
			switch {
			case c < n && isTime[c]:
				if cl.text != "" {
					stampParts = append(stampParts, cl.text)
				}
			case c == textCol:
				text = cl.text
			case cl.text != "" && c < n:
				extra = append(extra, fmt.Sprintf("(%s: %s)", head[c].text, cl.text))
			}
		}
		stampText := strings.Join(stampParts, " ")
		if text == "" && stampText == "" {
			continue
		}
		line := b.line
		if ri+1 < len(b.rowLines) {
			line = b.rowLines[ri+1]
		}
		st, rest, ok := scanStamp(stampText)
		if ok && st.template {
			r.drops = append(r.drops, line)
			all = false
			continue
		}
		if !ok {
			st = stamp{placeholder: true, text: stampText}
		} else if rest != "" {
			text = strings.TrimSpace(rest + " " + text)
		}
		if st.hasDate && st.date.y == 0 && year != 0 {
			st.date.y = year
		}
		if text == "" {
			all = false
			continue
		}
		e := r.newEntry(st, text, line)
		if len(extra) > 0 {
			e.text = append(e.text, extra...)
		}
		all = all && e.ok
	}
	if all {
		r.use(b)
	}
}
