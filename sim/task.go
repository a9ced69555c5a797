package sim

import (
	"strconv"
	"time"
)

// Func is the body of a task. It runs as a coroutine: ordinary sequential Go code
// that suspends only at await points (Sleep, Queue.Get, Lock.Acquire, ...), each of
// which takes the task first and returns ErrCancelled if the task is cancelled there.
type Func func(t *Task) error

// Task is a coroutine scheduled by the loop (asyncio's Task). It is a future too:
// others await its end, and its done-callbacks run on the loop when it ends.
//
// A step runs the coroutine from where it stopped to its next await, as
// Task.__step does: the await hands the loop the future it waits on, the task
// registers its wake-up as that future's done-callback, and when the future
// completes the wake-up (a ready handle) steps the task again with the future's
// outcome.
type Task struct {
	fut    future // the task's own future: its end
	e      *Engine
	id     int
	parent int
	name   string
	num    int // >= 0: the name is name-num, formatted on first use
	fn     Func

	since time.Duration
	until time.Duration
	what  waitNamer // what it awaits, for introspection
	co    *coro
	err   error

	// Task.__step's state: the future the task waits on, a cancellation asked
	// while it was not waiting on one (_must_cancel, with its message), and the
	// number of cancellations asked and not withdrawn (_num_cancels_requested).
	futWaiter  *future
	mustCancel bool
	cancelMsg  string
	ncancels   int
	// cancelledExc is the CancelledError the body raised when the task ended
	// cancelled (_cancelled_exc): the first read of the outcome takes it, with
	// its message; later reads get the future's error, which has none.
	cancelledExc error

	send    error   // what the current step resumes the coroutine with
	yielded *future // what the coroutine awaits after this step; nil: a bare yield

	curSleep  *Handle // the timer of the sleep in progress
	curWait   *future // the waiter future of a Start/Finish await in progress
	waiter    future  // the future of the task's waits, reused once each wait is over
	wakeSched time.Duration
	wakeAt    time.Duration

	prev, next *Task // the engine's live list

	state    State
	begun    bool // its first step has run
	observed bool
	released bool // Release: the loop may reuse the storage once the task is done
}

// waitNamer is something a task can await, named for introspection.
type waitNamer interface {
	waitName() string
}

// Spawn creates a top-level task and schedules its first step (asyncio.create_task).
func (e *Engine) Spawn(name string, fn Func) *Task { return e.spawn(nil, name, -1, fn) }

// SpawnN creates a top-level task named name-n; the name is formatted only when
// something reads it, which keeps untraced runs free of string building.
func (e *Engine) SpawnN(name string, n int, fn Func) *Task { return e.spawn(nil, name, n, fn) }

// Spawn creates a child task of t and schedules its first step. The child runs after
// t next suspends, in the order tasks were spawned.
func (t *Task) Spawn(name string, fn Func) *Task { return t.e.spawn(t, name, -1, fn) }

// SpawnN creates a child task of t named name-n.
func (t *Task) SpawnN(name string, n int, fn Func) *Task { return t.e.spawn(t, name, n, fn) }

func (e *Engine) spawn(parent *Task, name string, num int, fn Func) *Task {
	if n := len(e.freeTasks); n > 0 && !e.closed {
		t := e.freeTasks[n-1]
		e.freeTasks[n-1] = nil
		e.freeTasks = e.freeTasks[:n-1]
		*t = Task{}
		return e.spawnTask(t, true, parent, name, num, fn)
	}
	return e.spawnTask(new(Task), true, parent, name, num, fn)
}

// Release tells the loop that nothing will use t once it has ended: no Wait, Err
// or Done on it, no done-callback, no pointer kept (and t leaves every Timeout it
// enters and awaits every executor job it starts). The loop may then reuse t's
// storage for a task spawned later, so a steady stream of short tasks (the
// customers of a shop) allocates nothing. Only a task that ends done (returns
// nil, not cancelled, not failed) with no done-callback is reused; any other
// stays as it ended.
func (t *Task) Release() { t.released = true }

