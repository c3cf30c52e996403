package hindsight

// The fixtures and unexported helpers that the external tests (package
// hindsight_test, which may import package store) share with the internal
// ones, under exported names so that each keeps a single definition. This
// file is compiled into the tests only.
var (
	Day            = day
	At             = at
	Ev             = ev
	MustOK         = mustOK
	Rules          = rules
	IsTool         = isTool
	FixtureEvents  = fixtureEvents
	FixtureRoster  = fixtureRoster
	FixtureSecrets = fixtureSecrets
	FxAlert        = fxAlert
	FxDeploy       = fxDeploy
	FxLunch        = fxLunch
	BenchEvents    = benchEvents
	BenchRoster    = benchRoster
	ReportRate     = reportRate
)

const BenchN = benchN
