package sim

import (
	"math"
	"time"
)

// ClockResolution is the loop's clock resolution in seconds (asyncio's
// _clock_resolution, time.get_clock_info('monotonic').resolution on Linux): an
// iteration treats every timer due before now + ClockResolution as due.
const ClockResolution = 1e-09

// seconds converts a duration to the float seconds CPython would hold for it: the
// nearest float64 to d/1e9, as a Python literal like 0.1 is.
func seconds(d time.Duration) float64 { return float64(d) / 1e9 }

// drive runs scheduling steps due at or before limit, at most budget of them, and
// returns how many it ran (fewer than budget: nothing was left due by limit).
//
// The loop is not a goroutine of its own: when a task suspends, its coroutine goes
// on with the loop's next steps (dispatch) and hands over straight to the task that
// runs next, one coroutine switch instead of two (yield to the loop, resume the
// next task). The coroutines form a chain of callers, like a call stack: a task is
// resumed either by a coroutine calling it, or by the ones above it yielding back
// down to it. When the drive ends the chain unwinds to the driver, so between
// calls every suspended task waits in a plain yield. The order of steps is the
// loop's order whatever coroutine carries them out.
func (e *Engine) drive(limit time.Duration, budget int) int {
	e.limit, e.budget = limit, budget
	if t := e.pick(); t != nil {
		c := t.co
		if c == nil {
			c = e.takeCoro(t)
		}
		e.want = c
		c.next()
		// The chain has unwound to here: the budget is spent, nothing is due, or
		// a callback panicked on a coroutine, which the driver raises again.
		e.want = nil
		if f := e.fault; f != nil {
			e.fault = nil
			panic(f)
		}
	}
	return budget - e.budget
}

// pick runs ready handles until one steps a coroutine task, which it returns ready
// to run; callbacks, timers and machine tasks it runs itself. It returns nil when
// the budget is spent or nothing is due by the limit.
//
// The order is _run_once's: an iteration starts by dropping cancelled timers (or
// rebuilding the heap when they are many), jumps the clock to the earliest timer
// if nothing is ready, moves every timer due before now + ClockResolution to the
// ready queue in heap order, and then runs exactly the handles that were ready at
// that point; whatever they schedule runs in the next iteration.
func (e *Engine) pick() *Task {
	for e.budget > 0 && !e.closed {
		if e.blocker != nil {
			// The frozen loop comes back only when the blocking call ends; nothing
			// else may run in between. The blocked task's step then goes on.
			if e.blockedUntil > e.limit {
				return nil
			}
			e.budget--
			t := e.blocker
			e.blocker = nil
			e.blockedTotal += e.blockedUntil - t.since
			if e.blockedUntil > e.now {
				e.fnow += seconds(e.blockedUntil - e.now)
				e.now = e.blockedUntil
			}
			if e.on() {
				e.emit(t, KindUnblock, "", "after "+Dur(t.until-t.since))
			}
			e.noteStep(t, "unblock", "unblock "+t.Name())
			t.state, t.since, t.what, t.send = StateRunning, e.now, nil, nil
			e.cur = t
			if t.m != nil {
				e.stepMachine(t)
				continue
			}
			return t
		}
		if e.todo == 0 {
			if !e.beginIteration() {
				return nil
			}
			continue
		}
		en := e.ready.pop()
		e.todo--
		switch en.kind {
		case entryHandle:
			h := en.h
			h.queued = false
			if h.cancelled {
				if h.orphan {
					e.recycle(h)
				}
				continue // asyncio skips a cancelled handle: not a step
			}
			e.budget--
			e.runHandle(h)
			if h.orphan {
				e.recycle(h)
			}
		case entryCallback:
			e.budget--
			if e.stepping {
				e.noteStep(en.cb.who, "callback", entryLabel(en))
			}
			en.cb.fn(en.fut)
		default:
			t := en.cb.task
			var exc error
			if en.kind == entryWakeup {
				exc = en.fut.outcome()
				if c := en.fut.task; c != nil && t.mustCancel && c.state == StateFailed && !c.observed {
					// The awaiting task gets its cancellation instead of c's
					// failure, which nobody sees: Run reports it.
					e.unobserved = append(e.unobserved, c)
				}
			}
			e.budget--
			if e.stepping {
				e.noteStep(t, "run", entryLabel(en))
			}
			if t.stepBegin(exc) {
				if t.m != nil {
					e.stepMachine(t)
					continue
				}
				return t
			}
		}
	}
	return nil
}

