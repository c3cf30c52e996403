package hindsight

import (
	"slices"
	"strings"
	"time"
	"unicode"
)

// The grouping windows. An echo (the page an alert caused, the chat message
// announcing a deploy) is looked for this long before and after its anchor.
// Pages usually follow the alert within seconds; the minute before allows
// for clocks that disagree. Deploy announcements come while the deploy runs,
// which can take a quarter of an hour either way.
const (
	AlertPageBefore     = time.Minute
	AlertPageAfter      = 5 * time.Minute
	DeployMessageWindow = 15 * time.Minute
)

// windowScanLimit bounds how many events one anchor looks at inside its
// window, so that a burst of chat around a deploy cannot make grouping
// quadratic. The window is read in time order from its start.
const windowScanLimit = 4096

// pairRule joins an anchor event with the one echo that best matches it:
// the same happening seen by a second source.
type pairRule struct {
	id            string
	anchor, echo  signal
	before, after time.Duration
}

// pairRules are the grouping rules besides exact duplicates (dup-exact):
//
//   - group-alert-page: an alert firing and the page it caused, the page
//     from AlertPageBefore before to AlertPageAfter after the alert;
//   - group-deploy-message: a deploy or rollback and the chat message that
//     announces it ("deploying checkout-api v2.31.0"), within
//     DeployMessageWindow either side.
//
// Both require the two texts to share at least one distinctive token (an
// alert name, a service, a version, a commit): time alone never groups.
// Among the candidates the echo with the most shared tokens wins, then the
// nearest in time, then the first; an echo joins at most one anchor.
var pairRules = []pairRule{
	{"group-alert-page", isAlertFiring, isPageTriggered, AlertPageBefore, AlertPageAfter},
	{"group-deploy-message", func(e *Event) bool { return e.Kind == KindDeploy || e.Kind == KindChange },
		isDeployMessage, DeployMessageWindow, DeployMessageWindow},
}

// group finds the groups: duplicates and paired events share one, whose
// root is its first event. It sets a.root and leaves the events alone;
// writeGroups records the result on them.
func (a *analysis) group() {
	n := len(a.evs)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int) {
		ri, rj := find(i), find(j)
		if ri == rj {
			return
		}
		if rj < ri {
			ri, rj = rj, ri
		}
		parent[rj] = ri // the root is always the earliest member
	}
	for i := range a.evs {
		if a.rep[i] != i {
			union(a.rep[i], i)
		}
	}
	tokens := make(map[int][]string)
	tokensOf := func(i int) []string {
		t, ok := tokens[i]
		if !ok {
			t = matchTokens(a.evs[i].Text)
			tokens[i] = t
		}
		return t
	}
	// Per event and rule: whether it is an echo (0 not asked yet, 1 yes,
	// 2 no; windows overlap, and a busy chat would otherwise be matched
	// against the same regexp once per deploy near it) and whether it has
	// joined an anchor already.
	isEcho := make([]uint8, n)
	taken := make([]bool, n)
	for _, r := range pairRules {
		clear(isEcho)
		clear(taken)
		echo := func(j int) bool {
			if isEcho[j] == 0 {
				isEcho[j] = 2
				if r.echo(&a.evs[j]) {
					isEcho[j] = 1
				}
			}
			return isEcho[j] == 1
		}
		lo := 0
		for i := range a.evs {
			if a.rep[i] != i || !r.anchor(&a.evs[i]) {
				continue
			}
			at := a.evs[i].Time
			from, to := at.Add(-r.before), at.Add(r.after)
			for lo < n && a.evs[lo].Time.Before(from) {
				lo++
			}
			best, bestScore, bestGap := -1, 0, time.Duration(0)
			for j, seen := lo, 0; j < n && !a.evs[j].Time.After(to) && seen < windowScanLimit; j, seen = j+1, seen+1 {
				if j == i || a.rep[j] != j || taken[j] || !echo(j) {
					continue
				}
				score := sharedTokens(tokensOf(i), tokensOf(j))
				if score == 0 {
					continue
				}
				gap := a.evs[j].Time.Sub(at).Abs()
				if best < 0 || score > bestScore || score == bestScore && gap < bestGap {
					best, bestScore, bestGap = j, score, gap
				}
			}
			if best >= 0 {
				taken[best] = true
				union(i, best)
			}
		}
	}
	a.root = parent
	for i := range a.evs {
		a.root[i] = find(i)
	}
}

