package sim

import (
	"slices"
	"time"
)

// Awaitable is a task or a future: what Shield, Wait and AsCompleted accept.
type Awaitable interface {
	core() *future
}

func (t *Task) core() *future      { return &t.fut }
func (f *Future[T]) core() *future { return &f.f }

// Shield awaits a without letting a cancellation of t reach it (asyncio.shield):
// if t is cancelled while it waits, t gets ErrCancelled at once and a goes on.
//
// The done-callbacks are asyncio 3.14's, one ready handle each: on a, one that
// forgets t as an awaiter (_clear_awaited_by_callback, registered first) and one
// that hands a's outcome to the future t awaits; on that future, one that, once
// t was cancelled, swaps the second for a's log-on-exception callback (one per
// a however many shields were cancelled). Only the second changes anything; the
// others are there so that stepping the loop runs the handles CPython runs.
func Shield(t *Task, a Awaitable) error {
	inner := a.core()
	if inner.done() {
		return t.await(inner, shieldName{})
	}
	e := t.e
	outer := &future{e: e}
	inner.addCallback(callback{fn: func(*future) {}, what: cbShieldAwaitedBy, who: t})
	e.cbSeq++
	id := e.cbSeq
	inner.addCallback(callback{fn: func(*future) {
		switch {
		case outer.cancelled():
		case inner.cancelled():
			outer.cancelPlain("")
		default:
			outer.finish(inner.err)
		}
	}, what: cbShield, who: t, id: id})
	outer.addCallback(callback{fn: func(*future) {
		if !inner.done() {
			inner.removeCallback(id)
			inner.removeCallback(shieldLogID)
			inner.addCallback(callback{fn: shieldLog, what: cbShieldLog, id: shieldLogID})
		}
	}, what: cbShield, who: t})
	err := t.await(outer, shieldName{})
	if it := inner.task; it != nil && err == it.err {
		it.observed = true
	}
	return err
}

// shieldLogID is the id of asyncio's _log_on_exception callbacks: one function
// for every shield, so removing it removes any shield's.
const shieldLogID = ^uint64(0)

// shieldLog is _log_on_exception, which logs the failure of a shielded task
// whose shields were all cancelled. sim reports that failure when the task ends,
// as any failure nobody awaits ([future.watched] does not count this callback).
func shieldLog(*future) {}

type shieldName struct{}

func (shieldName) waitName() string { return "shield" }

// ReturnWhen says when Wait returns (asyncio's FIRST_COMPLETED, FIRST_EXCEPTION
// and ALL_COMPLETED).
type ReturnWhen uint8

// The conditions Wait returns on.
const (
	AllCompleted ReturnWhen = iota
	FirstCompleted
	FirstException
)

// NoTimeout is the timeout of a Wait or AsCompleted that has none (None in asyncio).
// Any other negative timeout is a deadline in the past, as in asyncio: Wait
// returns in the next iteration, AsCompleted's Next gives ErrTimeout.
const NoTimeout time.Duration = -1

type waitName struct{}

func (waitName) waitName() string { return "wait" }

// Wait waits until the awaitables meet the condition when, or timeout passes
// (asyncio.wait), and returns them split into done and pending, each in the order
// given, and each once however often it was given (asyncio makes a set of them).
// It does not cancel anything, and a timeout is not an error: pending is then not
// empty. err is only t's own cancellation. Wait panics on an empty fs, as asyncio
// raises ValueError.
func Wait(t *Task, fs []Awaitable, when ReturnWhen, timeout time.Duration) (done, pending []Awaitable, err error) {
	return wait(t, fs, when, t.e.timerAfter(timeout))
}

// WaitSeconds is Wait with the timeout in CPython's float seconds
// (asyncio.wait(fs, timeout=s)): the deadline is loop.time() + s in float64, so
// timeout=0.1 + 0.2 is due after a 0.3 timer. For no timeout, use Wait with
// NoTimeout.
func WaitSeconds(t *Task, fs []Awaitable, when ReturnWhen, s float64) (done, pending []Awaitable, err error) {
	return wait(t, fs, when, t.e.timerAfterSeconds(s))
}

// timerScheduler schedules a timeout's timer, named name, that calls fn.
type timerScheduler func(name string, fn func()) *Handle

// timerAfter schedules a timer timeout from now; nil for no timeout (NoTimeout,
// or a deadline beyond the end of the clock).
func (e *Engine) timerAfter(timeout time.Duration) timerScheduler {
	if timeout == NoTimeout || !e.fits(timeout) {
		return nil
	}
	return func(name string, fn func()) *Handle { return e.CallLater(timeout, name, fn) }
}

// timerAfterSeconds schedules a timer s seconds from now on the float clock.
func (e *Engine) timerAfterSeconds(s float64) timerScheduler {
	return func(name string, fn func()) *Handle { return e.CallLaterSeconds(s, name, fn) }
}