// beginIteration starts a loop iteration (the part of _run_once before it runs
// the ready handles) and reports false if nothing is due by the limit.
func (e *Engine) beginIteration() bool {
	e.dropCancelled()
	if e.ready.len() == 0 {
		if len(e.timers) == 0 {
			return false
		}
		h := e.timers[0]
		if h.at > e.limit {
			return false
		}
		// Nothing is ready: the loop would wait for the earliest timer, so the
		// virtual clock is set to its deadline.
		e.fnow = max(e.fnow, h.when)
		e.now = max(e.now, h.at)
	}
	end := e.fnow + ClockResolution
	for len(e.timers) > 0 && e.timers[0].when < end {
		h := e.timers.pop()
		h.scheduled, h.queued = false, true
		if !h.cancelled {
			e.liveTimers--
		}
		e.ready.push(entry{kind: entryHandle, h: h})
	}
	e.todo = e.ready.len()
	return e.todo > 0
}

// dropCancelled removes cancelled timers as _run_once does: when more than 100
// handles are scheduled and over half of them are cancelled, the heap is rebuilt
// without them (heapify, which reorders the rest); otherwise cancelled handles are
// popped only while one is at the root.
func (e *Engine) dropCancelled() {
	if n := len(e.timers); n > minScheduled && 2*e.cancelled > n {
		k := 0
		for _, h := range e.timers {
			if h.cancelled {
				h.scheduled = false
				if h.orphan {
					e.recycle(h)
				}
				continue
			}
			e.timers[k] = h
			k++
		}
		clear(e.timers[k:])
		e.timers = e.timers[:k]
		e.timers.heapify()
		e.cancelled = 0
		return
	}
	for len(e.timers) > 0 && e.timers[0].cancelled {
		e.cancelled--
		h := e.timers.pop()
		h.scheduled = false
		if h.orphan {
			e.recycle(h)
		}
	}
}

// minScheduled is asyncio's _MIN_SCHEDULED_TIMER_HANDLES.
const minScheduled = 100

// pickOnCoro is pick as a coroutine runs it: it first finishes the task whose body
// just returned there, and a panic (of a callback, a tracer, a done callback) is
// kept for the driver to raise, since it belongs to no task.
func (e *Engine) pickOnCoro() (t *Task) {
	defer func() {
		if r := recover(); r != nil {
			e.fault, t = r, nil
		}
	}()
	if d := e.ended; d != nil {
		e.ended = nil
		e.finishBody(d, d.err)
	}
	return e.pick()
}

// dispatch goes on with the loop on coroutine c, whose task has just suspended
// (c.task set) or ended (c.task nil), and returns when c has a task to run: its
// own, resumed, or a new one that starts on it. It returns false when the engine
// is closing.
func (e *Engine) dispatch(c *coro) bool {
	e.cur = nil
	t := e.pickOnCoro()
	var p *coro
	if t != nil {
		switch p = t.co; {
		case p == c:
			return true // the task resumes itself: no switch at all
		case p == nil:
			if c.task == nil {
				c.task, t.co = t, c // a new task starts on the free coroutine
				return true
			}
			p = e.takeCoro(t)
		}
	}
	e.want = p
	if p != nil && !p.calling {
		// p waits in a yield: call it (the chain grows by one).
		c.calling = true
		p.next()
		c.calling = false
	} else if !e.yieldDown(c) {
		// p is below c in the chain, or the drive is over (p nil): unwind.
		return false
	}
	// Back on c: it is wanted, or the chain unwinds through it.
	for e.want != c {
		if !e.yieldDown(c) {
			return false
		}
	}
	return true
}

// yieldDown hands control to the coroutine below c in the chain; a coroutine with
// no task waits in the pool for the next new task. It reports false when the
// engine is closing.
func (e *Engine) yieldDown(c *coro) bool {
	if c.task == nil {
		e.pool = append(e.pool, c)
	}
	return c.yield(struct{}{})
}

// takeCoro binds a coroutine from the pool (or a new one) to t, which starts on it.
func (e *Engine) takeCoro(t *Task) *coro {
	var c *coro
	if n := len(e.pool); n > 0 {
		c = e.pool[n-1]
		e.pool[n-1] = nil
		e.pool = e.pool[:n-1]
	} else {
		c = e.newCoro()
	}
	c.task, t.co = t, c
	return c
}

