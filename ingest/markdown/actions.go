package markdown

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hindsight-sre/hindsight"
)

// Action items are read from the sections that hold them. A document with
// a proper action-item section ("Action items", "Corrective actions",
// "Remediation", …) is read from those alone; weaker wordings ("Takeaways",
// "Call to action", a closing "Actions" checklist) count only when there is
// nothing better. Inside those sections a table wins over lists (the lists
// next to an action table explain its columns), lists win over prose (the
// prose introduces the list), and prose is read sentence by sentence only
// when the document has no list at all.

// actionDraft is an action item before it is added to the incident.
type actionDraft struct {
	a    hindsight.ActionItem
	line int
}

func (p *parser) readActions() {
	var strong, weak []*section
	p.o.root.walk(func(s *section) {
		switch s.kind {
		case kindActions:
			strong = append(strong, s)
		case kindActionsWeak:
			weak = append(weak, s)
		}
	})
	chosen := strong
	if len(chosen) == 0 {
		chosen = weak
	}
	if len(chosen) == 0 {
		p.actionsOutsideSections()
		return
	}
	hasList := false
	for _, s := range chosen {
		for _, b := range s.blocks {
			if b.kind == bList || b.kind == bTable && !p.isKeyValue(b) {
				hasList = true
			}
		}
	}
	var drafts []actionDraft
	prose := 0
	for _, s := range chosen {
		if hasList {
			drafts = append(drafts, p.listActions(s)...)
		} else {
			d := p.proseActions(s)
			prose += len(d)
			drafts = append(drafts, d...)
		}
	}
	if prose > 0 {
		p.find("prose-actions", hindsight.FindingInfo, "actions", chosen[0].line,
			fmt.Sprintf("the action items are written as prose; %d were read from its sentences", prose),
			"write action items as a list, one item per line, each starting with a verb")
	}
	p.addActions(drafts)
}

func (p *parser) isKeyValue(b *block) bool {
	if len(b.rows) == 0 {
		return false
	}
	rows := b.rows
	if strings.TrimSpace(rows[0][0].text) == "" {
		rows = rows[1:]
	}
	known := 0
	for _, r := range rows {
		if len(r) != 2 {
			return false
		}
		if k, _, exact := classifyTitle(r[0].text); k != kindUnknown && exact {
			known++
		}
	}
	return known > 0 && 2*known >= len(rows)
}

// listActions reads the lists and tables of one section.
func (p *parser) listActions(s *section) []actionDraft {
	var out []actionDraft
	ctx := actionCtx{status: s.hint, category: categoryFromTitle(s.title), tracker: trackerLink(s.links)}
	for _, b := range s.blocks {
		if b.kind == bTable && !p.isKeyValue(b) {
			out = append(out, p.tableActions(b, ctx)...)
		}
	}
	if len(out) > 0 {
		return out
	}
	// Loose details: "1. **Title**" then an unindented bullet list, then
	// "2. **Title**". The numbering continues across the bullets, so they
	// belong to the item before them rather than being items of their own;
	// once a section writes its items that way, every bullet list after a
	// numbered item is such a detail list.
	loose := false
	end := 0
	for _, b := range s.blocks {
		if b.kind == bList && b.ordered {
			if end > 1 && b.start == end {
				loose = true
			}
			end = b.start + len(b.items)
		}
	}
	var last *actionDraft
	for _, b := range s.blocks {
		if b.kind != bList {
			continue
		}
		if !b.ordered && last != nil && loose {
			b.used = true
			continue
		}
		for _, it := range b.items {
			if d, ok := p.itemAction(it, ctx); ok {
				out = append(out, d)
				last = &out[len(out)-1]
			}
		}
		b.used = true
	}
	return out
}

// actionCtx is what a section says about all its items.
type actionCtx struct {
	status   string
	category hindsight.Category
	tracker  string
}

