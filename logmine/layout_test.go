package logmine

import (
	"strings"
	"testing"
	"time"
)

// Samples written for these tests to mimic the shape of common log formats
// (none is copied from a real log). Each case checks, for its first line,
// the time read (UTC, with Year 2010 and UTC as the zone), the level and the
// message left after the header.
func TestLayoutDetection(t *testing.T) {
	tests := []struct {
		name    string
		lines   []string
		time    string // RFC 3339, "" for none
		level   Level
		content string
	}{
		{
			name: "hdfs-like compact stamp, pid, level, class",
			lines: []string{
				"090201 101112 41 INFO dfs.Store$Writer: Writer 2 for chunk c_7781 closing",
				"090201 101113 43 WARN dfs.Store$Writer: Writer 0 for chunk c_-991 closing",
				"090201 101115 41 INFO dfs.Names: ADD chunk c_7781 to 10.0.0.4:50010 size 4096",
			},
			time: "2009-02-01T10:11:12Z", level: LevelInfo, content: "Writer 2 for chunk c_7781 closing",
		},
		{
			name: "java-like iso with thread and class",
			lines: []string{
				"2016-04-05 06:07:08,901 INFO [pool worker 3] org.example.job.Runner: Started job job_17_0001",
				"2016-04-05 06:07:09,002 ERROR [main] org.example.job.Runner: Job job_17_0002 failed",
				"2016-04-05 06:07:09,120 INFO [pool worker 1] org.example.io.Pipe: Opened pipe 4",
			},
			time: "2016-04-05T06:07:08.901Z", level: LevelInfo, content: "Started job job_17_0001",
		},
		{
			name: "spark-like yy/mm/dd",
			lines: []string{
				"19/02/03 04:05:06 INFO store.BlockKeeper: Block b_4 kept in memory",
				"19/02/03 04:05:07 WARN store.BlockKeeper: Block b_5 evicted",
			},
			time: "2019-02-03T04:05:06Z", level: LevelInfo, content: "Block b_4 kept in memory",
		},
		{
			name: "zookeeper-like dashes and bracket",
			lines: []string{
				"2014-08-09 10:11:12,131 - INFO  [Thread-7:Election@201] - Vote timeout: 800",
				"2014-08-09 10:11:13,131 - WARN  [Sender:Queue$Worker@55] - Worker leaving",
			},
			time: "2014-08-09T10:11:12.131Z", level: LevelInfo, content: "Vote timeout: 800",
		},
		{
			name: "bgl-like epoch then repeated stamps",
			lines: []string{
				"- 1200000000 2008.01.10 R7-M0-N3 2008-01-10-13.20.00.000001 R7-M0-N3 RAS KERNEL INFO cache parity error fixed",
				"- 1200000007 2008.01.10 R7-M0-N4 2008-01-10-13.20.07.000001 R7-M0-N4 RAS KERNEL FATAL node halted",
			},
			time: "2008-01-10T21:20:00Z", level: LevelInfo, content: "cache parity error fixed",
		},
		{
			name: "hpc-like epoch in the middle",
			lines: []string{
				"9001 node-12 unix.hw state.change 1100000000 1 Unit alpha is now offline",
				"9002 node-13 unix.hw state.change 1100000060 -1 running",
			},
			time: "2004-11-09T11:33:20Z", content: "Unit alpha is now offline",
		},
		{
			name: "thunderbird-like epoch and syslog",
			lines: []string{
				"- 1150000000 2006.06.11 n17 Jun 11 04:26:40 n17/n17 crond[301]: job started for user admin",
				"- 1150000001 2006.06.11 n18 Jun 11 04:26:41 n18/n18 sshd[77]: session closed",
			},
			time: "2006-06-11T04:26:40Z", content: "job started for user admin",
		},
		{
			name: "windows-cbs-like trailing comma and padding",
			lines: []string{
				"2017-02-03 04:05:06, Info                  SVC    Loaded stack v2.1 from C:\\sys",
				"2017-02-03 04:05:07, Error                 SVC    Failed to open key [HRESULT = 0x80004005]",
			},
			time: "2017-02-03T04:05:06Z", level: LevelInfo, content: "SVC    Loaded stack v2.1 from C:\\sys",
		},
		{
			name: "rfc3164 syslog with host and tag",
			lines: []string{
				"Feb  3 04:05:06 box sshd(pam)[221]: check pass; user unknown",
				"Feb  3 04:05:09 box kernel: eth0 link up",
				"Feb  3 04:05:10 box sshd[222]: Accepted password for bob from 10.1.1.1 port 22 ssh2",
			},
			time: "2010-02-03T04:05:06Z", content: "check pass; user unknown",
		},
		{
			name: "logcat-like",
			lines: []string{
				"05-06 07:08:09.101  100  200 D Power: acquire lock=5, flags=0x1",
				"05-06 07:08:09.202  100  201 E Window: relayout failed for win 7",
			},
			time: "2010-05-06T07:08:09.101Z", level: LevelDebug, content: "acquire lock=5, flags=0x1",
		},
		{
			name: "pipe separated with unpadded stamp",
			lines: []string{
				"20180102-3:4:5:6|Step_Counter|4242|onStep 17",
				"20180102-3:4:5:16|Step_Store|4242|flush ok",
			},
			time: "2018-01-02T03:04:05.006Z", content: "onStep 17",
		},
		{
			name: "apache error log",
			lines: []string{
				"[Tue Mar 07 08:09:10 2006] [error] [client 10.0.0.9] File does not exist: /var/www/x",
				"[Tue Mar 07 08:09:11 2006] [notice] child 42 started",
			},
			time: "2006-03-07T08:09:10Z", level: LevelError, content: "File does not exist: /var/www/x",
		},
		{
			name: "proxy-like program dash",
			lines: []string{
				"[09.12 10:11:12] browser.exe - gw.example.org:8080 open through proxy gw.example.org:8080 HTTPS",
				"[09.12 10:11:13] tool.exe *64 - 10.0.0.1:443 close, 12 bytes sent, 3 bytes received, lifetime 00:01",
			},
			time: "2010-09-12T10:11:12Z", content: "gw.example.org:8080 open through proxy gw.example.org:8080 HTTPS",
		},
		{
			name: "openstack-like file name before the stamp",
			lines: []string{
				"svc.log.2.2018-03-04_05:06:07 2018-03-04 00:00:01.234 901 INFO svc.api.server [req-1a2b - - -] 10.0.0.1 \"GET /v1/x HTTP/1.1\" status: 200",
				"svc.log.2.2018-03-04_05:06:07 2018-03-04 00:00:02.234 901 WARNING svc.api.server [req-3c4d - - -] slow call",
			},
			time: "2018-03-04T00:00:01.234Z", level: LevelInfo, content: "10.0.0.1 \"GET /v1/x HTTP/1.1\" status: 200",
		},
		{
			name: "rfc5424",
			lines: []string{
				"<165>1 2003-10-11T22:14:15.003Z host.example.com evntslog - ID47 - An application event",
				"<163>1 2003-10-11T22:14:16.003Z host.example.com evntslog - ID48 - disk failed",
			},
			time: "2003-10-11T22:14:15.003Z", level: LevelNotice, content: "An application event",
		},
		{
			name: "iso with offsets and level",
			lines: []string{
				"2022-05-06T07:08:09.123+02:00 ERROR payment: charge failed for order 81",
				"2022-05-06T07:08:10.000+02:00 INFO payment: charge ok for order 82",
			},
			time: "2022-05-06T05:08:09.123Z", level: LevelError, content: "charge failed for order 81",
		},
		{
			name: "nginx access log",
			lines: []string{
				"10.1.2.3 - - [06/May/2022:07:08:09 +0000] \"GET /api/items/12 HTTP/1.1\" 200 512 \"-\" \"curl/8.0\"",
				"10.1.2.4 - bob [06/May/2022:07:08:10 +0000] \"POST /api/pay HTTP/1.1\" 502 0 \"-\" \"curl/8.0\"",
			},
			time: "2022-05-06T07:08:09Z", content: "\"GET /api/items/12 HTTP/1.1\" 200 512 \"-\" \"curl/8.0\"",
		},
		{
			name: "json lines",
			lines: []string{
				`{"ts":"2022-05-06T07:08:09Z","level":"error","msg":"db timeout after 3000ms","attempt":2}`,
				`{"ts":"2022-05-06T07:08:10Z","level":"info","msg":"db ok"}`,
			},
			time: "2022-05-06T07:08:09Z", level: LevelError, content: "db timeout after 3000ms",
		},
		{
			name: "json lines with epoch millis",
			lines: []string{
				`{"@timestamp": 1651820889123, "severity": "WARN", "message": "queue depth 77"}`,
			},
			time: "2022-05-06T07:08:09.123Z", level: LevelWarn, content: "queue depth 77",
		},
		{
			name: "logfmt",
			lines: []string{
				`time=2022-05-06T07:08:09Z level=warn msg="cache miss rate high" rate=0.4`,
				`time=2022-05-06T07:08:10Z level=info msg=started`,
			},
			time: "2022-05-06T07:08:09Z", level: LevelWarn, content: "cache miss rate high",
		},
		{
			name: "epoch millis first",
			lines: []string{
				"1651820889123 worker-1 job 5 done",
				"1651820889200 worker-2 job 6 done",
			},
			time: "2022-05-06T07:08:09.123Z", content: "worker-1 job 5 done",
		},
		{
			name: "klog",
			lines: []string{
				"W0506 07:08:09.000001       1 reflector.go:42] watch closed",
				"I0506 07:08:10.000001       1 main.go:7] ready",
			},
			time: "2010-05-06T07:08:09.000001Z", level: LevelWarn, content: "reflector.go:42] watch closed",
		},
		{
			name: "postgresql with zone name",
			lines: []string{
				"2024-03-04 05:06:07.891 UTC [4242] LOG:  checkpoint starting: time",
				"2024-03-04 05:06:08.000 UTC [4243] ERROR:  relation \"orders\" does not exist",
				"2024-03-04 05:06:09.000 UTC [4242] LOG:  checkpoint complete",
			},
			time: "2024-03-04T05:06:07.891Z", content: "checkpoint starting: time",
		},
		{
			name: "python logging with dashes",
			lines: []string{
				"2024-03-04 05:06:07,891 - billing.worker - WARNING - retrying invoice 17",
				"2024-03-04 05:06:08,001 - billing.worker - INFO - invoice 17 sent",
			},
			time: "2024-03-04T05:06:07.891Z", level: LevelWarn, content: "retrying invoice 17",
		},
		{
			name: "no timestamp at all",
			lines: []string{
				"starting worker 1",
				"worker 1 ready",
			},
			content: "starting worker 1",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var sample [][]byte
			for _, l := range tc.lines {
				sample = append(sample, []byte(l))
			}
			l := learnLayout(sample)
			var h header
			l.parse([]byte(tc.lines[0]), &h)
			got := ""
			if h.hasTime {
				got = time.Unix(0, newClock(time.UTC, 2010).unixNano(&h.st)).UTC().Format(time.RFC3339Nano)
			}
			if got != tc.time {
				t.Errorf("time %q, want %q (layout %s)", got, tc.time, l.describe())
			}
			if h.level != tc.level {
				t.Errorf("level %v, want %v (layout %s)", h.level, tc.level, l.describe())
			}
			if string(h.content) != tc.content {
				t.Errorf("content %q, want %q (layout %s)", h.content, tc.content, l.describe())
			}
		})
	}
}