// noteStep records what a step did, when Step asks.
func (e *Engine) noteStep(t *Task, what, label string) {
	if e.stepping {
		e.stepNote = stepNote{task: t, what: what, label: label}
	}
}

// soonStep schedules a step of t (call_soon(task.__step)).
func (e *Engine) soonStep(t *Task) {
	if t.state != StateBlocked {
		t.state, t.since, t.what = StateReady, e.now, nil
	}
	e.ready.push(entry{kind: entryStep, cb: callback{task: t}})
}

// soonCallback schedules cb of f (call_soon(callback, future)).
func (e *Engine) soonCallback(f *future, cb callback) {
	k := entryCallback
	if cb.fn == nil {
		k = entryWakeup
		if t := cb.task; t.state != StateBlocked {
			t.state, t.since, t.what = StateReady, e.now, nil
		}
	}
	e.ready.push(entry{kind: k, fut: f, cb: cb})
}

// entryLabel names a ready entry for the loop view.
func entryLabel(en entry) string {
	switch en.kind {
	case entryStep, entryWakeup:
		return "step " + en.cb.task.Name()
	case entryCallback:
		s := cbNames[en.cb.what]
		if en.cb.who != nil {
			s += " for " + en.cb.who.Name()
		}
		return s
	}
	return en.h.Label()
}

// ReadyLabels appends the label of every handle in the ready queue, in FIFO order,
// to dst and returns it (the loop view). Cancelled handles are left out.
func (e *Engine) ReadyLabels(dst []string) []string {
	for i := range e.ready.len() {
		en := e.ready.at(i)
		if en.kind == entryHandle && en.h.cancelled {
			continue
		}
		dst = append(dst, entryLabel(en))
	}
	return dst
}

// TimerInfo is one pending timer, for the loop view.
type TimerInfo struct {
	When  time.Duration
	Label string
}

// Timers appends every pending (not cancelled) timer, in heap order, to dst.
func (e *Engine) Timers(dst []TimerInfo) []TimerInfo {
	for _, h := range e.timers {
		if !h.cancelled {
			dst = append(dst, TimerInfo{When: h.at, Label: h.Label()})
		}
	}
	return dst
}

// handleKind says what a handle does when it runs.
type handleKind uint8

const (
	handleFunc    handleKind = iota // call fn
	handleSleep                     // a sleep is over: set the sleep's future unless cancelled
	handleTimeout                   // a Timeout's deadline
	handleJob                       // an executor job has ended
)

// Handle is a callback scheduled on the loop (asyncio's Handle and TimerHandle),
// returned by [Engine.CallSoon], [Engine.CallLater] and [Engine.CallAt]. Cancel
// stops it if it has not run yet.
type Handle struct {
	e    *Engine
	when float64       // the deadline as CPython computes it, which orders the heap
	at   time.Duration // the same deadline as users see it
	kind handleKind
	fn   func()
	fut  *future
	task *Task
	to   *Timeout
	job  *Job
	name string
	// scheduled: in the timer heap (asyncio's _scheduled); queued: in the ready
	// queue; orphan: nobody but the loop refers to it, so the loop takes it
	// back for reuse when it leaves the heap or the ready queue.
	cancelled, scheduled, queued, orphan bool
	timer                                bool // a TimerHandle (CallLater, CallAt), not a call_soon
}

// Cancel stops the handle if it has not run yet; a cancelled timer stays in the
// heap, counted, until the loop drops it (asyncio's Handle.cancel).
func (h *Handle) Cancel() {
	if h.cancelled {
		return
	}
	h.cancelled = true
	h.fn = nil
	if h.scheduled {
		// Counted until a rebuild, even if the handle leaves the heap as a due
		// timer meanwhile: asyncio's count drifts the same way, and it decides
		// when the heap is rebuilt.
		h.e.cancelled++
		h.e.liveTimers--
	}
}

// Cancelled reports whether Cancel was called.
func (h *Handle) Cancelled() bool { return h.cancelled }

// When returns when a timer handle is due (zero for a call_soon handle).
func (h *Handle) When() time.Duration { return h.at }

