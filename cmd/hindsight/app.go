package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/store"
)

// app is one run of the program: its streams, configuration and the
// service, opened on first use so that `--help` never touches a database.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	env            func(string) string

	dbFlag, configFlag string
	verbose            bool

	// scale overrides the severity scale for this run (assess --scale).
	scale *hindsight.Scale

	log *slog.Logger
	db  *store.DB
	svc *hindsight.Service
}

const rootHelp = `Hindsight turns the evidence of an incident (chat exports, pages, alerts,
deploys, logs) into a blameless postmortem: a trustworthy timeline, milestones
and metrics, contributing factors, action items, and a rendered report.

Data lives in one database: a SQLite file by default, or PostgreSQL.
  --db PATH | postgres://…   (or HINDSIGHT_DB, or "db:" in the config file)
  default: %s
The severity scale: HINDSIGHT_SCALE or "scale:" in the config file (a YAML
file, see 'hindsight assess --help'); default SEV1 … SEV4.

Output: stdout is data, stderr is messages. Read commands take --json.
Commands that create something print the new id as the last line of stdout.

Exit codes: 0 ok, 1 failure, 2 usage error, 3 checks found problems.`

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "hindsight",
		Short:         "Blameless incident postmortems from the evidence you already have",
		Long:          fmt.Sprintf(rootHelp, defaultDBPath(a.env)),
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRun: func(cmd *cobra.Command, args []string) {
			level := slog.LevelWarn
			if a.verbose {
				level = slog.LevelDebug
			}
			a.log = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&a.dbFlag, "db", "", "database: a SQLite file path or a postgres:// URL (env HINDSIGHT_DB)")
	pf.StringVar(&a.configFlag, "config", "", "config file (env HINDSIGHT_CONFIG; default <user config dir>/hindsight/config.yaml if present)")
	pf.BoolVarP(&a.verbose, "verbose", "v", false, "log debug details on stderr")
	root.AddGroup(&cobra.Group{ID: "incident", Title: "Incidents:"},
		&cobra.Group{ID: "evidence", Title: "Evidence and timeline:"},
		&cobra.Group{ID: "content", Title: "Analysis:"},
		&cobra.Group{ID: "checks", Title: "Checks:"},
		&cobra.Group{ID: "output", Title: "Reports and output:"})
	for _, c := range a.commands() {
		root.AddCommand(c)
	}
	return root
}

// config is the optional configuration file.
type config struct {
	DB string `yaml:"db"`
	// Scale is a severity scale YAML file (see `hindsight assess --help`).
	Scale string `yaml:"scale"`
}

// dsn resolves the database: flag, then environment, then config file, then
// the default under the user's data directory.
func (a *app) dsn() (string, error) {
	if a.dbFlag != "" {
		return a.dbFlag, nil
	}
	if v := a.env("HINDSIGHT_DB"); v != "" {
		return v, nil
	}
	cfg, err := a.config()
	if err != nil {
		return "", err
	}
	if cfg.DB != "" {
		return cfg.DB, nil
	}
	return defaultDBPath(a.env), nil
}

func (a *app) config() (config, error) {
	path, explicit := a.configFlag, a.configFlag != ""
	if !explicit {
		if path = a.env("HINDSIGHT_CONFIG"); path != "" {
			explicit = true
		} else if dir, err := os.UserConfigDir(); err == nil {
			path = filepath.Join(dir, "hindsight", "config.yaml")
		}
	}
	var cfg config
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) && !explicit {
		return cfg, nil
	} else if err != nil {
		return cfg, fmt.Errorf("read config: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && err != io.EOF {
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, nil
}

// defaultDBPath is the SQLite file used when nothing else is configured:
// $XDG_DATA_HOME/hindsight/hindsight.db, ~/.local/share/… on Linux, the
// platform's application-data folder elsewhere.
func defaultDBPath(env func(string) string) string {
	if d := env("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "hindsight", "hindsight.db")
	}
	home, err := os.UserHomeDir()
	switch {
	case runtime.GOOS == "windows" || runtime.GOOS == "darwin":
		if dir, err := os.UserConfigDir(); err == nil {
			return filepath.Join(dir, "hindsight", "hindsight.db")
		}
	case err == nil:
		return filepath.Join(home, ".local", "share", "hindsight", "hindsight.db")
	}
	return "hindsight.db"
}

// service opens the store and the service on first use.
func (a *app) service(ctx context.Context) (*hindsight.Service, error) {
	if a.svc != nil {
		return a.svc, nil
	}
	dsn, err := a.dsn()
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	var opts []hindsight.Option
	if a.scale == nil {
		// The organisation's scale applies to every command, not only to
		// assess, so that validation accepts its level names everywhere.
		path := a.env("HINDSIGHT_SCALE")
		if path == "" {
			cfg, err := a.config()
			if err != nil {
				return nil, err
			}
			path = cfg.Scale
		}
		if path != "" {
			scale, err := readScale(path)
			if err != nil {
				return nil, err
			}
			a.scale = &scale
		}
	}
	if a.scale != nil {
		opts = append(opts, hindsight.WithScale(*a.scale))
	}
	a.db, a.svc = db, hindsight.NewService(db, opts...)
	return a.svc, nil
}

func (a *app) close() {
	if a.db != nil {
		a.db.Close()
	}
}

// printJSON writes v as indented JSON on stdout.
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// say prints a message for the person at the terminal, on stderr.
func (a *app) say(format string, args ...any) {
	fmt.Fprintf(a.stderr, format+"\n", args...)
}

// exactArgs is cobra.ExactArgs with a usage error and names for the arguments.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != len(names) {
			return usagef("%s takes %d argument(s): %v (got %d)", cmd.CommandPath(), len(names), names, len(args))
		}
		return nil
	}
}
