package main

import (
	"bytes"
	"os"
	"testing"
)

// TestCommittedLogIsCurrent fails when the generator and the committed log
// drift apart; regenerate with the command in the package comment.
func TestCommittedLogIsCurrent(t *testing.T) {
	want, err := os.ReadFile("../../checkout-latency/logs/checkout-api.log")
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := generate(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatal("examples/checkout-latency/logs/checkout-api.log differs from the generator's output; run: go run ./examples/internal/genlog > examples/checkout-latency/logs/checkout-api.log")
	}
}
