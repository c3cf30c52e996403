package slack

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
)

// message is the part of an exported Slack message the importer reads.
type message struct {
	Type     string `json:"type"`
	Subtype  string `json:"subtype"`
	User     string `json:"user"`
	BotID    string `json:"bot_id"`
	Username string `json:"username"`
	Text     string `json:"text"`
	TS       string `json:"ts"`
	ThreadTS string `json:"thread_ts"`
	Edited   *struct {
		User string `json:"user"`
		TS   string `json:"ts"`
	} `json:"edited"`
	UserProfile *struct {
		DisplayName string `json:"display_name"`
		RealName    string `json:"real_name"`
		Name        string `json:"name"`
	} `json:"user_profile"`
	BotProfile *struct {
		Name string `json:"name"`
	} `json:"bot_profile"`
	Files []struct {
		Name  string `json:"name"`
		Title string `json:"title"`
	} `json:"files"`
	Attachments []struct {
		Fallback string `json:"fallback"`
		Pretext  string `json:"pretext"`
		Title    string `json:"title"`
		Text     string `json:"text"`
	} `json:"attachments"`
	// Message is the new version of an edited message, on the
	// message_changed records some exports keep.
	Message *message `json:"message"`
}

// skipped are the subtypes that record no happening worth a timeline
// entry: people leaving, hidden bookkeeping and deletion markers. Joins
// are kept, as notes: in an incident channel they say when each responder
// was pulled in.
var skipped = map[string]bool{
	"channel_leave": true, "group_leave": true,
	"message_deleted": true, "tombstone": true, "message_replied": true,
}

// joins are the subtypes of someone joining a channel.
var joins = map[string]bool{"channel_join": true, "group_join": true}

// posted is one message with where it was read, for refs and errors.
type posted struct {
	msg     message
	channel string
	file    string
	data    []byte
	index   int
	at      time.Time
}

// decodeDay decodes one day file: a JSON array of messages.
func (ex *export) decodeDay(ch, file string, data []byte) ([]*posted, error) {
	var msgs []message
	if err := evidence.DecodeJSON(file, data, &msgs, "a JSON array of Slack messages"); err != nil {
		return nil, err
	}
	out := make([]*posted, 0, len(msgs))
	for i := range msgs {
		p := &posted{msg: msgs[i], channel: ch, file: file, data: data, index: i}
		if p.msg.Subtype == "message_changed" && p.msg.Message != nil {
			// The edit record is dated when the edit happened; what it
			// changes is the message at Message.TS.
			p.msg.TS = p.msg.Message.TS
		}
		at, err := parseTS(p.msg.TS)
		if err != nil {
			return nil, evidence.Errorf(file, evidence.Locate(data, i), "message %d: ts: %v", i+1, err)
		}
		p.at = at
		out = append(out, p)
	}
	return out, nil
}

// parseTS reads a Slack ts ("1355517523.000005") as exact microseconds;
// a float64 would round them.
func parseTS(ts string) (time.Time, error) {
	sec, frac, _ := strings.Cut(ts, ".")
	if len(sec) == 0 || len(sec) > 12 || len(frac) > 9 {
		return time.Time{}, fmt.Errorf("expected epoch seconds with microseconds such as \"1714564984.123456\", got %q", ts)
	}
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || s <= 0 {
		return time.Time{}, fmt.Errorf("expected epoch seconds with microseconds such as \"1714564984.123456\", got %q", ts)
	}
	var ns int64
	if frac != "" {
		n, err := strconv.ParseInt(frac, 10, 64)
		if err != nil || n < 0 {
			return time.Time{}, fmt.Errorf("expected epoch seconds with microseconds such as \"1714564984.123456\", got %q", ts)
		}
		for i := len(frac); i < 9; i++ {
			n *= 10
		}
		ns = n
	}
	return time.Unix(s, ns).UTC(), nil
}

