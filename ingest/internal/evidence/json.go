package evidence

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// DecodeJSON unmarshals a whole JSON document into v. On failure it returns
// a *ParseError that points at the line of the offending byte and says what
// the file was expected to hold (what, e.g. "a PagerDuty log_entries
// object"), and it says so plainly when the file is cut short.
func DecodeJSON(source string, data []byte, v any, what string) error {
	body := bytes.TrimSpace(data)
	if len(body) == 0 {
		return Errorf(source, 1, "the file is empty; expected %s", what)
	}
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	return JSONError(source, data, err, what)
}

// JSONError turns an encoding/json error about data into a *ParseError
// with a line number.
func JSONError(source string, data []byte, err error, what string) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		if strings.Contains(syn.Error(), "unexpected end of JSON input") {
			return Errorf(source, LineAt(data, int64(len(data))), "the file is truncated: it ends inside a JSON value; expected %s", what)
		}
		return Errorf(source, LineAt(data, syn.Offset-1), "invalid JSON (%v); expected %s", syn, what)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return Errorf(source, LineAt(data, typ.Offset), "expected %s, not a JSON %s", what, typ.Value)
		}
		return Errorf(source, LineAt(data, typ.Offset), "%s: expected a %s, not a JSON %s", field, jsonKind(typ.Type.Kind().String()), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Errorf(source, LineAt(data, int64(len(data))), "the file is truncated: it ends inside a JSON value; expected %s", what)
	}
	return Errorf(source, 0, "%v; expected %s", err, what)
}

// jsonKind names a Go kind the way a JSON reader thinks of it.
func jsonKind(k string) string {
	switch k {
	case "string":
		return "string"
	case "slice", "array":
		return "array"
	case "map", "struct":
		return "object"
	case "bool":
		return "boolean"
	default:
		return "number"
	}
}

// LineAt returns the 1-based line number of byte offset off in data.
func LineAt(data []byte, off int64) int {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return 1 + bytes.Count(data[:off], []byte{'\n'})
}

// Locate returns the line on which the value at path starts, where path
// holds object keys (string) and array indexes (int): Locate(data,
// "log_entries", 3) is the line of the fourth log entry. It returns 0 when
// the path is not there. It re-reads the document, so it is meant for the
// error path only: importers unmarshal whole files for speed and call
// Locate only to say where a value they rejected was.
func Locate(data []byte, path ...any) int {
	dec := json.NewDecoder(bytes.NewReader(data))
	off, ok := locate(dec, path)
	if !ok {
		return 0
	}
	for int(off) < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return LineAt(data, off)
}

func locate(dec *json.Decoder, path []any) (int64, bool) {
	if len(path) == 0 {
		return dec.InputOffset(), true
	}
	tok, err := dec.Token()
	if err != nil {
		return 0, false
	}
	switch want := path[0].(type) {
	case string:
		if tok != json.Delim('{') {
			return 0, false
		}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return 0, false
			}
			if k == want {
				return locate(dec, path[1:])
			}
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return 0, false
			}
		}
	case int:
		if tok != json.Delim('[') {
			return 0, false
		}
		for i := 0; dec.More(); i++ {
			if i == want {
				return locate(dec, path[1:])
			}
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return 0, false
			}
		}
	default:
		panic(fmt.Sprintf("evidence.Locate: path element %T is neither a key nor an index", want))
	}
	return 0, false
}
