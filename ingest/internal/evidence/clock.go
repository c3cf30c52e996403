package evidence

import (
	"fmt"
	"time"
)

// ParseTime reads an RFC 3339 timestamp, as every vendor API in this module
// writes them, and returns it in UTC with the zone it was written in
// ("UTC" or an offset such as "+02:00") for Event.Zone.
func ParseTime(s string) (time.Time, string, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, "", fmt.Errorf("expected an RFC 3339 time such as 2024-05-01T12:03:04Z, got %q", s)
	}
	return t.UTC(), ZoneOf(t), nil
}

// ZoneOf names the zone of t for Event.Zone: "UTC" for a zero offset, the
// offset (+02:00) otherwise, since an offset is all a timestamp says.
func ZoneOf(t time.Time) string {
	if _, off := t.Zone(); off == 0 {
		return "UTC"
	}
	return t.Format("-07:00")
}