var (
	reTaskBox  = regexp.MustCompile(`^\[( |x|X|)\]\s*`)
	rePriority = regexp.MustCompile(`(?i)^(?:\[?(P[0-4])\]?|(critical|urgent|high|medium|med|low))\s*[:\-–]?\s+`)
	reDoneMark = regexp.MustCompile(`(?i:\((?:done|completed?|fixed)\)|(?:^|[.;:]\s*)done(?: in\b|$)|\b(?:done|completed)\.?\s*$)|\bDONE\b|✅|✔`)
	// reDonePast finds items written as already done: "The action has been
	// disabled", "We enabled branch protection", "Switched to pnpm 10".
	reDonePast   = regexp.MustCompile(`\b(?:has|have) been \w+(?:ed|en)\b|^We(?:'ve| have)?\s+(?:\w+ly\s+)?\w{3,}ed\b|^[A-Z][a-z]+(?:-[a-z]+)?ed\s+(?:the|a|an|our|to|in|on|from|off|up|out|all|it|them|this|that|its)\b`)
	reProgress   = regexp.MustCompile(`(?i)\b(?:PR exists|in progress|in-progress|wip|ongoing|underway)\b`)
	reWontDo     = regexp.MustCompile(`(?i)\b(?:won't do|wont do|wontfix|won't fix|rejected|declined|not planned|cancell?ed)\b`)
	reOwner      = regexp.MustCompile(`(?i)\b(?:owner|assignee|assigned to)\s*:\s*([^;,()\]]{2,40}?)\s*(?:[;,)\]]|$)`)
	reDue        = regexp.MustCompile(`(?i)\b(?:due|by|deadline|target)\s*(?:date)?\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b`)
	reTrackerURL = regexp.MustCompile(`(?i)/(?:issues|pull|pulls|merge_requests|browse|ticket|tickets)/|linear\.app/|jira|/-/issues/|/tasks?/`)
	reTrackerTxt = regexp.MustCompile(`(?i)^(?:#?\d+|issue|issues|pr|pull request|ticket|bug|link|jira|[a-z]+-\d+|pr #?\d+|issue #?\d+|.*issue here.*|link to github issue|follow along here)$`)
	// reTicketOnly: "Created a ticket to migrate …" records the ticket, not
	// the work, so the item stays open.
	reTicketOnly = regexp.MustCompile(`(?i)^(?:created|opened|filed|raised) (?:a|an) (?:ticket|issue|bug|jira)`)
	reEmptyParen = regexp.MustCompile(`\(\s*(?:see|see also|cf\.?)?\s*\)`)
	reGenericRef = regexp.MustCompile(`(?i)\s*[\[(]?(?:issue|pr|ticket|link to github issue|see issue here|issue here|issue for information gathering here|see here for an issue)[\])]?\.?\s*$`)
)

// itemAction reads one list item as an action.
func (p *parser) itemAction(it *item, ctx actionCtx) (actionDraft, bool) {
	if len(it.lines) == 0 {
		return actionDraft{}, false
	}
	title := titledText(it.lines)
	links := allLinks(it.lines)
	a := hindsight.ActionItem{Status: hindsight.ActionOpen, Category: ctx.category}
	if it.checked != nil {
		if *it.checked {
			a.Status = hindsight.ActionDone
		}
	} else if m := reTaskBox.FindStringSubmatch(title); m != nil {
		// "- []" and "- [x]" that goldmark did not take as task boxes.
		if strings.EqualFold(m[1], "x") {
			a.Status = hindsight.ActionDone
		}
		title = title[len(m[0]):]
	}
	if pri, rest, ok := priorityPrefix(it.lines[0].strong, title); ok {
		a.Priority, title = pri, rest
	}
	var details []string
	for _, c := range it.children {
		switch c.kind {
		case bList:
			details = append(details, listText(c.items)...)
			links = append(links, allLinksOfItems(c.items)...)
		case bPara:
			details = append(details, joinText(c.lines))
			links = append(links, allLinks(c.lines)...)
		}
	}
	text := title
	if len(details) > 0 {
		text += " (" + strings.Join(details, "; ") + ")"
	}
	return p.finishAction(a, text, links, ctx, it.line)
}

// titledText joins a bold title line with the text under it: "Root cause
// discovery: We identified …".
func titledText(lines []pline) string {
	if len(lines) >= 2 && lines[0].strong != "" && strings.TrimSpace(lines[0].text) == strings.TrimSpace(lines[0].strong) {
		return strings.TrimRight(lines[0].text, ":") + ": " + joinText(lines[1:])
	}
	return joinText(lines)
}

func allLinksOfItems(items []*item) []link {
	var out []link
	for _, it := range items {
		out = append(out, allLinks(it.lines)...)
		for _, c := range it.children {
			if c.kind == bList {
				out = append(out, allLinksOfItems(c.items)...)
			}
		}
	}
	return out
}

