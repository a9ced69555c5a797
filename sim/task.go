package sim

import (
	"errors"
	"iter"
	"strconv"
	"time"
)

// Func is the body of a task. It runs as a coroutine: ordinary sequential Go code
// that suspends only at await points (Sleep, Queue.Get, Lock.Acquire, ...), each of
// which takes the task first and returns ErrCancelled if the task is cancelled there.
type Func func(t *Task) error

// Task is a coroutine scheduled by the loop (asyncio's Task).
type Task struct {
	e      *Engine
	id     int
	parent int
	name   string
	num    int // >= 0: the name is name-num, formatted on first use
	fn     Func
	m      Machine // the body, when written as a state machine (fn is nil then)

	since time.Duration
	until time.Duration
	wl    waitList // what it is parked on: Cancel takes it out, Info names it
	co    *coro
	err   error
	timer timer // the sleep timer (a task sleeps on one timer at a time)

	wakeSched, wakeAt time.Duration

	// wgen identifies the task's current park (or wake) engine-wide: a wait-list
	// entry is live only while it matches, so stale entries are skipped, also
	// after the task's storage is zeroed and used for another task.
	wgen uint64

	prev, next *Task // the engine's live list
	x          *taskExtra
	timeouts   *Timeout // armed deadlines (StartTimeout), cancelled if the task ends first

	cancels   uint32 // Cancel calls so far, so WaitFor can tell its deadline from an outside cancel
	state     State
	resume    wakeCode // what the await point returns when the task resumes
	cancelReq bool     // cancel asked while the task was ready or running
	granted   bool     // the last park ended because the resource was handed over
	observed  bool
	begun     bool        // a machine task has had its first step
	pending   pendingKind // what a machine task awaits, where step must know
}

// taskExtra holds what few tasks need, allocated on first use to keep Task small:
// one Task is allocated per customer.
type taskExtra struct {
	waiters   []*Task
	callbacks []func(*Task)
}

func (t *Task) extra() *taskExtra {
	if t.x == nil {
		t.x = &taskExtra{}
	}
	return t.x
}

// wakeCode is the outcome a waker hands to a parked task.
type wakeCode uint8

const (
	wakeOK wakeCode = iota
	wakeCancelled
	wakeClosed
	wakeBroken
)

var wakeErrs = [...]error{wakeOK: nil, wakeCancelled: ErrCancelled, wakeClosed: ErrClosed, wakeBroken: ErrBrokenBarrier}

// coro is a pooled coroutine. A finished task hands its coroutine back to the loop,
// which reuses it for the next task: creating the goroutine behind iter.Pull costs
// more than a whole resume.
type coro struct {
	next    func() (struct{}, bool)
	stop    func()
	yield   func(struct{}) bool
	task    *Task
	calling bool // it has called another coroutine (it is in the chain, not on top)
	closing bool
}

// closingSignal unwinds a coroutine when the engine is closed.
type closingSignal struct{}

func (e *Engine) newCoro() *coro {
	c := &coro{}
	c.next, c.stop = iter.Pull(func(yield func(struct{}) bool) {
		c.yield = yield
		for {
			t := c.task
			t.body()
			if c.closing {
				return
			}
			c.task, t.co = nil, nil
			e.ended = t // finished by the loop's next pick, on this coroutine
			if !e.dispatch(c) {
				return
			}
		}
	})
	return c
}

// Spawn creates a top-level task and schedules its first step (asyncio.create_task).
func (e *Engine) Spawn(name string, fn Func) *Task { return e.spawn(nil, name, -1, fn, nil) }

// SpawnN creates a top-level task named name-n; the name is formatted only when
// something reads it, which keeps untraced runs free of string building.
func (e *Engine) SpawnN(name string, n int, fn Func) *Task { return e.spawn(nil, name, n, fn, nil) }

// Spawn creates a child task of t and schedules its first step. The child runs after
// t next suspends, in the order tasks were spawned.
func (t *Task) Spawn(name string, fn Func) *Task { return t.e.spawn(t, name, -1, fn, nil) }

// SpawnN creates a child task of t named name-n.
func (t *Task) SpawnN(name string, n int, fn Func) *Task { return t.e.spawn(t, name, n, fn, nil) }

