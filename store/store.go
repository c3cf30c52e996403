// Package store persists Hindsight incidents in SQLite (the default, through
// the pure-Go modernc.org/sqlite driver) or PostgreSQL (through pgx). It is
// the only package that speaks SQL; it implements hindsight.Store and holds
// no business rules: the domain validates everything before a write.
//
// Each incident is stored as a JSON document (without its timeline and
// files), with its events and attached files in their own tables so that an
// update writes only what changed. Optimistic concurrency: every update names
// the version it read and fails with a conflict when the row moved on.
package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/hindsight-sre/hindsight"
)

//go:embed migrations
var migrations embed.FS

// dialect is the small seam between the two databases.
type dialect struct {
	name    string
	goose   goose.Dialect
	driver  string
	dir     string
	numbers bool // placeholders are $1, $2 … rather than ?
}

var (
	sqliteDialect   = dialect{name: "sqlite", goose: goose.DialectSQLite3, driver: "sqlite", dir: "migrations/sqlite"}
	postgresDialect = dialect{name: "postgres", goose: goose.DialectPostgres, driver: "pgx", dir: "migrations/postgres", numbers: true}
)

// DB is a Hindsight store over one database.
type DB struct {
	db *sql.DB
	d  dialect
}

var _ hindsight.Store = (*DB)(nil)

// Open opens (creating if needed) the store named by dsn: a postgres:// or
// postgresql:// URL means PostgreSQL, anything else is a SQLite file path.
// Migrations run on open.
func Open(ctx context.Context, dsn string) (*DB, error) {
	d, conn := sqliteDialect, dsn
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		d = postgresDialect
	} else {
		if dir := filepath.Dir(dsn); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("create database folder: %w", err)
			}
		}
		// WAL lets readers (the web UI) work while a write is under way; the
		// busy timeout makes a second writer wait instead of failing; an
		// immediate transaction takes the write lock up front, so two
		// read-then-write updates cannot deadlock on a lock upgrade.
		conn = "file:" + dsn + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	}
	db, err := sql.Open(d.driver, conn)
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", d.name, err)
	}
	s := &DB{db: db, d: d}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *DB) migrate(ctx context.Context) error {
	dir, err := fs.Sub(migrations, s.d.dir)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(s.d.goose, s.db, dir)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate %s database: %w", s.d.name, err)
	}
	return nil
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// q rewrites ? placeholders for the dialect.
func (s *DB) q(query string) string {
	if !s.d.numbers {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// document is the stored form of an incident: the whole aggregate except
// the parts that live in their own tables.
func document(inc *hindsight.Incident) ([]byte, error) {
	c := *inc
	c.Timeline, c.Appendices = nil, nil
	return json.Marshal(&c)
}

// CreateIncident implements hindsight.Store.
func (s *DB) CreateIncident(ctx context.Context, inc *hindsight.Incident) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, s.q(`SELECT 1 FROM incidents WHERE id = ?`), inc.ID).Scan(&one)
		if err == nil {
			return hindsight.Errorf(hindsight.CodeConflict, "incident %s exists already", inc.ID)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("look up incident %s: %w", inc.ID, err)
		}
		doc, err := document(inc)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO incidents (id, version, title, status, severity, doc, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), inc.ID, inc.Version, inc.Title, string(inc.Status), inc.Severity, string(doc),
			inc.CreatedAt.UnixNano(), inc.UpdatedAt.UnixNano()); err != nil {
			return fmt.Errorf("insert incident %s: %w", inc.ID, err)
		}
		if err := s.insertEvents(ctx, tx, inc.ID, inc.Timeline); err != nil {
			return err
		}
		return s.insertFiles(ctx, tx, inc.ID, inc.Appendices)
	})
}

