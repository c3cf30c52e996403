package ingest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hindsight-sre/hindsight"
)

// FuzzReadRoster: any bytes either fail with a user-facing error or give a
// roster whose every person has a role.
func FuzzReadRoster(f *testing.F) {
	f.Add([]byte("handle,name,role\nana.souza,Ana Souza,incident commander\n"))
	f.Add([]byte("role,handle\n\"on-call, payments\",@mk\n"))
	f.Add([]byte("handle,name,role,aliases\nmk,Marek K,SRE,Marek;MK\n\n"))
	f.Add([]byte("handle,name\nx,y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		people, err := ReadRoster(bytes.NewReader(data))
		if err != nil {
			if hindsight.ErrorCodeOf(err) == hindsight.CodeInternal && !strings.Contains(err.Error(), "roster") {
				t.Fatalf("unhelpful error: %v", err)
			}
			return
		}
		for _, p := range people {
			if strings.TrimSpace(p.Role) == "" {
				t.Fatalf("person without a role accepted: %+v", p)
			}
		}
	})
}

// FuzzSniff: sniffing never panics and always names a known format or none.
func FuzzSniff(f *testing.F) {
	f.Add("alerts.json", []byte(`{"version":"4","status":"firing","alerts":[]}`))
	f.Add("notes.txt", []byte("All times CEST\n13:02 paged the on-call engineer\n"))
	f.Add("app.log", []byte("2026-10-14T10:38:12.391Z ERROR [checkout-api] pool: timed out\n"))
	f.Add("x", []byte{0xff, 0xfe, 0})
	known := map[string]bool{"": true}
	for _, n := range FormatNames() {
		known[n] = true
	}
	f.Fuzz(func(t *testing.T, name string, head []byte) {
		if got := Sniff(name, head); !known[got] {
			t.Fatalf("Sniff(%q) = %q, not a format", name, got)
		}
	})
}

// FuzzRedact: redaction never panics and is idempotent, so redacting an
// already redacted timeline changes nothing.
func FuzzRedact(f *testing.F) {
	f.Add("token=xoxb-123456789012-abcdefghijkl and postgres://app:s3cret@db:5432/x")
	f.Add("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----")
	f.Add("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig")
	f.Fuzz(func(t *testing.T, s string) {
		once := Redact(s)
		if twice := Redact(once); twice != once {
			t.Fatalf("not idempotent:\n%q\n%q", once, twice)
		}
	})
}
