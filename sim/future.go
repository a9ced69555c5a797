package sim

import "errors"

// futState is where a future is in its life (asyncio's _PENDING, _FINISHED,
// _CANCELLED).
type futState uint8

const (
	futPending futState = iota
	futDone
	futCancelled
)

// callback is a done-callback of a future: the wake-up of a task that awaits it
// (Task.__wakeup in asyncio) when fn is nil, else fn. what and who only name it in
// the loop view ("gather done-callback for main").
type callback struct {
	task *Task
	fn   func(*future)
	what cbLabel
	who  *Task
	id   uint64
}

// cbLabel names what a callback is, for the loop view.
type cbLabel uint8

const (
	cbPlain cbLabel = iota
	cbGather
	cbWait
	cbShield
	cbShieldAwaitedBy
	cbShieldLog
	cbGroup
	cbAsCompleted
	cbUser
)

var cbNames = [...]string{
	cbPlain: "done-callback", cbGather: "gather done-callback", cbWait: "wait done-callback",
	cbShield: "shield done-callback", cbShieldAwaitedBy: "shield awaited-by callback",
	cbShieldLog: "shield log-on-exception callback", cbGroup: "task group done-callback",
	cbAsCompleted: "as_completed done-callback", cbUser: "done-callback",
}

// future is the untyped core of asyncio's Future that tasks, primitives and the
// typed [Future] share: a state, an outcome, and done-callbacks that are
// scheduled with call_soon, one ready handle each, in the order they were added.
type future struct {
	e     *Engine
	state futState
	err   error // the exception, or the cancellation error once cancelled
	cbs   []callback
	// task is set when the future is a task's own: cancelling it asks the task
	// to cancel (Task.cancel overrides Future.cancel in asyncio).
	task *Task
	// hook replaces cancel for futures that cancel something else (gather's
	// outer future cancels its children).
	hook func(msg string) bool
	// one backs cbs at first: most futures get one callback (the awaiting task's
	// wake-up), and need no allocation then. A future is not copied once used.
	one [1]callback
}

func (f *future) done() bool      { return f.state != futPending }
func (f *future) cancelled() bool { return f.state == futCancelled }

// reset makes a finished future pending again, for reuse by the task that owns
// it; the callbacks' array is kept.
func (f *future) reset(e *Engine) {
	clear(f.cbs)
	cbs := f.cbs[:0]
	*f = future{e: e}
	if cap(cbs) > 1 {
		f.cbs = cbs
	}
}

// outcome is what awaiting the finished future raises: nil, its exception, or
// its cancellation error (asyncio's Future.result(), which builds that error with
// _make_cancelled_error: a task's own CancelledError goes to the first reader).
func (f *future) outcome() error {
	if t := f.task; t != nil && t.cancelledExc != nil {
		err := t.cancelledExc
		t.cancelledExc = nil
		return err
	}
	return f.err
}

// finish completes the future with err (nil: a result) and schedules its callbacks.
func (f *future) finish(err error) {
	if f.state != futPending {
		panic("sim: future completed twice")
	}
	f.state, f.err = futDone, err
	f.schedule()
}

// cancel cancels the future (asyncio's Future.cancel, or the override of a task
// or a gathering future) and reports whether it did.
func (f *future) cancel(msg string) bool {
	if f.task != nil {
		return f.task.cancel(msg)
	}
	if f.hook != nil {
		return f.hook(msg)
	}
	return f.cancelPlain(msg)
}

// cancelPlain is Future.cancel itself.
func (f *future) cancelPlain(msg string) bool {
	if f.state != futPending {
		return false
	}
	f.state, f.err = futCancelled, cancelError(msg)
	f.schedule()
	return true
}

// schedule hands every callback to the ready queue, in registration order.
func (f *future) schedule() {
	for i, cb := range f.cbs {
		f.e.soonCallback(f, cb)
		f.cbs[i] = callback{}
	}
	f.cbs = f.cbs[:0]
}

// addCallback registers cb; on a future already done it is scheduled at once.
func (f *future) addCallback(cb callback) {
	if f.state != futPending {
		f.e.soonCallback(f, cb)
		return
	}
	if f.cbs == nil {
		f.cbs = f.one[:0]
	}
	f.cbs = append(f.cbs, cb)
}

// watched reports whether a callback would see the future's outcome: any but
// shield's awaited-by and log-on-exception callbacks, which look at nothing.
func (f *future) watched() bool {
	for _, cb := range f.cbs {
		if cb.what != cbShieldAwaitedBy && cb.what != cbShieldLog {
			return true
		}
	}
	return false
}

// removeCallback removes the callbacks with id (not yet scheduled) and returns how
// many it removed (asyncio's remove_done_callback).
func (f *future) removeCallback(id uint64) int {
	n := 0
	k := 0
	for _, cb := range f.cbs {
		if cb.id == id {
			n++
			continue
		}
		f.cbs[k] = cb
		k++
	}
	clear(f.cbs[k:])
	f.cbs = f.cbs[:k]
	return n
}

