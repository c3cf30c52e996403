package main

import (
	"testing"

	"github.com/hindsight-sre/hindsight"
)

// FuzzParseScale: a scale file either parses into a usable scale or fails
// with an error; assessing on an accepted scale never panics.
func FuzzParseScale(f *testing.F) {
	f.Add([]byte("levels:\n  - name: P1\n    when: {users_percent: 5}\n  - name: P2\n"))
	f.Add([]byte("levels: []\n"))
	f.Add([]byte("levels:\n  - nam: P1\n"))
	f.Add([]byte("levels:\n  - name: A\n  - name: A\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := parseScale(b)
		if err != nil {
			return
		}
		inc := &hindsight.Incident{Impact: hindsight.Impact{UsersPercent: 50, Revenue: 1e6}}
		if _, err := inc.Assess(s); err != nil && hindsight.ErrorCodeOf(err) == hindsight.CodeInternal {
			t.Fatalf("assess on an accepted scale: %v", err)
		}
	})
}
