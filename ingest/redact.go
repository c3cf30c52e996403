package ingest

import (
	"regexp"
	"strings"
)

// redaction is one kind of secret: a cheap test that must pass for the
// pattern to possibly match (so the common case, a text with no secret,
// costs a few substring scans and no regexp run), the pattern, and how a
// match is rewritten.
type redaction struct {
	maybe   func(s string) bool
	re      *regexp.Regexp
	replace func(m []string) string
}

// redactions run in order. Key=value pairs come first so that
// "token=xoxb-…" becomes "token=[REDACTED]" rather than keeping the key
// with a second marker after it.
var redactions = []redaction{
	{
		// PEM private keys, also when the END line was cut off.
		maybe:   func(s string) bool { return strings.Contains(s, "PRIVATE KEY-----") },
		re:      regexp.MustCompile(`(?s)-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\z)`),
		replace: func([]string) string { return "[REDACTED PRIVATE KEY]" },
	},
	{
		// key=value and key: value for the names secrets go by, including
		// prefixed ones (DB_PASSWORD=, GITHUB_TOKEN=, x-api-key:).
		maybe: func(s string) bool {
			return strings.ContainsAny(s, "=:") && (containsFold(s, "key") || containsFold(s, "token") ||
				containsFold(s, "secret") || containsFold(s, "passw") || containsFold(s, "pwd"))
		},
		re: regexp.MustCompile(`(?i)\b([a-z0-9_.-]*(?:api[_-]?key|apikey|access[_-]?key|secret[_-]?key|client[_-]?secret|private[_-]?key|auth[_-]?token|access[_-]?token|token|secret|password|passwd|pwd))(["']?)(\s*)([=:])(\s*)("[^"\n]*"|'[^'\n]*'|[^\s"'&,;=][^\s"'&,;]*)`),
		replace: func(m []string) string {
			key, quote, sep, value := m[1], m[2], m[4], m[6]
			lq, inner, rq := "", value, ""
			if len(value) >= 2 && (value[0] == '"' || value[0] == '\'') {
				lq, inner, rq = value[:1], value[1:len(value)-1], value[len(value)-1:]
			}
			switch {
			case inner == "":
				return m[0]
			case sep == ":" && quote == "" && lq == "" && !credentialLike(inner):
				// "password: reset in the console" is prose, not a secret.
				return m[0]
			case strings.HasPrefix(inner, "[REDACTED") || strings.HasPrefix(inner, "$") || strings.HasPrefix(inner, "<") || inner == "****":
				// Already masked, or a placeholder such as $TOKEN or <token>.
				return m[0]
			}
			return key + quote + m[3] + sep + m[5] + lq + "[REDACTED]" + rq
		},
	},
	{
		// Passwords in URLs: keep the user, hide the password.
		maybe: func(s string) bool { return strings.Contains(s, "://") && strings.Contains(s, "@") },
		re:    regexp.MustCompile(`\b([a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@]+):([^\s@/]+)@`),
		replace: func(m []string) string {
			if m[2] == "****" {
				return m[0]
			}
			return m[1] + ":****@"
		},
	},
	{
		maybe:   func(s string) bool { return strings.Contains(s, "xox") || strings.Contains(s, "xapp-") },
		re:      regexp.MustCompile(`\b(?:xox[abeoprs]-[0-9A-Za-z-]{10,}|xapp-\d-[0-9A-Za-z-]{10,})`),
		replace: func([]string) string { return "[REDACTED slack-token]" },
	},
	{
		maybe:   func(s string) bool { return strings.Contains(s, "hooks.slack.com/") },
		re:      regexp.MustCompile(`hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+`),
		replace: func([]string) string { return "hooks.slack.com/[REDACTED webhook]" },
	},
	{
		maybe:   func(s string) bool { return strings.Contains(s, "gh") && strings.Contains(s, "_") },
		re:      regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b`),
		replace: func([]string) string { return "[REDACTED github-token]" },
	},
	{
		maybe:   func(s string) bool { return strings.Contains(s, "AKIA") || strings.Contains(s, "ASIA") },
		re:      regexp.MustCompile(`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`),
		replace: func([]string) string { return "[REDACTED aws-key]" },
	},
	{
		maybe:   func(s string) bool { return strings.Contains(s, "eyJ") },
		re:      regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`),
		replace: func([]string) string { return "[REDACTED jwt]" },
	},
	{
		// Bearer tokens: long, and with a digit, so that "bearer of bad
		// news" stays as it is.
		maybe: func(s string) bool { return containsFold(s, "bearer") },
		re:    regexp.MustCompile(`(?i)\b(bearer\s+)([A-Za-z0-9\-._~+/]{16,}=*)`),
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
		if !r.maybe(text) {
			continue
		}
		text = r.re.ReplaceAllStringFunc(text, func(s string) string {
			return r.replace(r.re.FindStringSubmatch(s))
		})
	}
	return text
}

// containsFold reports whether s contains the lower-case ASCII word sub in
// any case, without allocating a lower-cased copy of s: it jumps between
// occurrences of sub's first letter, which IndexByte finds quickly.
func containsFold(s, sub string) bool {
	lo, up := sub[0], sub[0]-('a'-'A')
	for len(s) >= len(sub) {
		i := strings.IndexByte(s, lo)
		if j := strings.IndexByte(s, up); j >= 0 && (i < 0 || j < i) {
			i = j
		}
		if i < 0 || i+len(sub) > len(s) {
			return false
		}
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
		s = s[i+1:]
	}
	return false
}
