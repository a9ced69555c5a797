package sim

// Lock is a mutual-exclusion lock (asyncio.Lock). As in asyncio it has no owner:
// any task may release it (a gate opened by another task), and a task that
// acquires it again while holding it waits like any other. Releasing it when it is
// not held is misuse and panics (asyncio's RuntimeError).
//
// As in asyncio, Release wakes the first waiter and the lock stays free until that
// waiter runs, yet a newcomer does not take it meanwhile: it queues behind the
// woken waiter. A waiter cancelled after it was woken wakes the next one, which
// therefore runs an iteration later.
type Lock struct {
	e       *Engine
	name    string
	locked  bool
	owner   *Task
	waiters waiters
}

// NewLock returns an unlocked lock.
func NewLock(e *Engine, name string) *Lock {
	return &Lock{e: e, name: name, waiters: waiters{name: name}}
}

// Name returns the lock's name.
func (l *Lock) Name() string { return l.name }

// Locked reports whether the lock is held.
func (l *Lock) Locked() bool { return l.locked }

// Owner returns the task that acquired the lock while it is held, or nil (for
// display: asyncio does not tie a lock to a task).
func (l *Lock) Owner() *Task { return l.owner }

// Waiting returns how many tasks wait for the lock.
func (l *Lock) Waiting() int { return l.waiters.pending() }

// Acquire takes the lock, waiting for it if it is held (or promised to a woken
// waiter). It does not suspend when the lock is free.
func (l *Lock) Acquire(t *Task) error {
	if !l.locked && !l.waiters.anyLive() {
		l.take(t)
		return nil
	}
	f := t.waitFuture()
	l.waiters.push(f, t)
	err := t.await(f, &l.waiters)
	l.waiters.remove(f)
	if err != nil {
		if !l.locked {
			l.wakeFirst() // the lock is free and nobody else was woken for it
		}
		return err
	}
	l.take(t)
	return nil
}

func (l *Lock) take(t *Task) {
	l.locked, l.owner = true, t
	if l.e.on(t, KindAcquire) {
		l.e.emit(t, KindAcquire, l.name, "1/1 held")
	}
}

// Release unlocks and wakes the first waiter, if it is not woken already. t is
// the task releasing it, which need not be the one that acquired it.
func (l *Lock) Release(t *Task) {
	if !l.locked {
		panic("sim: lock " + l.name + " released by " + t.Name() + " while not acquired")
	}
	l.locked, l.owner = false, nil
	if l.e.on(t, KindRelease) {
		l.e.emit(t, KindRelease, l.name, "0/1 held")
	}
	l.wakeFirst()
}

// wakeFirst completes the first waiter's future unless it is done already (woken
// or cancelled): asyncio's _wake_up_first, which looks at the first waiter only.
func (l *Lock) wakeFirst() {
	if l.waiters.len() == 0 {
		return
	}
	if f := l.waiters.at(0).f; !f.done() {
		f.finish(nil)
	}
}
