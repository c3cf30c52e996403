package ingest

import (
	"regexp"
	"strings"
)

// redaction is one kind of secret: the literal strings that must occur in
// a text for the pattern to possibly match (so the common case, a text
// with no secret, costs a few substring scans and no regexp run), the
// pattern, and how a match is rewritten.
type redaction struct {
	needles []string
	re      *regexp.Regexp
	replace func(m []string) string
}

// redactions run in order. Key=value pairs come first so that
// "token=xoxb-…" becomes "token=[REDACTED]" rather than keeping the key
// with a second marker after it.
var redactions = []redaction{
	{
		// PEM private keys, also when the END line was cut off.
		needles: []string{"PRIVATE KEY-----"},
		re:      regexp.MustCompile(`(?s)-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\z)`),
		replace: func([]string) string { return "[REDACTED PRIVATE KEY]" },
	},
	{
		// key=value and key: value for the names secrets go by, including
		// prefixed ones (DB_PASSWORD=, GITHUB_TOKEN=, x-api-key:).
		needles: []string{"=", ":"},
		re:      regexp.MustCompile(`(?i)\b([a-z0-9_.-]*(?:api[_-]?key|apikey|access[_-]?key|secret[_-]?key|client[_-]?secret|private[_-]?key|auth[_-]?token|access[_-]?token|token|secret|password|passwd|pwd))(["']?)(\s*)([=:])(\s*)(["']?)([^\s"'&,;=][^\s"'&,;]*)`),
		replace: func(m []string) string {
			key, quote, sep, value := m[1], m[2], m[4], m[7]
			if sep == ":" && quote == "" && !credentialLike(value) {
				// "password: reset in the console" is prose, not a secret.
				return m[0]
			}
			if strings.HasPrefix(value, "[REDACTED") || strings.HasPrefix(value, "$") || strings.HasPrefix(value, "<") {
				// Already masked, or a placeholder such as $TOKEN or <token>.
				return m[0]
			}
			return key + quote + m[3] + sep + m[5] + m[6] + "[REDACTED]"
		},
	},
	{
		// Passwords in URLs: keep the user, hide the password.
		needles: []string{"://"},
		re:      regexp.MustCompile(`\b([a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@]+):([^\s@/]+)@`),
		replace: func(m []string) string {
			if m[2] == "****" {
				return m[0]
			}
			return m[1] + ":****@"
		},
	},
	{
		needles: []string{"xox", "xapp-"},
		re:      regexp.MustCompile(`\b(?:xox[abeoprs]-[0-9A-Za-z-]{10,}|xapp-\d-[0-9A-Za-z-]{10,})`),
		replace: func([]string) string { return "[REDACTED slack-token]" },
	},
	{
		needles: []string{"hooks.slack.com/"},
		re:      regexp.MustCompile(`hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+`),
		replace: func([]string) string { return "hooks.slack.com/[REDACTED webhook]" },
	},
	{
		needles: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"},
		re:      regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b`),
		replace: func([]string) string { return "[REDACTED github-token]" },
	},
	{
		needles: []string{"AKIA", "ASIA"},
		re:      regexp.MustCompile(`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`),
		replace: func([]string) string { return "[REDACTED aws-key]" },
	},
	{
		needles: []string{"eyJ"},
		re:      regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`),
		replace: func([]string) string { return "[REDACTED jwt]" },
	},
	{
		// Bearer tokens: long, and with a digit, so that "bearer of bad
		// news" stays as it is.
		needles: []string{"earer", "EARER"},
		re:      regexp.MustCompile(`(?i)\b(bearer\s+)([A-Za-z0-9\-._~+/]{16,}=*)`),
		replace: func(m []string) string {
			if !strings.ContainsAny(m[2], "0123456789") {
				return m[0]
			}
			return m[1] + "[REDACTED]"
		},
	},
}

// credentialLike reports whether a value after "key:" looks like a secret
// rather than a word of prose: long, or holding a digit or a symbol.
func credentialLike(v string) bool {
	if len(v) >= 20 {
		return true
	}
	if len(v) < 6 {
		return false
	}
	return strings.ContainsFunc(v, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	})
}

// Redact replaces secrets in text with markers such as [REDACTED] or
// [REDACTED github-token]: API tokens (Slack, GitHub, AWS key ids, JWTs,
// Bearer tokens), values of key=value pairs named like secrets, passwords
// in URLs (user:****@host) and PEM private keys. Evidence is pasted into
// reports that many people read; a token in a chat log must not travel on.
func Redact(text string) string {
	for _, r := range redactions {
		if !containsAny(text, r.needles) {
			continue
		}
		text = r.re.ReplaceAllStringFunc(text, func(s string) string {
			return r.replace(r.re.FindStringSubmatch(s))
		})
	}
	return text
}

func containsAny(s string, needles []string) bool {
	for _, n := range needles {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}