func (e *Engine) spawn(parent *Task, name string, num int, fn Func, m Machine) *Task {
	return e.spawnAt(new(Task), parent, name, num, fn, m)
}

// spawnAt creates the task in t, a zero Task.
func (e *Engine) spawnAt(t *Task, parent *Task, name string, num int, fn Func, m Machine) *Task {
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
	*t = Task{e: e, id: e.nextID, name: name, num: num, fn: fn, m: m, state: StateReady, since: e.now}
	t.timer.idx = -1
	t.timer.task = t
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
	if e.on() {
		obj := ""
		if parent != nil {
			obj = "by " + parent.Name()
		}
		e.emit(t, KindSpawn, obj, "")
	}
	e.ready.push(entry{task: t})
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

// Engine returns the loop the task runs on.
func (t *Task) Engine() *Engine { return t.e }

// Now returns the loop's virtual time.
func (t *Task) Now() time.Duration { return t.e.now }

// State returns the task's state.
func (t *Task) State() State { return t.state }

// Done reports whether the task has ended (done, cancelled or failed).
func (t *Task) Done() bool { return !t.state.Live() }

// Err returns how the task ended: nil, ErrCancelled, or its failure. It marks a
// failure as observed, so Run does not report it.
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

// start prepares t to run as the loop's next step and reports whether it runs: a
// task that ended meanwhile does not, and one cancelled before its first step
// ends without running its body (asyncio).
func (e *Engine) start(t *Task) bool {
	if t.state != StateReady && t.state != StateBlocked {
		return false // ended meanwhile (a cancelled task that never started)
	}
	if t.co == nil && !t.begun && t.cancelReq {
		t.cancelReq = false
		e.finish(t, ErrCancelled)
		return false
	}
	t.state, t.since, t.wl = StateRunning, e.now, nil
	e.cur, e.lastRan = t, t
	if e.on() {
		e.emit(t, KindRun, "", "")
	}
	return true
}

// body runs the task function on its coroutine, turning a panic into a failure.
func (t *Task) body() {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(closingSignal); ok {
				return
			}
			t.err = &PanicError{Task: t.Name(), Value: r}
		}
	}()
	t.err = t.fn(t)
}