// events turns the messages of the chosen channels into events.
func (ex *export) events(msgs []*posted) (evidence.Batch, error) {
	var b evidence.Batch
	// Edits first: the latest version of each message wins, whatever
	// order the records came in.
	type edit struct {
		text string
		at   string
	}
	edits := map[string]edit{}
	for _, p := range msgs {
		if p.msg.Subtype == "message_changed" && p.msg.Message != nil {
			key := p.channel + "/" + p.msg.TS
			at := ""
			if p.msg.Message.Edited != nil {
				at = p.msg.Message.Edited.TS
			}
			if old, ok := edits[key]; !ok || at >= old.at {
				edits[key] = edit{text: p.msg.Message.Text, at: at}
			}
		}
	}
	// Parents of threads, to name them in replies.
	parents := make(map[string]*posted, len(msgs)/4)
	for _, p := range msgs {
		if p.msg.ThreadTS != "" && p.msg.ThreadTS == p.msg.TS {
			parents[p.channel+"/"+p.msg.TS] = p
		}
	}
	seen := map[evidence.Identity]bool{}
	identify := func(id evidence.Identity) {
		if !seen[id] {
			seen[id] = true
			b.Identities = append(b.Identities, id)
		}
	}
	// Names and thread prefixes repeat across thousands of messages;
	// work them out once.
	authors := map[string]string{}
	prefixes := map[string]string{}
	b.Events = make([]hindsight.Event, 0, len(msgs))
	for _, p := range msgs {
		m := &p.msg
		if skipped[m.Subtype] || m.Subtype == "message_changed" {
			continue
		}
		ref := p.channel + "/" + m.TS
		raw := m.Text
		edited := m.Edited != nil
		if e, ok := edits[ref]; ok {
			raw, edited = e.text, true
		}
		text := ex.plain(raw, identify)
		if extra := m.extraText(); extra != "" {
			text = strings.TrimSpace(text + " " + ex.plain(extra, identify))
		}
		if text == "" {
			b.Warn(evidence.RuleSkipped, p.file, evidence.Locate(p.data, p.index), "message %s has no text, files or attachments; skipped", m.TS)
			continue
		}
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			key := p.channel + "/" + m.ThreadTS
			prefix, ok := prefixes[key]
			if !ok {
				prefix = ex.replyPrefix(parents[key], m.ThreadTS)
				prefixes[key] = prefix
			}
			text = prefix + text
		}
		actor, ok := authors[m.User]
		if !ok {
			actor = ex.author(m, identify)
			// Only users.json names are the same on every message; a
			// message's own profile copy may differ from the next one's.
			if _, known := ex.users[m.User]; known && m.Subtype != "bot_message" {
				authors[m.User] = actor
			}
		}
		e := hindsight.Event{
			Time: p.at, TimeText: m.TS, Zone: "UTC",
			Source: Name, Ref: ref, Kind: hindsight.KindMessage,
			Actor: actor, Text: text,
		}
		if edited {
			e.Flags = append(e.Flags, evidence.FlagEdited)
		}
		if joins[m.Subtype] {
			e.Kind = hindsight.KindNote
		}
		b.Events = append(b.Events, e)
	}
	return b, nil
}

// extraText is what a message shows besides its text: attachments (how
// integrations such as alerting bots post) and shared files.
func (m *message) extraText() string {
	var parts []string
	for _, a := range m.Attachments {
		switch {
		case a.Fallback != "":
			parts = append(parts, a.Fallback)
		case a.Title != "" || a.Text != "":
			parts = append(parts, strings.TrimSpace(strings.Join([]string{a.Pretext, a.Title, a.Text}, " ")))
		}
	}
	for _, f := range m.Files {
		name := f.Title
		if name == "" {
			name = f.Name
		}
		if name != "" {
			parts = append(parts, "[file: "+name+"]")
		}
	}
	return strings.Join(parts, " ")
}

// author resolves who posted a message and records their identity.
func (ex *export) author(m *message, identify func(evidence.Identity)) string {
	if m.Subtype == "bot_message" || (m.User == "" && m.BotID != "") {
		name := m.Username
		if name == "" && m.BotProfile != nil {
			name = m.BotProfile.Name
		}
		if name == "" {
			name = m.BotID
		}
		if name == "" {
			name = "bot"
		}
		identify(evidence.Identity{Source: Name, Handle: m.BotID, Name: name, Bot: true})
		return name
	}
	if u, ok := ex.users[m.User]; ok {
		id := u.identity()
		identify(id)
		return id.Name
	}
	if m.User == "" {
		return ""
	}
	// A user missing from users.json (a guest, or a day file read on its
	// own): the message's own profile copy is the next best name.
	id := evidence.Identity{Source: Name, Handle: m.User, Name: m.User}
	if pr := m.UserProfile; pr != nil {
		id.Handle = cmp.Or(pr.Name, m.User)
		id.Name = cmp.Or(pr.DisplayName, pr.RealName, pr.Name, m.User)
		id.RealName = pr.RealName
	}
	identify(id)
	return id.Name
}

// replyPrefix names the thread a reply belongs to, by its first words,
// so that a reader of the merged timeline can follow the conversation.
func (ex *export) replyPrefix(parent *posted, threadTS string) string {
	if parent == nil {
		return "[reply in thread " + threadTS + "] "
	}
	text := ex.plain(parent.msg.Text, func(evidence.Identity) {})
	if text == "" {
		return "[reply in thread " + threadTS + "] "
	}
	return "[re: " + snippet(text, 48) + "] "
}

// snippet shortens s to at most n runes on one line.
func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n])) + "…"
}
