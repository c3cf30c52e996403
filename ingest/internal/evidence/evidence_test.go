package evidence

import (
	"errors"
	"strings"
	"testing"

	"github.com/hindsight-sre/hindsight"
)

func TestLocate(t *testing.T) {
	doc := []byte("{\n  \"a\": [\n    {\"x\": 1},\n    {\"x\": 2,\n     \"t\": \"z\"}\n  ],\n  \"b\": {\"c\": [10,\n 20]}\n}")
	tests := []struct {
		path []any
		line int
	}{
		{nil, 1},
		{[]any{"a"}, 2},
		{[]any{"a", 0}, 3},
		{[]any{"a", 1}, 4},
		{[]any{"a", 1, "t"}, 5},
		{[]any{"b", "c", 1}, 8},
		{[]any{"a", 5}, 0},
		{[]any{"nope"}, 0},
		{[]any{"a", "x"}, 0},
	}
	for _, tt := range tests {
		if got := Locate(doc, tt.path...); got != tt.line {
			t.Errorf("Locate(%v) = %d, want %d", tt.path, got, tt.line)
		}
	}
	if got := Locate([]byte("[1, 2"), 5); got != 0 {
		t.Errorf("Locate in a broken document = %d, want 0", got)
	}
}

func TestDecodeJSON(t *testing.T) {
	var v struct {
		A []struct {
			N int `json:"n"`
		} `json:"a"`
	}
	tests := []struct{ data, want string }{
		{"", "f:1: the file is empty; expected things"},
		{"{\n\"a\": [\n{\"n\": 1},\n{\"n\": \"x\"}]}", "f:4: a.n: expected a number, not a JSON string"},
		{"{\n\"a\": [\n{\"n\": 1},\n", "f:4: the file is truncated: it ends inside a JSON value; expected things"},
		{"{\n\"a\": [\n{\"n\" 1}]}", "f:3: invalid JSON (invalid character '1' after object key); expected things"},
		{"[1]", "f:1: expected things, not a JSON array"},
	}
	for _, tt := range tests {
		err := DecodeJSON("f", []byte(tt.data), &v, "things")
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("DecodeJSON(%q):\n got  %v\n want %s", tt.data, err, tt.want)
		}
	}
}

func TestParseErrorForFrontEnds(t *testing.T) {
	err := error(Errorf("pd.json", 7, "created_at: expected an RFC 3339 time"))
	if err.Error() != "pd.json:7: created_at: expected an RFC 3339 time" {
		t.Errorf("Error() = %q", err)
	}
	if (&ParseError{Source: "export.zip", Err: errors.New("no channel")}).Error() != "export.zip: no channel" {
		t.Error("a ParseError without a line names only the file")
	}
	if hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid || hindsight.ErrorMessage(err) != err.Error() {
		t.Errorf("front ends see code %s and message %q", hindsight.ErrorCodeOf(err), hindsight.ErrorMessage(err))
	}
	wrapped := At("other", 3, err)
	if wrapped != err {
		t.Errorf("At must keep the innermost place, got %v", wrapped)
	}
	if At("x", 1, nil) != nil {
		t.Error("At(nil) must be nil")
	}
}
