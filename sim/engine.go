package sim

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"time"
)

// Expected outcomes of an await, checked with errors.Is.
var (
	// ErrCancelled reaches a task at its await point when it is cancelled, like
	// asyncio's CancelledError.
	ErrCancelled = errors.New("sim: cancelled")
	// ErrTimeout is returned by WaitFor when the deadline expired first.
	ErrTimeout = errors.New("sim: timeout")
	// ErrClosed is returned by operations on a closed queue.
	ErrClosed = errors.New("sim: closed")
	// ErrBrokenBarrier is returned by Barrier.Wait after the barrier was aborted.
	ErrBrokenBarrier = errors.New("sim: broken barrier")
)

// Engine is the event loop: a virtual clock, a FIFO ready queue and a timer heap.
// One iteration moves every due timer to the ready queue and then runs the entries
// that were ready when it started, like asyncio's _run_once; the clock jumps to the
// next timer only when nothing is ready. Exactly one task runs at a time.
//
// An Engine is not safe for use by several goroutines; drive it from one.
type Engine struct {
	now    time.Duration
	seq    uint64 // events so far (the trace's seq)
	parks  uint64 // parks and wakes so far: the generations of wait-list entries
	tseq   uint64 // timers so far, the heap's tie-breaker
	ready  ring
	todo   int // entries left in the current iteration
	timers timerHeap
	tracer Tracer

	cur     *Task
	lastRan *Task
	nextID  int
	head    *Task // live tasks in id order (an intrusive list: O(1) removal)
	tail    *Task
	nlive   int
	pool    []*coro

	blocker      *Task // the task freezing the loop with Block, if any
	blockedUntil time.Duration
	blockedTotal time.Duration

	seed       uint64
	rngs       map[string]*rand.Rand
	unobserved []*Task
	closed     bool

	onWake   func(late time.Duration)
	stepping bool  // Step is asking: record what the step did
	stepTask *Task // what the last step ran, for Step
	stepWhat string

	// The drive in progress (see drive): steps due by limit, at most budget more.
	limit  time.Duration
	budget int
	want   *coro // the coroutine that runs next; nil: the driver
	ended  *Task // a task whose body just returned, finished by the next pick
	fault  any   // a panic of a callback or tracer, raised again by the driver
}

// Option configures an Engine.
type Option func(*Engine)

// WithTracer hands every event of the loop to tr. Without one, tracing costs a
// counter increment per event.
func WithTracer(tr Tracer) Option { return func(e *Engine) { e.tracer = tr } }

// WithSeed sets the seed the named random streams derive from.
func WithSeed(seed uint64) Option { return func(e *Engine) { e.seed = seed } }

// New returns an engine at virtual time 0.
func New(opts ...Option) *Engine {
	e := &Engine{}
	for _, o := range opts {
		o(e)
	}
	return e
}

// OnWake calls fn with the lateness of every sleep's wake (the time it fired minus
// the time it was due): the loop's lateness, which a blocking call makes positive.
func (e *Engine) OnWake(fn func(late time.Duration)) { e.onWake = fn }

// SetTracer replaces the tracer (nil turns tracing off).
func (e *Engine) SetTracer(tr Tracer) { e.tracer = tr }

// Now returns the virtual time.
func (e *Engine) Now() time.Duration { return e.now }

// Events returns how many events the loop has produced (the last Seq).
func (e *Engine) Events() uint64 { return e.seq }

// Current returns the running task, or nil between steps.
func (e *Engine) Current() *Task { return e.cur }

// LastRan returns the task the most recent step resumed, or nil.
func (e *Engine) LastRan() *Task { return e.lastRan }

// Seed returns the seed of the named random streams.
func (e *Engine) Seed() uint64 { return e.seed }

