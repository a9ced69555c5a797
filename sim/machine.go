package sim

import (
	"errors"
	"time"
)

// Machine is a task body written as a state machine instead of sequential code:
// what a compiler makes of an async function, and what an asyncio Task steps
// through with send(). The loop calls Resume each time the task runs, on
// whatever goroutine carries the loop, with no coroutine and no switch: a machine
// task costs a function call per step where a Func task costs a coroutine switch.
// In every other way it is the same task: same id, name, states, trace events,
// cancellation and introspection, in the same order.
//
// Resume runs the task from where it last stopped to its next await and keeps
// its own program counter. awaited is the result of the await it resumes from
// (nil on the first call; ErrCancelled if it was cancelled there). To await, it
// calls one of the Start methods — [Task.StartSleep], [Task.StartBlock],
// [Flag.StartWait], [Queue.StartGet], [Semaphore.StartAcquire],
// [Executor.StartRun], and [Task.StartTimeout] around them — and returns what
// that returned: [ErrPending] when the task now waits, nil when what it awaits was
// already there (go on at once), or an error such as ErrCancelled. StartGet and
// StartAcquire have a second half, FinishGet and FinishAcquire, called with the
// result when the task resumes. Returning anything other than ErrPending ends the
// task with that result, as a Func's return does; a panic fails it with a
// *PanicError. Lock, Condition, Barrier, Future, Gather, Group and Task.Wait
// have no Start form yet: a task that needs them is written as a Func.
//
// Calls that never suspend work in a machine as in a Func: Spawn, Flag.Set,
// Semaphore.Release, Queue.TryGet, Queue.Put on an unbounded queue, Say. Calls
// that suspend (Sleep, Get, Wait, Block, ...) fail a machine task with a
// *PanicError that names the call, before they change anything.
type Machine interface {
	Resume(t *Task, awaited error) error
}

// ErrPending is what a Machine's Resume returns when the task has started an await
// and is suspended until it completes.
var ErrPending = errors.New("sim: pending") //nolint:staticcheck // a sentinel like io.EOF, never an error

// SpawnMachine creates a top-level task whose body is m.
func (e *Engine) SpawnMachine(name string, m Machine) *Task { return e.spawn(nil, name, -1, nil, m) }

// SpawnMachineN creates a child task of t named name-n whose body is m.
func (t *Task) SpawnMachineN(name string, n int, m Machine) *Task {
	return t.e.spawn(t, name, n, nil, m)
}

// SpawnMachineAt is SpawnMachineN with the child stored in *at, a zero Task the
// caller embeds in a struct of its own, which saves an allocation per task where
// a program spawns millions.
//
// The storage of a task that has ended may be zeroed and used again, if the task
// did not fail and nothing awaits it: no Task.Wait, Gather, Group or OnDone
// callback refers to it, since those read the task when they run, later. The
// loop itself keeps nothing of an ended task that it could mistake for the new
// one: wait lists tell parks apart engine-wide, and a task's armed timeouts are
// cancelled when it ends.
func (t *Task) SpawnMachineAt(at *Task, name string, n int, m Machine) *Task {
	return t.e.spawnAt(at, t, name, n, nil, m)
}

// SpawnMachineAt creates a top-level task named name-n in *at (see
// Task.SpawnMachineAt).
func (e *Engine) SpawnMachineAt(at *Task, name string, n int, m Machine) *Task {
	return e.spawnAt(at, nil, name, n, nil, m)
}

// resumeMachine calls the machine, turning a panic into the task's failure.
func (t *Task) resumeMachine(awaited error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = newPanicError(t.Name(), r)
		}
	}()
	return t.m.Resume(t, awaited)
}

// StartBlock is Block for a machine task: it freezes the whole loop for d and
// returns ErrPending; the task resumes (with a nil result) when the loop comes back.
func (t *Task) StartBlock(d time.Duration) error {
	if d < 0 {
		panic("sim: negative block " + d.String())
	}
	if t.e.cur != t {
		panic("sim: StartBlock outside the running task (" + t.Name() + ")")
	}
	t.block(d)
	return ErrPending
}
