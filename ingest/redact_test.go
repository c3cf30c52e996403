package ingest

import "testing"

func TestRedact(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"slack bot token", "set SLACK=xoxb-1234567890-abcdefghij now", "set SLACK=[REDACTED slack-token] now"},
		{"token= slack token", "token=xoxb-1234567890-abcdefghij", "token=[REDACTED]"},
		{"slack token alone", "the token xoxp-1234567890-0987654321-abcdef leaked", "the token [REDACTED slack-token] leaked"},
		{"slack app token", "xapp-1-A0123456789-abcdefghijkl", "[REDACTED slack-token]"},
		{"slack webhook", "posting to https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX failed", "posting to https://hooks.slack.com/[REDACTED webhook] failed"},
		{"github classic", "ghp_0123456789abcdefghijABCDEFGHIJ012345 in the log", "[REDACTED github-token] in the log"},
		{"github fine-grained", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "[REDACTED github-token]"},
		{"aws key id", "key AKIAIOSFODNN7EXAMPLE used", "key [REDACTED aws-key] used"},
		{"jwt", "cookie eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok", "cookie [REDACTED jwt] ok"},
		{"bearer", "curl -H 'Authorization: Bearer abcDEF123456ghiJKL789' https://api", "curl -H 'Authorization: Bearer [REDACTED]' https://api"},
		{"api_key=", "GET /v1?api_key=abc123&user=7", "GET /v1?api_key=[REDACTED]&user=7"},
		{"password=", "DB_PASSWORD=hunter2 ./run", "DB_PASSWORD=[REDACTED] ./run"},
		{"secret: credential", "client_secret: 9f8e7d6c5b4a", "client_secret: [REDACTED]"},
		{"json password", `{"password": "correct horse"}`, `{"password": "[REDACTED]"}`},
		{"quoted prose", `secret: "the plan"`, `secret: "[REDACTED]"`},
		{"token=", "token=abcdef", "token=[REDACTED]"},
		{"url password", "connect to postgres://app:s3cret@db-1:5432/app", "connect to postgres://app:****@db-1:5432/app"},
		{"pem key", "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----\nthanks", "key:\n[REDACTED PRIVATE KEY]\nthanks"},
		{"pem key cut off", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA", "[REDACTED PRIVATE KEY]"},
		// Negative cases: words and shapes that are not secrets stay.
		{"prose password", "password: reset it in the console", "password: reset it in the console"},
		{"prose token", "the token bucket refilled", "the token bucket refilled"},
		{"bearer of news", "bearer of bad news everywhere", "bearer of bad news everywhere"},
		{"comparison", "if token == nil { retry }", "if token == nil { retry }"},
		{"placeholder", "export GITHUB_TOKEN=$GITHUB_TOKEN", "export GITHUB_TOKEN=$GITHUB_TOKEN"},
		{"url without password", "see https://grafana.example.com:3000/d/db", "see https://grafana.example.com:3000/d/db"},
		{"url user only", "ssh://git@github.com/acme/api", "ssh://git@github.com/acme/api"},
		{"short gh", "ghp_short is not a token", "ghp_short is not a token"},
		{"public key", "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----", "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----"},
		{"plain", "rolled back deploy 42", "rolled back deploy 42"},
		{"already masked", "postgres://app:****@db", "postgres://app:****@db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
			if again := Redact(Redact(tt.in)); again != tt.want {
				t.Errorf("Redact is not idempotent: %q", again)
			}
		})
	}
}

func BenchmarkRedactClean(b *testing.B) {
	msg := "replica promoted & lag is 0, see the DB dashboard (https://grafana.example.com/d/db) — thanks all"
	for b.Loop() {
		Redact(msg)
	}
}