// priorityPrefix reads a leading priority: "**HIGH** Include …", "P1: …".
func priorityPrefix(strong, title string) (hindsight.Priority, string, bool) {
	m := rePriority.FindStringSubmatch(title + " ")
	if m == nil {
		return "", title, false
	}
	word := strings.ToLower(m[1] + m[2])
	if m[2] != "" && !strings.EqualFold(strings.TrimSpace(strong), m[2]) && m[2] != strings.ToUpper(m[2]) {
		// "High availability for …" is a title, not a priority: the word
		// must be bold or shouted.
		return "", title, false
	}
	rest := strings.TrimSpace((title + " ")[len(m[0]):])
	return mapPriority(word), rest, rest != ""
}

func mapPriority(v string) hindsight.Priority {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "p0", "critical", "urgent", "highest", "blocker":
		return hindsight.P0
	case "p1", "high":
		return hindsight.P1
	case "p2", "medium", "med", "normal":
		return hindsight.P2
	case "p3", "p4", "low", "lowest":
		return hindsight.P3
	}
	return ""
}

// finishAction fills status, tracker, owner, due date and category from the
// text, and cleans the title.
func (p *parser) finishAction(a hindsight.ActionItem, text string, links []link, ctx actionCtx, line int) (actionDraft, bool) {
	if a.Status == hindsight.ActionOpen || a.Status == "" {
		switch {
		case reWontDo.MatchString(text):
			a.Status = hindsight.ActionWontDo
		case reDoneMark.MatchString(text), reDonePast.MatchString(normQuotes(text)) && !reCommit.MatchString(text) && !reTicketOnly.MatchString(text):
			a.Status = hindsight.ActionDone
		case reProgress.MatchString(text):
			a.Status = hindsight.ActionInProgress
		case ctx.status == "done":
			a.Status = hindsight.ActionDone
		case ctx.status == "in-progress":
			a.Status = hindsight.ActionInProgress
		default:
			a.Status = hindsight.ActionOpen
		}
	}
	if a.Tracker == "" {
		a.Tracker = trackerLink(links)
	}
	if a.Tracker == "" {
		a.Tracker = ctx.tracker
	}
	if a.Owner == "" {
		if m := reOwner.FindStringSubmatch(text); m != nil {
			a.Owner = strings.TrimSpace(m[1])
		}
	}
	if a.Due == "" {
		if m := reDue.FindStringSubmatch(text); m != nil && validDay(m[1]) {
			a.Due = m[1]
		}
	}
	if strings.Contains(text, "{{") {
		p.findOnce("actions", "template-leftover", hindsight.FindingWarning, "actions", line,
			"action items still hold template placeholders ({{ … }})", "replace the placeholders with the real items, or delete them")
	}
	title := strings.NewReplacer("{{", "", "}}", "").Replace(text)
	if a.Tracker != "" {
		title = strings.Replace(title, a.Tracker, "", 1)
		title = strings.ReplaceAll(title, "<>", "")
	}
	title = reEmptyParen.ReplaceAllString(title, "")
	title = reGenericRef.ReplaceAllString(collapseSpace(title), "")
	title = strings.Trim(collapseSpace(title), " -–—:;,")
	title = strings.TrimSuffix(strings.TrimSuffix(title, "(done)"), "(Done)")
	title = strings.TrimSpace(title)
	if title == "" {
		return actionDraft{}, false
	}
	a.Title = title
	if a.Category == "" {
		a.Category = inferCategory(title)
	}
	return actionDraft{a: a, line: line}, true
}

// trackerLink picks the link that names the ticket carrying the work.
func trackerLink(links []link) string {
	for _, l := range links {
		if reTrackerURL.MatchString(l.url) || reTrackerTxt.MatchString(strings.TrimSpace(l.text)) {
			return l.url
		}
	}
	return ""
}

var (
	reColTitle    = regexp.MustCompile(`(?i)\b(?:action|actions|item|task|title|description|what|todo|follow|remediation|improvement)`)
	reColOwner    = regexp.MustCompile(`(?i)\b(?:owner|assignee|who|responsible|team|dri)\b`)
	reColStatus   = regexp.MustCompile(`(?i)\b(?:status|state|done|progress)\b`)
	reColPriority = regexp.MustCompile(`(?i)\b(?:priority|pri|prio|urgency|severity)\b`)
	reColCategory = regexp.MustCompile(`(?i)\b(?:type|category|kind|class)\b`)
	reColTracker  = regexp.MustCompile(`(?i)\b(?:bug|issue|ticket|tracker|link|jira|pr|url|reference|ref)\b`)
	reColDue      = regexp.MustCompile(`(?i)\b(?:due|deadline|target|eta|by when)\b`)
)