// Rand returns the named random stream, creating it on first use. Each stream is a
// PCG generator seeded from (seed, name) alone, so drawing from one stream never
// shifts another: comparing two configurations sees the same customers (common
// random numbers).
func (e *Engine) Rand(name string) *rand.Rand {
	if r, ok := e.rngs[name]; ok {
		return r
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	r := rand.New(rand.NewPCG(splitmix(e.seed), splitmix(h.Sum64())))
	if e.rngs == nil {
		e.rngs = make(map[string]*rand.Rand)
	}
	e.rngs[name] = r
	return r
}

// splitmix scrambles a 64-bit value (SplitMix64's finaliser) so nearby seeds give
// unrelated streams.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// NumLive returns the number of tasks that have not ended.
func (e *Engine) NumLive() int { return e.nlive }

// Tasks appends a view of every live task, in id order, to dst and returns it.
func (e *Engine) Tasks(dst []TaskInfo) []TaskInfo {
	for t := e.head; t != nil; t = t.next {
		dst = append(dst, t.Info())
	}
	return dst
}

// Blocked reports whether a blocking call freezes the loop, which task made it and
// when the loop will come back.
func (e *Engine) Blocked() (blocked bool, by *Task, until time.Duration) {
	if e.blocker == nil {
		return false, nil, 0
	}
	return true, e.blocker, e.blockedUntil
}

// BlockedTotal returns the total virtual time the loop has been frozen so far.
func (e *Engine) BlockedTotal() time.Duration {
	if e.blocker != nil {
		return e.blockedTotal + min(e.now, e.blockedUntil) - e.blocker.since
	}
	return e.blockedTotal
}

// Idle reports whether nothing is ready, no timer is pending and the loop is not blocked.
func (e *Engine) Idle() bool {
	return e.ready.len() == 0 && len(e.timers) == 0 && e.blocker == nil
}

// NextTime returns when the loop next has work: now if something is ready, the
// blocking call's end while blocked, else the earliest timer. ok is false when idle.
func (e *Engine) NextTime() (t time.Duration, ok bool) {
	switch {
	case e.blocker != nil:
		return e.blockedUntil, true
	case e.ready.len() > 0:
		return e.now, true
	case len(e.timers) > 0:
		return max(e.timers[0].when, e.now), true
	}
	return 0, false
}

// StepResult says what one scheduling step did.
type StepResult struct {
	OK   bool          // false: nothing was left to do before the limit
	Time time.Duration // virtual time of the step
	Task *Task         // the task resumed, woken or timed out, if any
	What string        // "run", "wake", "timeout", "timer", "callback" or "unblock"
}

// Step performs exactly one scheduling step: it resumes one ready task, fires one
// timer or calls one callback, advancing the clock first if nothing is ready. It
// returns failures of tasks nobody awaits, like Run.
func (e *Engine) Step() (StepResult, error) {
	e.stepping = true
	defer func() { e.stepping = false }()
	for {
		e.stepTask, e.stepWhat = nil, ""
		if e.drive(1<<63-1, 1) == 0 {
			return StepResult{Time: e.now}, e.takeFailures()
		}
		if e.stepWhat != "" {
			break
		}
		// A timer cancelled after it fell due did nothing: that is not a step.
	}
	return StepResult{OK: true, Time: e.now, Task: e.stepTask, What: e.stepWhat}, e.takeFailures()
}

// RunTo runs every step due at or before virtual time t, like RunUntil, but if the
// loop runs out of work first (nothing ready, no timer, not blocked) the clock stays
// at its last event, as asyncio.run ends when its work is done. A headless run uses
// it so that a lesson that ends at 1 s reports 1 s.
func (e *Engine) RunTo(t time.Duration) error {
	e.drive(t, maxSteps)
	if e.now < t && !e.Idle() {
		e.now = t
	}
	return e.takeFailures()
}

// RunUntil runs every step due at or before virtual time t, then sets the clock to t
// (unless a blocking call already carried it further). It returns failures of tasks
// nobody awaits.
func (e *Engine) RunUntil(t time.Duration) error {
	e.drive(t, maxSteps)
	if e.now < t {
		e.now = t
	}
	return e.takeFailures()
}

// RunSteps runs at most n steps due at or before t and reports whether it reached t
// (and then sets the clock to t). It lets a UI bound the work done per frame.
func (e *Engine) RunSteps(t time.Duration, n int) (reached bool, err error) {
	if n <= 0 {
		return false, e.takeFailures()
	}
	if e.drive(t, n) < n {
		if e.now < t {
			e.now = t
		}
		return true, e.takeFailures()
	}
	if next, ok := e.NextTime(); !ok || next > t {
		if e.now < t {
			e.now = t
		}
		return true, e.takeFailures()
	}
	return false, e.takeFailures()
}

// Run runs until no work is left, like asyncio.run. If tasks remain suspended with
// nothing ready and no timer pending, it returns a *DeadlockError naming them.
// Failures of tasks nobody awaited are returned too.
func (e *Engine) Run() error {
	e.drive(1<<63-1, maxSteps)
	err := e.takeFailures()
	if e.nlive > 0 && !e.closed {
		d := &DeadlockError{Time: e.now, Tasks: e.Tasks(nil)}
		return errors.Join(d, err)
	}
	return err
}

// maxSteps is the budget of a drive that stops only when nothing is due.
const maxSteps = int(^uint(0) >> 1)

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

// pick performs scheduling steps until one resumes a task, which it returns ready
// to run; timers and callbacks it runs itself. It returns nil when the budget is
// spent or nothing is due by the limit. For Step it records what the step did in
// stepTask and stepWhat (only then: on the hot path those stores are not free).
func (e *Engine) pick() *Task {
	for e.budget > 0 && !e.closed {
		if e.blocker != nil {
			// The frozen loop comes back only when the blocking call ends; nothing
			// else may run in between.
			if e.blockedUntil > e.limit {
				return nil
			}
			e.budget--
			t := e.blocker
			e.now = max(e.now, e.blockedUntil)
			e.blockedTotal += e.blockedUntil - t.since
			e.blocker = nil
			if e.on() {
				e.emit(t, KindUnblock, "", "after "+Dur(t.until-t.since))
			}
			e.noteStep(t, "unblock")
			if e.start(t) {
				if t.m != nil {
					e.step(t)
					continue
				}
				return t
			}
			continue
		}
		if e.todo == 0 {
			if e.ready.len() == 0 {
				if len(e.timers) == 0 || e.timers[0].when > e.limit {
					return nil
				}
				e.now = max(e.now, e.timers[0].when)
			}
			// Move every due timer to the ready queue, in (when, seq) order.
			for len(e.timers) > 0 && e.timers[0].when <= e.now {
				tm := e.timers.pop()
				tm.queued = true
				e.ready.push(entry{tm: tm})
			}
			e.todo = e.ready.len()
		}
		en := e.ready.pop()
		e.todo--
		e.budget--
		switch {
		case en.task != nil:
			e.noteStep(en.task, "run")
			if e.start(en.task) {
				if en.task.m != nil {
					e.step(en.task) // a machine runs here, on the loop's goroutine
					continue
				}
				return en.task
			}
		case en.tm != nil:
			e.fire(en.tm)
		default:
			e.noteStep(nil, "callback")
			en.fn()
		}
	}
	return nil
}

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
		err := d.err
		if err == nil && d.cancelReq {
			// Cancelled after its last await and returned normally: the task is
			// cancelled all the same, as in asyncio (Task.cancel wins unless the
			// body catches ErrCancelled).
			d.cancelReq = false
			err = ErrCancelled
		}
		e.finish(d, err)
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
func (e *Engine) noteStep(t *Task, what string) {
	if e.stepping {
		e.stepTask, e.stepWhat = t, what
	}
}

// fire runs a due timer.
func (e *Engine) fire(tm *timer) {
	tm.queued = false
	if tm.dead {
		tm.dead = false
		return // stepWhat stays "": Step takes the next step
	}
	e.noteStep(tm.task, "timer")
	switch tm.kind {
	case timerSleep:
		t := tm.task
		t.wakeSched, t.wakeAt = tm.when, e.now
		if e.onWake != nil {
			e.onWake(e.now - tm.when)
		}
		if e.on() {
			d := ""
			if late := e.now - tm.when; late > 0 {
				d = "late " + Dur(late)
			}
			e.emit(t, KindWake, "", d)
		}
		e.noteStep(t, "wake")
		e.wake(t, wakeOK)
	case timerDeadline:
		dl := tm.dl
		dl.expired = true
		if e.on() {
			e.emit(dl.task, KindTimeout, "", "after "+Dur(e.now-dl.start))
		}
		e.noteStep(dl.task, "timeout")
		dl.task.interrupt()
	default:
		tm.fn()
	}
}

// schedule puts tm on the heap to fire at when (not before now).
func (e *Engine) schedule(tm *timer, when time.Duration) {
	e.tseq++
	tm.when, tm.seq, tm.dead = max(when, e.now), e.tseq, false
	e.timers.push(tm)
}

// unschedule cancels tm whether it waits on the heap or in the ready queue.
func (e *Engine) unschedule(tm *timer) {
	if tm.idx >= 0 {
		e.timers.remove(tm)
	} else if tm.queued {
		tm.dead = true
	}
}

// After calls fn on the loop d from now, and returns a function that cancels the
// call if it has not happened yet.
func (e *Engine) After(d time.Duration, fn func()) (cancel func()) {
	tm := &timer{kind: timerFunc, fn: fn, idx: -1}
	e.schedule(tm, e.now+d)
	return func() { e.unschedule(tm) }
}

// CallSoon calls fn on the loop after the entries already ready (asyncio's call_soon).
func (e *Engine) CallSoon(fn func()) { e.ready.push(entry{fn: fn}) }

// on reports whether events are traced; when they are not it still counts the event,
// so callers write `if e.on() { e.emit(...) }` and pay for formatting only when traced.
func (e *Engine) on() bool {
	if e.tracer == nil {
		e.seq++
		return false
	}
	return true
}

func (e *Engine) emit(t *Task, k Kind, obj, detail string) {
	e.seq++
	ev := Event{Time: e.now, Seq: e.seq, Kind: k, Object: obj, Detail: detail}
	if t != nil {
		ev.Task, ev.Name = t.id, t.Name()
	}
	e.tracer.Event(ev)
}

// Emit records an event of the running task (or of the loop when no task runs), for
// libraries built on the engine that want their own transitions in the trace.
func (e *Engine) Emit(k Kind, obj, detail string) {
	if e.on() {
		e.emit(e.cur, k, obj, detail)
	}
}

func (e *Engine) takeFailures() error {
	if len(e.unobserved) == 0 {
		return nil
	}
	var errs []error
	for _, t := range e.unobserved {
		if !t.observed {
			t.observed = true
			errs = append(errs, t.err)
		}
	}
	clear(e.unobserved) // the backing array must not keep finished tasks alive
	e.unobserved = e.unobserved[:0]
	return errors.Join(errs...)
}

// Close ends every suspended coroutine: each task unwinds from its await point (its
// deferred calls run) and no goroutine is left behind. The engine cannot run again.
func (e *Engine) Close() {
	if e.closed {
		return
	}
	if e.cur != nil {
		panic("sim: Close called by task " + e.cur.Name() + "; close the engine from the code that drives it")
	}
	e.closed = true
	e.tracer = nil
	for t := e.head; t != nil; {
		next := t.next
		if t.co != nil {
			c := t.co
			c.closing = true
			c.stop()
			t.co = nil
		}
		t.state = StateCancelled
		t.err = ErrCancelled
		t = next
	}
	e.head, e.tail, e.nlive = nil, nil, 0
	for _, c := range e.pool {
		c.closing = true
		c.stop()
	}
	e.pool = nil
}

// DeadlockError reports tasks that can never resume: nothing is ready, no timer is
// pending, and they all wait on something.
type DeadlockError struct {
	Time  time.Duration
	Tasks []TaskInfo
}

func (d *DeadlockError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "sim: deadlock at %s: %d task(s) blocked forever:", FormatClock(d.Time), len(d.Tasks))
	for _, t := range d.Tasks {
		fmt.Fprintf(&b, "\n  #%d %s waiting on %s", t.ID, t.Name, t.Awaiting)
	}
	return b.String()
}

// PanicError is the error of a task that panicked.
type PanicError struct {
	Task  string
	Value any
}

func (p *PanicError) Error() string { return fmt.Sprintf("sim: task %q panicked: %v", p.Task, p.Value) }

// TaskError wraps the error a task failed with, naming the task.
type TaskError struct {
	Task string
	Err  error
}

func (te *TaskError) Error() string { return fmt.Sprintf("sim: task %q failed: %v", te.Task, te.Err) }

// Unwrap returns the task's own error.
func (te *TaskError) Unwrap() error { return te.Err }

// Tracing reports whether a tracer receives events, so callers can skip building
// text that only a trace would show.
func (e *Engine) Tracing() bool { return e.tracer != nil }
