package lesson

import (
	"fmt"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// blockingLesson has a barista brew with a blocking call (time.sleep in a
// coroutine) while a clock task ticks every second: the clock ticks late.
func blockingLesson() *Lesson {
	return &Lesson{
		Name:    "blocking",
		Summary: "asyncio lesson: time.sleep in a coroutine stops the whole loop; the clock task's tick comes 2.5 s late",
		About: prose(`A clock task sleeps 1 s at a time and says when each tick was due and how late it
came. At 0.5 s the barista brews with time.sleep(3): a blocking call, not an await.
The loop runs one task at a time and gets control back only at an await, so for 3 s
nothing else runs and no timer fires. The tick due at 1 s runs at 3.5 s, 2.5 s
late, after the barista's next line; every later tick is shifted too. One blocking
call delays every task on the loop.`),
		Python: python("blocking"),
		Watch: prose(`At 0.5 s the barista is BLOCKED and the header shows the loop blocked by
the barista until 3.5 s; the clock, due at 1 s, stays SLEEPING past its time. When
the loop comes back the barista runs first, then the event log shows the clock's
wake, late 2.5s.`),
		Main: func(t *sim.Task) error { return clockAndBarista(t, blockingBrew) },
	}
}

// toThreadLesson runs the same brew in the executor (asyncio.to_thread): the loop
// keeps running and the clock ticks on time.
func toThreadLesson() *Lesson {
	return &Lesson{
		Name:    "to-thread",
		Summary: "asyncio lesson: the same blocking brew in a worker thread (asyncio.to_thread); every tick is on time",
		About: prose(`The same barista hands time.sleep(3) to a worker thread with asyncio.to_thread and
awaits the result. The thread blocks, the loop does not: while the barista waits,
the clock ticks at 1, 2 and 3 s, each 0.0 s late, and the coffee is ready at 3.5 s.
Blocking work that cannot be made async belongs in an executor.`),
		Python: python("to-thread"),
		Watch: prose(`From 0.5 s to 3.5 s the barista is WAITING on worker threads while the
clock keeps sleeping and waking on time: its wake events carry no lateness.`),
		Main: func(t *sim.Task) error {
			threads := sim.NewExecutor(t.Engine(), "worker threads", 4)
			return clockAndBarista(t, func(t *sim.Task) error { return threadBrew(t, threads) })
		},
	}
}

// clockAndBarista gathers the clock and a barista that brews with brew.
func clockAndBarista(t *sim.Task, brew sim.Func) error {
	return sim.Gather(t,
		t.Spawn("clock", tickingClock),
		t.Spawn("barista", func(t *sim.Task) error {
			if err := t.Sleep(500 * time.Millisecond); err != nil {
				return err
			}
			if err := brew(t); err != nil {
				return err
			}
			t.Say("coffee ready")
			return nil
		}),
	)
}

// tickingClock ticks four times, a second apart, saying how late each tick came.
func tickingClock(t *sim.Task) error {
	for i := 1; i <= 4; i++ {
		due := t.Now() + time.Second
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		late := max(t.Now()-due, 0)
		t.Say(fmt.Sprintf("tick %d: due at %.1f s, %.1f s late", i, due.Seconds(), late.Seconds()))
	}
	return nil
}

// blockingBrew is time.sleep(3) in a coroutine: the whole loop stops.
func blockingBrew(t *sim.Task) error {
	t.Say("brewing with time.sleep(3): the whole loop stops")
	t.Block(3 * time.Second)
	return nil
}

// threadBrew is await asyncio.to_thread(time.sleep, 3).
func threadBrew(t *sim.Task, threads *sim.Executor) error {
	t.Say("brewing with asyncio.to_thread(time.sleep, 3): the loop keeps running")
	return threads.Run(t, "time.sleep(3)", 3*time.Second)
}
