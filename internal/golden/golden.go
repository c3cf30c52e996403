// Package golden compares test output with files kept in testdata, so that
// a change in a rendered report, a lint listing or an export shows up as a
// reviewable diff. Run the tests with -update to rewrite the files after a
// change you meant to make, then read the diff before committing.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update is registered once per test binary by importing this package; a
// test package must not define its own -update flag.
var update = flag.Bool("update", false, "rewrite the golden files in testdata instead of comparing with them")

// Path returns where the golden file of name lives: testdata/NAME.golden,
// relative to the package under test.
func Path(name string) string { return filepath.Join("testdata", name+".golden") }

// Assert fails t unless got equals testdata/NAME.golden. With -update it
// writes got there instead (creating testdata if needed).
func Assert(t testing.TB, name string, got []byte) {
	t.Helper()
	path := Path(name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("golden: %v", err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("golden: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden: %v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run with -update to accept it):\n%s", path, Diff(string(want), string(got)))
	}
}

// Diff describes the first difference between want and got by line, with a
// little context: enough to see what changed without a diff library.
func Diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	from := max(0, i-2)
	for j := from; j < i; j++ {
		fmt.Fprintf(&b, "  %4d   %s\n", j+1, w[j])
	}
	for j := i; j < min(i+3, len(w)); j++ {
		fmt.Fprintf(&b, "  %4d - %s\n", j+1, w[j])
	}
	for j := i; j < min(i+3, len(g)); j++ {
		fmt.Fprintf(&b, "  %4d + %s\n", j+1, g[j])
	}
	fmt.Fprintf(&b, "  (golden has %d lines, output has %d)", len(w), len(g))
	return b.String()
}
