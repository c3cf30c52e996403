package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/store"
	"github.com/hindsight-sre/hindsight/store/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) hindsight.Store {
		db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sub", "hindsight.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

// TestPostgres runs the same contract on the server named by
// HINDSIGHT_TEST_POSTGRES (a postgres:// URL of a database the test may
// create schemas in). CI always sets it; elsewhere the test is skipped.
func TestPostgres(t *testing.T) {
	url := os.Getenv("HINDSIGHT_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must set HINDSIGHT_TEST_POSTGRES so the store contract runs on PostgreSQL")
		}
		t.Skip("HINDSIGHT_TEST_POSTGRES is not set")
	}
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var n atomic.Int64
	storetest.Run(t, func(t *testing.T) hindsight.Store {
		// Each subtest gets its own schema, so tests stay independent.
		schema := fmt.Sprintf("hindsight_test_%d_%d", os.Getpid(), n.Add(1))
		if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.Exec("DROP SCHEMA " + schema + " CASCADE") })
		sep := "?"
		if strings.Contains(url, "?") {
			sep = "&"
		}
		db, err := store.Open(context.Background(), url+sep+"search_path="+schema)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

func TestOpenBadPath(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, []byte("x"), 0o644)
	if _, err := store.Open(context.Background(), filepath.Join(f, "db.sqlite")); err == nil {
		t.Fatal("opening a database under a regular file should fail")
	}
}
