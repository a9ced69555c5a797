package sim

import (
	"slices"
	"strconv"
	"time"
)

// Executor is a pool of worker threads that run blocking work beside the loop
// (loop.run_in_executor, asyncio.to_thread), modelled as CPython runs it with real
// threads (conformance/vtloop.py's rule (f)):
//
//   - jobs start in submission order as workers free up, and a started job holds
//     its worker until its start + duration (in float seconds) while the loop
//     goes on;
//   - when the loop would wait, a job's end is an instant it wakes at, like a
//     timer's; jobs that have ended by the clock finish before the loop moves due
//     timers, in (end, start) order;
//   - a job's result reaches the loop as one handle run at that instant
//     (call_soon_threadsafe), which sets the future the task awaits, which wakes
//     the task an iteration later; at that instant the worker first finishes its
//     job, then takes the next queued one;
//   - cancelling the awaited future cancels the job one hop later (a
//     done-callback): a job still queued then never runs; a running one finishes
//     and its result is dropped.
type Executor struct {
	e       *Engine
	name    string
	workers []*Job // the job on each worker, nil when idle
	queue   []*Job // submitted, not started (FIFO)
	busy    int
}

// Job is one piece of blocking work in an executor.
type Job struct {
	Label      string
	Duration   time.Duration
	Worker     int           // worker index while running, -1 before
	Start, End time.Duration // when it started and will end (End valid once started)
	end        float64       // End as CPython computes it: start + seconds
	seq        uint64        // start order, the tie-breaker of equal ends
	waiter     *Task
	x          *Executor
	fut        *future // the asyncio future awaited
	err        error   // what the work raises, if anything
	cancelled  bool    // the concurrent future was cancelled while queued
	h          Handle
}

// NewExecutor returns a pool of n workers.
func NewExecutor(e *Engine, name string, n int) *Executor {
	if n < 1 {
		panic("sim: executor " + name + " needs at least one worker")
	}
	return &Executor{e: e, name: name, workers: make([]*Job, n)}
}

// Name returns the executor's name.
func (x *Executor) Name() string { return x.name }

// Workers returns the pool size.
func (x *Executor) Workers() int { return len(x.workers) }

// Busy returns how many workers run a job.
func (x *Executor) Busy() int { return x.busy }

// Queued returns how many jobs wait for a worker.
func (x *Executor) Queued() int { return len(x.queue) }

// Running returns the job on worker i, or nil.
func (x *Executor) Running(i int) *Job { return x.workers[i] }

// Run submits blocking work of duration d and waits for it (await
// loop.run_in_executor(x, job)). If t is cancelled while the job is queued, the
// job never runs; if it is already running, the worker finishes it anyway (a
// thread cannot be interrupted) and the result is dropped.
func (x *Executor) Run(t *Task, label string, d time.Duration) error {
	f := RunInExecutor(x, label, d, struct{}{}, nil)
	return t.await(&f.f, x)
}

func (x *Executor) waitName() string { return x.name }

// RunInExecutor submits work that holds a worker of x for d and then returns
// result, or fails with err if err is not nil, and returns the future it will
// complete (loop.run_in_executor(x, vtloop.job(d, result))). The future can be
// awaited, or cancelled.
func RunInExecutor[T any](x *Executor, label string, d time.Duration, result T, err error) *Future[T] {
	e := x.e
	if d < 0 {
		panic("sim: executor job " + label + " of negative duration")
	}
	f := NewFuture[T](e, label)
	j := &Job{Label: label, Duration: d, Worker: -1, waiter: e.cur, x: x, fut: &f.f, err: err}
	j.h = Handle{e: e, kind: handleJob, job: j}
	f.val = result
	// wrap_future's _call_check_cancel: the first done-callback of the future.
	f.f.addCallback(callback{fn: j.checkCancel, who: e.cur})
	x.queue = append(x.queue, j)
	x.startQueued()
	return f
}

