package facts

import (
	"errors"
	"fmt"
)

// Error codes: one per way a request can fail, mapped to HTTP statuses only in package api.
const (
	EINVALID     = "invalid"     // the caller's input is wrong
	ENOTFOUND    = "not_found"   // no such thing
	ECONFLICT    = "conflict"    // the write clashes with stored data
	ETOOLARGE    = "too_large"   // input over a size limit
	EUNAVAILABLE = "unavailable" // the database cannot be reached or its schema is not current
	ETIMEOUT     = "timeout"     // the database worked on the request for longer than allowed
	EINTERNAL    = "internal"    // a bug or an unexpected failure
)

// Error is a failure the caller can act on. Message is safe to show to clients.
type Error struct {
	Code    string
	Message string
	Params  []ParamError // for EINVALID: which inputs were wrong
}

// ParamError names one bad input and what is wrong with it.
type ParamError struct {
	Param   string `json:"param"`
	Message string `json:"message"`
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ParamErrorf returns an EINVALID *Error about one named input.
func ParamErrorf(param, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Code: EINVALID, Message: msg, Params: []ParamError{{Param: param, Message: msg}}}
}

// ErrorCode returns the code of the first *Error in err's chain, "" for nil, and EINTERNAL for
// any other error.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, and "internal error" for
// any other error, so that internals never reach a client.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