// writeGroups sets Event.Group from the groups found: a group is named after
// the id of its first event ("e1a2…" gives "g1a2…"), so the id stays the
// same as long as no earlier event joins. Events alone have none.
func (a *analysis) writeGroups() {
	size := make([]int, len(a.evs))
	for _, r := range a.root {
		size[r]++
	}
	for i, r := range a.root {
		if size[r] < 2 {
			a.evs[i].Group = ""
			continue
		}
		a.evs[i].Group = groupID(a.evs[r].ID)
	}
}

// groupID names a group after the id of its first event.
func groupID(eventID string) string {
	if rest, ok := strings.CutPrefix(eventID, "e"); ok {
		return "g" + rest
	}
	return "g-" + eventID
}

// stopTokens are words too common in alerts, pages and deploy chatter to
// show that two texts are about the same thing.
var stopTokens = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		the and for with from this that into onto over under about after before again
		are was were is be been being has have had not now new all any our out its it's
		you your we they them there here what when where which who why how can will just
		alert alerts alerting firing fired fire resolved resolve recovered cleared triggered trigger
		critical warning warn info page paged paging pager incident incidents
		prod production staging stage env environment cluster severity sev high low
		deploy deploys deploying deployed deployment deployments release releasing released
		rollout rolling rolled rollback back revert reverting reverted ship shipping shipped
		start started starting finished done success succeeded successful failed failure
		status update via through integration api service services acknowledged ack`) {
		stopTokens[w] = true
	}
}

// matchTokens returns the distinctive tokens of a text, sorted and without
// repeats: each run of letters, digits and . _ - / (so "checkout-api",
// "v2.31.0" and "HighErrorRate" stay whole), lower-cased, plus the parts of
// such a run split at punctuation and at lower-to-upper case changes, so
// that "checkout-api" also matches "checkout". A token counts when it has at
// least three characters (four if only digits) and is not a stop word.
func matchTokens(text string) []string {
	var out []string
	add := func(t string) {
		t = strings.ToLower(strings.Trim(t, "._-/"))
		if len(t) < 3 || stopTokens[t] {
			return
		}
		if strings.IndexFunc(t, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 && len(t) < 4 {
			return
		}
		out = append(out, t)
	}
	inToken := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-' || r == '/'
	}
	for rest := text; rest != ""; {
		i := strings.IndexFunc(rest, inToken)
		if i < 0 {
			break
		}
		rest = rest[i:]
		j := strings.IndexFunc(rest, func(r rune) bool { return !inToken(r) })
		if j < 0 {
			j = len(rest)
		}
		word := rest[:j]
		rest = rest[j:]
		add(word)
		parts := tokenParts(word)
		if len(parts) > 1 {
			for _, p := range parts {
				add(p)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// tokenParts splits a token at punctuation and at each lower-to-upper case
// change ("HighErrorRate" gives High, Error, Rate).
func tokenParts(word string) []string {
	var parts []string
	start := 0
	var prev rune
	for i, r := range word {
		switch {
		case r == '.' || r == '_' || r == '-' || r == '/':
			parts = append(parts, word[start:i])
			start = i + 1
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			parts = append(parts, word[start:i])
			start = i
		}
		prev = r
	}
	return append(parts, word[start:])
}

// sharedTokens counts the tokens two sorted token lists have in common.
func sharedTokens(a, b []string) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch strings.Compare(a[i], b[j]) {
		case 0:
			n++
			i++
			j++
		case -1:
			i++
		default:
			j++
		}
	}
	return n
}
