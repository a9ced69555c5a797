package sim

// Condition lets tasks wait until notified, holding a lock around the check
// (asyncio.Condition). Notified waiters re-acquire the lock in the order notified.
type Condition struct {
	e       *Engine
	name    string
	lock    *Lock
	waiters waitQueue
}

// NewCondition returns a condition using lock, or a new lock if lock is nil.
func NewCondition(e *Engine, name string, lock *Lock) *Condition {
	if lock == nil {
		lock = NewLock(e, name+" lock")
	}
	return &Condition{e: e, name: name, lock: lock, waiters: waitQueue{name: name}}
}

// Lock returns the condition's lock.
func (c *Condition) Lock() *Lock { return c.lock }

// Acquire takes the condition's lock.
func (c *Condition) Acquire(t *Task) error { return c.lock.Acquire(t) }

// Release releases the condition's lock.
func (c *Condition) Release(t *Task) { c.lock.Release(t) }

// Waiting returns how many tasks wait to be notified.
func (c *Condition) Waiting() int { return c.waiters.len() }

// Wait releases the lock, waits to be notified and re-acquires the lock before
// returning, also when cancelled (as asyncio does), so the caller always holds the
// lock afterwards. t must hold the lock.
func (c *Condition) Wait(t *Task) error {
	if c.lock.owner != t {
		panic("sim: condition " + c.name + " waited on by " + t.Name() + " without holding its lock")
	}
	t.mustSuspend("Condition.Wait")
	if err := t.checkCancel(); err != nil {
		return err // a cancel that arrived while running: the lock is still held
	}
	c.lock.Release(t)
	c.waiters.add(t)
	err := t.park(StateWaiting, &c.waiters)
	if err != nil && t.granted {
		// Notified and cancelled at the same instant: pass the notification on so
		// it is not lost (asyncio 3.13 does the same).
		if w := c.waiters.pop(); w != nil {
			c.e.wake(w, wakeOK)
		}
	}
	for {
		// Re-acquire even when cancelled; a cancellation during re-acquiring is
		// remembered and reported once the lock is held.
		lerr := c.lock.Acquire(t)
		if lerr == nil {
			break
		}
		err = lerr
	}
	return err
}

// WaitUntil waits until pred returns true, checking it with the lock held.
func (c *Condition) WaitUntil(t *Task, pred func() bool) error {
	for !pred() {
		if err := c.Wait(t); err != nil {
			return err
		}
	}
	return nil
}

// Notify wakes up to n waiters, longest waiting first. The caller must hold the lock.
func (c *Condition) Notify(t *Task, n int) {
	if c.lock.owner != t {
		panic("sim: condition " + c.name + " notified by " + t.Name() + " without holding its lock")
	}
	for ; n > 0; n-- {
		w := c.waiters.pop()
		if w == nil {
			return
		}
		if c.e.on() {
			c.e.emit(t, KindSet, c.name, "notify "+w.Name())
		}
		c.e.wake(w, wakeOK)
	}
}

// NotifyAll wakes every waiter.
func (c *Condition) NotifyAll(t *Task) { c.Notify(t, c.waiters.len()) }
