package sim

// Event is asyncio.Event: a flag tasks can wait for. Set wakes every waiter, in the
// order they started waiting. (The trace's records are Record.)
type Event struct {
	e       *Engine
	name    string
	set     bool
	waiters waiters
}

// NewEvent returns an unset flag.
func NewEvent(e *Engine, name string) *Event {
	return &Event{e: e, name: name, waiters: waiters{name: name}}
}

// MakeEvent returns an unset flag as a value, for embedding in a struct: it saves
// an allocation where one flag is made per customer. It must not be copied once used.
func MakeEvent(e *Engine, name string) Event {
	return Event{e: e, name: name, waiters: waiters{name: name}}
}

// Name returns the event's name.
func (ev *Event) Name() string { return ev.name }

// IsSet reports whether the event is set.
func (ev *Event) IsSet() bool { return ev.set }

// Waiting returns how many tasks wait for the event.
func (ev *Event) Waiting() int { return ev.waiters.pending() }

// Set sets the event and completes every waiter's future, in order; each waiter
// resumes through its own wake-up.
func (ev *Event) Set() {
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
func (ev *Event) Clear() { ev.set = false }

// Wait suspends t until the event is set; it returns at once if it already is.
func (ev *Event) Wait(t *Task) error {
	if ev.set {
		return nil
	}
	f := t.waitFuture()
	ev.waiters.push(f, t)
	err := t.await(f, &ev.waiters)
	ev.waiters.remove(f)
	return err
}