// spawnTask creates the task in t, a zero Task; fresh says it was just allocated
// (zeroing it again would only cost write barriers).
func (e *Engine) spawnTask(t *Task, fresh bool, parent *Task, name string, num int, fn Func) *Task {
	if e.closed {
		panic("sim: spawn on a closed engine")
	}
	if t.e != nil {
		panic("sim: spawn into a Task in use (by " + t.Name() + "); zero it first, once it has ended")
	}
	if e.lastRan == t {
		e.lastRan = nil // that task is gone; this is a new one
	}
	e.nextID++
	if !fresh {
		*t = Task{}
	}
	t.e, t.id, t.name, t.num, t.fn, t.state, t.since = e, e.nextID, name, num, fn, StateReady, e.now
	t.fut.e, t.fut.task = e, t
	t.waiter.e = e
	if parent != nil {
		t.parent = parent.id
	}
	if e.tail == nil {
		e.head = t
	} else {
		e.tail.next, t.prev = t, e.tail
	}
	e.tail = t
	e.nlive++
	if e.on(t, KindSpawn) {
		obj := ""
		if parent != nil {
			obj = "by " + parent.Name()
		}
		e.emit(t, KindSpawn, obj, "")
	}
	e.soonStep(t)
	return t
}

// ID returns the task's id, unique within its engine, from 1.
func (t *Task) ID() int { return t.id }

// Name returns the task's name.
func (t *Task) Name() string {
	if t.num >= 0 {
		t.name, t.num = t.name+"-"+strconv.Itoa(t.num), -1
	}
	return t.name
}

func (t *Task) waitName() string { return "task " + t.Name() }

// Engine returns the loop the task runs on.
func (t *Task) Engine() *Engine { return t.e }

// Now returns the loop's virtual time.
func (t *Task) Now() time.Duration { return t.e.now }

// State returns the task's state.
func (t *Task) State() State { return t.state }

// Done reports whether the task has ended (done, cancelled or failed).
func (t *Task) Done() bool { return t.fut.done() }

// Cancelled reports whether the task ended cancelled.
func (t *Task) Cancelled() bool { return t.fut.cancelled() }

// Err returns how the task ended: nil, its cancellation (errors.Is ErrCancelled),
// or its failure. It marks a failure as observed, so Run does not report it.
// Unlike awaiting the task (or TaskOf.Result), it is not a read of the outcome:
// a cancelled task's own CancelledError, with its message, stays for the first
// awaiter.
func (t *Task) Err() error {
	t.observed = true
	return t.err
}

// Info returns a read-only view of the task.
func (t *Task) Info() TaskInfo {
	return TaskInfo{ID: t.id, Name: t.Name(), Parent: t.parent, State: t.state, Awaiting: t.Awaiting(), Since: t.since, Until: t.until}
}

// LastWake returns when the most recent sleep was due to end and when the task
// actually woke; the difference is the wake's lateness.
func (t *Task) LastWake() (scheduled, actual time.Duration) { return t.wakeSched, t.wakeAt }

// Awaiting names what the task waits on ("queue orders"), or "" if nothing.
func (t *Task) Awaiting() string {
	if t.what == nil {
		return ""
	}
	return t.what.waitName()
}

// stepBegin starts a step of t with exc as what the coroutine resumes with (the
// first half of Task.__step), and reports whether the coroutine runs: a task
// cancelled before its first step ends at once, its body never started.
func (t *Task) stepBegin(exc error) bool {
	if t.fut.done() {
		return false
	}
	e := t.e
	if t.mustCancel {
		if !isCancel(exc) {
			exc = cancelError(t.cancelMsg)
		}
		t.mustCancel = false
	}
	t.futWaiter = nil
	if !t.begun {
		t.begun = true
		if exc != nil {
			// Throwing into a coroutine that has not started ends it at once.
			e.finishBody(t, exc)
			return false
		}
	}
	t.send = exc
	t.state, t.since, t.what = StateRunning, e.now, nil
	e.cur, e.lastRan = t, t
	if e.on(t, KindRun) {
		e.emit(t, KindRun, "", "")
	}
	return true
}

// afterYield is the rest of Task.__step once the coroutine has suspended: a bare
// yield schedules the next step at once; a future gets the task's wake-up as a
// done-callback, and a cancellation asked during the step cancels that future.
func (e *Engine) afterYield(t *Task) {
	if t.state == StateBlocked {
		e.cur = nil
		return // not an await: the step goes on when the loop comes back
	}
	f := t.yielded
	t.yielded = nil
	if f == nil {
		e.soonStep(t)
	} else {
		f.addCallback(callback{task: t})
		t.futWaiter = f
		if t.mustCancel && f.cancel(t.cancelMsg) {
			t.mustCancel = false
		}
	}
	e.cur = nil
}

