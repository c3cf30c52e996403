package logmine

import (
	"testing"
	"time"
	_ "time/tzdata" // zones work on machines without a zoneinfo database
)

func TestReaders(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name   string
		reader string
		in     string
		n      int // bytes consumed
		want   time.Time
	}{
		{"iso space comma millis", "iso8601", "2019-03-04 05:06:07,089 INFO x", 23, utc("2019-03-04T05:06:07.089Z")},
		{"iso T zulu", "iso8601", "2021-12-31T23:59:59.5Z rest", 22, utc("2021-12-31T23:59:59.5Z")},
		{"iso offset colon", "iso8601", "2021-06-01T10:00:00+02:00 x", 25, utc("2021-06-01T08:00:00Z")},
		{"iso offset compact", "iso8601", "2021-06-01T10:00:00.123-0130 x", 28, utc("2021-06-01T11:30:00.123Z")},
		{"iso trailing comma", "iso8601", "2018-01-02 03:04:05, Info", 19, utc("2018-01-02T03:04:05Z")},
		{"iso slashes", "iso8601", "2020/02/29 12:00:00 [error]", 19, utc("2020-02-29T12:00:00Z")},
		{"iso bgl style", "iso8601", "2007-08-09-10.11.12.131415 R1", 26, utc("2007-08-09T10:11:12.131415Z")},
		{"iso in brackets", "iso8601", "[2020-01-01 00:00:01] go", 21, utc("2020-01-01T00:00:01Z")},
		{"syslog", "syslog", "Mar  5 07:08:09 host x", 15, utc("2010-03-05T07:08:09Z")},
		{"syslog with year", "syslog", "Oct 11 22:14:15 2003 host", 20, utc("2003-10-11T22:14:15Z")},
		{"ctime bracketed", "ctime", "[Mon Feb 06 01:02:03 2006] [warn]", 26, utc("2006-02-06T01:02:03Z")},
		{"clf", "clf", "[10/Oct/2000:13:55:36 -0700] \"GET", 28, utc("2000-10-10T20:55:36Z")},
		{"epoch seconds", "epoch", "1300000000 next", 10, utc("2011-03-13T07:06:40Z")},
		{"epoch fraction", "epoch", "1300000000.25 next", 13, utc("2011-03-13T07:06:40.25Z")},
		{"epoch millis", "epoch", "1300000000123 x", 13, utc("2011-03-13T07:06:40.123Z")},
		{"compact yymmdd", "yymmdd-hhmmss", "090102 030405 77 INFO", 13, utc("2009-01-02T03:04:05Z")},
		{"slash ymd", "yy/mm/dd", "18/11/12 13:14:15 WARN", 17, utc("2018-11-12T13:14:15Z")},
		{"slash mdy four", "mm/dd/yy", "12/25/2019 08:00:00 x", 19, utc("2019-12-25T08:00:00Z")},
		{"slash dmy", "dd/mm/yy", "25/12/19 08:00:00 x", 17, utc("2019-12-25T08:00:00Z")},
		{"logcat", "mm-dd", "07-04 09:10:11.012  12  34 I Tag: m", 18, utc("2010-07-04T09:10:11.012Z")},
		{"unpadded with ms", "yyyymmdd-h:m:s:ms", "20190704-9:5:7:12|a", 17, utc("2019-07-04T09:05:07.012Z")},
		{"dotted month day", "[mm.dd hh:mm:ss]", "[11.02 01:02:03] app", 16, utc("2010-11-02T01:02:03Z")},
		{"klog", "klog", "E0203 04:05:06.789012   1 x.go:1] boom", 21, utc("2010-02-03T04:05:06.789012Z")},
		{"tomcat", "dd-mon-yyyy", "02-Jan-2016 15:04:05.999 INFO", 24, utc("2016-01-02T15:04:05.999Z")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := -1
			for i, n := range readerNames {
				if n == tc.reader {
					id = i
				}
			}
			if id < 0 {
				t.Fatalf("no reader %q", tc.reader)
			}
			var st stamp
			n := readStamp(id, []byte(tc.in), &st)
			if n != tc.n {
				t.Fatalf("consumed %d bytes, want %d", n, tc.n)
			}
			got := time.Unix(0, newClock(time.UTC, 2010).unixNano(&st)).UTC()
			if !got.Equal(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestReadersReject(t *testing.T) {
	// Things that look a little like timestamps but are not.
	for _, in := range []string{
		"", "2019", "2019-13-01 00:00:00", "2019-01-01 25:00:00", "123456789", "12345678901234",
		"0000000001", "Foo 12 10:00:00", "Mar 32 10:00:00", "99/99/99 10:00:00", "1300000000:5",
		"[10.30 16:49", "20171223-", "<34>", "13-01 00:00:00",
	} {
		for id, name := range readerNames {
			var st stamp
			if n := readStamp(id, []byte(in), &st); n > 0 && !st.dateOnly {
				t.Errorf("%s accepted %q (%d bytes)", name, in, n)
			}
		}
	}
}

func TestClockZoneAndRollover(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	c := newClock(ny, 2020)
	steps := []struct {
		st   stamp
		want string
	}{
		{stamp{month: 12, day: 31, hour: 23, min: 59, sec: 58, yearless: true}, "2021-01-01T04:59:58Z"},
		{stamp{month: 1, day: 1, hour: 0, min: 0, sec: 1, yearless: true}, "2021-01-01T05:00:01Z"}, // rollover
		{stamp{month: 7, day: 1, hour: 12, yearless: true}, "2021-07-01T16:00:00Z"},                // summer time
		{stamp{year: 2019, month: 7, day: 1, hour: 12, kind: stampOffset, off: 3600}, "2019-07-01T11:00:00Z"},
		{stamp{unix: 1, kind: stampUnix}, "1970-01-01T00:00:01Z"},
	}
	for _, s := range steps {
		got := time.Unix(0, c.unixNano(&s.st)).UTC().Format(time.RFC3339)
		if got != s.want {
			t.Errorf("%+v: got %s, want %s", s.st, got, s.want)
		}
	}
	if !c.zoneAssumed || !c.yearAssumed {
		t.Errorf("zoneAssumed=%v yearAssumed=%v, want both", c.zoneAssumed, c.yearAssumed)
	}
}
