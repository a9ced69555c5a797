package sim

// Condition lets tasks wait until notified, holding a lock around the check
// (asyncio.Condition). Notified waiters re-acquire the lock in the order notified.
type Condition struct {
	e       *Engine
	name    string
	lock    *Lock
	waiters waiters
}

// NewCondition returns a condition using lock, or a new lock if lock is nil.
func NewCondition(e *Engine, name string, lock *Lock) *Condition {
	if lock == nil {
		lock = NewLock(e, name+" lock")
	}
	return &Condition{e: e, name: name, lock: lock, waiters: waiters{name: name}}
}

// Lock returns the condition's lock.
func (c *Condition) Lock() *Lock { return c.lock }

// Acquire takes the condition's lock.
func (c *Condition) Acquire(t *Task) error { return c.lock.Acquire(t) }

// Release releases the condition's lock.
func (c *Condition) Release(t *Task) { c.lock.Release(t) }

// Waiting returns how many tasks wait to be notified.
func (c *Condition) Waiting() int { return c.waiters.pending() }

// Wait releases the lock, waits to be notified and re-acquires the lock before
// returning, also when cancelled (as asyncio does), so the caller always holds the
// lock afterwards. The lock must be held (asyncio checks only that it is locked). A waiter that leaves with an error
// (cancelled) passes one notification on, so none is lost (asyncio 3.13 and later).
func (c *Condition) Wait(t *Task) error {
	if !c.lock.locked {
		panic("sim: condition " + c.name + " waited on by " + t.Name() + " with its lock not acquired")
	}
	c.lock.Release(t)
	f := t.waitFuture()
	c.waiters.push(f, t)
	err := t.await(f, &c.waiters)
	c.waiters.remove(f)
	for {
		// Re-acquire even when cancelled; the last cancellation while
		// re-acquiring is what the caller gets.
		lerr := c.lock.Acquire(t)
		if lerr == nil {
			break
		}
		err = lerr
	}
	if err != nil {
		c.notify(1)
	}
	return err
}

// WaitUntil waits until pred returns true, checking it with the lock held
// (asyncio's Condition.wait_for).
func (c *Condition) WaitUntil(t *Task, pred func() bool) error {
	for !pred() {
		if err := c.Wait(t); err != nil {
			return err
		}
	}
	return nil
}

// Notify wakes up to n waiters, longest waiting first. The lock must be held
// (asyncio checks only that it is locked).
func (c *Condition) Notify(t *Task, n int) {
	if !c.lock.locked {
		panic("sim: condition " + c.name + " notified by " + t.Name() + " with its lock not acquired")
	}
	c.notify(n)
}

func (c *Condition) notify(n int) {
	k := 0
	for i := 0; i < c.waiters.len() && k < n; i++ {
		w := c.waiters.at(i)
		if !w.f.done() {
			k++
			if c.e.on(c.e.cur, KindSet) {
				c.e.emit(c.e.cur, KindSet, c.name, "notify "+w.t.Name())
			}
			w.f.finish(nil)
		}
	}
}

// NotifyAll wakes every waiter.
func (c *Condition) NotifyAll(t *Task) { c.Notify(t, c.waiters.len()) }