// wait is Wait; after schedules the timeout's timer (nil: no timeout).
func wait(t *Task, fs []Awaitable, when ReturnWhen, after timerScheduler) (done, pending []Awaitable, err error) {
	if len(fs) == 0 {
		panic("sim: Wait on no tasks or futures")
	}
	fs = distinct(fs)
	e := t.e
	waiter := &future{e: e}
	var h *Handle
	if after != nil {
		h = after("timer: wait timeout of "+t.Name(), func() {
			if !waiter.done() {
				waiter.finish(nil)
			}
		})
	}
	counter := len(fs)
	onCompletion := func(f *future) {
		counter--
		if counter <= 0 || when == FirstCompleted || (when == FirstException && !f.cancelled() && f.err != nil) {
			if h != nil {
				h.Cancel()
			}
			if !waiter.done() {
				waiter.finish(nil)
			}
		}
	}
	e.cbSeq++
	id := e.cbSeq
	for _, a := range fs {
		a.core().addCallback(callback{fn: onCompletion, what: cbWait, who: t, id: id})
	}
	err = t.await(waiter, waitName{})
	if h != nil {
		h.Cancel()
	}
	for _, a := range fs {
		a.core().removeCallback(id)
	}
	for _, a := range fs {
		if a.core().done() {
			done = append(done, a)
		} else {
			pending = append(pending, a)
		}
	}
	return done, pending, err
}

// distinct returns fs without repeats, in the order given: asyncio.wait makes a
// set of its argument, so an awaitable given twice is watched, counted and
// returned once.
func distinct(fs []Awaitable) []Awaitable {
	for i := 1; i < len(fs); i++ {
		for j := range i {
			if fs[j].core() == fs[i].core() {
				out := append([]Awaitable(nil), fs[:i]...)
				for _, a := range fs[i+1:] {
					if !slices.ContainsFunc(out, func(b Awaitable) bool { return b.core() == a.core() }) {
						out = append(out, a)
					}
				}
				return out
			}
		}
	}
	return fs
}

// AsCompleted yields awaitables as they complete (asyncio.as_completed, iterated
// with async for): each Next returns the next one done, or ErrTimeout once the
// timeout (NoTimeout: none) has passed.
type AsCompleted struct {
	done *Queue[*future]
	todo []*future
	left int
	h    *Handle
	by   map[*future]Awaitable
}

// NewAsCompleted starts watching fs on behalf of t.
func NewAsCompleted(t *Task, fs []Awaitable, timeout time.Duration) *AsCompleted {
	return newAsCompleted(t, fs, t.e.timerAfter(timeout))
}

// NewAsCompletedSeconds is NewAsCompleted with the timeout in CPython's float
// seconds (asyncio.as_completed(fs, timeout=s)), due at loop.time() + s in float64.
func NewAsCompletedSeconds(t *Task, fs []Awaitable, s float64) *AsCompleted {
	return newAsCompleted(t, fs, t.e.timerAfterSeconds(s))
}

// newAsCompleted is NewAsCompleted; after schedules the timeout's timer (nil: none).
func newAsCompleted(t *Task, fs []Awaitable, after timerScheduler) *AsCompleted {
	e := t.e
	ac := &AsCompleted{done: NewQueue[*future](e, "as_completed", 0), by: make(map[*future]Awaitable, len(fs))}
	for _, a := range fs {
		f := a.core()
		if _, dup := ac.by[f]; dup {
			continue
		}
		ac.by[f] = a
		ac.todo = append(ac.todo, f)
	}
	e.cbSeq++
	id := e.cbSeq
	for _, f := range ac.todo {
		f.addCallback(callback{fn: ac.completed, what: cbAsCompleted, who: t, id: id})
	}
	if len(ac.todo) > 0 && after != nil {
		ac.h = after("timer: as_completed timeout of "+t.Name(), func() {
			for _, f := range ac.todo {
				f.removeCallback(id)
				ac.done.TryPut(nil)
			}
			ac.todo = nil
		})
	}
	ac.left = len(ac.todo)
	return ac
}

func (ac *AsCompleted) completed(f *future) {
	if len(ac.todo) == 0 {
		return // the timeout came first
	}
	for i, x := range ac.todo {
		if x == f {
			ac.todo = append(ac.todo[:i], ac.todo[i+1:]...)
			break
		}
	}
	ac.done.TryPut(f)
	if len(ac.todo) == 0 && ac.h != nil {
		ac.h.Cancel()
	}
}

// Next waits for the next awaitable to complete and returns it; ok is false when
// every one has been returned. err is ErrTimeout after the timeout, or t's
// cancellation.
func (ac *AsCompleted) Next(t *Task) (a Awaitable, ok bool, err error) {
	if ac.left == 0 {
		return nil, false, nil
	}
	ac.left--
	f, err := ac.done.Get(t)
	if err != nil {
		return nil, true, err
	}
	if f == nil {
		return nil, true, ErrTimeout
	}
	return ac.by[f], true, nil
}
