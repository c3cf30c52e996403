package hindsight

import (
	"errors"
	"fmt"
)

// ErrorCode classifies an error for the edges of the program: the CLI turns it
// into an exit code, the web UI into an HTTP status, the MCP server into an
// isError result.
type ErrorCode string

// The error codes a user may see.
const (
	// CodeInvalid means the input broke a rule; the message says which.
	CodeInvalid ErrorCode = "invalid"
	// CodeNotFound means a named incident, event, factor or file does not exist.
	CodeNotFound ErrorCode = "not_found"
	// CodeConflict means someone else changed the incident first, or the
	// thing to create exists already.
	CodeConflict ErrorCode = "conflict"
	// CodeInternal means a fault of the program or its storage.
	CodeInternal ErrorCode = "internal"
)

// Error is an error meant to be shown to a user. Everything else is wrapped
// with context and reported as internal at the edge.
type Error struct {
	Code    ErrorCode
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf builds an *Error with a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCodeOf returns the code of the first *Error in err's chain, or
// CodeInternal when there is none.
func ErrorCodeOf(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorMessage returns the text a user may see for err: the message of the
// first *Error in its chain, or a generic sentence that hides internals.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