// body runs the task function on its coroutine, turning a panic into a failure.
func (t *Task) body() {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(closingSignal); ok {
				return
			}
			t.err = newPanicError(t.Name(), r)
		}
	}()
	t.err = t.fn(t)
}

// finishBody ends t after its body returned err, as the end of Task.__step does:
// a normal return after a cancellation nobody delivered still cancels the task; a
// cancellation error cancels it; any other error fails it.
func (e *Engine) finishBody(t *Task, err error) {
	switch {
	case err == nil && t.mustCancel:
		// Cancelled as the body returns: the task's future is cancelled with
		// the task's message, which every reader gets.
		t.mustCancel = false
		e.finish(t, cancelError(t.cancelMsg), false)
	default:
		e.finish(t, err, true)
	}
}

// finish records how t ended and schedules its done-callbacks (the wake-ups of
// those awaiting it among them). raised says that err came out of the body: a
// cancellation it raised is kept for the first reader of the outcome, and the
// task's future is cancelled without a message (Task.__step's except
// CancelledError: _cancelled_exc, then Future.cancel() with no msg), so later
// readers get a CancelledError without one.
func (e *Engine) finish(t *Task, err error, raised bool) {
	t.fn = nil
	kind := KindDone
	switch {
	case err == nil:
		t.state = StateDone
	case isCancel(err):
		t.state, kind = StateCancelled, KindCancel
	default:
		t.state, kind = StateFailed, KindFail
		if _, ok := err.(*PanicError); !ok {
			err = &TaskError{Task: t.Name(), Err: err}
		}
	}
	t.err, t.since, t.what, t.futWaiter = err, e.now, nil, nil
	if e.on(t, kind) {
		d := ""
		if kind == KindFail {
			d = err.Error()
		} else if kind == KindCancel {
			d = "ended"
		}
		e.emit(t, kind, "", d)
	}
	// Unlink from the live list: memory follows live tasks, not run length.
	if t.prev != nil {
		t.prev.next = t.next
	} else {
		e.head = t.next
	}
	if t.next != nil {
		t.next.prev = t.prev
	} else {
		e.tail = t.prev
	}
	t.prev, t.next = nil, nil
	e.nlive--
	if kind == KindFail && !t.observed && !t.fut.watched() {
		e.unobserved = append(e.unobserved, t)
	}
	reuse := t.released && kind == KindDone && len(t.fut.cbs) == 0 && e.blocker != t
	if kind == KindCancel {
		t.fut.state, t.fut.err = futCancelled, err
		if raised {
			t.fut.err, t.cancelledExc = ErrCancelled, err
		}
		t.fut.schedule()
	} else {
		t.fut.finish(err)
	}
	if reuse {
		e.freeTasks = append(e.freeTasks, t)
	}
}

// suspend yields to the loop until the task is resumed; the loop first finishes
// the step (afterYield).
func (t *Task) suspend() {
	e := t.e
	e.afterYield(t)
	if !e.dispatch(t.co) {
		panic(closingSignal{}) // the engine is closing: unwind the task's stack
	}
}

// yieldTo makes f what the running task awaits after this step, in state st on
// what: the first half of `await f` for a pending f.
func (t *Task) yieldTo(f *future, st State, what waitNamer) {
	e := t.e
	if e.cur != t {
		panic("sim: await outside the running task (" + t.Name() + ")")
	}
	t.yielded = f
	t.state, t.since, t.what = st, e.now, what
	if st == StateWaiting && e.on(t, KindWait) {
		e.emit(t, KindWait, what.waitName(), "")
	}
}

// await suspends t until f is done and returns f's outcome (`await f`). A future
// already done returns its outcome at once, without suspending: a cancellation
// asked meanwhile waits for an await that really suspends, as in asyncio.
func (t *Task) await(f *future, what waitNamer) error {
	return t.awaitIn(f, StateWaiting, what)
}

func (t *Task) awaitIn(f *future, st State, what waitNamer) error {
	if f.done() {
		return f.outcome()
	}
	t.yieldTo(f, st, what)
	t.suspend()
	return t.send
}

// newWaiter returns the task's own waiter future, pending, for a wait on a
// primitive. Every primitive drops its waiter future when the wait is over, as
// asyncio's do, so the task can reuse it for its next wait.
func (t *Task) newWaiter() *future {
	t.waiter.reset(t.e)
	return &t.waiter
}
