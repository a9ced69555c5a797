// Package sim is a deterministic event loop on a virtual clock: cooperative tasks
// (coroutines, in the sense of Python's asyncio) and asyncio's synchronisation
// primitives, with a trace of every transition.
//
// It drives brewloop's coffee shop, and it is a library for testing concurrent
// logic: a run takes no real time, and the same program gives the same trace,
// byte for byte.
//
// # Time
//
// Virtual time is a [time.Duration] since the start of the run, read with
// [Engine.Now]. It moves only when nothing is ready to run: the loop then jumps to
// the next timer. Nothing reads the wall clock.
//
// The loop keeps a FIFO ready queue and a heap of timers ordered by (when, seq),
// where seq counts the timers scheduled so far. One iteration moves every due timer
// to the ready queue, then runs the entries that were ready when it started, like
// asyncio's _run_once. So things due at the same instant run in the order they
// were scheduled, and a task woken during an iteration runs in the next one.
//
// The loop is driven in three ways:
//
//   - [Engine.Run] runs until no work is left, like asyncio.run.
//   - [Engine.RunUntil] runs everything due up to a time and sets the clock to it
//     (a UI calls it once per frame); [Engine.RunSteps] bounds the work per call.
//   - [Engine.Step] performs exactly one scheduling step and reports what ran.
//
// # Tasks
//
// A task is a [Func]: ordinary sequential Go code that takes its [*Task] first,
// the way a context comes first, and returns an error. It runs as a coroutine:
// exactly one task runs at a time, and it gives the loop back only at an await
// point: [Task.Sleep], [Task.Yield], [Queue.Get], [Queue.Put], [Lock.Acquire],
// [Semaphore.Acquire], [Flag.Wait], [Condition.Wait], [Barrier.Wait],
// [Future.Wait], [Task.Wait], [Gather], [Group.Wait], [Executor.Run] and
// [WaitFor]. Between await points a task's code runs atomically, so no lock is
// needed to read and update shared state there. An await on something already
// available (a free permit, a queued item, a set flag) does not suspend.
//
//	e := sim.New(sim.WithSeed(1))
//	defer e.Close()
//	machines := sim.NewSemaphore(e, "machines", 2)
//	e.Spawn("barista", func(t *sim.Task) error {
//		if err := machines.Acquire(t); err != nil {
//			return err
//		}
//		defer machines.Release()
//		return t.Sleep(90 * time.Second)
//	})
//	err := e.Run()
//
// A task has an id, a name, a parent and a [State]: ready, running, sleeping
// until a time, waiting on an object, blocked, or ended as done, cancelled or
// failed. [Task.Info] and [Engine.Tasks] (all live tasks, in id order) show it,
// with what it awaits; [Engine.Current] is the running task. [Task.LastWake] tells
// when a sleep was due to end and when it did.
//
// A panic inside a task fails that task with a [*PanicError] naming it; an error
// it returns fails it with a [*TaskError] naming it. The loop and the other tasks
// go on. A failure that nobody awaited ([Task.Wait], [Task.Err], [Task.OnDone],
// [Gather], [Group]) is returned by Run, RunUntil or Step.
//
// When tasks remain suspended with nothing ready and no timer pending, they can
// never resume: Run returns a [*DeadlockError] listing each one and what it waits
// on.
//
// A panic in a callback ([Engine.After], [Engine.CallSoon], [Task.OnDone], a
// [Tracer]) belongs to no task: it reaches the caller of Run, RunUntil or Step.
//
// [Engine.Close] ends every suspended coroutine (each unwinds from its await
// point, running its deferred calls), so no goroutine is left behind. Call it
// when done with an engine, also when Run returned a deadlock, and from the code
// that drives the engine, not from inside a task.
//
// Tasks are coroutines of the standard library's iter.Pull, and the loop has no
// goroutine of its own: the task that suspends carries on with the loop's next
// steps and hands over straight to the next task to run, one coroutine switch per
// hand-over where a central loop would need two. Which goroutine runs a step is
// invisible to tasks and never changes the order of steps.
//
// # Machine tasks
//
// A task's body can also be a [Machine]: the same code written as a state
// machine, the form a compiler gives an async function (and the one asyncio's
// Task steps with send()). The loop calls its Resume method at each step, on its
// own goroutine, so a resume costs a function call instead of a coroutine switch:
// brewloop's shop runs its arrivals, customers, baristas and brews this way, and
// its M/M/c benchmark runs 1.8 times as fast as with Funcs. Where a Func
// awaits with Sleep, Get or Acquire, a machine calls StartSleep, StartGet or
// StartAcquire, which start the await and return [ErrPending] (or the result at
// once, when nothing has to wait), returns, and picks up the result when the
// loop calls Resume again: FinishGet and FinishAcquire complete the awaits that
// have a second half.
//
//	type customer struct{ step int }
//
//	func (c *customer) Resume(t *sim.Task, err error) error {
//		switch c.step {
//		case 0:
//			c.step = 1
//			return t.StartSleep(time.Minute) // ErrPending: resumes at case 1
//		default:
//			return err // done (or cancelled during the sleep)
//		}
//	}
//
// Everything else is the same as for a Func task, in the same order: ids, names,
// states, trace events, cancellation, timeouts ([Task.StartTimeout]) and
// failures; a test runs random programs both ways and compares the traces byte
// for byte. A machine has no stack, so it has no deferred calls either: it
// releases what it holds on its error paths itself. Calls that would suspend a
// Func (Sleep, Wait, Block, ...) panic in a machine.
//
// # Cancellation
//
// [Task.Cancel] delivers [ErrCancelled] to the task at the await point it is
// suspended in, or at its next one if it is ready or running, like asyncio's
// CancelledError. Several cancels before the task runs again arrive as one. A task
// that returns nil after a cancel reached it too late for any await still ends
// cancelled; one that catches ErrCancelled and returns nil ends done.
//
// A task cancelled while it waits for a lock, a permit, a queue slot or an item
// leaves the wait list at once. If the resource was handed to it at the same
// instant (it was woken but had not run yet), it passes the resource on to the
// next waiter: nothing is lost. A timeout ([WaitFor]) is a cancellation from
// within and follows the same rule.
//
// [Task.Block] is the opposite of an await: it freezes the whole loop for a
// duration, the way time.sleep inside a coroutine does. No other task runs and no
// timer fires meanwhile; timers that fell due fire late afterwards, and their
// wake events say by how much.
//
// # Primitives
//
// The primitives are named after asyncio's, so a lesson maps one to one:
//
//	asyncio                             sim
//	asyncio.run(main())                 Engine.Spawn + Engine.Run
//	asyncio.create_task(coro)           Engine.Spawn, Task.Spawn (SpawnN names task-n)
//	await task                          Task.Wait
//	task.cancel()                       Task.Cancel (ErrCancelled at the await point)
//	asyncio.current_task()              Engine.Current
//	asyncio.all_tasks()                 Engine.Tasks
//	await asyncio.sleep(d)              Task.Sleep (Sleep(0), Yield: let others run)
//	asyncio.gather(*tasks)              Gather
//	asyncio.TaskGroup                   Group
//	asyncio.wait_for, asyncio.timeout   WaitFor (ErrTimeout)
//	asyncio.Future                      Future
//	asyncio.Queue                       Queue (capacity 0: unbounded; ErrClosed after Close)
//	asyncio.Lock                        Lock
//	asyncio.Event                       Flag (sim.Event is the trace event)
//	asyncio.Condition                   Condition
//	asyncio.Semaphore                   Semaphore (SetLimit changes the permits)
//	asyncio.BoundedSemaphore            NewBoundedSemaphore
//	asyncio.Barrier                     Barrier
//	loop.run_in_executor, to_thread     Executor (N workers beside the loop)
//	time.sleep inside a coroutine       Task.Block (freezes the loop)
//	loop.call_soon, loop.call_later     Engine.CallSoon, Engine.After
//
// Cancelling a task that awaits another task or a future cancels that too, and the
// task resumes once it has ended; a cancelled Gather cancels its children and
// returns when the first of them has ended. Both are asyncio's rules (which is why
// asyncio has shield); WaitFor around Task.Wait therefore cancels the task on
// timeout, as asyncio.wait_for does.
//
// Waiters are served first come, first served everywhere: a released permit or a
// put item goes straight to the longest waiter, so a newcomer never overtakes one.
// This is one deliberate difference from asyncio, whose Queue wakes the longest
// getter but lets any task that calls get() before it runs take the item.
// Misuse panics with a "sim:" prefix: a negative sleep, releasing a lock a task
// does not hold, completing a future twice, awaiting outside the running task.
//
// # Determinism
//
// The same program, seed and inputs give the same trace, byte for byte:
//
//   - Time is an integer; nothing reads the wall clock or sleeps for real.
//   - Runnable work is ordered by the ready FIFO and the (when, seq) heap only;
//     no scheduling path iterates a Go map or depends on goroutine scheduling.
//   - Randomness comes from [Engine.Rand]: named PCG streams seeded from (seed,
//     name) alone, so drawing from one stream never shifts another (common random
//     numbers: two configurations see the same customers).
//
// The trace is a sequence of [Event] values {time, seq, task, kind, object,
// detail} handed to a [Tracer]. [Recorder] keeps them, [Event.String] prints one
// stable line each, and [JSONWriter] encodes them as JSON Lines ([AppendJSON]) and
// hashes exactly the bytes it writes, so two runs can be compared by
// [JSONWriter.Sum]. Without a tracer, events cost a counter increment. A finished
// task is not reachable from the engine: memory grows with live tasks, not with
// the length of the run.
//
// # Testing with sim
//
// Virtual time makes tests of concurrent logic exact and instant. Run a few
// tasks, then compare what happened with what should have, either from the trace
// (or a projection of it, such as "name@time") or from the tasks' own records:
//
//	rec := &sim.Recorder{}
//	e := sim.New(sim.WithTracer(rec))
//	defer e.Close()
//	// spawn tasks ...
//	if err := e.Run(); err != nil {
//		t.Fatal(err)
//	}
//	for _, line := range rec.Lines() {
//		t.Log(line) // 00:01.500  #42  barista-2   acquire   machines (2/3 held)
//	}
//
// "Wait until things settle" is Run, RunUntil or Step, never a real sleep, and a
// test that deadlocks fails with a report instead of hanging.
package sim
