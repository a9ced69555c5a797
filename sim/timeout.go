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
	if d < 0 {
		d = 0
	}
	if err := t.checkCancel(); err != nil {
		return err
	}
	e := t.e
	dl := &deadline{task: t, start: e.now}
	dl.timer = timer{kind: timerDeadline, dl: dl, idx: -1}
	e.schedule(&dl.timer, e.now+d)
	x := t.extra()
	x.deadlines = append(x.deadlines, dl)
	cancels := t.cancels
	defer func() {
		// Also when fn panics: a deadline left behind would fire on the ended task.
		x.deadlines = x.deadlines[:len(x.deadlines)-1]
		e.unschedule(&dl.timer) // a no-op once it fired
	}()
	err := fn(t)
	if !dl.expired {
		return err
	}
	if t.cancels != cancels {
		// Cancelled from outside too (before the deadline or at the same instant):
		// that cancellation is what the caller sees, never a timeout.
		return err
	}
	if err == nil {
		// fn finished anyway (it swallowed the cancellation): asyncio.timeout
		// returns normally then; drop a cancellation that never reached an await.
		t.cancelReq = false
		return nil
	}
	if errors.Is(err, ErrCancelled) {
		return ErrTimeout
	}
	return err
}
