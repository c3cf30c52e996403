package slack

import (
	"strings"

	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
)

// entities are the only three characters Slack escapes in message text.
var entities = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// plain turns Slack mrkdwn into the text people saw: <@U123> becomes
// @display-name, <#C123|general> #general, <https://x|label> "label
// (https://x)", <!here> @here, and &lt; &gt; &amp; their characters.
// Every user mentioned is recorded through identify, since the blameless
// checks need to know that the mention is a person.
func (ex *export) plain(text string, identify func(evidence.Identity)) string {
	if !strings.ContainsAny(text, "<&") {
		return strings.TrimSpace(text)
	}
	var b strings.Builder
	b.Grow(len(text))
	for {
		i := strings.IndexByte(text, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i:], '>')
		if j < 0 {
			break
		}
		b.WriteString(entities.Replace(text[:i]))
		b.WriteString(ex.token(entities.Replace(text[i+1:i+j]), identify))
		text = text[i+j+1:]
	}
	b.WriteString(entities.Replace(text))
	return strings.TrimSpace(b.String())
}

// token renders the inside of one <…> markup.
func (ex *export) token(tok string, identify func(evidence.Identity)) string {
	target, label, hasLabel := strings.Cut(tok, "|")
	switch {
	case strings.HasPrefix(target, "@"):
		id := target[1:]
		if u, ok := ex.users[id]; ok {
			ident := u.identity()
			identify(ident)
			return "@" + ident.Name
		}
		if hasLabel && label != "" {
			return "@" + strings.TrimPrefix(label, "@")
		}
		return "@" + id
	case strings.HasPrefix(target, "#"):
		if hasLabel && label != "" {
			return "#" + label
		}
		if name, ok := ex.channelNames[target[1:]]; ok {
			return "#" + name
		}
		return target
	case strings.HasPrefix(target, "!"):
		if hasLabel && label != "" {
			return label
		}
		name, _, _ := strings.Cut(target[1:], "^")
		return "@" + name
	case strings.HasPrefix(target, "mailto:"):
		return strings.TrimPrefix(target, "mailto:")
	case !hasLabel || label == "" || label == target ||
		label == strings.TrimPrefix(strings.TrimPrefix(target, "https://"), "http://"):
		return target
	default:
		return label + " (" + target + ")"
	}
}
