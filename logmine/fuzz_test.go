package logmine

import (
	"bytes"
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	"2020-01-02 03:04:05,678 INFO [main] a.b.C: started 42\n2020-01-02 03:04:06,000 ERROR [main] a.b.C: failed x=1\n",
	"Jun  1 02:03:04 host sshd[12]: Accepted password for bob from 1.2.3.4 port 22 ssh2\n",
	"<34>1 2003-10-11T22:14:15.003Z h app - - - msg\n",
	"{\"ts\":1651820889,\"level\":\"warn\",\"msg\":\"x \\\" y\"}\n{\"ts\":\n",
	"time=2022-05-06T07:08:09Z level=info msg=\"a b\" k=v\nk=\"unterminated\n",
	"[10.30 16:49:06] a.exe *64 - h:80 close, 1 bytes (1.0 KB) sent\n",
	"20171223-22:15:29:606|A|1|b 2\n",
	"- 1117838570 2005.06.03 R 2005-06-03-15.42.50.675872 R RAS KERNEL INFO x\n",
	"\x00\xff\xfe[[[[]]\n\r\n\n",
	"",
}

// FuzzLayout: header detection learns from arbitrary lines and applies the
// layout to each of them without panicking; the message is always a part of
// the line.
func FuzzLayout(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lines := bytes.Split([]byte(text), []byte("\n"))
		l := learnLayout(lines)
		_ = l.describe()
		for _, line := range lines {
			var h header
			l.parse(line, &h)
			if len(h.content) > 0 && !bytes.Contains(line, h.content) && l.format == formatText {
				t.Fatalf("message %q is not part of line %q", h.content, line)
			}
			if h.hasTime {
				_ = newClock(nil, 2020).unixNano(&h.st)
			}
		}
	})
}

// FuzzTokenizer: token spans are in range and ordered, and the hash and the
// masked text agree on what is a variable.
func FuzzTokenizer(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		var tk tokenizer
		tk.split([]byte(msg))
		if len(tk.hash) > maxTokens || len(tk.span) != 2*len(tk.hash) {
			t.Fatalf("%d tokens, %d spans", len(tk.hash), len(tk.span))
		}
		prev := int32(0)
		for i := range tk.hash {
			s, e := tk.span[2*i], tk.span[2*i+1]
			if s < prev || e <= s || int(e) > len(msg) {
				t.Fatalf("bad span %d..%d", s, e)
			}
			prev = e
			masked := string(maskToken([]byte(msg[s:e]), nil))
			unit := i > 0 && tk.hash[i-1] == varTok && isUnit([]byte(msg[s:e]))
			if (tk.hash[i] == varTok) != (masked == "<*>" || unit) {
				t.Fatalf("token %q: varTok=%v, mask %q", msg[s:e], tk.hash[i] == varTok, masked)
			}
		}
	})
}

// FuzzMine: the whole pipeline never panics and reports exactly one
// assignment per input line, each naming a template of the result.
func FuzzMine(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var ids []string
		res, err := Mine(strings.NewReader(text), Options{OnLine: func(_ int64, id string) { ids = append(ids, id) }})
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Count(text, "\n")
		if len(text) > 0 && !strings.HasSuffix(text, "\n") {
			want++
		}
		if len(ids) != want || res.Lines != int64(want) {
			t.Fatalf("%d assignments, %d lines, want %d", len(ids), res.Lines, want)
		}
		for _, id := range ids {
			if res.Template(res.Canonical(id)) == nil {
				t.Fatalf("id %q has no template", id)
			}
		}
		_ = res.Moments()
		_ = res.ErrorsFirst()
	})
}
