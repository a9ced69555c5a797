package sim

import (
	"time"
)

// timeoutState is asyncio's Timeout _State.
type timeoutState uint8

const (
	timeoutEntered timeoutState = iota
	timeoutExpiring
	timeoutExpired
	timeoutExited
)

// Timeout is a deadline on the awaits of a task (asyncio.timeout, the context
// manager): when it expires the task is cancelled, and [Timeout.Exit] turns that
// cancellation into ErrTimeout. Start one with [Task.Timeout] or
// [Task.TimeoutAt], run the guarded awaits, then pass their error to Exit:
//
//	to := t.Timeout(2 * time.Second)
//	err := to.Exit(q.Get(t)) // ErrTimeout if the deadline cancelled the Get
type Timeout struct {
	t          *Task
	state      timeoutState
	h          *Handle
	never      bool
	at         time.Duration
	when       float64
	start      time.Duration
	cancelling int
	what       string // "timeout" or "wait_for", for the loop view
}

// Timeout starts a deadline d from now on t's awaits (asyncio.timeout(d), entered).
func (t *Task) Timeout(d time.Duration) *Timeout {
	e := t.e
	return t.enterTimeout(e.atAfter(d), e.fnow+seconds(d), false, "timeout")
}

// TimeoutAt starts a deadline at virtual time at (asyncio.timeout_at, entered).
func (t *Task) TimeoutAt(at time.Duration) *Timeout {
	return t.enterTimeout(at, seconds(at), false, "timeout")
}

// TimeoutAtTime is TimeoutAt with the deadline on the float clock of
// [Engine.Time], as asyncio computes it: timeout_at(loop.time() + 0.1 + 0.2) is
// due at 0.30000000000000004, after a timer due at 0.3.
func (t *Task) TimeoutAtTime(when float64) *Timeout {
	return t.enterTimeout(floatAt(when), when, false, "timeout")
}

// floatAt is the Duration users see for a deadline on the float clock.
func floatAt(when float64) time.Duration { return durSeconds(when) }

// TimeoutNever starts a deadline that never expires until rescheduled
// (asyncio.timeout(None)).
func (t *Task) TimeoutNever() *Timeout { return t.enterTimeout(0, 0, true, "timeout") }

func (t *Task) enterTimeout(at time.Duration, when float64, never bool, what string) *Timeout {
	if t.e.cur != t {
		panic("sim: timeout entered outside the running task (" + t.Name() + ")")
	}
	var to *Timeout
	if n := len(t.e.freeTO); n > 0 && what == "wait_for" {
		// WaitFor's Timeout never escapes it: the loop reuses them.
		to = t.e.freeTO[n-1]
		t.e.freeTO = t.e.freeTO[:n-1]
	} else {
		to = new(Timeout)
	}
	*to = Timeout{t: t, state: timeoutEntered, cancelling: t.ncancels, what: what, start: t.e.now}
	to.set(at, when, never)
	return to
}

// Reschedule moves the deadline to virtual time at (asyncio's Timeout.reschedule).
func (to *Timeout) Reschedule(at time.Duration) {
	to.checkEntered()
	to.set(at, seconds(at), false)
}

// RescheduleTime moves the deadline to when on the float clock of [Engine.Time]
// (reschedule(loop.time() + 0.1 + 0.2)).
func (to *Timeout) RescheduleTime(when float64) {
	to.checkEntered()
	to.set(floatAt(when), when, false)
}

// RescheduleNever removes the deadline (reschedule(None)).
func (to *Timeout) RescheduleNever() {
	to.checkEntered()
	to.set(0, 0, true)
}

func (to *Timeout) checkEntered() {
	if to.state != timeoutEntered {
		panic("sim: reschedule of a timeout that has expired or been left")
	}
}

func (to *Timeout) set(at time.Duration, when float64, never bool) {
	e := to.t.e
	to.at, to.when, to.never = at, when, never
	to.dropHandle()
	if never {
		return
	}
	h := e.newHandle()
	h.kind, h.to = handleTimeout, to
	if when <= e.fnow {
		h.queued = true
		e.ready.push(entry{kind: entryHandle, h: h})
	} else {
		e.schedule(h, when, at)
	}
	to.h = h
}

// dropHandle cancels the deadline's handle and gives it back to the loop.
func (to *Timeout) dropHandle() {
	if h := to.h; h != nil {
		to.h = nil
		h.Cancel()
		to.t.e.release(h)
	}
}

