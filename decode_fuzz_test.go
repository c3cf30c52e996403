package hindsight_test

import (
	"os"
	"testing"

	"github.com/hindsight-sre/hindsight"
)

// FuzzDecodeIncident feeds arbitrary bytes to the export reader: it must
// never panic, every refusal must be a user-facing invalid error, and an
// accepted document must either validate or be refused by Validate with a
// user-facing error too.
func FuzzDecodeIncident(f *testing.F) {
	if doc, err := os.ReadFile("examples/checkout-latency/incident.json"); err == nil {
		f.Add(doc)
	}
	f.Add([]byte(`{"id": "a", "title": "t", "status": "draft"}`))
	f.Add([]byte(`{"id": "a", "title": "t", "factors": [{"id": "F1", "text": "x", "layer": "process", "causes": ["F1"]}]}`))
	f.Add([]byte(`{"id": "a"} {"id": "b"}`))
	f.Add([]byte(`{"id": "a", "title": "t", "factors": [{"id": "F1", "text": "x", "layer": "process"},
		{"id": "F2", "text": "y", "layer": "process", "causes": ["F1", "F3"]}, {"id": "F3", "text": "z", "layer": "process", "causes": ["F2"]}]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		inc, err := hindsight.DecodeIncident(doc)
		if err != nil {
			if hindsight.ErrorCodeOf(err) != hindsight.CodeInvalid {
				t.Fatalf("refusal is not an invalid error: %v", err)
			}
			return
		}
		if err := inc.Validate(hindsight.DefaultScale); err != nil && hindsight.ErrorCodeOf(err) == hindsight.CodeInternal {
			t.Fatalf("validation failed internally: %v", err)
		}
		inc.Chains() // the graph walk must terminate on whatever was accepted
	})
}
