package logmine

import (
	"strings"
	"testing"
)

func TestMaskToken(t *testing.T) {
	tests := []struct{ in, want string }{
		{"42", "<*>"},
		{"-1", "<*>"},
		{"uid=0", "uid=<*>"},
		{"rhost=10.0.0.1", "rhost=<*>"},
		{"[10.0.0.1]", "<*>"},
		{"00:01", "<*>"},
		{"(1.5", "<*>"},
		{"blk_-160899", "<*>"},
		{"node-246", "<*>"},
		{"0x1f", "<*>"},
		{"9f4ef63", "<*>"},
		{"deadbeefcafe", "<*>"},
		{"SOCKS5", "SOCKS5"},
		{"eth0", "eth0"},
		{"ext3", "ext3"},
		{"HTTP/1.1", "<*>"},
		{"'/dev/tty2'", "<*>"},
		{"Jun", "<*>"},
		{"June", "June"},
		{"jun", "jun"},
		{"true", "<*>"},
		{"ok=false,", "ok=<*>,"},
		{`tag="Screen`, `tag="<*>`},
		{`"GET`, `"GET`},
		{"user=root", "user=root"},
		{"Exception:", "Exception:"},
		{"-", "-"},
		{"KB)", "KB)"},
	}
	for _, tc := range tests {
		if got := string(maskToken([]byte(tc.in), nil)); got != tc.want {
			t.Errorf("maskToken(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The hash computed by split must agree with the masked text: two tokens
// hash alike exactly when their masked texts are equal.
func TestSplitAgreesWithMask(t *testing.T) {
	words := []string{"42", "43", "uid=0", "uid=7", "uid=x", "[1.2.3.4]", "[5.6.7.8]", "eth0", "eth1",
		"Jun", "Jul", "true", "false", "abc", "abd", `k="v"`, `k="w"`, "00:01", "12:34", "a/b1", "a/b2"}
	var tk tokenizer
	for _, a := range words {
		for _, b := range words {
			tk.split([]byte(a))
			ha := tk.hash[0]
			tk.split([]byte(b))
			hb := tk.hash[0]
			ma, mb := string(maskToken([]byte(a), nil)), string(maskToken([]byte(b), nil))
			if (ha == hb) != (ma == mb) {
				t.Errorf("%q/%q: hashes equal=%v but masks %q/%q", a, b, ha == hb, ma, mb)
			}
			if (ha == varTok) != (ma == "<*>") {
				t.Errorf("%q: varTok=%v but mask %q", a, ha == varTok, ma)
			}
		}
	}
}

func TestSplitTokens(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"   ", 0},
		{"one", 1},
		{"a  b\tc ", 3},
		{strings.Repeat("x ", maxTokens+10), maxTokens},
	}
	var tk tokenizer
	for _, tc := range tests {
		tk.split([]byte(tc.in))
		if len(tk.hash) != tc.want || len(tk.span) != 2*tc.want {
			t.Errorf("split(%q): %d tokens, want %d", tc.in, len(tk.hash), tc.want)
		}
	}
	// Same masked message, same signature; different message, different one.
	s1 := tk.split([]byte("took 15 ms"))
	s2 := tk.split([]byte("took 99 ms"))
	s3 := tk.split([]byte("took 99 steps"))
	if s1 != s2 || s1 == s3 {
		t.Errorf("signatures: %x %x %x", s1, s2, s3)
	}
}