// tableActions reads an action-item table.
func (p *parser) tableActions(b *block, ctx actionCtx) []actionDraft {
	if len(b.rows) < 2 {
		return nil
	}
	head := b.rows[0]
	col := func(re *regexp.Regexp, not ...int) int {
		for i, h := range head {
			skip := false
			for _, n := range not {
				skip = skip || n == i
			}
			if !skip && re.MatchString(h.text) {
				return i
			}
		}
		return -1
	}
	title := col(reColTitle)
	if title < 0 {
		title = 0
	}
	owner, status := col(reColOwner, title), col(reColStatus, title)
	priority, category := col(reColPriority, title), col(reColCategory, title)
	tracker, due := col(reColTracker, title), col(reColDue, title)
	get := func(row []cell, i int) cell {
		if i < 0 || i >= len(row) {
			return cell{}
		}
		return row[i]
	}
	var out []actionDraft
	for _, row := range b.rows[1:] {
		t := get(row, title)
		if strings.TrimSpace(t.text) == "" {
			continue
		}
		a := hindsight.ActionItem{Status: hindsight.ActionOpen, Category: ctx.category}
		a.Owner = get(row, owner).text
		if v := get(row, status).text; v != "" {
			a.Status = mapStatus(v)
		}
		a.Priority = mapPriority(get(row, priority).text)
		if c := mapCategory(get(row, category).text); c != "" {
			a.Category = c
		}
		links := append([]link(nil), t.links...)
		tr := get(row, tracker)
		links = append(tr.links, links...)
		if a.Tracker = trackerLink(tr.links); a.Tracker == "" && len(tr.links) > 0 {
			a.Tracker = tr.links[0].url
		}
		if a.Tracker == "" && tr.text != "" {
			a.Tracker = tr.text
		}
		if v := get(row, due).text; validDay(v) {
			a.Due = v
		}
		c := ctx
		if a.Status != hindsight.ActionOpen {
			c.status = ""
		}
		if d, ok := p.finishAction(a, t.text, links, c, b.line); ok {
			out = append(out, d)
		}
	}
	b.used = true
	return out
}

func mapStatus(v string) hindsight.ActionStatus {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case reWontDo.MatchString(v):
		return hindsight.ActionWontDo
	case regexp.MustCompile(`^(?:done|complete|completed|closed|fixed|resolved|yes|y|x|✅|✔|✓|shipped|merged)\b`).MatchString(v):
		return hindsight.ActionDone
	case regexp.MustCompile(`progress|wip|started|ongoing|doing|review`).MatchString(v):
		return hindsight.ActionInProgress
	}
	return hindsight.ActionOpen
}

// mapCategory maps the category names documents use onto Hindsight's six.
// A postmortem's "Mitigate" item is about the next incident (reduce time to
// recovery), which is mitigate-future; mitigating the current incident is
// done by the time the postmortem is written.
func mapCategory(v string) hindsight.Category {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case v == "":
		return ""
	case strings.HasPrefix(v, "investigat"):
		return hindsight.CategoryInvestigate
	case v == "mitigate-now" || strings.HasPrefix(v, "immediate mitigation"):
		return hindsight.CategoryMitigate
	case strings.HasPrefix(v, "mitigat") || strings.HasPrefix(v, "recover") || strings.HasPrefix(v, "respond"):
		return hindsight.CategoryMitigateFuture
	case strings.HasPrefix(v, "repair") || strings.HasPrefix(v, "restore") || strings.HasPrefix(v, "cleanup") || strings.HasPrefix(v, "clean up"):
		return hindsight.CategoryRepair
	case strings.HasPrefix(v, "detect") || strings.HasPrefix(v, "monitor") || strings.HasPrefix(v, "alert"):
		return hindsight.CategoryDetect
	case strings.HasPrefix(v, "prevent"):
		return hindsight.CategoryPrevent
	}
	return ""
}

// categoryFromTitle reads a category from a grouping heading ("### Detect",
// "### Monitoring") when the heading is exactly such a word.
func categoryFromTitle(title string) hindsight.Category {
	core, _ := normTitle(title)
	if len(strings.Fields(core)) > 2 {
		return ""
	}
	return mapCategory(core)
}

