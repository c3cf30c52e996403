// Package github imports GitHub deployments, deployment statuses and
// releases as the REST API returns them (GET …/deployments,
// …/deployments/{id}/statuses, …/releases: JSON arrays, which may be
// mixed in one file), a single such object, or a webhook payload holding
// "deployment", "deployment_status" or "release".
//
// All become KindDeploy events: a deployment when it was created, a status
// when it was reported (success, failure, in_progress…), a release when it
// was published; drafts are skipped. The environment is in the text and the
// ref ("production/deployment/42/status/7"); the creator's or author's
// login is the actor, and logins of GitHub Apps ("…[bot]") are bots.
package github

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
)

// Name is the format name used by sniffing, --format and Event.Source.
const Name = "github"

type account struct {
	Login string `json:"login"`
	Type  string `json:"type"`
}

// item holds the fields of all three object kinds; which ones are set
// says what it is.
type item struct {
	ID          int64    `json:"id"`
	URL         string   `json:"url"`
	CreatedAt   string   `json:"created_at"`
	Creator     *account `json:"creator"`
	Description string   `json:"description"`
	Environment string   `json:"environment"`
	// Deployments.
	SHA         string `json:"sha"`
	Ref         string `json:"ref"`
	Task        string `json:"task"`
	StatusesURL string `json:"statuses_url"`
	// Deployment statuses.
	State         string `json:"state"`
	LogURL        string `json:"log_url"`
	TargetURL     string `json:"target_url"`
	DeploymentURL string `json:"deployment_url"`
	// Releases.
	TagName     string   `json:"tag_name"`
	Name        string   `json:"name"`
	Draft       bool     `json:"draft"`
	Prerelease  bool     `json:"prerelease"`
	PublishedAt string   `json:"published_at"`
	Author      *account `json:"author"`
}

// webhookPayload is a GitHub webhook delivery about a deployment or release.
type webhookPayload struct {
	Deployment       *item `json:"deployment"`
	DeploymentStatus *item `json:"deployment_status"`
	Release          *item `json:"release"`
}

const what = "GitHub REST JSON: an array of deployments, deployment statuses or releases, one of them, or a webhook payload"

// Parse imports one GitHub JSON file.
func Parse(f evidence.File, _ evidence.Options) (evidence.Batch, error) {
	p := &parser{file: f, seen: map[string]bool{}}
	body := bytes.TrimSpace(f.Data)
	if len(body) > 0 && body[0] == '[' {
		var items []item
		if err := evidence.DecodeJSON(f.Name, f.Data, &items, what); err != nil {
			return evidence.Batch{}, err
		}
		for i := range items {
			if err := p.item(&items[i], nil, []any{i}); err != nil {
				return evidence.Batch{}, err
			}
		}
		return p.batch, nil
	}
	var hook webhookPayload
	if err := evidence.DecodeJSON(f.Name, f.Data, &hook, what); err != nil {
		return evidence.Batch{}, err
	}
	if hook.Deployment == nil && hook.DeploymentStatus == nil && hook.Release == nil {
		var one item
		if err := evidence.DecodeJSON(f.Name, f.Data, &one, what); err != nil {
			return evidence.Batch{}, err
		}
		err := p.item(&one, nil, nil)
		return p.batch, err
	}
	if hook.Deployment != nil && hook.DeploymentStatus == nil {
		if err := p.item(hook.Deployment, nil, []any{"deployment"}); err != nil {
			return evidence.Batch{}, err
		}
	}
	if hook.DeploymentStatus != nil {
		if err := p.item(hook.DeploymentStatus, hook.Deployment, []any{"deployment_status"}); err != nil {
			return evidence.Batch{}, err
		}
	}
	if hook.Release != nil {
		if err := p.item(hook.Release, nil, []any{"release"}); err != nil {
			return evidence.Batch{}, err
		}
	}
	return p.batch, nil
}

type parser struct {
	file  evidence.File
	batch evidence.Batch
	seen  map[string]bool
}

// deploymentID finds the deployment a URL belongs to.
var deploymentID = regexp.MustCompile(`/deployments/(\d+)`)

// repoOf finds "owner/repo" in an API or web URL.
var repoOf = regexp.MustCompile(`(?:api\.github\.com/repos|github\.com)/([^/\s]+/[^/\s]+?)(?:/|$)`)

