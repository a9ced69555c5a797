package lesson

import (
	"time"

	"github.com/brewloop/brewloop/sim"
)

// countLesson gathers three count tasks: they take turns on one loop, so all three
// say One before any says Two, and the run takes 1 s, not 3.
func countLesson() *Lesson {
	return &Lesson{
		Name:    "count",
		Summary: "asyncio lesson: three count() tasks gathered say One, One, One, then Two, Two, Two a second later; ends at 1 s",
		About: prose(`Three count() coroutines run concurrently on one event loop. Each says One,
sleeps 1 s and says Two. asyncio.gather wraps each in a task, in argument order,
and waits for all three. A sleep is an await point: the task suspends, and the loop
runs the next ready task, so all three say One at 0 s, and all three wake and say
Two at 1 s. The whole run takes 1 s of virtual time, not 3: the sleeps overlap.`),
		Python: python("count"),
		Watch: prose(`Step through it (it starts paused). At 0 s main spawns count-1..3 and waits in gather; each count
task runs in turn, says One and goes to SLEEPING until 1 s. The clock then jumps to
1 s: three wake events, three Two lines in the same order, and main wakes from
gather once the last one is done.`),
		Main: countGathered,
	}
}

// countSequentialLesson awaits the same count coroutine three times in a row.
func countSequentialLesson() *Lesson {
	return &Lesson{
		Name:    "count-sequential",
		Summary: "asyncio lesson: the same count() awaited three times in a row runs them one after another; ends at 3 s",
		About: prose(`The same count() coroutine, awaited three times in a row. Awaiting a coroutine
runs it inside the awaiting task, to its end, before the next line: there is only
one task (main), so nothing else runs during its sleeps. One and Two alternate and
the run takes 3 s. Compare with the count lesson, where gather overlaps the sleeps.`),
		Python: python("count-sequential"),
		Watch: prose(`The task table has a single task, main: every line comes from it. It sleeps
1 s three times, one after another, and the clock moves 0 s, 1 s, 2 s, 3 s.`),
		Main: countSequential,
	}
}

// lessonCount says One, sleeps a second and says Two: the count() coroutine.
func lessonCount(t *sim.Task) error {
	t.Say("One")
	if err := t.Sleep(time.Second); err != nil {
		return err
	}
	t.Say("Two")
	return nil
}

// countGathered is asyncio.gather(count(), count(), count()).
func countGathered(t *sim.Task) error {
	return sim.Gather(t,
		t.Spawn("count-1", lessonCount),
		t.Spawn("count-2", lessonCount),
		t.Spawn("count-3", lessonCount),
	)
}

// countSequential is await count() three times.
func countSequential(t *sim.Task) error {
	for range 3 {
		if err := lessonCount(t); err != nil {
			return err
		}
	}
	return nil
}
