package lesson

import (
	"errors"
	"fmt"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// timeoutLesson wraps a slow brew in wait_for: at the deadline the brew is
// cancelled at its sleep and the customer leaves.
func timeoutLesson() *Lesson {
	return &Lesson{
		Name:    "timeout",
		Summary: "asyncio lesson: wait_for gives up on a 5 s brew after 2 s: the brew is cancelled and the customer leaves",
		About: prose(`The customer awaits a 5 s brew with asyncio.wait_for(brew(), timeout=2). At 2 s
the deadline passes: wait_for cancels the brew, which gets CancelledError at its
await (the sleep), can clean up (here it says so) and ends. Only then does
wait_for raise TimeoutError, and the customer leaves. The brew never finishes.
(brewloop runs brew() inside the customer's task, as Python 3.12+ does; Python 3.11
wraps it in a task of its own, named Task-3 in its output.)`),
		Python: python("timeout"),
		Watch: prose(`The customer is SLEEPING in the brew until 5 s, but the deadline comes first:
at 2 s the event log shows the timeout, then the cancelled brew's line, then the
customer leaving. Nothing happens at 5 s: the run ends at 2 s.`),
		Main: func(t *sim.Task) error { return t.Spawn("customer", impatientCustomer).Wait(t) },
	}
}

// cancelLesson creates two brew tasks and cancels one, printing what done(),
// cancelled() and result() report before and after, as asyncio does.
func cancelLesson() *Lesson {
	return &Lesson{
		Name:    "cancel",
		Summary: "asyncio lesson: two brew tasks, one cancelled: done(), cancelled() and result() before and after",
		About: prose(`main creates an espresso task (1 s) and a latte task (5 s). A new task has not
run yet: done() is False and result() raises InvalidStateError. At 2 s the espresso
is done and result() returns its value. main cancels the latte: cancel() only
asks, so right after it the latte is still not done. The latte gets CancelledError
at its await, cleans up and ends; awaiting it raises CancelledError in main, and
from then on done() and cancelled() are True and result() raises CancelledError.`),
		Python: python("cancel"),
		Watch: prose(`At 2 s the event log shows the cancel request for latte while it SLEEPS; it
turns READY, runs once more to handle the cancellation and ends CANCELLED. main,
WAITING on task latte, wakes after it.`),
		Main: cancelMain,
	}
}

// impatientCustomer waits 2 s for a slow brew (asyncio.wait_for), then leaves.
func impatientCustomer(t *sim.Task) error {
	t.Say("I'll wait 2 s for my coffee")
	err := sim.WaitFor(t, 2*time.Second, slowBrew)
	switch {
	case errors.Is(err, sim.ErrTimeout):
		t.Say("waited 2 s: leaving without coffee")
	case err != nil:
		return err
	default:
		t.Say("got my coffee")
	}
	return nil
}

// slowBrew brews for 5 s and says so when it is cancelled.
func slowBrew(t *sim.Task) error {
	t.Say("brewing a slow coffee (5 s)")
	if err := t.Sleep(5 * time.Second); err != nil {
		if errors.Is(err, sim.ErrCancelled) {
			t.Say("brew cancelled")
		}
		return err
	}
	t.Say("coffee ready")
	return nil
}

// brewTask is a task brewing a drink; result is what the Python coroutine returns.
type brewTask struct {
	task   *sim.Task
	result string
}

// spawnBrew creates a task that brews drink for secs seconds; its result is the drink.
func spawnBrew(t *sim.Task, drink string, secs int) *brewTask {
	b := &brewTask{}
	b.task = t.Spawn(drink, func(t *sim.Task) error {
		t.Say(fmt.Sprintf("brewing %s (%d s)", drink, secs))
		if err := t.Sleep(time.Duration(secs) * time.Second); err != nil {
			if errors.Is(err, sim.ErrCancelled) {
				t.Say(drink + " cancelled")
			}
			return err
		}
		t.Say(drink + " ready")
		b.result = drink
		return nil
	})
	return b
}

// report says what asyncio's done(), cancelled() and result() give for b.
func (b *brewTask) report(t *sim.Task) {
	done := b.task.Done()
	cancelled := b.task.State() == sim.StateCancelled
	var result string
	switch {
	case !done:
		result = "raises InvalidStateError" // the result is not set yet
	case cancelled:
		result = "raises CancelledError"
	case b.task.Err() != nil:
		result = "raises " + b.task.Err().Error()
	default:
		result = "returns '" + b.result + "'"
	}
	t.Say(fmt.Sprintf("%s: done() %s, cancelled() %s, result() %s", b.task.Name(), pyBool(done), pyBool(cancelled), result))
}

// pyBool spells b as Python prints it.
func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// cancelMain creates an espresso and a latte and cancels the latte at 2 s.
func cancelMain(t *sim.Task) error {
	espresso := spawnBrew(t, "espresso", 1)
	latte := spawnBrew(t, "latte", 5)
	latte.report(t)
	if err := t.Sleep(2 * time.Second); err != nil {
		return err
	}
	espresso.report(t)
	t.Say("latte.cancel()")
	latte.task.Cancel()
	latte.report(t) // cancel only asks: the latte has not seen it yet
	if err := latte.task.Wait(t); errors.Is(err, sim.ErrCancelled) {
		t.Say("await latte raised CancelledError")
	} else if err != nil {
		return err
	}
	latte.report(t)
	return nil
}
