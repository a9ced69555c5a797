package sim

import (
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
// to run; callbacks and timers it runs itself. It returns nil when
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
			// Executor jobs that ended within the block finish at their own ends;
			// then the clock is where time.sleep left it.
			e.finishJobs(e.blockedEnd)
			e.fnow = max(e.fnow, e.blockedEnd)
			e.now = max(e.now, e.blockedUntil)
			if e.on(t, KindUnblock) {
				e.emit(t, KindUnblock, "", "after "+Dur(t.until-t.since))
			}
			e.noteStep(t, "unblock", "unblock "+t.Name())
			t.state, t.since, t.what, t.send = StateRunning, e.now, nil, nil
			e.cur = t
			return t
		}
		if e.todo == 0 {
			if e.stopping || !e.beginIteration() {
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
				e.noteStep(en.task, "callback", entryLabel(en))
			}
			en.fn(en.fut)
		default:
			t := en.task
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
	// The select: executor jobs that have ended finish first; if something is
	// ready (or a job just finished, waking the loop) the clock stays; otherwise
	// it is set to the earliest timer or job end.
	if !e.finishJobs(e.fnow) && e.ready.len() == 0 {
		var j *Job
		if len(e.jobs) > 0 {
			j = e.nextJob()
		}
		if len(e.timers) == 0 && j == nil {
			return false
		}
		var when float64
		var at time.Duration
		if len(e.timers) > 0 {
			when, at = e.timers[0].when, e.timers[0].at
		}
		if j != nil && (len(e.timers) == 0 || j.end <= when) {
			when, at = j.end, j.End
		}
		if at > e.limit {
			return false
		}
		// Nothing is ready: the loop would wait, so the virtual clock is set to
		// the deadline it would wake at.
		e.fnow = max(e.fnow, when)
		e.now = max(e.now, at)
		e.finishJobs(e.fnow)
	}
	// A timer due before now + resolution is due. Far into a run the resolution
	// is below the float's precision (now + 1e-9 == now from about 100 days):
	// a timer due exactly now is due then too, where CPython, whose wall clock
	// moves on, would take it in a later iteration.
	end := e.fnow + ClockResolution
	for len(e.timers) > 0 && (e.timers[0].when < end || e.timers[0].when <= e.fnow) {
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
	e.ready.push(entry{kind: entryStep, task: t})
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
	if k == entryWakeup {
		e.ready.push(entry{kind: k, fut: f, task: cb.task})
		return
	}
	e.ready.push(entry{kind: k, fut: f, fn: cb.fn, task: cb.who, what: cb.what})
}