// CancelledError is the cancellation of a task or future that was given a message
// ([Task.CancelMsg]); errors.Is(err, ErrCancelled) holds for it.
type CancelledError struct {
	Msg string
}

func (c *CancelledError) Error() string { return "sim: cancelled: " + c.Msg }

// Is reports whether target is ErrCancelled.
func (c *CancelledError) Is(target error) bool { return target == ErrCancelled }

// cancelError is the error a cancellation with msg raises.
func cancelError(msg string) error {
	if msg == "" {
		return ErrCancelled
	}
	return &CancelledError{Msg: msg}
}

// isCancel reports whether err is a cancellation.
func isCancel(err error) bool {
	return err == ErrCancelled || (err != nil && errors.Is(err, ErrCancelled))
}

// Future is a result that is not there yet (asyncio.Future): tasks await it with
// Wait, and someone completes it once with SetResult or SetError, or cancels it.
// Its done-callbacks, and the wake-ups of the tasks awaiting it, are scheduled on
// the loop in the order they were registered, one ready handle each.
type Future[T any] struct {
	f    future
	val  T
	name string
}

// NewFuture returns a pending future.
func NewFuture[T any](e *Engine, name string) *Future[T] {
	return &Future[T]{f: future{e: e}, name: name}
}

// Name returns the future's name.
func (f *Future[T]) Name() string { return f.name }

func (f *Future[T]) waitName() string { return f.name }

// Done reports whether the future is complete (with a result, an error, or cancelled).
func (f *Future[T]) Done() bool { return f.f.done() }

// Cancelled reports whether the future was cancelled.
func (f *Future[T]) Cancelled() bool { return f.f.cancelled() }

// Result returns the value and error without waiting; ok is false while pending.
func (f *Future[T]) Result() (v T, err error, ok bool) { return f.val, f.f.err, f.f.done() }

// SetResult completes the future with v. Completing a future twice is misuse and
// panics (asyncio's InvalidStateError).
func (f *Future[T]) SetResult(v T) {
	if f.f.done() {
		// asyncio raises InvalidStateError and keeps the result it has.
		panic("sim: future " + f.name + " completed twice")
	}
	f.val = v
	f.complete(nil, "result")
}

// SetError completes the future with err.
func (f *Future[T]) SetError(err error) {
	if err == nil {
		panic("sim: future " + f.name + " SetError(nil)")
	}
	f.complete(err, "error")
}

func (f *Future[T]) complete(err error, how string) {
	if f.f.done() {
		panic("sim: future " + f.name + " completed twice")
	}
	e := f.f.e
	if e.on(e.cur, KindSet) {
		e.emit(e.cur, KindSet, f.name, how)
	}
	f.f.finish(err)
}

// Cancel cancels the future if it is still pending and reports whether it did.
func (f *Future[T]) Cancel() bool { return f.CancelMsg("") }

// CancelMsg cancels the future with a message, which its awaiters' error carries.
func (f *Future[T]) CancelMsg(msg string) bool {
	if f.f.done() {
		return false
	}
	e := f.f.e
	if e.on(e.cur, KindSet) {
		e.emit(e.cur, KindSet, f.name, "cancelled")
	}
	return f.f.cancelPlain(msg)
}

// Wait suspends t until the future completes and returns its value and error
// (ErrCancelled if it was cancelled). A future already complete returns at once,
// without suspending. As in asyncio, cancelling t while it waits cancels the future.
func (f *Future[T]) Wait(t *Task) (T, error) {
	err := t.await(&f.f, f)
	if err != nil {
		var zero T
		return zero, err
	}
	return f.val, nil
}

// Await waits like Wait and returns only the error, so a method value fits where a
// task body is expected: sim.WaitFor(t, d, f.Await).
func (f *Future[T]) Await(t *Task) error {
	_, err := f.Wait(t)
	return err
}

// CallbackID identifies a done-callback, for RemoveDoneCallback.
type CallbackID uint64

// AddDoneCallback registers fn to be called on the loop, as its own ready handle,
// when the future completes (at once through the ready queue if it already has).
func (f *Future[T]) AddDoneCallback(fn func(*Future[T])) CallbackID {
	e := f.f.e
	e.cbSeq++
	f.f.addCallback(callback{fn: func(*future) { fn(f) }, what: cbUser, id: e.cbSeq})
	return CallbackID(e.cbSeq)
}

// RemoveDoneCallback removes a callback that has not been scheduled yet and
// returns how many it removed (0 or 1).
func (f *Future[T]) RemoveDoneCallback(id CallbackID) int { return f.f.removeCallback(uint64(id)) }
