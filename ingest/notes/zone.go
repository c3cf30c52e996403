package notes

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// abbreviation is a zone abbreviation people type, with the offset it
// stands for and, where one exists, the region whose clocks it names, so
// that a standard-time abbreviation written on a summer date can be
// questioned.
type abbreviation struct {
	offset time.Duration
	region string
	doubt  string
}

// abbreviations are read as written. CST is taken as US Central (not China
// Standard Time) and BST as British Summer Time, as the people who type
// them in English-language incident notes almost always mean; IST has no
// such majority and is flagged.
var abbreviations = map[string]abbreviation{
	"UTC": {0, "", ""}, "UT": {0, "", ""}, "GMT": {0, "", ""}, "Z": {0, "", ""},
	"PST": {-8 * time.Hour, "America/Los_Angeles", ""}, "PDT": {-7 * time.Hour, "America/Los_Angeles", ""},
	"MST": {-7 * time.Hour, "", ""}, "MDT": {-6 * time.Hour, "America/Denver", ""},
	"CST": {-6 * time.Hour, "America/Chicago", ""}, "CDT": {-5 * time.Hour, "America/Chicago", ""},
	"EST": {-5 * time.Hour, "America/New_York", ""}, "EDT": {-4 * time.Hour, "America/New_York", ""},
	"AKST": {-9 * time.Hour, "America/Anchorage", ""}, "AKDT": {-8 * time.Hour, "America/Anchorage", ""},
	"HST": {-10 * time.Hour, "", ""},
	"WET": {0, "Europe/Lisbon", ""}, "WEST": {time.Hour, "Europe/Lisbon", ""},
	"BST": {time.Hour, "Europe/London", ""},
	"CET": {time.Hour, "Europe/Paris", ""}, "CEST": {2 * time.Hour, "Europe/Paris", ""},
	"EET": {2 * time.Hour, "Europe/Helsinki", ""}, "EEST": {3 * time.Hour, "Europe/Helsinki", ""},
	"MSK": {3 * time.Hour, "", ""},
	"IST": {5*time.Hour + 30*time.Minute, "", "IST can mean India (UTC+05:30), Irish (UTC+01:00) or Israel (UTC+02:00) Standard Time; read as India Standard Time"},
	"SGT": {8 * time.Hour, "", ""}, "HKT": {8 * time.Hour, "", ""},
	"JST": {9 * time.Hour, "", ""}, "KST": {9 * time.Hour, "", ""},
	"AWST": {8 * time.Hour, "", ""}, "ACST": {9*time.Hour + 30*time.Minute, "Australia/Adelaide", ""},
	"ACDT": {10*time.Hour + 30*time.Minute, "Australia/Adelaide", ""},
	"AEST": {10 * time.Hour, "Australia/Sydney", ""}, "AEDT": {11 * time.Hour, "Australia/Sydney", ""},
	"NZST": {12 * time.Hour, "Pacific/Auckland", ""}, "NZDT": {13 * time.Hour, "Pacific/Auckland", ""},
}

// generic are region names without a season (PT = Pacific Time), whose
// offset depends on the date; they need the system's time zone database.
var generic = map[string]string{
	"PT": "America/Los_Angeles", "MT": "America/Denver", "CT": "America/Chicago", "ET": "America/New_York",
}

// zone is a resolved time zone: the location to read wall-clock times in,
// the name to record as Event.Zone, and a doubt to flag, if any.
type zone struct {
	loc   *time.Location
	name  string
	abbr  string
	doubt string
}

var offsetZone = regexp.MustCompile(`^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$`)

// resolveZone reads a zone as people write it: Z, UTC, an offset
// (+01:00, +0100, UTC+1, GMT-05:30), an abbreviation (PST, CEST, …), a
// generic name (PT, ET) or an IANA name (Europe/Berlin).
func resolveZone(tok string) (zone, bool) {
	if a, ok := abbreviations[strings.ToUpper(tok)]; ok && tok == strings.ToUpper(tok) {
		name := strings.ToUpper(tok)
		if a.offset == 0 && name != "GMT" {
			return zone{loc: time.UTC, name: "UTC"}, true
		}
		return zone{loc: time.FixedZone(name, int(a.offset/time.Second)), name: name, abbr: name, doubt: a.doubt}, true
	}
	if m := offsetZone.FindStringSubmatch(tok); m != nil {
		h, _ := strconv.Atoi(m[2])
		mins, _ := strconv.Atoi(m[3])
		if h > 14 || mins > 59 {
			return zone{}, false
		}
		off := h*3600 + mins*60
		if m[1] == "-" {
			off = -off
		}
		if off == 0 {
			return zone{loc: time.UTC, name: "UTC"}, true
		}
		t := time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("", off))
		return zone{loc: t.Location(), name: t.Format("-07:00")}, true
	}
	name := tok
	if g, ok := generic[tok]; ok {
		name = g
	} else if !strings.Contains(tok, "/") {
		return zone{}, false
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return zone{}, false
	}
	return zone{loc: loc, name: loc.String()}, true
}

// seasonDoubt questions a standard-time abbreviation written on a date
// when that region keeps summer time, or the reverse ("PST" in July):
// people often write PST all year for Pacific time. The time is read as
// written; the doubt is flagged.
func seasonDoubt(z zone, at time.Time) string {
	a, ok := abbreviations[z.abbr]
	if !ok || a.region == "" {
		return ""
	}
	loc, err := time.LoadLocation(a.region)
	if err != nil {
		return ""
	}
	local := at.In(loc)
	abbr, off := local.Zone()
	if time.Duration(off)*time.Second == a.offset {
		return ""
	}
	return fmt.Sprintf("%s written on %s, when %s keeps UTC%s (%s); read as %s as written — check which was meant",
		z.abbr, local.Format("2006-01-02"), a.region, local.Format("-07:00"), abbr, z.abbr)
}
