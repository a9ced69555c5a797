package lesson

import (
	"fmt"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// gatherLesson gathers hello(1), world() and hello(3): both hellos print at once,
// world! after its 3 s sleep.
func gatherLesson() *Lesson {
	return &Lesson{
		Name:    "gather",
		Summary: "asyncio lesson: hello(1), world() and hello(3) gathered: 1 Hello and 3 Hello at once, world! at 3 s",
		About: prose(`hello(n) says "n Hello" at once; world() sleeps 3 s, then says "world!".
asyncio.gather runs them as three tasks, started in argument order. hello-1 says its
line; world starts its sleep; hello-3 does not wait for world: it says its line at
0 s too. world! comes last, at 3 s. gather returns when all three are done.`),
		Python: python("gather"),
		Watch: prose(`At 0 s the three tasks run in spawn order: hello-1 and hello-3 print and end
(DONE) while world is SLEEPING until 3 s. Then the clock jumps to 3 s: world wakes,
prints, ends, and main wakes from gather.`),
		Main: helloGathered,
	}
}

// sequentialLesson awaits hello(1), world() and hello(3) in turn.
func sequentialLesson() *Lesson {
	return &Lesson{
		Name:    "sequential",
		Summary: "asyncio lesson: hello(1), world() and hello(3) awaited in turn: 3 Hello waits for world! at 3 s",
		About: prose(`The same three coroutines awaited in turn, in one task. Awaiting world() runs its
3 s sleep to the end before hello(3) starts, so 3 Hello comes after world!, both at
3 s. Writing await in front of each call does not make them concurrent: that takes
tasks (create_task, gather).`),
		Python: python("sequential"),
		Watch: prose(`Only main runs. It prints 1 Hello, sleeps until 3 s, prints world! and then
3 Hello at the same instant.`),
		Main: helloSequential,
	}
}

// lessonHello says "n Hello" without waiting.
func lessonHello(n int) sim.Func {
	return func(t *sim.Task) error {
		t.Say(fmt.Sprintf("%d Hello", n))
		return nil
	}
}

// lessonWorld sleeps 3 s, then says "world!".
func lessonWorld(t *sim.Task) error {
	if err := t.Sleep(3 * time.Second); err != nil {
		return err
	}
	t.Say("world!")
	return nil
}

// helloGathered is asyncio.gather(hello(1), world(), hello(3)).
func helloGathered(t *sim.Task) error {
	return sim.Gather(t,
		t.Spawn("hello-1", lessonHello(1)),
		t.Spawn("world", lessonWorld),
		t.Spawn("hello-3", lessonHello(3)),
	)
}

// helloSequential is await hello(1); await world(); await hello(3).
func helloSequential(t *sim.Task) error {
	for _, f := range []sim.Func{lessonHello(1), lessonWorld, lessonHello(3)} {
		if err := f(t); err != nil {
			return err
		}
	}
	return nil
}
