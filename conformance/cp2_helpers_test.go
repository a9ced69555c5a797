package conformance_test

import (
	"errors"
	"fmt"

	"github.com/brewloop/brewloop/sim"
)

// Helpers of the counterparts 078-105 (prefixed cp2 so that they do not clash
// with the other ranges' files).

// cp2Cancelled reports whether err is a cancellation (except asyncio.CancelledError).
func cp2Cancelled(err error) bool { return errors.Is(err, sim.ErrCancelled) }

// cp2Is reports whether err is the Python exception typ a program raised
// (except typ), looking through a task's failure.
func cp2Is(err error, typ string) bool {
	pe, ok := cp2Raised(err).(*pyErr)
	return ok && pe.typ == typ
}

// cp2Err is vtloop.err for what these programs show: a task group's
// ExceptionGroup and a child's failure as the child raised it.
func cp2Err(err error) string {
	err = cp2Raised(err)
	if ge, ok := err.(*sim.GroupError); ok {
		s := "s"
		if len(ge.Errs) == 1 {
			s = ""
		}
		return fmt.Sprintf("ExceptionGroup: unhandled errors in a TaskGroup (%d sub-exception%s)", len(ge.Errs), s)
	}
	return errName(err)
}

// cp2Raised is the exception a failed task raised (sim wraps it in a *TaskError
// naming the task).
func cp2Raised(err error) error {
	for {
		te, ok := err.(*sim.TaskError)
		if !ok {
			return err
		}
		err = te.Err
	}
}

// cp2Group is `except ExceptionGroup as eg`: the group's exceptions, as raised.
func cp2Group(err error) ([]error, bool) {
	ge, ok := cp2Raised(err).(*sim.GroupError)
	if !ok {
		return nil, false
	}
	errs := make([]error, len(ge.Errs))
	for i, e := range ge.Errs {
		errs[i] = cp2Raised(e)
	}
	return errs, true
}