// categoryWords is the small keyword rule for items whose document gives
// no category; the checks engine refines it later. Order matters: the
// first match wins, and prevent is the default.
var categoryWords = []struct {
	re  *regexp.Regexp
	cat hindsight.Category
}{
	{regexp.MustCompile(`(?i)\b(?:investigat\w*|look into|find out|figure out|root[- ]cause|understand|research|spike|analy[sz]e|determine|explore|why)\b`), hindsight.CategoryInvestigate},
	{regexp.MustCompile(`(?i)\b(?:alert\w*|alarm\w*|monitor\w*|dashboards?|metrics?|observab\w*|paging|pager|detect\w*|uptime|health ?checks?|probes?|notif\w*|logging|logs?)\b`), hindsight.CategoryDetect},
	{regexp.MustCompile(`(?i)\b(?:restore\w*|recover data|backfill\w*|clean ?up|re-?run|reprocess\w*|refund\w*|redistribut\w*|repair\w*|purge\w*|revoke\w*|rotate\w*)\b`), hindsight.CategoryRepair},
	{regexp.MustCompile(`(?i)\b(?:runbooks?|playbooks?|document\w*|docs|guide|wiki|roll ?back|rollbacks?|failover|circuit breakers?|backoff|rate limit\w*|timeouts?|redundan\w*|drills?|training|train|on-?call|escalation|response|communication|comms|faq|learning path)\b`), hindsight.CategoryMitigateFuture},
}

func inferCategory(title string) hindsight.Category {
	for _, w := range categoryWords {
		if w.re.MatchString(title) {
			return w.cat
		}
	}
	return hindsight.CategoryPrevent
}

func validDay(s string) bool {
	if len(s) != 10 {
		return false
	}
	var st stamp
	return scanDate(s, &st) == 10 && st.date.y != 0 && !st.datePartial
}

var (
	// reCommit finds a commitment in a sentence of an action section.
	reCommit = regexp.MustCompile(`(?i)\b(?:will|we'll|shall|going to|plan(?:s|ning)? to|need(?:s)? to|should|must|intend(?:s)? to|(?:are|is) (?:exploring|improving|working|planning|building|looking|adding|moving|investigating|reviewing))\b`)
	// reWeCommit finds a commitment by the team, for documents without any
	// action section.
	reWeCommit   = regexp.MustCompile(`(?i)\bwe(?:'ll| will| need to| should| must| plan to| are going to| intend to| shall)\b`)
	reImperative = regexp.MustCompile(`^(?:Add|Adopt|Alert|Allow|Ask|Audit|Automate|Build|Change|Check|Clarify|Clean|Communicate|Configure|Consider|Create|Decide|Define|Deploy|Develop|Disable|Discuss|Document|Enable|Enforce|Ensure|Establish|Evaluate|Expand|Explore|Extend|Find|Fix|Follow|Gather|Hire|Implement|Improve|Include|Increase|Install|Introduce|Investigate|Keep|Limit|Make|Migrate|Monitor|Move|Notify|Perform|Pin|Plan|Prevent|Prioritize|Prioritise|Provide|Publish|Reach|Reduce|Refactor|Remove|Rename|Replace|Require|Research|Restrict|Review|Revisit|Rewrite|Rotate|Run|Schedule|Separate|Set|Setup|Share|Speak|Split|Standardize|Standardise|Start|Stop|Support|Switch|Teach|Test|Track|Train|Update|Upgrade|Use|Validate|Verify|Write)\b`)
)

// proseActions reads an action section written as prose. Lines that each
// start with a verb are items; otherwise each sentence that commits to
// something is; a section with neither still yields its first sentence, so
// the commitment it holds is not lost. The paragraphs stay unused, so
// their exact wording is kept in the appendix.
func (p *parser) proseActions(s *section) []actionDraft {
	var out []actionDraft
	ctx := actionCtx{status: s.hint, category: categoryFromTitle(s.title), tracker: trackerLink(s.links)}
	var paras []*block
	var walk func(x *section)
	walk = func(x *section) {
		for _, b := range x.blocks {
			if b.kind == bPara {
				paras = append(paras, b)
			}
		}
	}
	walk(s)
	var first *block
	for _, b := range paras {
		if first == nil {
			first = b
		}
		lines := b.lines
		imperative := len(lines) >= 2
		for _, l := range lines {
			imperative = imperative && reImperative.MatchString(l.text)
		}
		if imperative {
			for _, l := range lines {
				if d, ok := p.finishAction(hindsight.ActionItem{Status: hindsight.ActionOpen, Category: ctx.category}, l.text, l.links, ctx, l.line); ok {
					out = append(out, d)
				}
			}
			continue
		}
		for _, sen := range sentences(joinText(lines)) {
			if !reCommit.MatchString(sen) || strings.HasSuffix(sen, ":") || strings.HasSuffix(sen, "?") {
				continue
			}
			if d, ok := p.finishAction(hindsight.ActionItem{Status: hindsight.ActionOpen, Category: ctx.category}, sen, allLinks(lines), ctx, b.line); ok {
				out = append(out, d)
			}
		}
	}
	if len(out) == 0 && first != nil {
		if sen := sentences(joinText(first.lines)); len(sen) > 0 {
			if d, ok := p.finishAction(hindsight.ActionItem{Status: hindsight.ActionOpen, Category: ctx.category}, sen[0], allLinks(first.lines), ctx, first.line); ok {
				out = append(out, d)
			}
		}
	}
	return out
}