// finish records how t ended, wakes whoever awaits it and schedules its callbacks.
func (e *Engine) finish(t *Task, err error) {
	t.fn, t.m = nil, nil
	kind := KindDone
	switch {
	case err == nil:
		t.state = StateDone
	case errors.Is(err, ErrCancelled):
		t.state, kind = StateCancelled, KindCancel
		err = ErrCancelled
	default:
		t.state, kind = StateFailed, KindFail
		var pe *PanicError
		if !errors.As(err, &pe) {
			err = &TaskError{Task: t.Name(), Err: err}
		}
	}
	t.err, t.since, t.wl = err, e.now, nil
	for to := t.timeouts; to != nil; to = to.next {
		// A machine that ended without stopping its timeout: the deadline must
		// not fire on a task that has ended (WaitFor always stops its own).
		e.unschedule(&to.dl.timer)
	}
	t.timeouts = nil
	if e.on() {
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
	if t.x == nil {
		if kind == KindFail {
			e.unobserved = append(e.unobserved, t)
		}
		return
	}
	x := t.x
	if kind == KindFail && len(x.waiters) == 0 && len(x.callbacks) == 0 {
		e.unobserved = append(e.unobserved, t)
	}
	for _, w := range x.waiters {
		if w.wl == (*taskWaiters)(t) {
			e.wake(w, wakeOK)
		}
	}
	x.waiters = nil
	for _, cb := range x.callbacks {
		e.ready.push(entry{fn: func() { cb(t) }})
	}
	x.callbacks = nil
}

// suspend yields to the loop until the task is resumed.
func (t *Task) suspend() {
	if t.co == nil {
		panic("sim: " + t.Name() + " is a machine task: it cannot make a blocking call")
	}
	if !t.e.dispatch(t.co) {
		panic(closingSignal{}) // the engine is closing: unwind the task's stack
	}
}

// park suspends the running task in state st on wl until wake or interrupt. It
// returns the await's error: nil, ErrCancelled, or what the waker handed over.
// t.granted says whether a waker handed the resource over (so a cancelled waiter
// knows to give it back).
func (t *Task) park(st State, wl waitList) error {
	t.parkBegin(st, wl)
	return t.wait()
}

// wait suspends the task, whose await has started (parkBegin), until it resumes,
// and returns the await's result.
func (t *Task) wait() error {
	t.suspend()
	return t.awaited()
}

// mustSuspend panics if t is a machine task, which cannot make the call named:
// it is checked before the call changes anything, so the panic fails the task
// cleanly, with this message.
func (t *Task) mustSuspend(call string) {
	if t.m != nil {
		panic("sim: " + t.Name() + " is a machine task: " + call + " would suspend it; it awaits with the Start methods (see Machine)")
	}
}

// parkBegin puts the running task in state st on wl: the first half of an await,
// which a coroutine follows with suspend and a machine with returning ErrPending.
func (t *Task) parkBegin(st State, wl waitList) {
	e := t.e
	if e.cur != t {
		panic("sim: await outside the running task (" + t.Name() + ")")
	}
	e.parks++
	t.wgen = e.parks
	t.state, t.since, t.wl = st, e.now, wl
	t.granted = false
	if st == StateWaiting && e.on() {
		e.emit(t, KindWait, wl.waitName(), "")
	}
}

// awaited returns the result of the await the task has just resumed from.
func (t *Task) awaited() error {
	err := wakeErrs[t.resume]
	t.resume = wakeOK
	if t.cancelReq {
		// Cancelled again while ready: one ErrCancelled delivers every request, as
		// in asyncio, so a clean-up await after catching it is not cancelled too.
		t.cancelReq = false
		err = ErrCancelled
	}
	return err
}

// wake makes a parked task ready with the given await result.
func (e *Engine) wake(t *Task, code wakeCode) {
	e.parks++
	t.wgen = e.parks
	t.wl = nil
	t.state, t.since = StateReady, e.now
	t.resume = code
	t.granted = code == wakeOK
	e.ready.push(entry{task: t})
}

// interrupt delivers a cancellation to t at its await point: it leaves whatever it
// waits on (without losing a permit or an item) and resumes with ErrCancelled. A task
// that is ready or running gets it at its next await instead.
func (t *Task) interrupt() {
	e := t.e
	switch t.state {
	case StateSleeping:
		e.unschedule(&t.timer)
		e.wake(t, wakeCancelled)
	case StateWaiting:
		if t.wl != nil {
			t.wl.remove(t)
		}
		e.wake(t, wakeCancelled)
	case StateReady, StateRunning, StateBlocked:
		// A blocked task was asked between steps (the loop is frozen, so no task
		// could ask): it gets the cancellation at its next await.
		t.cancelReq = true
	}
}

// Cancel asks t to cancel: ErrCancelled reaches it at its current or next await
// point (asyncio's Task.cancel). It returns false if t has already ended.
func (t *Task) Cancel() bool {
	if t.Done() {
		return false
	}
	if t.e.on() {
		t.e.emit(t, KindCancel, "", "requested")
	}
	t.cancels++
	t.interrupt()
	return true
}

// checkCancel consumes a cancellation that arrived while t was running.
func (t *Task) checkCancel() error {
	if t.cancelReq {
		t.cancelReq = false
		return ErrCancelled
	}
	return nil
}

// Sleep suspends t for d of virtual time (asyncio.sleep). Sleep(0) yields to the
// other ready tasks without a timer, as asyncio does.
func (t *Task) Sleep(d time.Duration) error {
	t.mustSuspend("Sleep")
	if d != 0 {
		if err := t.StartSleep(d); err != ErrPending {
			return err
		}
		return t.wait()
	}
	if err := t.checkCancel(); err != nil {
		return err
	}
	// No timer, but still a sleep: LastWake shows how late the loop came back (a
	// blocking call by another task delays even a zero sleep).
	e := t.e
	sched := e.now
	err := t.Yield()
	if err == nil {
		t.wakeSched, t.wakeAt = sched, e.now
	}
	return err
}

// Yield lets every other ready task run once before t continues (asyncio.sleep(0)).
func (t *Task) Yield() error {
	t.mustSuspend("Yield")
	if err := t.checkCancel(); err != nil {
		return err
	}
	t.e.wake(t, wakeOK)
	return t.park(StateReady, nil)
}

// Block freezes the whole loop for d, the way time.sleep inside a coroutine does:
// no other task runs and no timer fires until it returns, and timers that fell due
// meanwhile fire late. It is not an await point and cannot be cancelled.
func (t *Task) Block(d time.Duration) {
	if d < 0 {
		panic("sim: negative block " + d.String())
	}
	e := t.e
	if e.cur != t {
		panic("sim: Block outside the running task (" + t.Name() + ")")
	}
	t.mustSuspend("Block")
	t.block(d)
	t.suspend()
}

// block freezes the loop for d on behalf of t, the running task.
func (t *Task) block(d time.Duration) {
	e := t.e
	if e.on() {
		e.emit(t, KindBlock, "", "for "+Dur(d))
	}
	t.state, t.since, t.until, t.wl = StateBlocked, e.now, e.now+d, blockingCall{}
	e.blocker, e.blockedUntil = t, e.now+d
}

// Say records a line the task prints (a trace event of kind say), for lessons.
func (t *Task) Say(text string) {
	if t.e.on() {
		t.e.emit(t, KindSay, "", text)
	}
}

// Wait suspends w until t ends and returns t's error (nil, ErrCancelled or its
// failure), like awaiting an asyncio task. As in asyncio, cancelling w while it
// waits cancels t too, and w resumes with ErrCancelled once t has ended.
func (t *Task) Wait(w *Task) error {
	if t == w {
		panic("sim: task " + t.Name() + " waits on itself")
	}
	w.mustSuspend("Task.Wait")
	if err := w.checkCancel(); err != nil {
		return err
	}
	if !t.Done() {
		x := t.extra()
		x.waiters = append(x.waiters, w)
		if err := w.park(StateWaiting, (*taskWaiters)(t)); err != nil {
			if !t.Done() {
				// asyncio: cancelling a task cancels what it awaits, and the task
				// resumes once that has ended (asyncio.shield exists to prevent it).
				// So WaitFor(w, d, t.Wait) cancels t on timeout, like wait_for(t, d).
				// A further cancel of w ends the wait at once, which also breaks a
				// cycle of tasks awaiting each other.
				t.Cancel()
				if !t.Done() {
					x.waiters = append(x.waiters, w)
					w.park(StateWaiting, (*taskWaiters)(t))
				}
			}
			if t.state == StateFailed && !t.observed {
				// t failed as w was cancelled, so w never saw it: Run reports it.
				t.e.unobserved = append(t.e.unobserved, t)
			}
			return err
		}
	}
	t.observed = true
	return t.err
}

// taskWaiters is the wait list of tasks awaiting a task's end.
type taskWaiters Task

func (tw *taskWaiters) remove(w *Task) {
	x := (*Task)(tw).x
	for i, v := range x.waiters {
		if v == w {
			x.waiters = append(x.waiters[:i], x.waiters[i+1:]...)
			return
		}
	}
}

func (tw *taskWaiters) waitName() string { return "task " + (*Task)(tw).Name() }

// blockingCall is what a task in Block is on; it cannot be cancelled there.
type blockingCall struct{}

func (blockingCall) remove(*Task)     {}
func (blockingCall) waitName() string { return "blocking call" }

// Awaiting names what the task waits on ("queue orders"), or "" if nothing.
func (t *Task) Awaiting() string {
	if t.wl == nil {
		return ""
	}
	return t.wl.waitName()
}

// OnDone registers fn to be called on the loop after t ends, through the ready
// queue (like a future's done callback in asyncio). It marks failures observed.
func (t *Task) OnDone(fn func(*Task)) {
	t.observed = true
	if t.Done() {
		t.e.ready.push(entry{fn: func() { fn(t) }})
		return
	}
	x := t.extra()
	x.callbacks = append(x.callbacks, fn)
}
