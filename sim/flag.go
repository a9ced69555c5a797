package sim

// Flag is asyncio.Event: a flag tasks can wait for. Set wakes every waiter, in the
// order they started waiting. (It is called Flag because sim.Event is the trace event.)
type Flag struct {
	e       *Engine
	name    string
	set     bool
	waiters waitQueue
}

// NewFlag returns an unset flag.
func NewFlag(e *Engine, name string) *Flag {
	return &Flag{e: e, name: name, waiters: waitQueue{name: name}}
}

// Name returns the event's name.
func (ev *Flag) Name() string { return ev.name }

// IsSet reports whether the event is set.
func (ev *Flag) IsSet() bool { return ev.set }

// Waiting returns how many tasks wait for the event.
func (ev *Flag) Waiting() int { return ev.waiters.len() }

// Set sets the event and wakes every waiter.
func (ev *Flag) Set() {
	if ev.set {
		return
	}
	ev.set = true
	if ev.e.on() {
		ev.e.emit(ev.e.cur, KindSet, ev.name, "")
	}
	ev.waiters.wakeAll(ev.e, wakeOK)
}

// Clear unsets the event.
func (ev *Flag) Clear() { ev.set = false }

// Wait suspends t until the event is set; it returns at once if it already is.
func (ev *Flag) Wait(t *Task) error {
	t.mustSuspend("Flag.Wait")
	if err := ev.StartWait(t); err != ErrPending {
		return err
	}
	return t.wait()
}

// MakeFlag returns an unset flag as a value, for embedding in a struct: it saves
// an allocation where one flag is made per customer. It must not be copied once used.
func MakeFlag(e *Engine, name string) Flag {
	return Flag{e: e, name: name, waiters: waitQueue{name: name}}
}
