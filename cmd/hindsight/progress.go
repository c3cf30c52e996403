package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// progressAbove is the file size from which reading gets a progress bar:
// smaller files are read before anyone would look at one.
const progressAbove = 8 << 20

// progress draws "verb file: NN%" on one line of stderr while a big file
// is read, and nothing at all when stderr is not a terminal, so that a pipe
// or a CI log never fills with carriage returns. `logs mine` and `import`
// share it.
type progress struct {
	w     io.Writer
	on    bool
	verb  string
	drawn bool
}

// newProgress returns the progress line of the app's stderr.
func (a *app) newProgress(verb string) *progress {
	return &progress{w: a.stderr, on: isTerminal(a.stderr), verb: verb}
}

// show draws how far the read of file has come; size 0 means unknown.
func (p *progress) show(file string, done, size int64) {
	if !p.on || size <= progressAbove {
		return
	}
	fmt.Fprintf(p.w, "\r%s %s: %3d%%", p.verb, filepath.Base(file), min(done*100/size, 100))
	p.drawn = true
}

// clear removes the progress line, so that the messages after it start on
// a clean line.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// isTerminal reports whether w is a character device (a terminal), using
// only the standard library.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
