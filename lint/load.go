package lint

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed rules/*.yaml data/*.txt data/*.tsv
var embedded embed.FS

// LoadError is a problem in a rules file, with the file and line to fix.
type LoadError struct {
	File string
	Line int // 1-based; 0 when the problem is not tied to a line
	Msg  string
}

func (e *LoadError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Rule kinds. The kinds are code; the rules of each kind are data.
const (
	KindPhrase      = "phrase"       // a list of words or phrases
	KindPattern     = "pattern"      // token patterns (see the pattern language in doc.go)
	KindSubjectVerb = "subject-verb" // a verb pattern whose subject is of given classes
	KindMention     = "mention"      // any mention of a person of given classes
	KindAction      = "action"       // a built-in check of one action item
	KindActions     = "actions"      // a built-in check of the whole action-item list
	KindDocument    = "document"     // a built-in check of a whole report
)

// commonFields are allowed on every rule; kindFields lists the data fields of each kind.
var commonFields = []string{"id", "kind", "severity", "enabled", "message", "why", "suggestion", "suggestion_role", "scope", "except", "supersedes"}

var kindFields = map[string][]string{
	KindPhrase:      {"phrases", "unless_before", "unless_after", "unless_sentence"},
	KindPattern:     {"patterns", "unless_before", "unless_after", "unless_sentence", "when_sentence"},
	KindSubjectVerb: {"verbs", "subjects", "objects", "window", "unless_before", "unless_after", "unless_sentence", "when_sentence", "excuses"},
	KindMention:     {"subjects"},
	KindModel:       {"threshold"},
	KindAction:      {"check", "verbs", "phrases", "signals"},
	KindActions:     {"check", "categories"},
	KindDocument:    {"check", "phrases", "sections", "layers"},
}

// checks lists the built-in checks of the action, actions and document kinds, with
// the data fields each one requires.
var checks = map[string]map[string][]string{
	KindAction: {
		"actionable": {"verbs"},
		"vague-verb": {"verbs"},
		"specific":   {"signals"},
		"bounded":    {},
		"owner":      {},
		"due":        {},
	},
	KindActions: {
		"categories-present": {"categories"},
		"factor-coverage":    {},
		"duplicates":         {},
		"overdue":            {},
	},
	KindDocument: {
		"section-content":   {},
		"required-sections": {"sections"},
		"milestone-order":   {},
		"causal-shape":      {},
		"person-terminal":   {},
		"factor-layer":      {"layers"},
		"layer-coverage":    {"layers"},
		"suppression-rule":  {},
	},
}

// lexiconLists are the word lists a rules file may extend under "lexicon:".
var lexiconLists = map[string]string{
	"role_nouns":          "nouns for people by role: engineer, new hire, on call, team",
	"machine_roles":       "role nouns that are software after a product name: operator (the Kafka operator)",
	"pronouns":            "pronouns that refer to people",
	"individual_pronouns": "pronouns for one person rather than the team (he, she, someone); subject class individual",
	"possessive_pronouns": "his, her, their …",
	"system_nouns":        "nouns for software and components: service, cluster, alert …",
	"adverbs":             "words skipped between a subject and its verb",
	"auxiliaries":         "auxiliary verbs skipped between a subject and its verb",
	"determiners":         "the, a, this, our …",
	"stop_words":          "words that end a noun phrase when walking left",
	"participles":         "irregular past participles (regular -ed forms need no entry)",
	"given_names":         "given names, added to the shipped data/given-names.txt",
	"not_people":          "capitalised words that are never people, added to data/not-people.txt",
	"not_names":           "common words that are never read as an unlisted name, even capitalised (Nothing, Latency …)",
	"verbs":               "common verbs in base or irregular past form (go, went, map, close …); {verb} also takes their -s forms",
	"human_verbs":         "verbs people do rather than systems; after one, an unlisted capitalised word is read as a name",
	"work_nouns":          "a person's work (change, typo, decision …); after a possessive, it marks the owner as a person",
	"bare_roles":          "role nouns that name people only without a modifier (management, leadership)",
	"control_verbs":       "verbs whose subject is also the subject of a following to-verb (decided to, managed to …)",
	"clause_openers":      "words after which a new clause, and so a new subject, may start (when, because, and …)",
	"prepositions":        "prepositions that open a phrase between a subject and its verb (the engineer on call …)",
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)

// rawRule is a rule as read from YAML, before merging and compiling.
type rawRule struct {
	file    string
	line    int
	set     map[string]bool // fields present in the YAML
	enabled *bool

	ID, Kind, Severity, Message, Why, Suggestion, SuggestionRole, Check    string
	Scope, Except, Supersedes                                              []string
	Phrases, Patterns, Verbs, Subjects, Objects, UnlessBefore, UnlessAfter []string
	UnlessSentence, WhenSentence, Excuses                                  []string
	Signals, Categories, Sections, Layers                                  []string
	Window                                                                 int
	Threshold                                                              *float64
	lines                                                                  map[string]int
}

type rawSection struct {
	kind     string
	headings []string
	file     string
	line     int
}

type rawCategory struct {
	name            string
	description     string
	verbs, keywords []string
	file            string
	line            int
}

// ruleSet is everything read from a set of rules files.
type ruleSet struct {
	rules      []*rawRule
	sections   []rawSection
	categories []rawCategory
	lexicon    map[string][]string
}

// Load builds a Linter from the embedded default rules with the rules files found in
// user layered on top. user may be nil. Every *.yaml and *.yml file in user is read,
// in lexical path order. A user rule with the id of an existing rule replaces it when
// it gives a kind, and otherwise patches the fields it sets (so "enabled: false" or
// "severity: info" alone adjust a default rule). Any problem is reported as a
// *LoadError naming the file and line; all problems found are joined.
func Load(user fs.FS) (*Linter, error) {
	base, err := readDir(embedded, "rules", "(default)")
	if err != nil {
		return nil, err
	}
	set := &ruleSet{lexicon: map[string][]string{}}
	var errs []error
	byID := map[string]*rawRule{}
	for _, f := range base {
		add, err := parseRulesFile(f.name, f.data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, r := range add.rules {
			if old, ok := byID[r.ID]; ok {
				errs = append(errs, &LoadError{r.file, r.line, fmt.Sprintf("duplicate rule id %q (first defined at %s:%d)", r.ID, old.file, old.line)})
				continue
			}
			if e := validateFull(r); e != nil {
				errs = append(errs, e)
				continue
			}
			byID[r.ID] = r
			set.rules = append(set.rules, r)
		}
		mergeExtras(set, add)
	}
	if user != nil {
		files, err := readDir(user, ".", "")
		if err != nil {
			errs = append(errs, err)
		}
		for _, f := range files {
			add, err := parseRulesFile(f.name, f.data)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			seen := map[string]bool{}
			for _, r := range add.rules {
				if seen[r.ID] {
					errs = append(errs, &LoadError{r.file, r.line, fmt.Sprintf("duplicate rule id %q in the same file", r.ID)})
					continue
				}
				seen[r.ID] = true
				old, exists := byID[r.ID]
				switch {
				case r.set["kind"]:
					if e := validateFull(r); e != nil {
						errs = append(errs, e)
						continue
					}
					if exists {
						i := slices.Index(set.rules, old)
						set.rules[i] = r
					} else {
						set.rules = append(set.rules, r)
					}
					byID[r.ID] = r
				case exists:
					if e := patch(old, r); e != nil {
						errs = append(errs, e)
					}
				default:
					errs = append(errs, &LoadError{r.file, r.line, fmt.Sprintf("rule %q does not exist, so it needs a kind (a rule without a kind only adjusts an existing rule)", r.ID)})
				}
			}
			mergeExtras(set, add)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	shipped, err := loadShippedLists()
	if err != nil {
		return nil, err
	}
	for k, v := range shipped {
		set.lexicon[k] = append(v, set.lexicon[k]...)
	}
	l, err := compile(set)
	if err != nil {
		return nil, err
	}
	if l.model, err = embeddedModel(); err != nil {
		return nil, err
	}
	return l, nil
}

type namedFile struct {
	name string
	data []byte
}

// readDir returns every YAML file under dir of fsys in lexical order. label, when
// set, replaces the directory in file names used in errors.
func readDir(fsys fs.FS, dir, label string) ([]namedFile, error) {
	var out []namedFile
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		ext := path.Ext(p)
		if ext != ".yaml" && ext != ".yml" {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := p
		if label != "" {
			name = label + "/" + strings.TrimPrefix(p, dir+"/")
		}
		out = append(out, namedFile{name, data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// loadShippedLists reads the embedded name lists.
func loadShippedLists() (map[string][]string, error) {
	out := map[string][]string{}
	for key, file := range map[string]string{"given_names": "data/given-names.txt", "not_people": "data/not-people.txt"} {
		data, err := embedded.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", file, err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			out[key] = append(out[key], strings.Fields(line)...)
		}
	}
	return out, nil
}

func mergeExtras(set *ruleSet, add *ruleSet) {
	for k, v := range add.lexicon {
		set.lexicon[k] = append(set.lexicon[k], v...)
	}
	for _, s := range add.sections {
		if i := slices.IndexFunc(set.sections, func(o rawSection) bool { return o.kind == s.kind }); i >= 0 {
			set.sections[i] = s
		} else {
			set.sections = append(set.sections, s)
		}
	}
	for _, c := range add.categories {
		if i := slices.IndexFunc(set.categories, func(o rawCategory) bool { return o.name == c.name }); i >= 0 {
			set.categories[i] = c
		} else {
			set.categories = append(set.categories, c)
		}
	}
}

// parseRulesFile reads one YAML rules file strictly: unknown keys, wrong types and
// unknown values are errors at their line.
func parseRulesFile(name string, data []byte) (*ruleSet, error) {
	out := &ruleSet{lexicon: map[string][]string{}}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		return nil, &LoadError{name, yamlErrLine(err), "invalid YAML: " + yamlErrMsg(err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &LoadError{name, extra.Line, "a rules file holds one YAML document; found a second one"}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return out, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return out, nil
	}
	p := &parser{file: name}
	kvs := p.mapping(root, "the file")
	for _, kv := range kvs {
		switch kv.key {
		case "rules":
			for _, item := range p.seq(kv.val, "rules") {
				if r := p.rule(item); r != nil {
					out.rules = append(out.rules, r)
				}
			}
		case "sections":
			for _, item := range p.seq(kv.val, "sections") {
				s := rawSection{file: name, line: item.Line}
				for _, f := range p.mapping(item, "a section") {
					switch f.key {
					case "kind":
						s.kind = p.str(f.val, "kind")
						if s.kind != "" && !idRE.MatchString(s.kind) {
							p.errf(f.val, "section kind %q must be lower-case letters, digits, dots and hyphens", s.kind)
						}
					case "headings":
						s.headings = p.strs(f.val, "headings")
					default:
						p.errf(f.keyNode, "unknown key %q in a section (known: kind, headings)", f.key)
					}
				}
				if s.kind == "" {
					p.errf(item, "a section needs a kind")
				}
				out.sections = append(out.sections, s)
			}
		case "categories":
			for _, item := range p.seq(kv.val, "categories") {
				c := rawCategory{file: name, line: item.Line}
				for _, f := range p.mapping(item, "a category") {
					switch f.key {
					case "name":
						c.name = p.str(f.val, "name")
						if _, ok := categoryNames[Category(c.name)]; !ok {
							p.errf(f.val, "unknown category %q (known: %s)", c.name, strings.Join(categoryList(), ", "))
						}
					case "description":
						c.description = p.str(f.val, "description")
					case "verbs":
						c.verbs = p.strs(f.val, "verbs")
					case "keywords":
						c.keywords = p.strs(f.val, "keywords")
					default:
						p.errf(f.keyNode, "unknown key %q in a category (known: name, description, verbs, keywords)", f.key)
					}
				}
				if c.name == "" {
					p.errf(item, "a category needs a name")
				}
				out.categories = append(out.categories, c)
			}
		case "lexicon":
			for _, f := range p.mapping(kv.val, "lexicon") {
				if _, ok := lexiconLists[f.key]; !ok {
					p.errf(f.keyNode, "unknown lexicon list %q (known: %s)", f.key, strings.Join(sortedKeys(lexiconLists), ", "))
					continue
				}
				out.lexicon[f.key] = append(out.lexicon[f.key], p.strs(f.val, f.key)...)
			}
		default:
			p.errf(kv.keyNode, "unknown top-level key %q (known: rules, sections, categories, lexicon)", kv.key)
		}
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return out, nil
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

func yamlErrLine(err error) int {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	n := 0
	fmt.Sscanf(m[1], "%d", &n)
	return n
}

func yamlErrMsg(err error) string {
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

type parser struct {
	file string
	errs []error
}

type kv struct {
	key     string
	keyNode *yaml.Node
	val     *yaml.Node
}

func (p *parser) errf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	p.errs = append(p.errs, &LoadError{p.file, line, fmt.Sprintf(format, args...)})
}

func (p *parser) mapping(n *yaml.Node, what string) []kv {
	if n.Kind == yaml.AliasNode {
		p.errf(n, "aliases are not supported in rules files")
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.errf(n, "%s must be a mapping", what)
		return nil
	}
	var out []kv
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			p.errf(k, "keys must be plain strings")
			continue
		}
		if seen[k.Value] {
			p.errf(k, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		out = append(out, kv{k.Value, k, n.Content[i+1]})
	}
	return out
}

func (p *parser) seq(n *yaml.Node, what string) []*yaml.Node {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.errf(n, "%s must be a list", what)
		return nil
	}
	return n.Content
}

func (p *parser) str(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!str" && n.Tag != "!!int" && n.Tag != "!!float" && n.Tag != "!!bool") {
		p.errf(n, "%s must be a string", what)
		return ""
	}
	return n.Value
}

func (p *parser) strs(n *yaml.Node, what string) []string {
	var out []string
	for _, item := range p.seq(n, what) {
		s := strings.TrimSpace(p.str(item, "each entry of "+what))
		if s == "" {
			p.errf(item, "empty entry in %s", what)
			continue
		}
		out = append(out, s)
	}
	return out
}

// rule reads one rule mapping, checking field names and value types. Cross-field
// rules (required fields per kind) are checked later by validateFull, because a
// patch of an existing rule legitimately omits them.
func (p *parser) rule(n *yaml.Node) *rawRule {
	r := &rawRule{file: p.file, line: n.Line, set: map[string]bool{}, lines: map[string]int{}}
	known := map[string]bool{}
	for _, f := range commonFields {
		known[f] = true
	}
	for _, fs := range kindFields {
		for _, f := range fs {
			known[f] = true
		}
	}
	before := len(p.errs)
	for _, f := range p.mapping(n, "a rule") {
		if !known[f.key] {
			p.errf(f.keyNode, "unknown key %q in a rule", f.key)
			continue
		}
		r.set[f.key] = true
		r.lines[f.key] = f.keyNode.Line
		switch f.key {
		case "id":
			r.ID = p.str(f.val, "id")
			if r.ID != "" && !idRE.MatchString(r.ID) {
				p.errf(f.val, "rule id %q must be lower-case letters, digits, dots and hyphens", r.ID)
			}
		case "kind":
			r.Kind = p.str(f.val, "kind")
			if _, ok := kindFields[r.Kind]; !ok && r.Kind != "" {
				p.errf(f.val, "unknown kind %q (known: %s)", r.Kind, strings.Join(sortedKeys(kindFields), ", "))
			}
		case "severity":
			r.Severity = p.str(f.val, "severity")
			if _, err := ParseSeverity(r.Severity); err != nil {
				p.errf(f.val, "%v", err)
			}
		case "enabled":
			if f.val.Kind != yaml.ScalarNode || f.val.Tag != "!!bool" {
				p.errf(f.val, "enabled must be true or false")
				continue
			}
			b := f.val.Value == "true" || f.val.Value == "True" || f.val.Value == "TRUE"
			r.enabled = &b
		case "message":
			r.Message = p.str(f.val, "message")
		case "why":
			r.Why = p.str(f.val, "why")
		case "suggestion":
			r.Suggestion = p.str(f.val, "suggestion")
		case "suggestion_role":
			r.SuggestionRole = p.str(f.val, "suggestion_role")
		case "check":
			r.Check = p.str(f.val, "check")
		case "window":
			if f.val.Kind != yaml.ScalarNode || f.val.Tag != "!!int" {
				p.errf(f.val, "window must be a whole number")
				continue
			}
			fmt.Sscanf(f.val.Value, "%d", &r.Window)
			if r.Window < 1 || r.Window > 20 {
				p.errf(f.val, "window must be between 1 and 20 words")
			}
		case "threshold":
			var t float64
			if _, err := fmt.Sscanf(f.val.Value, "%g", &t); err != nil || f.val.Kind != yaml.ScalarNode || (f.val.Tag != "!!float" && f.val.Tag != "!!int") {
				p.errf(f.val, "threshold must be a number")
				continue
			}
			if t < -50 || t > 50 {
				p.errf(f.val, "threshold must be between -50 and 50")
			}
			r.Threshold = &t
		default:
			list := p.strs(f.val, f.key)
			if l := r.list(f.key); l != nil {
				*l = list
			}
		}
	}
	if r.ID == "" && len(p.errs) == before {
		p.errf(n, "a rule needs an id")
	}
	if r.ID == "" {
		return nil
	}
	return r
}

// list returns the list field of r that the YAML key names, or nil when
// the key names no list field.
func (r *rawRule) list(key string) *[]string {
	switch key {
	case "scope":
		return &r.Scope
	case "except":
		return &r.Except
	case "supersedes":
		return &r.Supersedes
	case "phrases":
		return &r.Phrases
	case "patterns":
		return &r.Patterns
	case "verbs":
		return &r.Verbs
	case "subjects":
		return &r.Subjects
	case "objects":
		return &r.Objects
	case "unless_before":
		return &r.UnlessBefore
	case "unless_after":
		return &r.UnlessAfter
	case "unless_sentence":
		return &r.UnlessSentence
	case "when_sentence":
		return &r.WhenSentence
	case "excuses":
		return &r.Excuses
	case "signals":
		return &r.Signals
	case "categories":
		return &r.Categories
	case "sections":
		return &r.Sections
	case "layers":
		return &r.Layers
	}
	return nil
}

// validateFull checks a complete rule: required fields and the fields its kind uses.
func validateFull(r *rawRule) error {
	var errs []error
	bad := func(field, format string, args ...any) {
		line := r.lines[field]
		if line == 0 {
			line = r.line
		}
		errs = append(errs, &LoadError{r.file, line, fmt.Sprintf("rule %q: ", r.ID) + fmt.Sprintf(format, args...)})
	}
	for _, f := range []string{"kind", "severity", "message", "why", "suggestion"} {
		if !r.set[f] {
			bad("", "missing %s", f)
		}
	}
	allowed := map[string]bool{}
	for _, f := range commonFields {
		allowed[f] = true
	}
	for _, f := range kindFields[r.Kind] {
		allowed[f] = true
	}
	for f := range r.set {
		if !allowed[f] {
			bad(f, "field %q is not used by kind %q (it uses: %s)", f, r.Kind, strings.Join(kindFields[r.Kind], ", "))
		}
	}
	need := func(field string, v []string) {
		if len(v) == 0 {
			bad(field, "kind %q needs a non-empty %s list", r.Kind, field)
		}
	}
	switch r.Kind {
	case KindPhrase:
		need("phrases", r.Phrases)
	case KindPattern:
		need("patterns", r.Patterns)
	case KindSubjectVerb:
		need("verbs", r.Verbs)
		need("subjects", r.Subjects)
	case KindMention:
		need("subjects", r.Subjects)
	case KindAction, KindActions, KindDocument:
		cs := checks[r.Kind]
		req, ok := cs[r.Check]
		if !ok {
			bad("check", "kind %q needs check: one of %s", r.Kind, strings.Join(sortedKeys(cs), ", "))
			break
		}
		for _, f := range req {
			var v []string
			if l := r.list(f); l != nil {
				v = *l
			}
			if len(v) == 0 {
				bad(f, "check %q needs a non-empty %s list", r.Check, f)
			}
		}
	}
	return errors.Join(errs...)
}

// patch applies the fields set in p to the existing rule old.
func patch(old, p *rawRule) error {
	for f := range p.set {
		switch f {
		case "id":
		case "enabled":
			old.enabled = p.enabled
		case "severity":
			old.Severity = p.Severity
		case "message":
			old.Message = p.Message
		case "why":
			old.Why = p.Why
		case "suggestion":
			old.Suggestion = p.Suggestion
		case "suggestion_role":
			old.SuggestionRole = p.SuggestionRole
		case "scope":
			old.Scope = p.Scope
		case "except":
			old.Except = p.Except
		case "supersedes":
			old.Supersedes = p.Supersedes
		case "threshold":
			old.Threshold = p.Threshold
		default:
			line := p.lines[f]
			return &LoadError{p.file, line, fmt.Sprintf("rule %q: field %q can only change with a full replacement (give the kind and all fields)", p.ID, f)}
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
