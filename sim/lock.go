package sim

// Lock is a mutual-exclusion lock (asyncio.Lock) with an owner: releasing it from
// another task, or when it is not held, is misuse and panics. Waiters are served
// first come, first served.
type Lock struct {
	sem   *Semaphore
	owner *Task
}

// NewLock returns an unlocked lock.
func NewLock(e *Engine, name string) *Lock { return &Lock{sem: NewSemaphore(e, name, 1)} }

// Name returns the lock's name.
func (l *Lock) Name() string { return l.sem.name }

// Locked reports whether the lock is held.
func (l *Lock) Locked() bool { return l.owner != nil }

// Owner returns the task holding the lock, or nil.
func (l *Lock) Owner() *Task { return l.owner }

// Waiting returns how many tasks wait for the lock.
func (l *Lock) Waiting() int { return l.sem.Waiting() }

// Acquire takes the lock, waiting for it if it is held.
func (l *Lock) Acquire(t *Task) error {
	if l.owner == t {
		panic("sim: lock " + l.sem.name + " acquired twice by " + t.Name())
	}
	if err := l.sem.Acquire(t); err != nil {
		return err
	}
	l.owner = t
	return nil
}

// Release unlocks; the longest waiter gets the lock next.
func (l *Lock) Release(t *Task) {
	if l.owner != t {
		panic("sim: lock " + l.sem.name + " released by " + t.Name() + ", which does not hold it")
	}
	l.owner = nil
	l.sem.Release()
}
