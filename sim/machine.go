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

// pendingKind marks the awaits of a machine task that step completes in its own
// way.
type pendingKind uint8

const (
	pendingOther pendingKind = iota
	pendingYield             // StartSleep(0): record the wake as Sleep(0) does
	pendingBlock             // StartBlock: not an await, so a cancellation waits for the next one
)

// step runs one step of the machine task t, which start has just made current.
func (e *Engine) step(t *Task) {
	var awaited error
	if t.begun {
		switch t.pending {
		case pendingBlock:
			// Like Block's return: nothing to report, and a cancellation asked
			// meanwhile stays for the next await.
		case pendingYield:
			if awaited = t.awaited(); awaited == nil {
				t.wakeSched, t.wakeAt = t.timer.when, e.now
			}
		default:
			awaited = t.awaited()
		}
		t.pending = pendingOther
	}
	t.begun = true
	err := t.resumeMachine(awaited)
	e.cur = nil
	switch {
	case err == ErrPending && t.state != StateRunning:
		return
	case err == ErrPending:
		err = &PanicError{Task: t.Name(), Value: "machine returned ErrPending without starting an await"}
	case t.state != StateRunning:
		// It ended (or panicked) in the middle of an await it started: take it off
		// what it awaits, so nothing wakes or waits for a task that has ended, and
		// fail the task for the bug it is.
		t.abandon()
		var pe *PanicError
		if !errors.As(err, &pe) {
			err = &PanicError{Task: t.Name(), Value: "machine returned while awaiting"}
		}
	}
	if err == nil && t.cancelReq {
		// Cancelled after its last await and ended normally: cancelled all the same.
		t.cancelReq = false
		err = ErrCancelled
	}
	e.finish(t, err)
}

// abandon takes t, a machine that ended in the middle of an await it had just
// started, off what it awaits without waking it.
func (t *Task) abandon() {
	e := t.e
	switch t.state {
	case StateSleeping:
		e.unschedule(&t.timer)
	case StateWaiting:
		if t.wl != nil {
			t.wl.remove(t)
		}
	case StateBlocked:
		if e.blocker == t {
			e.blocker = nil // the loop is not frozen after all
		}
	}
	// A yield's ready entry finds the task ended and is skipped.
	e.parks++
	t.wgen, t.wl = e.parks, nil
}

// resumeMachine calls the machine, turning a panic into the task's failure.
func (t *Task) resumeMachine(awaited error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &PanicError{Task: t.Name(), Value: r}
		}
	}()
	return t.m.Resume(t, awaited)
}

// StartSleep is Sleep for a machine task: it starts a sleep of d and returns
// ErrPending, or ErrCancelled if the task was cancelled while running.
func (t *Task) StartSleep(d time.Duration) error {
	if d < 0 {
		panic("sim: negative sleep " + d.String())
	}
	if err := t.checkCancel(); err != nil {
		return err
	}
	e := t.e
	if d == 0 {
		// A yield, which still records when it was asked for, as Sleep(0) does: the
		// idle sleep timer keeps the time until the task resumes (see step).
		t.timer.when, t.pending = e.now, pendingYield
		e.wake(t, wakeOK)
		t.parkBegin(StateReady, nil)
		return ErrPending
	}
	t.until = e.now + d
	if e.on() {
		e.emit(t, KindSleep, "", clockDetail("until ", t.until))
	}
	e.schedule(&t.timer, t.until)
	t.parkBegin(StateSleeping, nil)
	return ErrPending
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
	t.pending = pendingBlock
	return ErrPending
}

// StartWait is Wait for a machine task: nil if the flag is set, else ErrPending
// until it is (or ErrCancelled).
func (ev *Flag) StartWait(t *Task) error {
	if err := t.checkCancel(); err != nil {
		return err
	}
	if ev.set {
		return nil
	}
	ev.waiters.add(t)
	t.parkBegin(StateWaiting, &ev.waiters)
	return ErrPending
}