// checkCancel cancels the job when its future was cancelled (one hop after).
func (j *Job) checkCancel(*future) {
	if !j.fut.cancelled() || j.Worker >= 0 {
		return // done, or running: a thread cannot be interrupted
	}
	j.cancelled = true
	x := j.x
	if i := slices.Index(x.queue, j); i >= 0 {
		x.queue = slices.Delete(x.queue, i, i+1)
	}
	// Cancelling the concurrent future runs its done-callback, which reaches the
	// loop as a handle (call_soon_threadsafe of _set_state) that finds the
	// awaited future cancelled already: a step that does nothing.
	j.h.queued = true
	x.e.ready.push(entry{kind: entryHandle, h: &j.h})
}

// startQueued starts queued jobs while workers are free.
func (x *Executor) startQueued() {
	for x.busy < len(x.workers) && len(x.queue) > 0 {
		j := x.queue[0]
		x.queue[0] = nil
		x.queue = x.queue[1:]
		if j.cancelled {
			continue
		}
		x.start(j)
	}
}

// start puts j on a free worker.
func (x *Executor) start(j *Job) {
	e := x.e
	i := slices.Index(x.workers, nil)
	x.workers[i], j.Worker = j, i
	x.busy++
	j.Start, j.End = e.now, e.now+j.Duration
	j.end = e.fnow + seconds(j.Duration)
	j.seq = e.jobSeq
	e.jobSeq++
	e.jobs = append(e.jobs, j)
	if e.on(j.waiter, KindAcquire) {
		e.emit(j.waiter, KindAcquire, x.name, j.Label+" on worker "+strconv.Itoa(i+1)+"/"+strconv.Itoa(len(x.workers)))
	}
}

// nextJob returns the running job that ends first (by end, then start order).
func (e *Engine) nextJob() *Job {
	var best *Job
	for _, j := range e.jobs {
		if best == nil || j.end < best.end || (j.end == best.end && j.seq < best.seq) {
			best = j
		}
	}
	return best
}

// finishJobs finishes the running jobs whose end is at or before until, in order,
// setting the clock to each one's end (during a blocking call the clock passes
// them one by one), and reports whether any did.
func (e *Engine) finishJobs(until float64) bool {
	finished := false
	for {
		j := e.nextJob()
		if j == nil || j.end > until {
			return finished
		}
		e.fnow = max(e.fnow, j.end)
		e.now = max(e.now, j.End)
		e.jobs = slices.DeleteFunc(e.jobs, func(x *Job) bool { return x == j })
		j.x.finish(j)
		finished = true
	}
}

// finish ends j's work: its worker is free, its result handle joins the ready
// queue (call_soon_threadsafe), and the next queued job starts.
func (x *Executor) finish(j *Job) {
	e := x.e
	x.workers[j.Worker] = nil
	x.busy--
	w := j.waiter
	if j.fut.cancelled() || (w != nil && w.Done()) {
		w = nil // nobody awaits the result any more
	}
	if e.on(w, KindRelease) {
		e.emit(w, KindRelease, x.name, j.Label+" done on worker "+strconv.Itoa(j.Worker+1))
	}
	j.h.queued = true
	e.ready.push(entry{kind: entryHandle, h: &j.h})
	x.startQueued()
}

// deliver is the result handle: it sets the awaited future, unless cancelled.
func (j *Job) deliver() {
	if !j.fut.done() {
		j.fut.finish(j.err)
	}
}

// DefaultWorkers is the size of the loop's default executor (vtloop's
// DEFAULT_WORKERS).
const DefaultWorkers = 4

// DefaultExecutor returns the loop's default executor (run_in_executor(None,
// ...), asyncio.to_thread), a pool of DefaultWorkers made on first use.
func (e *Engine) DefaultExecutor() *Executor {
	if e.defaultX == nil {
		e.defaultX = NewExecutor(e, "default executor", DefaultWorkers)
	}
	return e.defaultX
}

// SetDefaultExecutor replaces the loop's default executor
// (loop.set_default_executor).
func (e *Engine) SetDefaultExecutor(x *Executor) { e.defaultX = x }

// ToThread runs work of duration d on the loop's default executor and waits for
// its result (asyncio.to_thread of vtloop.job(d, result, error=err)).
func ToThread[T any](t *Task, label string, d time.Duration, result T, err error) (T, error) {
	f := RunInExecutor(t.e.DefaultExecutor(), label, d, result, err)
	if werr := t.await(&f.f, t.e.defaultX); werr != nil {
		var zero T
		return zero, werr
	}
	return f.val, nil
}