// Label names the handle for the loop view ("timer: sleep of count-1").
func (h *Handle) Label() string {
	switch h.kind {
	case handleSleep:
		return "timer: sleep of " + h.task.Name()
	case handleTimeout:
		return "timer: " + h.to.what + " deadline of " + h.to.t.Name()
	case handleJob:
		return "executor " + h.job.x.name + ": " + h.job.Label + " done"
	}
	if h.name != "" {
		return h.name
	}
	return "callback"
}

// runHandle runs a handle that is not cancelled.
func (e *Engine) runHandle(h *Handle) {
	switch h.kind {
	case handleSleep:
		t := h.task
		if h.fut.done() {
			return // the sleep was cancelled after the timer fell due
		}
		if e.stepping {
			e.noteStep(t, "wake", h.Label())
		}
		late := max(e.now-h.at, 0)
		t.wakeSched, t.wakeAt = h.at, e.now
		if e.onWake != nil {
			e.onWake(late)
		}
		if e.on() {
			d := ""
			if late > 0 {
				d = "late " + Dur(late)
			}
			e.emit(t, KindWake, "", d)
		}
		h.fut.finish(nil)
	case handleTimeout:
		if e.stepping {
			e.noteStep(h.to.t, "timeout", h.Label())
		}
		h.to.expire()
	case handleJob:
		if e.stepping {
			e.noteStep(h.job.waiter, "timer", h.Label())
		}
		h.job.finish()
	default:
		if e.stepping {
			what := "callback"
			if h.timer {
				what = "timer"
			}
			e.noteStep(nil, what, h.Label())
		}
		h.fn()
	}
}

// newHandle returns a zero handle of the loop's own (sleeps, deadlines), reused
// from those it took back.
func (e *Engine) newHandle() *Handle {
	if n := len(e.free); n > 0 {
		h := e.free[n-1]
		e.free = e.free[:n-1]
		return h
	}
	return &Handle{e: e}
}

// release gives h, which its owner no longer refers to, back to the loop: at once
// if the loop holds no reference to it either, else when it leaves the heap or the
// ready queue.
func (e *Engine) release(h *Handle) {
	if h.scheduled || h.queued {
		h.orphan = true
		return
	}
	e.recycle(h)
}

func (e *Engine) recycle(h *Handle) {
	*h = Handle{e: e}
	e.free = append(e.free, h)
}

// at schedules h at the float deadline when (users see at).
func (e *Engine) schedule(h *Handle, when float64, at time.Duration) {
	h.e, h.when, h.at, h.scheduled, h.timer = e, when, at, true, true
	e.liveTimers++
	e.timers.push(h)
}

// later schedules h d from now, computing the deadline as CPython does:
// loop.time() + delay in floating point. d must not overflow the clock.
func (e *Engine) later(h *Handle, d time.Duration) {
	e.schedule(h, e.fnow+seconds(d), e.now+d)
}

// fits reports whether a delay d from now stays on the clock.
func (e *Engine) fits(d time.Duration) bool { return d <= math.MaxInt64-e.now }

// CallSoon schedules fn to run on the loop after the handles already ready
// (asyncio's loop.call_soon). name labels it in the loop view.
func (e *Engine) CallSoon(name string, fn func()) *Handle {
	h := &Handle{e: e, kind: handleFunc, fn: fn, name: name, queued: true}
	e.ready.push(entry{kind: entryHandle, h: h})
	return h
}

// CallLater schedules fn to run d from now (asyncio's loop.call_later). A delay
// that would overflow the clock panics.
func (e *Engine) CallLater(d time.Duration, name string, fn func()) *Handle {
	if !e.fits(d) {
		panic("sim: CallLater delay " + d.String() + " overflows the clock")
	}
	h := &Handle{kind: handleFunc, fn: fn, name: name}
	e.later(h, max(d, 0))
	return h
}

// CallAt schedules fn to run at virtual time at (asyncio's loop.call_at); a time in
// the past runs in the next iteration.
func (e *Engine) CallAt(at time.Duration, name string, fn func()) *Handle {
	h := &Handle{kind: handleFunc, fn: fn, name: name}
	e.schedule(h, seconds(at), at)
	return h
}

// After calls fn on the loop d from now and returns a function that cancels the
// call if it has not happened yet (CallLater without a name).
func (e *Engine) After(d time.Duration, fn func()) (cancel func()) {
	return e.CallLater(d, "", fn).Cancel
}
