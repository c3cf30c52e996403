package hindsight_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hindsight-sre/hindsight"
	"github.com/hindsight-sre/hindsight/store"
)

// Short local names for the internal tests' fixtures and helpers
// (export_test.go), so that the tests read the same on either side.
var (
	day            = hindsight.Day
	at             = hindsight.At
	ev             = hindsight.Ev
	mustOK         = hindsight.MustOK
	rules          = hindsight.Rules
	isTool         = hindsight.IsTool
	fixtureEvents  = hindsight.FixtureEvents
	fixtureRoster  = hindsight.FixtureRoster
	fixtureSecrets = hindsight.FixtureSecrets
	fxAlert        = hindsight.FxAlert
	fxDeploy       = hindsight.FxDeploy
	fxLunch        = hindsight.FxLunch
)

// newService returns a Service over a real SQLite store in a fresh
// temporary folder, closed when the test ends.
func newService(tb testing.TB, opts ...hindsight.Option) *hindsight.Service {
	tb.Helper()
	db, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "hindsight.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return hindsight.NewService(db, opts...)
}
