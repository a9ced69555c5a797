package sim

import (
	"math"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// Cancel asks t to cancel (asyncio's Task.cancel): the future it awaits is
// cancelled at once and the cancellation reaches the task through that future's
// wake-up; a task not waiting on a future gets it at its next await that
// suspends. It returns false if t has already ended.
func (t *Task) Cancel() bool { return t.CancelMsg("") }

// CancelMsg is Cancel with a message, carried by the [*CancelledError] the task
// receives.
func (t *Task) CancelMsg(msg string) bool {
	return t.cancel(msg)
}

func (t *Task) cancel(msg string) bool {
	if t.fut.done() {
		return false
	}
	e := t.e
	if e.on(t, KindCancel) {
		e.emit(t, KindCancel, "", "requested")
	}
	t.ncancels++
	if t.futWaiter != nil && t.futWaiter.cancel(msg) {
		return true
	}
	t.mustCancel = true
	t.cancelMsg = msg
	return true
}

// Cancelling returns the number of cancellations asked of t and not withdrawn by
// Uncancel (asyncio's Task.cancelling).
func (t *Task) Cancelling() int { return t.ncancels }

// Uncancel withdraws one cancellation request and returns how many remain
// (asyncio's Task.uncancel). At zero, a cancellation not yet delivered is dropped.
func (t *Task) Uncancel() int {
	if t.ncancels > 0 {
		t.ncancels--
		if t.ncancels == 0 {
			t.mustCancel = false
		}
	}
	return t.ncancels
}

// Sleep suspends t for d of virtual time (asyncio.sleep). Sleep(0) yields to the
// other ready tasks without a timer, as asyncio does. A delay beyond the end of
// the Duration clock (about 292 years) parks t on a timer all the same, as
// asyncio's sleep(1e12) or sleep(math.inf) does: its float deadline orders it
// among the other timers, and the Duration clock saturates at its end should the
// loop ever get there.
func (t *Task) Sleep(d time.Duration) error { return t.sleep(d, seconds(d)) }

// SleepSeconds is Sleep for s seconds given as CPython's float (asyncio.sleep(s)):
// the deadline is loop.time() + s in float64, also for delays a Duration cannot
// hold, such as 1e-12 s (due within the clock resolution, a timer all the same,
// where Sleep(0) is a bare yield).
func (t *Task) SleepSeconds(s float64) error {
	s = max(s, 0)
	return t.sleep(durSeconds(s), s)
}

// durSeconds is s seconds as a Duration, saturating at the ends of the clock (a
// float-to-int conversion out of range is implementation-defined in Go).
func durSeconds(s float64) time.Duration {
	switch ns := math.Round(s * 1e9); {
	case ns >= math.MaxInt64:
		return math.MaxInt64
	case ns <= math.MinInt64:
		return math.MinInt64
	default:
		return time.Duration(ns)
	}
}

func (t *Task) sleep(d time.Duration, s float64) error {
	sched := t.e.now
	if err := t.startSleep(d, s); err != errPending {
		return err
	}
	t.suspend()
	err := t.sleepEnd(t.send)
	if s == 0 && err == nil {
		// No timer, but still a sleep: LastWake shows how late the loop came back
		// (a blocking call by another task delays even a zero sleep).
		t.wakeSched, t.wakeAt = sched, t.e.now
	}
	return err
}

// Yield lets every other ready task run once before t continues (asyncio.sleep(0)).
func (t *Task) Yield() error {
	if t.e.cur != t {
		panic("sim: await outside the running task (" + t.Name() + ")")
	}
	t.yielded = nil
	t.state, t.since = StateReady, t.e.now
	t.suspend()
	return t.send
}

// startSleep starts a sleep of d (s in float seconds) and returns errPending
// (the task resumes when it is over, or cancelled), or an error at once.
func (t *Task) startSleep(d time.Duration, s float64) error {
	if d < 0 || s < 0 {
		d, s = 0, 0 // asyncio.sleep treats a negative delay as 0
	}
	e := t.e
	if e.cur != t {
		panic("sim: await outside the running task (" + t.Name() + ")")
	}
	if s == 0 {
		// asyncio.sleep(0) is a bare yield: the next step is scheduled at once.
		t.yielded = nil
		t.state, t.since = StateReady, e.now
		return errPending
	}
	f := t.newWaiter()
	h := e.newHandle()
	h.kind, h.fut, h.task = handleSleep, f, t
	e.schedule(h, e.fnow+s, e.atAfter(d))
	t.curSleep = h
	t.until = h.at
	if e.on(t, KindSleep) {
		e.emit(t, KindSleep, "", clockDetail("until ", t.until))
	}
	t.yieldTo(f, StateSleeping, nil)
	return errPending
}

// sleepEnd is the `finally: h.cancel()` of asyncio.sleep.
func (t *Task) sleepEnd(err error) error {
	if h := t.curSleep; h != nil {
		t.curSleep = nil
		h.Cancel()
		t.e.release(h)
	}
	return err
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
	t.block(d)
	t.suspend()
}

// block freezes the loop for d on behalf of t, the running task.
func (t *Task) block(d time.Duration) {
	e := t.e
	if e.on(t, KindBlock) {
		e.emit(t, KindBlock, "", "for "+Dur(d))
	}
	t.state, t.since, t.until, t.what = StateBlocked, e.now, e.now+d, blockingCall{}
	e.blocker, e.blockedUntil, e.blockedEnd = t, e.now+d, e.fnow+seconds(d)
}

// Say records a line the task prints (a trace event of kind say), for lessons.
func (t *Task) Say(text string) {
	if t.e.on(t, KindSay) {
		t.e.emit(t, KindSay, "", text)
	}
}

// Wait suspends w until t ends and returns t's error (nil, its cancellation or its
// failure), like awaiting an asyncio task. A task that ended cancelled keeps the
// CancelledError its body raised for the first reader (an awaiter, a gather, a
// Result): that one gets its message, later ones a CancelledError without one,
// as in asyncio, where the task drops its message as it ends. As in asyncio, cancelling w while it
// waits cancels t, and w resumes once t has ended, with t's outcome: if t caught
// the cancellation and returned normally, w gets nil.
func (t *Task) Wait(w *Task) error {
	if t == w {
		panic("sim: task " + t.Name() + " waits on itself")
	}
	err := w.await(&t.fut, t)
	if err == t.err {
		t.observed = true
	}
	return err
}

// blockingCall is what a task in Block is on; it cannot be cancelled there.
type blockingCall struct{}

func (blockingCall) waitName() string { return "blocking call" }

// OnDone registers fn to be called on the loop after t ends, as its own ready
// handle (a done-callback). It marks failures observed.
func (t *Task) OnDone(fn func(*Task)) {
	t.observed = true
	t.e.cbSeq++
	t.fut.addCallback(callback{fn: func(*future) { fn(t) }, what: cbUser, who: t, id: t.e.cbSeq})
}

// PanicError is the error of a task that panicked. Stack is the goroutine's stack
// at the panic, and At the file:line of the panicking code.
type PanicError struct {
	Task  string
	Value any
	At    string
	Stack string
}

func newPanicError(task string, v any) *PanicError {
	st := string(debug.Stack())
	return &PanicError{Task: task, Value: v, Stack: st, At: panicSite(st)}
}

// panicSite finds the file:line of the frame that called panic in a stack trace.
func panicSite(stack string) string {
	lines := strings.Split(stack, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") && i+3 < len(lines) {
			site := strings.TrimSpace(lines[i+3])
			if j := strings.LastIndex(site, " +0x"); j >= 0 {
				site = site[:j]
			}
			return site
		}
	}
	return ""
}

func (p *PanicError) Error() string {
	s := "sim: task " + strconv.Quote(p.Task) + " panicked: " + anyString(p.Value)
	if p.At != "" {
		s += " (at " + p.At + ")"
	}
	return s
}
