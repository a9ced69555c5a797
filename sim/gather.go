package sim

import (
	"errors"
	"slices"
)

// gatherWait is the wait list of a task parked in Gather.
type gatherWait struct{}

func (gatherWait) remove(*Task)     {}
func (gatherWait) waitName() string { return "gather" }

// Gather waits until every task ends, with asyncio.gather's semantics: the first
// failure (an error, or a child's cancellation) is returned to t as soon as it
// happens, while the other tasks keep running. If t itself is cancelled while
// waiting, every unfinished task is cancelled and t resumes, with ErrCancelled,
// once the first of them has ended (asyncio's gathering future resolves then).
// Completion reaches t through the ready queue as asyncio's done callbacks do, so
// same-instant ordering matches it.
func Gather(t *Task, tasks ...*Task) error {
	t.mustSuspend("Gather")
	if err := t.checkCancel(); err != nil {
		return err
	}
	var (
		left       = len(tasks)
		result     error
		woken      bool   // the gather completed and t was woken
		gen        uint64 // t's park generation while it waits here; a cancel bumps it
		cancelling bool   // t was cancelled: the next child to end completes the gather
	)
	parked := func() bool { return gen != 0 && t.wgen == gen && t.state == StateWaiting }
	for _, c := range tasks {
		c.OnDone(func(c *Task) {
			left--
			if woken {
				return
			}
			if c.err != nil && result == nil {
				result = c.err
			}
			if parked() && (result != nil || left == 0 || cancelling) {
				woken, gen = true, 0
				t.e.wake(t, wakeOK)
			}
		})
	}
	if left == 0 {
		return nil
	}
	gen = t.e.parks + 1 // the park below
	err := t.park(StateWaiting, gatherWait{})
	gen = 0
	if err == nil {
		return result
	}
	if woken {
		// A cancel that came after the gather completed (woken, not yet resumed)
		// leaves the children running, as asyncio does.
		return err
	}
	// Cancelled while the gather was pending: cancel the children, and resume
	// once the first of them has ended. A further cancel of t ends the wait early.
	cancelling = true
	for _, c := range tasks {
		c.Cancel()
	}
	gen = t.e.parks + 1
	t.park(StateWaiting, gatherWait{})
	gen, woken = 0, true
	return err
}

// Group is a task group (asyncio.TaskGroup): the first child to fail cancels its
// siblings, and Wait returns every failure joined.
type Group struct {
	t        *Task
	children []*Task
	left     int
	errs     []error
	failed   bool
	done     Flag
}

// NewGroup returns a group whose children are spawned by t.
func NewGroup(t *Task) *Group {
	g := &Group{t: t}
	g.done = Flag{e: t.e, name: "group " + t.Name()}
	g.done.waiters.name = g.done.name
	return g
}

// Spawn starts a child task in the group.
func (g *Group) Spawn(name string, fn Func) *Task {
	c := g.t.Spawn(name, fn)
	g.children = append(g.children, c)
	g.left++
	g.done.set = false // Wait must wait for this child too, even if the others ended
	c.OnDone(g.childDone)
	if g.failed {
		c.Cancel() // the group is shutting down (asyncio.TaskGroup refuses new tasks)
	}
	return c
}

func (g *Group) childDone(c *Task) {
	g.left--
	if len(g.children) > 2*g.left+16 {
		// Forget ended children now and then, so a long-lived group holds only
		// about as many tasks as are live.
		g.children = slices.DeleteFunc(g.children, (*Task).Done)
	}
	if c.err != nil && !errors.Is(c.err, ErrCancelled) {
		g.errs = append(g.errs, c.err)
		if !g.failed {
			g.failed = true
			for _, s := range g.children {
				s.Cancel()
			}
		}
	}
	if g.left == 0 {
		g.done.set = true
		g.done.waiters.wakeAll(g.t.e, wakeOK)
	}
}

// Wait waits until every child has ended and returns their failures joined (nil if
// none failed). If the waiting task is cancelled, the children are cancelled and
// waited for before Wait returns ErrCancelled.
func (g *Group) Wait(t *Task) error {
	if g.left > 0 {
		if err := g.done.Wait(t); err != nil {
			for _, s := range g.children {
				s.Cancel()
			}
			for g.left > 0 {
				if g.done.Wait(t) == nil {
					break
				}
			}
			return err
		}
	}
	return errors.Join(g.errs...)
}
