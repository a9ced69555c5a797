package sim

// Flag is asyncio.Event: a flag tasks can wait for. Set wakes every waiter, in the
// order they started waiting. (It is called Flag because sim.Event is the trace event.)
type Flag struct {
	e       *Engine
	name    string
	set     bool
	waiters waiters
}

// NewFlag returns an unset flag.
func NewFlag(e *Engine, name string) *Flag {
	return &Flag{e: e, name: name, waiters: waiters{name: name}}
}

// MakeFlag returns an unset flag as a value, for embedding in a struct: it saves
// an allocation where one flag is made per customer. It must not be copied once used.
func MakeFlag(e *Engine, name string) Flag {
	return Flag{e: e, name: name, waiters: waiters{name: name}}
}

// Name returns the event's name.
func (ev *Flag) Name() string { return ev.name }

// IsSet reports whether the event is set.
func (ev *Flag) IsSet() bool { return ev.set }

// Waiting returns how many tasks wait for the event.
func (ev *Flag) Waiting() int { return ev.waiters.pending() }

// Set sets the event and completes every waiter's future, in order; each waiter
// resumes through its own wake-up.
func (ev *Flag) Set() {
	if ev.set {
		return
	}
	ev.set = true
	if ev.e.on(ev.e.cur, KindSet) {
		ev.e.emit(ev.e.cur, KindSet, ev.name, "")
	}
	for i := range ev.waiters.len() {
		if f := ev.waiters.at(i).f; !f.done() {
			f.finish(nil)
		}
	}
	// Every future is done now: the waiters would each remove theirs when they
	// run, which changes nothing of the order; forget them now.
	ev.waiters.clear()
}

// Clear unsets the event.
func (ev *Flag) Clear() { ev.set = false }

// Wait suspends t until the event is set; it returns at once if it already is.
func (ev *Flag) Wait(t *Task) error {
	t.mustSuspend("Flag.Wait")
	if ev.set {
		return nil
	}
	f := t.waitFuture()
	ev.waiters.push(f, t)
	err := t.await(f, &ev.waiters)
	ev.waiters.remove(f)
	return err
}

// StartWait is Wait for a machine task: nil if the flag is set, else ErrPending
// until it is (or the task is cancelled).
func (ev *Flag) StartWait(t *Task) error {
	if ev.set {
		return nil
	}
	f := t.waitFuture()
	ev.waiters.push(f, t)
	t.yieldTo(f, StateWaiting, &ev.waiters)
	t.curList = &ev.waiters // removed when the task resumes
	return ErrPending
}
