// Package slack imports a Slack workspace export: the ZIP that Slack's
// "Export data" produces, or the folder it unpacks to (users.json,
// channels.json, and one folder per channel holding a JSON array of
// messages per day, <channel>/<YYYY-MM-DD>.json). A single day file is
// accepted too.
//
// Every message becomes a KindMessage event at its ts (epoch seconds with
// microseconds, read as a decimal, never as a float) with Ref
// "<channel>/<ts>". User ids are resolved through users.json, mentions in
// the text (<@U123>, <#C123|name>, <https://…|label>) are turned into what
// people saw, thread replies name the message they answer, edited messages
// keep their latest text and are flagged, joins are kept as notes (they
// show when each responder was pulled in), and leaves and deletion markers
// are skipped. Bots post as themselves and are marked as bots in the
// identities.
package slack

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hindsight-sre/hindsight/ingest/internal/evidence"
)

// Name is the format name used by sniffing, --format and Event.Source.
const Name = "slack"

// dayFile matches the per-day message files of a channel folder.
var dayFile = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}\.json$`)

// user is the part of a users.json entry the importer reads.
type user struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	RealName string `json:"real_name"`
	IsBot    bool   `json:"is_bot"`
	Profile  struct {
		DisplayName string `json:"display_name"`
		RealName    string `json:"real_name"`
		Email       string `json:"email"`
	} `json:"profile"`
}

// display is the name Slack shows for the user.
func (u *user) display() string {
	for _, s := range []string{u.Profile.DisplayName, u.Profile.RealName, u.RealName, u.Name} {
		if s != "" {
			return s
		}
	}
	return u.ID
}

func (u *user) identity() evidence.Identity {
	realName := u.Profile.RealName
	if realName == "" {
		realName = u.RealName
	}
	return evidence.Identity{Source: Name, Handle: u.Name, Name: u.display(), RealName: realName,
		Email: u.Profile.Email, Bot: u.IsBot || u.ID == "USLACKBOT"}
}

// channel is the part of a channels.json (groups.json, mpims.json) entry
// the importer reads.
type channel struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Parse imports a Slack export (f.FS), or a single day file (f.Data).
func Parse(f evidence.File, opts evidence.Options) (evidence.Batch, error) {
	if f.FS == nil {
		return parseDayFile(f, opts)
	}
	root, err := exportRoot(f.FS)
	if err != nil {
		return evidence.Batch{}, evidence.At(f.Name, 0, err)
	}
	ex := &export{name: f.Name, fsys: root, users: map[string]*user{}, channelNames: map[string]string{}}
	if err := ex.readDirectory(); err != nil {
		return evidence.Batch{}, err
	}
	picked, err := ex.pick(opts.Channel)
	if err != nil {
		return evidence.Batch{}, evidence.At(f.Name, 0, err)
	}
	msgs, err := ex.readChannels(picked)
	if err != nil {
		return evidence.Batch{}, err
	}
	return ex.events(msgs)
}

// parseDayFile imports one <YYYY-MM-DD>.json file given on its own; the
// channel is the folder it sits in, or --channel, and user ids stay ids
// unless the messages carry a user_profile.
func parseDayFile(f evidence.File, opts evidence.Options) (evidence.Batch, error) {
	ch := path.Base(path.Dir(filepathToSlash(f.Name)))
	if ch == "." || ch == "/" || ch == "" {
		ch = strings.TrimPrefix(opts.Channel, "#")
	}
	if ch == "" || ch == "*" || strings.Contains(ch, ",") {
		ch = "slack"
	}
	ex := &export{name: f.Name, users: map[string]*user{}, channelNames: map[string]string{}}
	msgs, err := ex.decodeDay(ch, f.Name, f.Data)
	if err != nil {
		return evidence.Batch{}, err
	}
	return ex.events(msgs)
}

func filepathToSlash(p string) string { return strings.ReplaceAll(p, `\`, "/") }

// exportRoot finds the top of the export: ZIPs made by hand often wrap it
// in one folder, and macOS adds __MACOSX next to it.
func exportRoot(fsys fs.FS) (fs.FS, error) {
	for range 2 {
		entries, err := fs.ReadDir(fsys, ".")
		if err != nil {
			return nil, fmt.Errorf("cannot list the export: %w", err)
		}
		var dirs []string
		for _, e := range entries {
			switch {
			case !e.IsDir() && (e.Name() == "users.json" || e.Name() == "channels.json"):
				return fsys, nil
			case e.IsDir() && !strings.HasPrefix(e.Name(), ".") && e.Name() != "__MACOSX":
				dirs = append(dirs, e.Name())
			}
		}
		for _, d := range dirs {
			if days, _ := fs.Glob(fsys, d+"/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].json"); len(days) > 0 {
				return fsys, nil
			}
		}
		if len(dirs) != 1 {
			break
		}
		if fsys, err = fs.Sub(fsys, dirs[0]); err != nil {
			return nil, err
		}
	}
	return nil, errors.New("not a Slack export: expected users.json, channels.json and <channel>/<YYYY-MM-DD>.json files")
}

// export is one Slack export being read.
type export struct {
	name         string
	fsys         fs.FS
	users        map[string]*user
	channelNames map[string]string // channel id -> name
	folders      []string          // channel folders holding day files, sorted
}

// readDirectory reads users.json and the channel lists and finds the
// channel folders.
func (ex *export) readDirectory() error {
	for _, file := range []string{"users.json", "org_users.json"} {
		var us []*user
		if err := ex.readJSON(file, &us, "a JSON array of Slack users"); err != nil {
			return err
		}
		for _, u := range us {
			ex.users[u.ID] = u
		}
	}
	for _, file := range []string{"channels.json", "groups.json", "mpims.json"} {
		var cs []channel
		if err := ex.readJSON(file, &cs, "a JSON array of Slack channels"); err != nil {
			return err
		}
		for _, c := range cs {
			ex.channelNames[c.ID] = c.Name
		}
	}
	entries, err := fs.ReadDir(ex.fsys, ".")
	if err != nil {
		return evidence.At(ex.name, 0, err)
	}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "__MACOSX" {
			continue
		}
		if days, _ := fs.Glob(ex.fsys, e.Name()+"/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].json"); len(days) > 0 {
			ex.folders = append(ex.folders, e.Name())
		}
	}
	sort.Strings(ex.folders)
	return nil
}

// readJSON decodes an optional file at the root of the export.
func (ex *export) readJSON(file string, v any, what string) error {
	data, err := fs.ReadFile(ex.fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return evidence.At(ex.name+"/"+file, 0, err)
	}
	return evidence.DecodeJSON(ex.name+"/"+file, data, v, what)
}

// pick chooses the channel folders to import from --channel.
func (ex *export) pick(want string) ([]string, error) {
	if len(ex.folders) == 0 {
		return nil, errors.New("the export holds no messages (no <channel>/<YYYY-MM-DD>.json files)")
	}
	want = strings.TrimSpace(want)
	switch want {
	case "":
		if len(ex.folders) == 1 {
			return ex.folders, nil
		}
		return nil, fmt.Errorf("the export has %d channels (%s); choose one with --channel NAME, several with --channel a,b, or all with --channel '*'",
			len(ex.folders), strings.Join(ex.folders, ", "))
	case "*":
		return ex.folders, nil
	}
	var picked []string
	for _, w := range strings.Split(want, ",") {
		w = strings.TrimPrefix(strings.TrimSpace(w), "#")
		if name, ok := ex.channelNames[w]; ok && slices.Contains(ex.folders, name) {
			w = name
		}
		if !slices.Contains(ex.folders, w) {
			return nil, fmt.Errorf("no channel %q in the export; it has %s", w, strings.Join(ex.folders, ", "))
		}
		if !slices.Contains(picked, w) {
			picked = append(picked, w)
		}
	}
	return picked, nil
}

// readChannels decodes the day files of the chosen channels. Decoding
// JSON is most of the work of a big export, so the files are decoded in
// parallel, one worker per CPU; the messages and the first error come out
// in file order whatever the scheduling.
func (ex *export) readChannels(channels []string) ([]*posted, error) {
	type day struct {
		channel, path string
		msgs          []*posted
		err           error
	}
	var days []*day
	for _, ch := range channels {
		paths, err := fs.Glob(ex.fsys, ch+"/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].json")
		if err != nil {
			return nil, evidence.At(ex.name, 0, err)
		}
		sort.Strings(paths)
		for _, p := range paths {
			if dayFile.MatchString(path.Base(p)) {
				days = append(days, &day{channel: ch, path: p})
			}
		}
	}
	work := make(chan *day)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(days)) {
		wg.Go(func() {
			for d := range work {
				data, err := fs.ReadFile(ex.fsys, d.path)
				if err != nil {
					d.err = evidence.At(ex.name+"/"+d.path, 0, err)
					continue
				}
				d.msgs, d.err = ex.decodeDay(d.channel, ex.name+"/"+d.path, data)
			}
		})
	}
	for _, d := range days {
		work <- d
	}
	close(work)
	wg.Wait()
	total := 0
	for _, d := range days {
		if d.err != nil {
			return nil, d.err
		}
		total += len(d.msgs)
	}
	all := make([]*posted, 0, total)
	for _, d := range days {
		all = append(all, d.msgs...)
	}
	return all, nil
}
