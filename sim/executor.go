package sim

import (
	"slices"
	"strconv"
	"time"
)

// Executor is a pool of worker threads that run blocking work beside the loop
// (loop.run_in_executor, asyncio.to_thread). A job occupies one worker for its
// duration of virtual time while the loop keeps running; the task that submitted it
// waits without blocking anyone. Jobs start in submission order.
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
	waiter     *Task
	x          *Executor
	h          Handle
	fut        future // the asyncio future the task awaits
	cancelled  bool
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

// Run submits blocking work of duration d and waits for it
// (loop.run_in_executor). Jobs start in submission order as workers free up; a
// job holds its worker for d while the loop goes on; when it ends, a handle on the
// loop sets the future the task awaits, and the task resumes an iteration later.
// If t is cancelled while the job is queued, the job never runs; if it is already
// running, the worker finishes it anyway (a thread cannot be interrupted) and the
// result is dropped.
func (x *Executor) Run(t *Task, label string, d time.Duration) error {
	if err := x.startRun(t, label, d); err != errPending {
		return err
	}
	t.suspend()
	return t.send
}

// startRun is Run for a machine task (see Machine): it submits the work and
// returns errPending; the task resumes with the result when the job is done.
func (x *Executor) startRun(t *Task, label string, d time.Duration) error {
	j := &Job{Label: label, Duration: d, Worker: -1, waiter: t, x: x}
	j.fut = future{e: x.e}
	j.fut.hook = j.cancel
	j.h = Handle{e: x.e, kind: handleJob, job: j}
	if !x.start(j) {
		x.queue = append(x.queue, j)
	}
	t.yieldTo(&j.fut, StateWaiting, j)
	return errPending
}

func (j *Job) waitName() string { return j.x.name }

// cancel cancels the future the task awaits; a job still queued is dropped.
func (j *Job) cancel(msg string) bool {
	if !j.fut.cancelPlain(msg) {
		return false
	}
	j.waiter = nil
	if j.Worker < 0 {
		j.cancelled = true
		x := j.x
		if i := slices.Index(x.queue, j); i >= 0 {
			x.queue = slices.Delete(x.queue, i, i+1)
		}
	}
	return true
}

// start puts j on a free worker, if any.
func (x *Executor) start(j *Job) bool {
	for i, w := range x.workers {
		if w == nil {
			x.workers[i], j.Worker = j, i
			x.busy++
			j.Start, j.End = x.e.now, x.e.now+j.Duration
			if x.e.on(j.waiter, KindAcquire) {
				x.e.emit(j.waiter, KindAcquire, x.name, j.Label+" on worker "+strconv.Itoa(i+1)+"/"+strconv.Itoa(len(x.workers)))
			}
			x.e.later(&j.h, j.Duration)
			return true
		}
	}
	return false
}

// finish runs when the job's time is up: the worker is free, the result reaches
// the future (unless it was cancelled), and the next queued job starts.
func (j *Job) finish() {
	x := j.x
	x.workers[j.Worker] = nil
	x.busy--
	if x.e.on(j.waiter, KindRelease) {
		x.e.emit(j.waiter, KindRelease, x.name, j.Label+" done on worker "+strconv.Itoa(j.Worker+1))
	}
	if !j.fut.done() {
		j.fut.finish(nil)
	}
	j.waiter = nil
	for len(x.queue) > 0 {
		n := x.queue[0]
		x.queue[0] = nil
		x.queue = x.queue[1:]
		if !n.cancelled {
			x.start(n)
			break
		}
	}
}
