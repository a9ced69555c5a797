package sim

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
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
	// ErrClockOverflow was returned by a sleep whose deadline lies beyond the end
	// of the Duration clock (about 292 years). Such a sleep now parks the task, as
	// asyncio's does, and sim no longer returns this error.
	//
	// Deprecated: nothing returns it.
	ErrClockOverflow = errors.New("sim: deadline overflows the clock")
)

// errPending is what the first half of a two-part await (startGet, startAcquire,
// ...) returns when the task must suspend before the second half.
var (
	errPending = errors.New("sim: pending")
)

// Engine is the event loop (asyncio's BaseEventLoop on a virtual clock): a FIFO
// ready queue of handles, a heap of timer handles, and a clock that jumps to the
// next timer when nothing is ready. One iteration runs what was ready when it
// began, like asyncio's _run_once. Exactly one task runs at a time.
//
// An Engine is not safe for use by several goroutines; drive it from one.
type Engine struct {
	now   time.Duration // the clock users see
	fnow  float64       // the clock as CPython keeps it: seconds in a float64
	seq   uint64        // events so far (the trace's seq)
	cbSeq uint64        // callback ids so far
	ready ring
	todo  int // entries left in the current iteration
	// timers is asyncio's _scheduled heap; cancelled counts the cancelled handles
	// still in it (_timer_cancelled_count).
	timers     timerHeap
	cancelled  int
	liveTimers int        // timers in the heap that are not cancelled
	free       []*Handle  // handles of sleeps and deadlines, for reuse
	freeTO     []*Timeout // WaitFor's timeouts, for reuse
	freeTasks  []*Task    // released tasks that are done, for reuse (Task.Release)
	jobs       []*Job     // executor jobs running on their workers
	defaultX   *Executor  // the default executor, made on first use
	jobSeq     uint64
	tracer     Tracer

	cur     *Task
	lastRan *Task
	nextID  int
	head    *Task // live tasks in id order (an intrusive list: O(1) removal)
	tail    *Task
	nlive   int
	pool    []*coro

	blocker      *Task // the task freezing the loop with Block, if any
	blockedUntil time.Duration
	blockedEnd   float64 // blockedUntil as CPython computes it: start + seconds
	blockedTotal time.Duration

	seed       uint64
	rngs       map[string]*rand.Rand
	unobserved []*Task
	closed     bool

	onWake   func(late time.Duration)
	stepping bool // Step is asking: record what the step did
	stepNote stepNote

	// The drive in progress (see drive): steps due by limit, at most budget more.
	limit       time.Duration
	budget      int
	want        *coro    // the coroutine that runs next; nil: the driver
	ended       *Task    // a task whose body just returned, finished by the next pick
	fault       any      // a panic of a callback or tracer, raised again by the driver
	fingerprint bool     // keep fp
	fp          uint64   // the fingerprint so far
	cpEvery     uint64   // events per fingerprint checkpoint
	cps         []uint64 // the fingerprint after every cpEvery-th event
	// stopping ends the drive when the current iteration is over (loop.stop).
	stopping bool
}

// stepNote is what the last step did, for Step.
type stepNote struct {
	task  *Task
	what  string
	label string
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
	e := &Engine{fp: 0xcbf29ce484222325}
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

// Time returns the clock as CPython's loop.time() holds it: a float64 of seconds,
// which can differ from Now in the last bits (three 0.1 s sleeps end at
// 0.30000000000000004).
func (e *Engine) Time() float64 { return e.fnow }

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
	return e.ready.len() == 0 && e.liveTimers == 0 && e.blocker == nil && len(e.jobs) == 0
}

// NextTime returns when the loop next has work: now if something is ready, the
// blocking call's end while blocked, else the earliest timer. ok is false when idle.
func (e *Engine) NextTime() (t time.Duration, ok bool) {
	switch {
	case e.blocker != nil:
		return e.blockedUntil, true
	case e.ready.len() > 0:
		return e.now, true
	case e.liveTimers > 0 || len(e.jobs) > 0:
		// The root may be a cancelled handle that the next iteration drops; it is
		// not removed here, since that would change the heap's shape.
		next := time.Duration(1<<63 - 1)
		if len(e.timers) > 0 {
			next = e.timers[0].at
		}
		if j := e.nextJob(); j != nil {
			next = min(next, j.End)
		}
		return max(next, e.now), true
	}
	return 0, false
}