// actionsOutsideSections looks, in a document without any action section,
// for the team's commitments written elsewhere: list items and sentences
// saying "we will", "we need to", "we should".
func (p *parser) actionsOutsideSections() {
	var drafts []actionDraft
	p.o.root.walk(func(s *section) {
		switch s.kind {
		case kindTimeline, kindKeyEvents, kindMeta, kindAppendix:
			return
		case kindUnknown:
			if s != p.o.root {
				return
			}
		}
		for _, b := range s.blocks {
			switch b.kind {
			case bList:
				for _, it := range b.items {
					t := joinText(it.lines)
					if reWeCommit.MatchString(normQuotes(t)) {
						if d, ok := p.finishAction(hindsight.ActionItem{Status: hindsight.ActionOpen}, t, allLinks(it.lines), actionCtx{}, it.line); ok {
							drafts = append(drafts, d)
						}
					}
				}
			case bPara:
				for _, sen := range sentences(joinText(b.lines)) {
					if !reWeCommit.MatchString(normQuotes(sen)) || strings.HasSuffix(sen, ":") || strings.HasSuffix(sen, "?") {
						continue
					}
					if d, ok := p.finishAction(hindsight.ActionItem{Status: hindsight.ActionOpen}, sen, allLinks(b.lines), actionCtx{}, b.line); ok {
						drafts = append(drafts, d)
					}
				}
			}
		}
	})
	if len(drafts) > 0 {
		p.find("actions-outside-section", hindsight.FindingInfo, "actions", drafts[0].line,
			fmt.Sprintf("the document has no action-item section; %d commitments were read from its text", len(drafts)),
			"collect the action items in an Action items section")
	}
	p.addActions(drafts)
}

func normQuotes(s string) string { return strings.NewReplacer("’", "'", "‘", "'").Replace(s) }

var reSentenceEnd = regexp.MustCompile(`[.!?]["'”)]*\s+`)

// sentences splits prose into sentences at ". " followed by a capital
// letter, leaving common abbreviations alone.
func sentences(s string) []string {
	s = normQuotes(strings.TrimSpace(s))
	var out []string
	start := 0
	for _, loc := range reSentenceEnd.FindAllStringIndex(s, -1) {
		end := loc[1]
		if end >= len(s) || !(s[end] >= 'A' && s[end] <= 'Z' || s[end] >= '0' && s[end] <= '9') {
			continue
		}
		word := s[start:loc[0]]
		if i := strings.LastIndexAny(word, " ("); i >= 0 {
			word = word[i+1:]
		}
		switch strings.ToLower(word) {
		case "e.g", "i.e", "etc", "vs", "sr", "dr", "no", "mr", "ms", "st", "inc", "approx":
			continue
		}
		out = append(out, strings.TrimSpace(s[start:end]))
		start = end
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// addActions gives the drafts ids and adds them to the incident.
func (p *parser) addActions(drafts []actionDraft) {
	noOwner := 0
	for _, d := range drafts {
		a, err := p.inc.AddAction(d.a)
		if err != nil {
			// Every field was checked above; a failure here means a value
			// slipped through, so keep the item with the doubtful parts off.
			d.a.Due, d.a.Priority = "", ""
			if a, err = p.inc.AddAction(d.a); err != nil {
				continue
			}
		}
		if a.Owner == "" {
			noOwner++
		}
	}
	if noOwner > 0 {
		p.find("action-no-owner", hindsight.FindingInfo, "actions", 0,
			fmt.Sprintf("%d of %d action items have no owner", noOwner, len(p.inc.Actions)),
			"give each action item an owning team or role")
	}
}
