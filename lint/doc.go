// Package lint checks postmortem text and structure: blameless language, action-item
// quality and report completeness. It imports only the standard library and a YAML
// decoder, and nothing else of this module: the domain maps its own types to the
// Document, Action, Factor and Person types here and calls in.
//
// # Use
//
//	l, err := lint.Load(userRules)          // embedded defaults + a user rules fs.FS (may be nil)
//	fs := l.Text(text, lint.TextOptions{Section: "timeline", Roster: people})
//	fs, cat := l.Action(lint.Action{Text: "Add an alert when …"})
//	fs = l.Actions(items, lint.ActionsContext{UsersAffected: true, Now: time.Now()})
//	fs = l.Document(doc)                     // everything, for a report held as data
//	fs = l.Markdown(src, lint.TextOptions{}) // everything that can be read from a Markdown file
//	fixed, edits := l.Fix(text, people)      // names and handles → roles
//	lint.WriteSARIF(w, fs, "postmortem.md")
//
// Checks never change their input; they return Findings in reading order. A Linter
// is safe for concurrent use.
//
// # Rules as data
//
// Rule kinds are Go; rules are YAML. The defaults are embedded from rules/*.yaml and
// the name lists from data/*.txt. Load reads every *.yaml and *.yml file of a user
// directory on top, in path order. A user rule with a new id is added; one with an
// existing id and a kind replaces that rule; one with an existing id and no kind
// patches only the fields it sets — so
//
//	rules:
//	  - id: names.named-actor
//	    enabled: false
//	  - id: blame.human-error
//	    severity: warning
//
// turns one rule off and softens another. Loading is strict: an unknown key, kind,
// severity, check, section kind, subject class, pattern class or placeholder is a
// *LoadError naming the file and line.
//
// A rules file has up to four top-level keys:
//
//	rules:       the rules (below)
//	sections:    [{kind, headings}] — heading phrases that give a section its kind
//	lexicon:     {list: [words]} — words added to the grammar's lists (role_nouns,
//	             system_nouns, not_people, given_names, pronouns, …)
//	categories:  [{name, description, verbs, keywords}] — action-item category vocabulary
//
// Every rule has: id (lower-case, dots and hyphens), kind, severity (info, warning,
// error), message, why (why it matters), suggestion, and optionally enabled,
// suggestion_role (used when the roster gives the person's role), scope and except
// (section kinds where the rule does or does not apply; by default everywhere but
// the appendix) and supersedes (rules this one replaces when both fire on the same
// words). Messages and suggestions may use {match}, {verb}, {role}, {detail} and
// {section}. Default messages never quote a person as a cause: they name the verb
// or the phrase, and suggestions speak of roles.
//
// # Rule kinds
//
// phrase: a list of words or phrases, matched case-insensitively on whole words
// ("blame" never matches "blameless"; "on-call" matches "on call"). Fields: phrases,
// unless_before (words within four before the match that cancel it: "not obvious"),
// unless_after (words right after that cancel it: "lazy loading"), unless_sentence;
// pattern and subject-verb rules may also give when_sentence (patterns of which one
// must occur in the clause of the match, up to a semicolon).
//
// pattern: token patterns, in a small language compiled once at load:
//
//	word  a|b  pref*  {class}  elem?  ...  ^
//
// a word, one of several words, a prefix, a class of tokens ({person}, {named},
// {role}, {pronoun}, {possessive}, {owner}, {participle}, {verb}, {number}, {system}, {any}), an
// optional element, a gap of up to three words, the start of a clause. Punctuation
// in the text stops a match unless the pattern names it. Patterns are limited in
// gaps and optional elements so any rule stays fast.
//
// subject-verb: verb patterns that fire only when the verb's grammatical subject or
// its passive agent ("pushed by Dan", "caused entirely by Ayesha's bad merge") is of
// one of the listed classes: roster, name, handle, role, pronoun (I, we, you,
// anyone), individual (he, she, someone), they, demonstrative, system, other, none,
// or the shorthands person (roster, name, handle, role, pronoun, individual) and
// named (roster, name, handle). The subject is found by a small grammar (subject.go):
// it walks left over adverbs and auxiliaries, and past what may stand between a
// subject and its verb — an aside between commas, dashes or brackets ("Esi, our most
// senior DBA, skipped"), a relative clause ("the engineer who approved the PR
// missed", "the consultant we hired made"), a prepositional phrase ("the SRE on
// shift failed"), a compound subject ("Dmitri and Oksana both missed"), a second
// verb of the same subject ("paused the consumers and forgot"), a verb of choosing
// or trying ("managed to restart"); "that" and "which" stand for the noun before
// them. A subject found further left than the word before the verb must be a person
// who starts the clause; anything else reads as before, so a sentence of another
// shape stays quiet. Optional objects, in the pattern language, must start within
// window words after the verb ("pushed a bad …", "restarted the primary during …
// peak"), or, in the passive, before it ("the production database was dropped by
// …"). Optional excuses, in the pattern language, are reasons that, after the verb,
// clear the finding ("because", "believing", "as the runbook …"), unless the words
// after the reason are about one person ("because he …") or another rule flags
// them. This is how "the service failed to start" stays quiet while "the engineer
// failed to restart it" does not, and "the on-call did not see the page because the
// paging app …" stays quiet while "Sione did not consult anyone" does not.
//
// Besides the narrow phrase rules, a few broad ones detect blame by shape rather
// than by wording: blame.person-negative (a person as the subject of any act from a
// wide lexicon of bad outcomes, bad choices and rule-breaking, with the same excuses),
// blame.assigned (fault or a bad judgement placed on a person, repetition: "as
// always", "the same engineer"), blame.sanction-broad (warnings, courses, withdrawn
// permissions for one person) and hindsight.easy-in-hindsight (ease judged from the
// outcome: "anyone reading the logs would have", "all it took was", sarcasm).
// blame.person-valence is a valence model in rule form: a person as the subject of
// an ordinary act is neutral, but the act in a clause with a word of negative
// valence (when_sentence: haste, omission, defiance, accident, neglect, bad
// judgement, scorn of inexperience, sarcasm) is a verdict; counterfactual.person-if
// (the outcome hung on one person's act), blame.collective ("nobody bothered to")
// and judgement.sarcasm cover the other shapes of the last held-out misses.
// lint7 moved the operating point rather than adding phrases: blame.person-judged
// fires on a person as the subject of any verb ({verb}: an -ed or irregular form, an
// auxiliary, a listed verb or its -s form) when the clause carries a word of
// judgement (carelessly, blindly, still never, just needed, sloppy, panics, too
// early, on his own, without telling); blame.person-cause makes a person the cause
// whatever the verb ("because of", "thanks to the contractor's", "root cause: the
// developer", a 5-Whys answer about a person); people.modal-judgement catches a
// person as the subject of a modal judgement ("just needed to", "are expected not
// to", "are to be reminded"). A comma and "which" after the match end the clause a
// when_sentence is looked for in.
//
// mention: any mention of a person of the listed classes (roster names, handles).
//
// model: the statistical rule blame.model (model.go), with one optional field,
// threshold (the score a sentence must reach; default: the model file's). An
// L2-regularised logistic regression over a sentence's lower-cased words and word
// pairs, with <PERSON> for a recognised person (name, handle, role, he/she), <BAD> and
// <GOOD> for words of clear valence (data/valence.tsv, from VADER), each word's
// meaning cluster (data/word-clusters.tsv, from GloVe), the words near a person,
// <NEG>, <NUM>, <CODE>, <Q>, length and <SEC:kind>. Its weights and threshold are the
// embedded data/blame_model.tsv, regenerated deterministically by
// `go run ./scripts/trainlint` from every labelled language set in testdata and the
// real postmortems in ../shared (the threshold by leave-one-set-out
// cross-validation; docs/checks.md gives the trade-off). It fires only on a sentence
// no other rule flagged at warning or above; in lucky sections only when a person is
// named; its {detail} quotes the words behind the features that raised the score most.
//
// action: a built-in check of one action item, with data: actionable (verbs an item
// may start with), vague-verb (vague openers, cleared by a named target plus a
// finish line), specific (artefact words that count as a target), bounded (open-ended
// verbs and phrases, and the signals that bound them), owner and due (only when the
// caller says it records them).
//
// actions: a check of the whole list: categories-present (after user impact),
// factor-coverage, duplicates, overdue.
//
// document: a check of the whole report: section-content (empty or placeholder
// sections), required-sections, milestone-order, causal-shape (a single chain),
// person-terminal (a chain ending at a person or "human error"), factor-layer,
// layer-coverage.
//
// # People and context
//
// People are recognised from the caller's roster (names, handles, roles), from
// @mentions and name@ handles, from lower-case handles shaped like an initial and a
// surname ("tnguyen", "j.smith", "kz-ops": two leading consonants no English word
// starts with, no tool prefix, on no list) where only a person stands (before a verb
// people do, owning a piece of work, after "by"), and — for the subject of a verb only — from a shipped
// list of common given names across many languages (matched without accents:
// Tomás is Tomas). A name on no list is inferred from context, never from
// capitalisation alone: a capitalised word of letters that is on none of the word
// lists (lexicon not_names holds common sentence openers such as Latency or Nothing)
// and not shaped like an English noun or plural, followed by a verb people do rather
// than systems (lexicon human_verbs: forgot, skipped, approved …) or a negation —
// also past an aside ("Wiremu, after a long night, misread") — or by "who", or by a
// role in apposition ("Esi, our most senior DBA,"), or referred back to by he, she,
// his or her, or owning a piece of work ("Yuvi's change", lexicon work_nouns), or
// the agent of a passive verb people do ("merged by Ólafur"). Capitalised words on the shipped
// not-people list (services, tools, companies, places: Jenkins, Cassandra, Vault …)
// are never people, and a name after a determiner or before a hyphen ("the Victoria
// cluster") is not one either. Context decides the rest: quoted text, code, block
// quotes and appendices are skipped; counterfactuals are fine under "Where we got
// lucky" (blame of people is not); prescriptive "should" is fine in action items; a role as the subject of a
// factual verb ("the on-call engineer acknowledged at 14:09") is fine. Precision is
// preferred to recall, so teams can keep the checks on in CI.
package lint