// StepResult says what one scheduling step did.
type StepResult struct {
	OK    bool          // false: nothing was left to do before the limit
	Time  time.Duration // virtual time of the step
	Task  *Task         // the task stepped, woken or timed out, if any
	What  string        // "run", "wake", "timeout", "timer", "callback" or "unblock"
	Label string        // the handle's label, as the loop view shows it ("step count-1")
}

// Step runs exactly one ready handle (a task step, a callback, a timer that fell
// due), after starting a loop iteration if the last one is over: dropping
// cancelled timers, advancing the clock if nothing is ready, and moving due
// timers to the ready queue, as _run_once does. It returns failures of tasks
// nobody awaits, like Run.
func (e *Engine) Step() (StepResult, error) {
	e.stepping = true
	defer func() { e.stepping = false }()
	e.stepNote = stepNote{}
	if e.drive(1<<63-1, 1) == 0 {
		return StepResult{Time: e.now}, e.takeFailures()
	}
	n := e.stepNote
	return StepResult{OK: true, Time: e.now, Task: n.task, What: n.what, Label: n.label}, e.takeFailures()
}

// RunTo runs every step due at or before virtual time t, like RunUntil, but if the
// loop runs out of work first (nothing ready, no timer, not blocked) the clock stays
// at its last event, as asyncio.run ends when its work is done. A headless run uses
// it so that a lesson that ends at 1 s reports 1 s.
func (e *Engine) RunTo(t time.Duration) error {
	e.drive(t, maxSteps)
	if e.now < t && !e.Idle() {
		e.setClock(t)
	}
	return e.takeFailures()
}

// RunUntil runs every step due at or before virtual time t, then sets the clock to t
// (unless a blocking call already carried it further). It returns failures of tasks
// nobody awaits.
func (e *Engine) RunUntil(t time.Duration) error {
	e.drive(t, maxSteps)
	if e.now < t {
		e.setClock(t)
	}
	return e.takeFailures()
}

// setClock moves the clock forward to t, between iterations.
func (e *Engine) setClock(t time.Duration) {
	e.now = t
	if e.blocker == nil {
		// The float clock stays where the blocking call began until it ends.
		e.fnow = max(e.fnow, seconds(t))
	}
}

// RunUntilIdle runs until no work is left (nothing ready, no timer pending). If
// tasks remain suspended then, it returns a *DeadlockError naming them. Failures
// of tasks nobody awaited are returned too.
func (e *Engine) RunUntilIdle() error {
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

// on counts an event of kind k about task t (nil: the loop), folds it into the
// fingerprint if one is kept, and reports whether a tracer wants it, so callers
// write `if e.on(t, k) { e.emit(t, k, ...) }` and pay for formatting only when
// traced.
func (e *Engine) on(t *Task, k Kind) bool {
	e.seq++
	if e.fingerprint {
		id := 0
		if t != nil {
			id = t.id
		}
		e.fp = fold(fold(fold(e.fp, uint64(e.now)), uint64(id)), uint64(k))
		if e.seq%e.cpEvery == 0 {
			e.checkpoint()
		}
	}
	return e.tracer != nil
}

// emit hands the event on just counted to the tracer.
func (e *Engine) emit(t *Task, k Kind, obj, detail string) {
	ev := Record{Time: e.now, Seq: e.seq, Kind: k, Object: obj, Detail: detail}
	if t != nil {
		ev.Task, ev.Name = t.id, t.Name()
	}
	e.tracer.Event(ev)
}

// Emit records an event of the running task (or of the loop when no task runs), for
// libraries built on the engine that want their own transitions in the trace.
func (e *Engine) Emit(k Kind, obj, detail string) {
	if e.on(e.cur, k) {
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
	e.freeTasks = nil
}

// Tracing reports whether a tracer receives events, so callers can skip building
// text that only a trace would show.
func (e *Engine) Tracing() bool { return e.tracer != nil }

// anyString formats a panic value.
func anyString(v any) string { return fmt.Sprint(v) }
