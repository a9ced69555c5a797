package sim

import (
	"errors"
	"slices"
)

// Run runs main on a new loop as asyncio.run does, and closes the loop: when main
// ends, the tasks still pending are cancelled and the loop runs until they have
// all ended, and then four iterations more (asyncio.run's shutdown coroutines). It returns main's error (a failure as main returned it, or its
// cancellation), a *DeadlockError if main can never end, and failures of other
// tasks that nobody saw.
func Run(main Func, opts ...Option) error {
	e := New(opts...)
	defer e.Close()
	return e.RunMain("main", main)
}

// RunMain runs main as a task named name until it ends, then cancels the tasks
// still pending and runs until they have ended, then runs four more loop
// iterations (asyncio.run's ending, on this loop: its shutdown coroutines). A
// task still pending after that is left as it is; Close unwinds it. See Run.
func (e *Engine) RunMain(name string, main Func) error {
	m := e.Spawn(name, main)
	m.observed = true
	m.fut.addCallback(callback{fn: func(*future) { e.stopping = true }, who: m})
	e.drive(1<<63-1, maxSteps)
	e.stopping = false
	if !m.Done() {
		err := e.takeFailures()
		if e.closed {
			return errors.Join(ErrCancelled, err)
		}
		return errors.Join(&DeadlockError{Time: e.now, Tasks: e.Tasks(nil)}, err)
	}
	// _cancel_all_tasks: cancel what is left and wait for it (return_exceptions).
	var rest []*Task
	for t := e.head; t != nil; t = t.next {
		rest = append(rest, t)
	}
	var errs []error
	if len(rest) > 0 {
		for _, t := range rest {
			t.cancel("")
		}
		g := newGathering(m, rest, true)
		g.f.addCallback(callback{fn: func(*future) { e.stopping = true }, who: m})
		e.drive(1<<63-1, maxSteps)
		e.stopping = false
		for _, t := range rest {
			if t.Done() && !t.Cancelled() && t.err != nil {
				errs = append(errs, t.err)
			}
		}
		if !g.f.done() {
			errs = append(errs, &DeadlockError{Time: e.now, Tasks: e.Tasks(nil)})
		}
	}
	if len(errs) == 0 || !errors.As(errs[len(errs)-1], new(*DeadlockError)) {
		e.shutdownIterations()
	}
	err := m.err
	if te, ok := err.(*TaskError); ok && te.Task == m.Name() {
		err = te.Err
	}
	all := append([]error{err, e.takeFailures()}, errs...)
	all = slices.DeleteFunc(all, func(err error) bool { return err == nil })
	if len(all) == 1 {
		return all[0] // main's own error as it returned it, as asyncio.run raises it
	}
	return errors.Join(all...)
}

// shutdownIterations runs the rest of asyncio.run's ending: it runs
// loop.shutdown_asyncgens() and then loop.shutdown_default_executor() with
// run_until_complete. sim has no async generators and no executor thread to
// join, so each is a task whose first step ends it and whose done-callback
// stops the loop: two iterations each, in which whatever else is ready runs too
// (tasks created during the ending, call_soon chains, timers due at that
// instant). The clock does not move, since something is always ready.
func (e *Engine) shutdownIterations() {
	for _, what := range [...]string{"shutdown_asyncgens", "shutdown_default_executor"} {
		e.CallSoon("asyncio.run: "+what, func() {
			e.CallSoon("asyncio.run: "+what+" done", func() { e.stopping = true })
		})
		e.drive(1<<63-1, maxSteps)
		e.stopping = false
	}
}

// SpawnValue creates a child task of t whose body returns a value of type T, and
// schedules its first step (create_task of a coroutine with a result).
func SpawnValue[T any](t *Task, name string, fn func(t *Task) (T, error)) *TaskOf[T] {
	r := &TaskOf[T]{}
	r.Task = t.Spawn(name, func(t *Task) error {
		v, err := fn(t)
		r.val = v
		return err
	})
	return r
}

// TaskOf is a task with a result of type T.
type TaskOf[T any] struct {
	*Task
	val T
}

// Wait suspends w until the task ends and returns its result and error, like
// awaiting an asyncio task (see Task.Wait).
func (r *TaskOf[T]) Wait(w *Task) (T, error) {
	if err := r.Task.Wait(w); err != nil {
		var zero T
		return zero, err
	}
	return r.val, nil
}

// Result returns the result without waiting; ok is false while the task runs.
func (r *TaskOf[T]) Result() (v T, err error, ok bool) {
	if !r.Done() {
		return v, nil, false
	}
	// task.result(): a read of the outcome, which takes a cancelled task's own
	// CancelledError (see Task.Wait).
	r.observed = true
	return r.val, r.fut.outcome(), true
}