// UpdateIncident implements hindsight.Store.
func (s *DB) UpdateIncident(ctx context.Context, c hindsight.Change) error {
	inc := c.Incident
	return s.inTx(ctx, func(tx *sql.Tx) error {
		doc, err := document(inc)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE incidents SET version = ?, title = ?, status = ?, severity = ?, doc = ?, updated_at = ?
			WHERE id = ? AND version = ?`), inc.Version, inc.Title, string(inc.Status), inc.Severity, string(doc),
			inc.UpdatedAt.UnixNano(), inc.ID, c.ReadVersion)
		if err != nil {
			return fmt.Errorf("update incident %s: %w", inc.ID, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("update incident %s: %w", inc.ID, err)
		} else if n == 0 {
			return hindsight.Errorf(hindsight.CodeConflict, "incident %s was changed by someone else since version %d; reload and try again", inc.ID, c.ReadVersion)
		}
		if err := s.insertEvents(ctx, tx, inc.ID, c.AddedEvents); err != nil {
			return err
		}
		if len(c.ChangedEvents) > 0 {
			stmt, err := tx.PrepareContext(ctx, s.q(`UPDATE events SET at = ?, doc = ? WHERE incident_id = ? AND id = ?`))
			if err != nil {
				return fmt.Errorf("prepare event update: %w", err)
			}
			defer stmt.Close()
			for _, e := range c.ChangedEvents {
				b, err := json.Marshal(e)
				if err != nil {
					return err
				}
				if _, err := stmt.ExecContext(ctx, e.Time.UnixNano(), string(b), inc.ID, e.ID); err != nil {
					return fmt.Errorf("update event %s: %w", e.ID, err)
				}
			}
		}
		return s.insertFiles(ctx, tx, inc.ID, c.AddedFiles)
	})
}

func (s *DB) insertEvents(ctx context.Context, tx *sql.Tx, id string, evs []hindsight.Event) error {
	if len(evs) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, s.q(`INSERT INTO events (incident_id, id, at, doc) VALUES (?, ?, ?, ?)`))
	if err != nil {
		return fmt.Errorf("prepare event insert: %w", err)
	}
	defer stmt.Close()
	for _, e := range evs {
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, id, e.ID, e.Time.UnixNano(), string(b)); err != nil {
			return fmt.Errorf("insert event %s: %w", e.ID, err)
		}
	}
	return nil
}

func (s *DB) insertFiles(ctx context.Context, tx *sql.Tx, id string, files []hindsight.Appendix) error {
	for _, a := range files {
		content := a.Content
		if content == nil {
			content = []byte{}
		}
		a.Content = nil
		b, err := json.Marshal(a)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO appendices (incident_id, name, doc, content) VALUES (?, ?, ?, ?)`),
			id, a.Name, string(b), content); err != nil {
			return fmt.Errorf("insert attachment %s: %w", a.Name, err)
		}
	}
	return nil
}

// Incident implements hindsight.Store.
func (s *DB) Incident(ctx context.Context, id string) (*hindsight.Incident, error) {
	var doc string
	var version int
	err := s.db.QueryRowContext(ctx, s.q(`SELECT doc, version FROM incidents WHERE id = ?`), id).Scan(&doc, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hindsight.Errorf(hindsight.CodeNotFound, "no incident %q (see `hindsight list`)", id)
	} else if err != nil {
		return nil, fmt.Errorf("read incident %s: %w", id, err)
	}
	var inc hindsight.Incident
	if err := json.Unmarshal([]byte(doc), &inc); err != nil {
		return nil, fmt.Errorf("decode incident %s: %w", id, err)
	}
	inc.Version = version
	inc.Timeline = []hindsight.Event{}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT doc FROM events WHERE incident_id = ? ORDER BY at, id`), id)
	if err != nil {
		return nil, fmt.Errorf("read events of %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("read event of %s: %w", id, err)
		}
		var e hindsight.Event
		if err := json.Unmarshal(b, &e); err != nil {
			return nil, fmt.Errorf("decode event of %s: %w", id, err)
		}
		inc.Timeline = append(inc.Timeline, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read events of %s: %w", id, err)
	}
	inc.Appendices = []hindsight.Appendix{}
	files, err := s.db.QueryContext(ctx, s.q(`SELECT doc, content FROM appendices WHERE incident_id = ? ORDER BY name`), id)
	if err != nil {
		return nil, fmt.Errorf("read attachments of %s: %w", id, err)
	}
	defer files.Close()
	for files.Next() {
		var b, content []byte
		if err := files.Scan(&b, &content); err != nil {
			return nil, fmt.Errorf("read attachment of %s: %w", id, err)
		}
		var a hindsight.Appendix
		if err := json.Unmarshal(b, &a); err != nil {
			return nil, fmt.Errorf("decode attachment of %s: %w", id, err)
		}
		a.Content = content
		inc.Appendices = append(inc.Appendices, a)
	}
	if err := files.Err(); err != nil {
		return nil, fmt.Errorf("read attachments of %s: %w", id, err)
	}
	sortAppendices(inc.Appendices)
	return &inc, nil
}

// sortAppendices keeps attachments in the order they were added.
func sortAppendices(as []hindsight.Appendix) {
	for i := 1; i < len(as); i++ {
		for j := i; j > 0 && as[j].AddedAt.Before(as[j-1].AddedAt); j-- {
			as[j], as[j-1] = as[j-1], as[j]
		}
	}
}

// Incidents implements hindsight.Store.
func (s *DB) Incidents(ctx context.Context) ([]hindsight.IncidentSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, status, severity, version, created_at, updated_at FROM incidents ORDER BY updated_at DESC, id`)
	if err != nil {
		return nil, fmt.Errorf("list incidents: %w", err)
	}
	defer rows.Close()
	out := []hindsight.IncidentSummary{}
	for rows.Next() {
		var sum hindsight.IncidentSummary
		var status string
		var created, updated int64
		if err := rows.Scan(&sum.ID, &sum.Title, &status, &sum.Severity, &sum.Version, &created, &updated); err != nil {
			return nil, fmt.Errorf("list incidents: %w", err)
		}
		sum.Status = hindsight.Status(status)
		sum.CreatedAt, sum.UpdatedAt = time.Unix(0, created).UTC(), time.Unix(0, updated).UTC()
		out = append(out, sum)
	}
	return out, rows.Err()
}

// inTx runs fn in one transaction, committing only when it succeeds.
func (s *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
