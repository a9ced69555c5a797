package sim

// Future is a result that is not there yet (asyncio.Future): tasks Wait for it and
// someone completes it once with SetResult, SetError or Cancel.
type Future[T any] struct {
	e       *Engine
	name    string
	done    bool
	val     T
	err     error
	waiters waitQueue
}

// NewFuture returns a pending future.
func NewFuture[T any](e *Engine, name string) *Future[T] {
	return &Future[T]{e: e, name: name, waiters: waitQueue{name: name}}
}

// Name returns the future's name.
func (f *Future[T]) Name() string { return f.name }

// Done reports whether the future is complete.
func (f *Future[T]) Done() bool { return f.done }

// Result returns the value and error without waiting; ok is false while pending.
func (f *Future[T]) Result() (v T, err error, ok bool) { return f.val, f.err, f.done }

// SetResult completes the future with v and wakes its waiters. Completing a future
// twice is misuse and panics.
func (f *Future[T]) SetResult(v T) { f.complete(v, nil, "result") }

// SetError completes the future with err.
func (f *Future[T]) SetError(err error) {
	var zero T
	f.complete(zero, err, "error")
}

// Cancel completes the future with ErrCancelled, if it is still pending.
func (f *Future[T]) Cancel() bool {
	if f.done {
		return false
	}
	var zero T
	f.complete(zero, ErrCancelled, "cancelled")
	return true
}

func (f *Future[T]) complete(v T, err error, how string) {
	if f.done {
		panic("sim: future " + f.name + " completed twice")
	}
	f.done, f.val, f.err = true, v, err
	if f.e.on() {
		f.e.emit(f.e.cur, KindSet, f.name, how)
	}
	f.waiters.wakeAll(f.e, wakeOK)
}

// Wait suspends t until the future completes and returns its value and error.
// As in asyncio, cancelling t while it waits cancels the future too.
func (f *Future[T]) Wait(t *Task) (T, error) {
	t.mustSuspend("Future.Wait")
	if err := t.checkCancel(); err != nil {
		var zero T
		return zero, err
	}
	if !f.done {
		f.waiters.add(t)
		if err := t.park(StateWaiting, &f.waiters); err != nil {
			// asyncio: cancelling a task that awaits a future cancels the future.
			f.Cancel()
			var zero T
			return zero, err
		}
	}
	return f.val, f.err
}

// Await waits like Wait and returns only the error, so a method value fits where a
// task body is expected: sim.WaitFor(t, d, f.Await).
func (f *Future[T]) Await(t *Task) error {
	_, err := f.Wait(t)
	return err
}
