// Package sim is asyncio's event loop on a virtual clock: cooperative tasks
// (coroutines), futures, asyncio's synchronisation primitives, and a trace of
// every transition.
//
// It is built the way asyncio is built, so that a program written with what sim
// offers prints the same transcript as the same program on CPython 3.14: a ready
// queue of handles, a timer heap of handles, futures whose done-callbacks are
// scheduled with call_soon, tasks that step their coroutine as Task.__step does,
// and every primitive written on futures as asyncio writes it. A run takes no real
// time, and the same program gives the same trace, byte for byte.
//
// # Time
//
// Virtual time is a [time.Duration] since the start of the run, read with
// [Engine.Now]. It moves only when nothing is ready to run: the loop then jumps to
// the earliest timer. Nothing reads the wall clock.
//
// CPython's loop clock is a float of seconds, and a timer is due at
// loop.time() + delay computed in floating point, so deadlines that look equal can
// differ in the last bit: three sleep(0.1) in a row end at 0.30000000000000004, a
// sleep(0.3) at 0.3, and that decides their order. sim keeps the same float64
// beside the Duration users see and orders timers by it.
//
// # The loop
//
// The ready queue is a FIFO of handles: task steps, future done-callbacks,
// call_soon callbacks and timers that fell due. The timers wait in a binary heap
// that behaves exactly as Python's heapq does with asyncio's TimerHandles: it
// compares only the deadline, so timers due at the same instant do not come out in
// the order they were scheduled. A cancelled timer stays in the heap until it
// reaches the root, or until more than 100 are scheduled and over half of them are
// cancelled, when the heap is rebuilt (heapify, which reorders the rest), as
// asyncio's _run_once does.
//
// One iteration (_run_once): drop cancelled timers; if nothing is ready, set the
// clock to the earliest deadline; move every timer due before now +
// [ClockResolution] to the ready queue; run exactly the handles that were ready
// then. What they schedule runs in the next iteration. Each hop costs an iteration
// as in asyncio: a timer sets a sleep's future, and the task resumes in the next
// iteration through the future's done-callback.
//
// The loop is driven in these ways:
//
//   - [Run] runs a main task as asyncio.run does: when it ends, the tasks still
//     pending are cancelled and the loop runs until they have ended.
//     [Engine.RunMain] does the same on an engine of your own.
//   - [Engine.RunUntilIdle] runs until nothing is ready and no timer is pending,
//     and reports tasks left waiting for ever as a [*DeadlockError].
//   - [Engine.RunUntil] runs everything due up to a time and sets the clock to it
//     (a UI calls it once per frame).
//   - [Engine.Step] runs exactly one ready handle (starting an iteration first if
//     the last one is over) and reports its label: "step count-1",
//     "gather done-callback for main", "timer: wait_for deadline of customer".
//     [Engine.ReadyLabels] and [Engine.Timers] show the ready queue and the heap.
//
// # Tasks
//
// A task is a [Func]: ordinary sequential Go code that takes its [*Task] first, the
// way a context comes first, and returns an error. It runs as a coroutine: exactly
// one task runs at a time, and it gives the loop back only at an await that
// suspends. Between two awaits a task's code runs atomically, so no lock is needed
// to read and update shared state there. An await on something already available
// (a done future, a free permit, a queued item, a set event) does not suspend.
//
//	err := sim.Run(func(t *sim.Task) error {
//		machines := sim.NewSemaphore(t.Engine(), "machines", 2)
//		brew := t.Spawn("brew", func(t *sim.Task) error {
//			if err := machines.Acquire(t); err != nil {
//				return err
//			}
//			defer machines.Release()
//			return t.Sleep(90 * time.Second)
//		})
//		return brew.Wait(t)
//	})
//
// A task has an id, a name, a parent and a [State]: ready, running, sleeping
// until a time, waiting on an object, blocked, or ended as done, cancelled or
// failed. [Task.Info] and [Engine.Tasks] (all live tasks, in id order) show it,
// with what it awaits; [Engine.Current] is the running task.
//
// A panic inside a task fails that task with a [*PanicError] naming it, with the
// stack and the file:line of the panic; an error it returns fails it with a
// [*TaskError] naming it. The loop and the other tasks go on. A failure nobody saw
// (by awaiting the task, [Task.Err], a done-callback, [Gather], a task group) is
// returned by the driving call. [Engine.Close] ends every suspended coroutine (each
// unwinds from its await, running its deferred calls), so no goroutine is left.
//
// # Cancellation
//
// [Task.Cancel] is asyncio's Task.cancel: if the task waits on a future, that
// future is cancelled at once, and the cancellation reaches the task through the
// future's done-callback, as [ErrCancelled] (a [*CancelledError] with
// [Task.CancelMsg]'s message); otherwise the task gets it at its next await that
// suspends (_must_cancel), not at an await of something already done. A task that
// catches the cancellation and returns normally ends done, and whoever awaits it
// gets its result. Cancelling a task that awaits another task cancels that task
// too, and the awaiting task resumes when it has ended. [Task.Cancelling] and
// [Task.Uncancel] count the requests, as timeouts and task groups need.
// A task that ends cancelled keeps the CancelledError it raised, with its
// message, for the first reader of its outcome only; later awaiters, and
// gather's return_exceptions entry, get one without a message, as in asyncio.
//
// [Task.Block] is the opposite of an await: it freezes the whole loop for a
// duration, the way time.sleep inside a coroutine does. No other task runs and no
// timer fires meanwhile; timers that fell due fire late afterwards, and their wake
// events say by how much ([Engine.OnWake] sees every lateness).
//
// # asyncio and sim
//
//	asyncio                                  sim
//	asyncio.run(main())                      func Run(main Func, opts ...Option) error
//	loop.run_until_complete / run_forever    (*Engine).RunMain(name, main), RunUntilIdle(), RunUntil(t), Step()
//	asyncio.create_task(coro)                (*Task).Spawn(name, fn) *Task, (*Engine).Spawn(name, fn) *Task
//	  a task nobody keeps (GC'd in Python)   (*Task).Release(): the loop reuses its storage once it is done
//	  a task with a result                   SpawnValue[T](t, name, func(*Task) (T, error)) *TaskOf[T]
//	await task                               (*Task).Wait(w *Task) error; (*TaskOf[T]).Wait(w) (T, error)
//	task.cancel(msg)                         (*Task).Cancel() bool, CancelMsg(msg) bool
//	task.cancelling(), task.uncancel()       (*Task).Cancelling() int, Uncancel() int
//	task.add_done_callback(fn)               (*Task).OnDone(fn func(*Task))
//	asyncio.current_task(), all_tasks()      (*Engine).Current() *Task, Tasks(dst) []TaskInfo
//	await asyncio.sleep(d)                   (*Task).Sleep(d) error; Sleep(0), a negative d and Yield() are a bare yield;
//	                                         SleepSeconds(s float64) for CPython's float delays (below a nanosecond too)
//	await asyncio.gather(*aws)               Gather(t, tasks...) error; NewGather(t, returnErrors, aws...) *Gathering (Wait, Cancel, Done, Cancelled)
//	gather(..., return_exceptions=True)      GatherErrors(t, tasks...) ([]error, error)
//	asyncio.shield(aw)                       Shield(t, a Awaitable) error
//	asyncio.wait(aws, timeout, return_when)  Wait(t, fs []Awaitable, FirstCompleted|FirstException|AllCompleted, timeout) (done, pending, err)
//	asyncio.as_completed(aws, timeout)       NewAsCompleted(t, fs, timeout) *AsCompleted; (*AsCompleted).Next(t) (Awaitable, bool, error)
//	                                         WaitSeconds(t, fs, when, s), NewAsCompletedSeconds(t, fs, s) take CPython's float timeout
//	asyncio.wait_for(aw, timeout)            WaitFor(t, d, fn Func) error (ErrTimeout); WaitForTask(t, d, task)
//	                                         WaitForSeconds(t, s float64, fn) takes CPython's float timeout
//	async with asyncio.timeout(d) as cm      cm := t.Timeout(d); err = cm.Exit(err)
//	asyncio.timeout_at(when), reschedule     (*Task).TimeoutAt(at) *Timeout, (*Timeout).Reschedule(at), When(), Expired();
//	                                         TimeoutAtTime(when), RescheduleTime(when), WhenTime() on the float clock
//	asyncio.TaskGroup                        TaskGroup(t, func(g *Group) error) error; NewGroup(t), (*Group).Spawn, Exit(err) (*GroupError)
//	loop.create_future()                     NewFuture[T](e, name) *Future[T]: SetResult, SetError, Cancel, Wait, AddDoneCallback, RemoveDoneCallback
//	loop.call_soon, call_later, call_at      (*Engine).CallSoon(name, fn), CallLater(d, name, fn), CallAt(at, name, fn) *Handle; (*Handle).Cancel();
//	                                         CallLaterSeconds(s, ...), CallAtTime(when, ...) take float seconds
//	loop.time()                              (*Engine).Time() float64 (Now() time.Duration is the same clock)
//	asyncio.Queue, LifoQueue, PriorityQueue  NewQueue[T], NewLifoQueue[T], NewPriorityQueue[T](e, name, capacity, less): Put, Get, TryPut, TryGet, Join, TaskDone, Shutdown
//	                                         (a capacity <= 0 is unbounded, as maxsize <= 0 is)
//	asyncio.Lock                             NewLock(e, name): Acquire(t) error, Release(t)
//	asyncio.Event                            NewEvent(e, name) *Event: Wait(t) error, Set(), Clear(), IsSet()
//	asyncio.Condition                        NewCondition(e, name, lock): Wait, WaitUntil (wait_for), Notify(t, n), NotifyAll
//	asyncio.Semaphore, BoundedSemaphore      NewSemaphore(e, name, n), NewBoundedSemaphore: Acquire, Release (+SetLimit)
//	asyncio.Barrier                          NewBarrier(e, name, n): Wait(t) (int, error), Reset(t), Abort(t) (ErrBrokenBarrier)
//	loop.run_in_executor(x, job)             RunInExecutor[T](x, label, d, result, err) *Future[T]; (*Executor).Run(t, label, d)
//	asyncio.to_thread(job)                   ToThread[T](t, label, d, result, err) (T, error); (*Engine).DefaultExecutor()
//	time.sleep inside a coroutine            (*Task).Block(d)
//	CancelledError, TimeoutError             ErrCancelled (*CancelledError), ErrTimeout
//	QueueShutDown, BrokenBarrierError        ErrClosed, ErrBrokenBarrier (*BrokenBarrierError)
//
// The executor models N worker threads: jobs start in submission order as workers
// free up; a job holds its worker for its duration while the loop goes on; when it
// ends, a handle run at that instant sets the future the task awaits (which
// resumes an iteration later). A job whose task is cancelled while it is queued
// never runs; a running one finishes and its result is dropped.
//
// # Python versions
//
// sim follows CPython 3.14. Where older versions differ:
//
//   - wait_for is built on timeout() since 3.12: the awaitable runs in the calling
//     task, and wait_for(x, 0) (or a negative timeout) makes x a task and cancels
//     it before it starts. 3.11's wait_for made every awaitable a task and raced
//     it against a timer.
//   - Condition: since 3.13 a waiter leaving wait() with an error (cancelled)
//     passes one notification on, so a notify sent to a task cancelled in the same
//     step is not lost.
//   - Queue.shutdown and QueueShutDown are 3.13's; TaskGroup's cancellation
//     counting (cancelling/uncancel) and timeout() are 3.11's; Barrier is 3.11's.
//   - Lock (3.12 and later): a woken waiter holds its place, and a waiter
//     cancelled after it was woken wakes the next one, which therefore runs an
//     iteration later.
//
// # Scope
//
// "The same transcript as CPython" holds for programs written with sim's
// primitives, except where CPython's own order depends on object identity: the
// iteration order of sets of tasks (asyncio.run cancels all_tasks() at shutdown,
// asyncio.wait returns sets, a TaskGroup cancels its children in set order), id()
// and hash(). sim uses creation order there, and returns Wait's sets in the order
// given.
//
// Queue wakes one waiter, which re-checks when it runs, so a task that runs first
// may take the item (or the free slot); Lock and Semaphore do not let a newcomer
// overtake a queued waiter. Both are asyncio's rules.
//
// Misuse panics with a "sim:" prefix: a negative blocking call, releasing a lock
// that is not held (any task may release a held one, as in asyncio), completing a
// future twice, awaiting outside the running task. A Task belongs to the loop's
// coroutines: using it from a goroutine of your own (go func() { t.Sleep(d) }()) is
// not detected and corrupts the run; the race detector reports it. A panic in a
// loop callback (CallSoon, CallLater, a done-callback) is not a task's failure: it
// stops the loop and reaches the caller of Run or Step, where asyncio logs an
// exception raised in a callback and goes on. So the learner's call_later(1,
// fut.set_result, 42) on a future that wait_for has cancelled meanwhile is written
// with a check of Done first. A sleep or timeout beyond the end of the clock (about
// 292 years) is an error, [ErrClockOverflow], not an instant return. The calls that
// take CPython's float seconds (SleepSeconds, CallLaterSeconds, CallAtTime,
// TimeoutAtTime, WaitForSeconds) take any delay, as asyncio does: a deadline beyond
// the clock (1e10 s, +Inf) keeps its float value in the heap and is shown at the
// clock's end, so asyncio.sleep(float("inf")) sleeps until it is cancelled, and a
// NaN delay is due at once (CPython's loop never finds a NaN deadline past the end
// of an iteration's window).
//
// # Determinism
//
// The same program, seed and inputs give the same trace, byte for byte:
//
//   - The clock is virtual; nothing reads the wall clock or sleeps for real.
//   - Runnable work is ordered by the ready FIFO and the heap only; no scheduling
//     path iterates a Go map or depends on goroutine scheduling.
//   - Randomness comes from [Engine.Rand]: named PCG streams seeded from (seed,
//     name) alone, so drawing from one stream never shifts another (common random
//     numbers: two configurations see the same customers).
//
// The trace is a sequence of [Record] values {time, seq, task, kind, object,
// detail} handed to a [Tracer]. [Recorder] keeps them, [Record.String] prints one
// stable line each, and [JSONWriter] encodes them as JSON Lines ([AppendJSON]).
// Without a tracer, events cost a counter increment. A finished task is not
// reachable from the engine: memory grows with live tasks, not with the length of
// the run.
//
// # Testing with sim, or with testing/synctest
//
// Use sim to model concurrent systems and to test logic written on sim's
// primitives: asyncio's semantics exactly, the order of things that happen at the
// same instant, seeded random streams, a trace of every transition, deadlock
// reports naming each task and what it waits on, lateness after blocking calls,
// and stepping one handle at a time. Use Go's testing/synctest to test real,
// unmodified Go code (goroutines, channels, time.Timer, net.Pipe) on a fake clock,
// with the race detector; it does not define the order of goroutines woken at the
// same instant.
//
//	rec := &sim.Recorder{}
//	e := sim.New(sim.WithTracer(rec))
//	defer e.Close()
//	// spawn tasks ...
//	if err := e.RunUntilIdle(); err != nil {
//		t.Fatal(err) // a *sim.DeadlockError names the tasks left waiting
//	}
//	for _, line := range rec.Lines() {
//		t.Log(line) // 00:01.500  #42  barista-2   acquire   machines (2/3 held)
//	}
//
// "Wait until things settle" is RunUntilIdle, RunUntil or Step, never a real
// sleep, and a test that deadlocks fails with a report instead of hanging.
package sim
