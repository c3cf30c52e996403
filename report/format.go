package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The time layouts of the report. Every time is shown in UTC and says so,
// because readers sit in many zones and a bare "09:14" invites a wrong guess.
const (
	layoutStamp = "2006-01-02 15:04 UTC"
	layoutClock = "15:04"
	layoutDay   = "2006-01-02"
	layoutFull  = "2006-01-02 15:04:05 UTC"
)

// utc formats a moment as "2006-01-02 15:04 UTC"; the zero time prints as
// an em dash so a template never shows "0001-01-01".
func utc(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format(layoutStamp)
}

// clock formats a moment as its UTC wall-clock time, for rows under a date.
func clock(t time.Time) string { return t.UTC().Format(layoutClock) }

// day formats a moment as its UTC calendar day.
func day(t time.Time) string { return t.UTC().Format(layoutDay) }

// fullTime formats a moment to the second, for tooltips where precision
// matters more than brevity.
func fullTime(t time.Time) string { return t.UTC().Format(layoutFull) }

// human prints a duration the way people say it: "45s", "12m 30s", "1h 23m",
// "2d 4h". Precision drops as durations grow, because nobody cares about
// the seconds of a two-day incident.
func human(d time.Duration) string {
	if d < 0 {
		return "-" + human(-d)
	}
	// Each branch rounds first and checks the rounded value, so 59.6s
	// reads "1m", not "60s".
	if r := d.Round(time.Second); r < time.Minute {
		return fmt.Sprintf("%ds", r/time.Second)
	}
	if r := d.Round(time.Second); r < time.Hour {
		// Seconds still matter here: "12m 30s" to detect is not "13m".
		m, s := r/time.Minute, (r%time.Minute)/time.Second
		if s == 0 {
			return fmt.Sprintf("%dm", m)
		}
		return fmt.Sprintf("%dm %ds", m, s)
	}
	if r := d.Round(time.Minute); r < 24*time.Hour {
		h, m := r/time.Hour, (r%time.Hour)/time.Minute
		if m == 0 {
			return fmt.Sprintf("%dh", h)
		}
		return fmt.Sprintf("%dh %dm", h, m)
	}
	r := d.Round(time.Hour)
	days, h := r/(24*time.Hour), (r%(24*time.Hour))/time.Hour
	if h == 0 {
		return fmt.Sprintf("%dd", days)
	}
	return fmt.Sprintf("%dd %dh", days, h)
}

// size prints a byte count in binary units ("532 B", "12.3 KiB").
func size(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// number prints an integer with thousands separators, so "48210" reads as
// "48,210" at a glance.
func number(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// amount prints a money estimate with separators and at most two decimals.
func amount(f float64) string {
	whole := int64(f)
	cents := int64((f-float64(whole))*100 + 0.5)
	if cents == 100 {
		whole, cents = whole+1, 0
	}
	if cents == 0 {
		return number(whole)
	}
	return fmt.Sprintf("%s.%02d", number(whole), cents)
}

// percent prints a share in percent without useless zeros ("3.5%", "12%").
func percent(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64) + "%"
}

// label turns an identifier such as "impact_start" or "went-well" into
// words with a capital ("Impact start"), for headings and table cells.
func label(s string) string {
	s = strings.NewReplacer("_", " ", "-", " ").Replace(s)
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// words is label without the capital, for use inside sentences.
func words(s string) string { return strings.NewReplacer("_", " ", "-", " ").Replace(s) }