// When returns the deadline; ok is false when there is none.
func (to *Timeout) When() (at time.Duration, ok bool) { return to.at, !to.never }

// WhenTime returns the deadline on the float clock of [Engine.Time] (asyncio's
// Timeout.when()); ok is false when there is none.
func (to *Timeout) WhenTime() (when float64, ok bool) { return to.when, !to.never }

// Expired reports whether the deadline has passed and cancelled the task.
func (to *Timeout) Expired() bool { return to.state == timeoutExpiring || to.state == timeoutExpired }

// expire is _on_timeout.
func (to *Timeout) expire() {
	t := to.t
	e := t.e
	if e.on(t, KindTimeout) {
		e.emit(t, KindTimeout, "", "after "+Dur(e.now-to.start))
	}
	t.cancel("")
	to.state = timeoutExpiring
	to.h.orphan = true // given back once it has run
	to.h = nil
}

// Exit leaves the timeout (asyncio's Timeout.__aexit__) with err, the guarded
// awaits' result, and returns what the caller sees: ErrTimeout if the deadline
// cancelled them (and no other cancellation is pending), else err.
func (to *Timeout) Exit(err error) error {
	to.dropHandle()
	switch to.state {
	case timeoutExpiring:
		to.state = timeoutExpired
		if to.t.Uncancel() <= to.cancelling && isCancel(err) {
			return ErrTimeout
		}
	case timeoutEntered:
		to.state = timeoutExited
	}
	return err
}

// WaitFor runs fn in t with a time limit d (asyncio.wait_for, as of Python 3.12:
// `async with timeout(d): await fn()`). If the deadline passes first, t is
// cancelled at its await point inside fn — so fn's waits end and its deferred
// clean-up runs — and WaitFor returns ErrTimeout. A cancellation of t from outside
// is returned as it is, never as a timeout. If fn catches the cancellation and
// returns nil, so does WaitFor.
//
// With d <= 0, fn runs as a task of its own that is cancelled before it starts,
// as wait_for(coro, 0) does: WaitFor returns ErrTimeout unless that task ignores
// the cancellation.
func WaitFor(t *Task, d time.Duration, fn Func) error {
	if d <= 0 {
		return waitForNow(t, fn)
	}
	to := t.enterTimeout(0, 0, true, "wait_for")
	to.set(t.e.atAfter(d), t.e.fnow+seconds(d), false)
	defer func() {
		to.dropHandle() // also when fn panics: the deadline must not fire later
		*to = Timeout{}
		t.e.freeTO = append(t.e.freeTO, to)
	}()
	return to.Exit(fn(t))
}

// WaitForTask is asyncio.wait_for(task, d) for a task that already runs: with d >
// 0 it is WaitFor(t, d, c.Wait); with d <= 0 a task already done gives its
// outcome, and any other is cancelled and waited for, giving ErrTimeout unless it
// catches the cancellation and returns.
func WaitForTask(t *Task, d time.Duration, c *Task) error {
	if d > 0 {
		return WaitFor(t, d, c.Wait)
	}
	if c.Done() {
		return c.Wait(t)
	}
	return cancelAndWait(t, c)
}

// waitForNow is wait_for with a timeout <= 0: the awaitable becomes a task, which
// is cancelled and waited for (_cancel_and_wait).
func waitForNow(t *Task, fn Func) error {
	return cancelAndWait(t, t.e.spawn(t, t.Name()+" wait_for", -1, fn))
}

// cancelAndWait cancels c and waits until it has ended (_cancel_and_wait), then
// returns ErrTimeout if it ended cancelled, else its outcome.
func cancelAndWait(t *Task, c *Task) error {
	e := t.e
	waiter := &future{e: e}
	e.cbSeq++
	id := e.cbSeq
	c.fut.addCallback(callback{fn: func(*future) {
		if !waiter.done() {
			waiter.finish(nil)
		}
	}, what: cbWait, who: t, id: id})
	c.cancel("")
	err := t.await(waiter, c)
	c.fut.removeCallback(id)
	if err != nil {
		return err
	}
	c.observed = true
	out := c.fut.outcome() // fut.result(): a read, as in Task.Wait
	if isCancel(out) {
		return ErrTimeout
	}
	if te, ok := out.(*TaskError); ok {
		return te.Err
	}
	return out
}