func TestParseLevel(t *testing.T) {
	tests := []struct {
		in   string
		want Level
		ok   bool
	}{
		{"INFO", LevelInfo, true}, {"[error]", LevelError, true}, {"Warning:", LevelWarn, true},
		{"SEVERE", LevelError, true}, {"E", LevelError, true}, {"crit", LevelFatal, true},
		{"<notice>", LevelNotice, true}, {"hello", LevelUnknown, false}, {"", LevelUnknown, false},
		{"X", LevelUnknown, false}, {"INFORMATIONAL", LevelUnknown, false},
	}
	for _, tc := range tests {
		got, ok := ParseLevel([]byte(tc.in))
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseLevel(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestInferLevel(t *testing.T) {
	tests := []struct {
		text string
		want Level
	}{
		{"Connection <*> failed", LevelError},
		{"java.io.IOException: broken pipe", LevelError},
		{"OutOfMemoryError in <*>", LevelError},
		{"deprecated option <*>", LevelWarn},
		{"user <*> logged in", LevelUnknown},
		{"errorless run", LevelUnknown},
		{"unmasked SIMD FPU exception support... done.", LevelUnknown},
		{"caught Exception: <*>", LevelError},
	}
	for _, tc := range tests {
		if got := inferLevel(tc.text); got != tc.want {
			t.Errorf("inferLevel(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestLayoutDescribe(t *testing.T) {
	l := learnLayout([][]byte{[]byte("2020-01-02 03:04:05 INFO a.b.C: hi")})
	if d := l.describe(); !strings.Contains(d, "iso8601") || !strings.Contains(d, "level") {
		t.Errorf("describe = %q", d)
	}
}
