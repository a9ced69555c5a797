package conformance_test

import (
	"errors"

	"github.com/brewloop/brewloop/sim"
)

// Helpers of the counterparts 078-105 (prefixed cp2 so that they do not clash
// with the other ranges' files).

// cp2Cancelled reports whether err is a cancellation (except asyncio.CancelledError).
func cp2Cancelled(err error) bool { return errors.Is(err, sim.ErrCancelled) }

// cp2Is reports whether err is the Python exception typ a program raised
// (except typ), looking through a task's failure.
func cp2Is(err error, typ string) bool {
	var pe *pyErr
	return errors.As(err, &pe) && pe.typ == typ
}
