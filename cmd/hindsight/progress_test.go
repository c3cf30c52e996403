package main

import (
	"strings"
	"testing"
)

func TestProgress(t *testing.T) {
	var b strings.Builder
	p := &progress{w: &b, on: true, verb: "reading"}
	p.show("logs/small.log", 1, progressAbove) // small files get no bar
	p.clear()
	if b.Len() != 0 {
		t.Errorf("a small file drew %q", b.String())
	}
	big := int64(progressAbove * 4)
	p.show("logs/big.log", big/2, big)
	p.show("logs/big.log", big, big)
	p.clear()
	if got, want := b.String(), "\rreading big.log:  50%\rreading big.log: 100%\r\033[K"; got != want {
		t.Errorf("drew %q, want %q", got, want)
	}
	// Not a terminal: nothing, whatever the size.
	b.Reset()
	off := &progress{w: &b, verb: "reading"}
	off.show("big.log", 1, big)
	off.clear()
	if b.Len() != 0 {
		t.Errorf("drew %q on a pipe", b.String())
	}
}