// item converts one deployment, status or release; dep is the deployment
// a webhook status belongs to, when the payload has it.
func (p *parser) item(it *item, dep *item, path []any) error {
	loc := func(field string) int {
		if field == "" {
			return evidence.Locate(p.file.Data, path...)
		}
		return evidence.Locate(p.file.Data, append(append([]any{}, path...), field)...)
	}
	stamp, field := it.CreatedAt, "created_at"
	if it.TagName != "" {
		if it.Draft {
			p.batch.Warn(evidence.RuleSkipped, p.file.Name, loc(""), "draft release %s skipped: drafts were never published", it.TagName)
			return nil
		}
		if it.PublishedAt != "" {
			stamp, field = it.PublishedAt, "published_at"
		}
	}
	at, zone, err := evidence.ParseTime(stamp)
	if err != nil {
		return evidence.Errorf(p.file.Name, cmp.Or(loc(field), loc("")), "%s: %v", field, err)
	}
	e := hindsight.Event{Time: at, TimeText: stamp, Zone: zone, Source: Name, Kind: hindsight.KindDeploy}
	repo := ""
	urls := []string{it.URL, it.DeploymentURL, it.StatusesURL}
	if dep != nil {
		urls = append(urls, dep.URL)
	}
	for _, u := range urls {
		if m := repoOf.FindStringSubmatch(u); m != nil {
			repo = m[1] + " "
			break
		}
	}
	env := cmp.Or(it.Environment, "an unnamed environment")
	switch {
	case it.TagName != "":
		e.Ref = "release/" + it.TagName
		e.Text = repo + "release " + it.TagName + " published"
		if it.Name != "" && it.Name != it.TagName {
			e.Text += ": " + it.Name
		}
		if it.Prerelease {
			e.Text += " (prerelease)"
		}
		e.Actor = p.actor(it.Author)
	case it.State != "":
		depID := ""
		for _, u := range []string{it.DeploymentURL, it.URL} {
			if m := deploymentID.FindStringSubmatch(u); m != nil {
				depID = m[1]
				break
			}
		}
		if depID == "" && dep != nil && dep.ID != 0 {
			depID = strconv.FormatInt(dep.ID, 10)
		}
		if it.Environment == "" && dep != nil {
			env = cmp.Or(dep.Environment, env)
		}
		name := "deployment"
		e.Ref = env + "/status/" + strconv.FormatInt(it.ID, 10)
		if depID != "" {
			name += " " + depID
			e.Ref = env + "/deployment/" + depID + "/status/" + strconv.FormatInt(it.ID, 10)
		}
		e.Text = repo + name + " to " + env + ": " + it.State
		if d := strings.TrimSpace(it.Description); d != "" {
			e.Text += " — " + d
		}
		if u := cmp.Or(it.LogURL, it.TargetURL); u != "" {
			e.Text += " (" + u + ")"
		}
		e.Actor = p.actor(it.Creator)
	case it.SHA != "" || it.Task != "" || it.StatusesURL != "" || it.Environment != "":
		id := strconv.FormatInt(it.ID, 10)
		e.Ref = env + "/deployment/" + id
		e.Text = fmt.Sprintf("%sdeployment %s to %s created", repo, id, env)
		target := it.Ref
		if sha := short(it.SHA); sha != "" && sha != it.Ref {
			target = strings.TrimSpace(target + " (" + sha + ")")
		}
		if target != "" {
			e.Text += ": " + target
		}
		if it.Task != "" && it.Task != "deploy" {
			e.Text += " [" + it.Task + "]"
		}
		if d := strings.TrimSpace(it.Description); d != "" {
			e.Text += " — " + d
		}
		e.Actor = p.actor(it.Creator)
	default:
		return evidence.Errorf(p.file.Name, loc(""), "expected a deployment (sha, environment), a deployment status (state) or a release (tag_name)")
	}
	p.batch.Events = append(p.batch.Events, e)
	return nil
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}

// actor returns the login and records the identity.
func (p *parser) actor(a *account) string {
	if a == nil || a.Login == "" {
		return ""
	}
	if !p.seen[a.Login] {
		p.seen[a.Login] = true
		p.batch.Identities = append(p.batch.Identities, evidence.Identity{
			Source: Name, Handle: a.Login, Name: a.Login,
			Bot: a.Type == "Bot" || strings.HasSuffix(a.Login, "[bot]"),
		})
	}
	return a.Login
}
