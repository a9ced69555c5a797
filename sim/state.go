package sim

import (
	"strconv"
	"time"
)

// State is where a task is in its life.
type State uint8

// The states of a task. A task is live until it is Done, Cancelled or Failed.
const (
	StateReady     State = iota + 1 // scheduled to run, in the ready queue
	StateRunning                    // the one task the loop is running now
	StateSleeping                   // suspended until a time (Until)
	StateWaiting                    // suspended on an object (Awaiting)
	StateBlocked                    // froze the whole loop with a blocking call
	StateDone                       // returned nil
	StateCancelled                  // ended by cancellation
	StateFailed                     // returned an error or panicked
	stateEnd
)

// NumStates is one more than the largest State, so [NumStates]int can count tasks per state.
const NumStates = int(stateEnd)

var stateNames = [...]string{
	StateReady: "READY", StateRunning: "RUNNING", StateSleeping: "SLEEPING", StateWaiting: "WAITING",
	StateBlocked: "BLOCKED", StateDone: "DONE", StateCancelled: "CANCELLED", StateFailed: "FAILED",
}

// String returns the state's name in capitals, as the task table shows it.
func (s State) String() string {
	if s > 0 && s < stateEnd {
		return stateNames[s]
	}
	return "state(" + strconv.Itoa(int(s)) + ")"
}

// Live reports whether a task in this state has not ended yet.
func (s State) Live() bool { return s >= StateReady && s <= StateBlocked }

// TaskInfo is a read-only view of one task, for introspection and display.
type TaskInfo struct {
	ID       int
	Name     string
	Parent   int           // id of the task that spawned it, 0 for a top-level task
	State    State         //
	Awaiting string        // the object it waits on ("queue orders"), empty if none
	Since    time.Duration // when it entered its current state
	Until    time.Duration // sleeping or blocked: when it is due to resume
}
