package sim

import (
	"math"
	"time"
)

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
		if h.job.cancelled {
			return "executor " + h.job.x.name + ": cancelled " + h.job.Label
		}
		return "executor " + h.job.x.name + ": result of " + h.job.Label
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
			// The sleep was cancelled after its timer fell due: the handle runs
			// all the same (asyncio's _set_result_unless_cancelled, which then
			// does nothing), and Step reports it.
			if e.stepping {
				e.noteStep(nil, "timer", h.Label())
			}
			return
		}
		if e.stepping {
			e.noteStep(t, "wake", h.Label())
		}
		late := max(e.now-h.at, 0)
		t.wakeSched, t.wakeAt = h.at, e.now
		if e.onWake != nil {
			e.onWake(late)
		}
		if e.on(t, KindWake) {
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
		h.job.deliver()
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

// schedule schedules h at the float deadline when (users see at). A NaN deadline
// (a float delay or time of NaN) is due now: CPython's loop takes a timer as due
// unless its deadline is at or past the end of the iteration's window, which NaN
// never is, where here it would hold back every timer behind it.
func (e *Engine) schedule(h *Handle, when float64, at time.Duration) {
	if math.IsNaN(when) {
		when, at = e.fnow, e.now
	}
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
// that would overflow the clock panics; a negative one is a deadline in the past,
// due in the next iteration.
func (e *Engine) CallLater(d time.Duration, name string, fn func()) *Handle {
	if !e.fits(d) {
		panic("sim: CallLater delay " + d.String() + " overflows the clock")
	}
	h := &Handle{kind: handleFunc, fn: fn, name: name}
	// A negative delay is not clamped: asyncio's deadline is loop.time() + delay,
	// in the past, and the heap orders it before timers due since then.
	e.later(h, d)
	return h
}

// CallAt schedules fn to run at virtual time at (asyncio's loop.call_at); a time in
// the past runs in the next iteration.
func (e *Engine) CallAt(at time.Duration, name string, fn func()) *Handle {
	h := &Handle{kind: handleFunc, fn: fn, name: name}
	e.schedule(h, seconds(at), at)
	return h
}

// CallLaterSeconds is CallLater with the delay in float seconds, the deadline
// computed as CPython does (loop.time() + s), also for delays below a nanosecond.
// A negative delay is not clamped, as in CallLater: call_later(-0.5) is due
// before a call_later(0) scheduled earlier.
func (e *Engine) CallLaterSeconds(s float64, name string, fn func()) *Handle {
	h := &Handle{kind: handleFunc, fn: fn, name: name}
	e.schedule(h, e.fnow+s, e.atSeconds(s))
	return h
}

// CallAtTime is CallAt with the deadline on the float clock of [Engine.Time]
// (asyncio's loop.call_at(when) with when a float, such as a sum of 0.1s).
func (e *Engine) CallAtTime(when float64, name string, fn func()) *Handle {
	h := &Handle{kind: handleFunc, fn: fn, name: name}
	e.schedule(h, when, floatAt(when))
	return h
}

// After calls fn on the loop d from now and returns a function that cancels the
// call if it has not happened yet (CallLater without a name).
func (e *Engine) After(d time.Duration, fn func()) (cancel func()) {
	return e.CallLater(d, "", fn).Cancel
}

// entryLabel names a ready entry for the loop view.
func entryLabel(en entry) string {
	switch en.kind {
	case entryStep, entryWakeup:
		return "step " + en.task.Name()
	case entryCallback:
		s := cbNames[en.what]
		if en.task != nil {
			s += " for " + en.task.Name()
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
