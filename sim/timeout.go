package sim

import (
	"errors"
	"time"
)

// deadline is one active WaitFor on a task.
type deadline struct {
	task    *Task
	start   time.Duration
	expired bool
	timer   timer
}

// WaitFor runs fn in t with a time limit (asyncio.wait_for, or asyncio.timeout
// around an await). If the deadline passes first, t is cancelled at its await
// point inside fn — so fn's waits end and its deferred clean-up runs — and WaitFor
// returns ErrTimeout. A resource granted at the very instant the deadline fires is
// given back by the primitive that was waiting. Cancelling t from outside is
// reported as ErrCancelled, not as a timeout.
func WaitFor(t *Task, d time.Duration, fn Func) error {
	to, err := t.StartTimeout(d)
	if err != nil {
		return err
	}
	// Also when fn panics: a deadline left behind would fire on the ended task.
	defer to.cancel()
	return to.Stop(fn(t))
}

// Timeout is WaitFor for a machine task: the awaits between StartTimeout and
// Stop are cancelled if the deadline passes first.
type Timeout struct {
	dl      deadline
	cancels uint32
	next    *Timeout // the task's other armed timeouts (Task.timeouts)
}

// StartTimeout starts a deadline d from now on t's next awaits (asyncio.timeout).
// It returns ErrCancelled instead if the task was cancelled while running.
func (t *Task) StartTimeout(d time.Duration) (*Timeout, error) {
	if err := t.checkCancel(); err != nil {
		return nil, err
	}
	e := t.e
	to := &Timeout{cancels: t.cancels}
	to.dl = deadline{task: t, start: e.now}
	to.dl.timer = timer{kind: timerDeadline, dl: &to.dl, idx: -1}
	e.schedule(&to.dl.timer, e.now+max(d, 0)) // a negative limit has already passed
	to.next, t.timeouts = t.timeouts, to
	return to, nil
}

// Stop ends the deadline and returns what the guarded awaits' result err means,
// as WaitFor does: ErrTimeout if the deadline cancelled them, else err.
func (to *Timeout) Stop(err error) error {
	to.cancel()
	t := to.dl.task
	switch {
	case !to.dl.expired:
		return err
	case t.cancels != to.cancels:
		// Cancelled from outside too (before the deadline or at the same instant):
		// that cancellation is what the caller sees, never a timeout.
		return err
	case err == nil:
		// The awaits finished anyway (the cancellation was swallowed):
		// asyncio.timeout returns normally then; drop a cancellation that never
		// reached an await.
		t.cancelReq = false
		return nil
	case errors.Is(err, ErrCancelled):
		return ErrTimeout
	}
	return err
}

// cancel takes the deadline's timer off the loop (a no-op once it fired) and off
// its task's armed timeouts.
func (to *Timeout) cancel() {
	t := to.dl.task
	t.e.unschedule(&to.dl.timer)
	for p := &t.timeouts; *p != nil; p = &(*p).next {
		if *p == to {
			*p = to.next
			break
		}
	}
	to.next = nil
}
