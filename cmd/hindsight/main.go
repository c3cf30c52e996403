// Command hindsight turns incident evidence into a blameless postmortem.
// This package only wires: it reads configuration and flags, opens the
// store, calls the Service, and prints. Every rule lives in the domain.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	_ "time/tzdata" // zones work on machines without a zoneinfo database
)

// Exit codes, documented in `hindsight --help`.
const (
	exitOK       = 0
	exitFailure  = 1
	exitUsage    = 2
	exitFindings = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code. Errors are
// printed once, here, as one line on stderr.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, env: os.Getenv}
	defer a.close()
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var found findingsError
	if errors.As(err, &found) {
		return exitFindings
	}
	var usage usageError
	if errors.As(err, &usage) || isCobraUsage(err) {
		fmt.Fprintf(stderr, "hindsight: %v\n", err)
		fmt.Fprintln(stderr, "Run 'hindsight --help' for usage.")
		return exitUsage
	}
	fmt.Fprintf(stderr, "hindsight: %s\n", errorLine(err))
	return exitFailure
}

// errorLine is the one line a user sees for a failure: the whole wrapped
// chain, since the CLI user runs their own machine and the file and driver
// context helps them (the web UI shows only hindsight.ErrorMessage).
func errorLine(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", " ")
}

// usageError marks a command line that is wrong in itself.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// findingsError means checks ran and found problems at or above the
// threshold: exit 3, with the findings already printed.
type findingsError struct{ n int }

func (f findingsError) Error() string { return fmt.Sprintf("%d findings", f.n) }

// isCobraUsage recognises the usage errors cobra returns as plain errors
// (flag and argument errors are wrapped as usageError where they arise).
func isCobraUsage(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "required flag")
}
