package sim

// Semaphore holds a number of permits (asyncio.Semaphore). Acquire takes one or
// waits; Release gives one back. Waiters are served first come, first served: a
// released permit goes straight to the longest waiter, so a newcomer can never
// overtake it.
type Semaphore struct {
	e       *Engine
	name    string
	limit   int // the configured number of permits
	value   int // free permits; negative after the limit was lowered below what is held
	bounded bool
	waiters waitQueue
}

// NewSemaphore returns a semaphore with n permits.
func NewSemaphore(e *Engine, name string, n int) *Semaphore {
	if n < 0 {
		panic("sim: semaphore " + name + " with negative permits")
	}
	return &Semaphore{e: e, name: name, limit: n, value: n, waiters: waitQueue{name: name}}
}

// NewBoundedSemaphore returns a semaphore whose Release panics if it would raise
// the permits above n (asyncio.BoundedSemaphore).
func NewBoundedSemaphore(e *Engine, name string, n int) *Semaphore {
	s := NewSemaphore(e, name, n)
	s.bounded = true
	return s
}

// Name returns the semaphore's name.
func (s *Semaphore) Name() string { return s.name }

// Limit returns the number of permits.
func (s *Semaphore) Limit() int { return s.limit }

// Held returns how many permits are taken.
func (s *Semaphore) Held() int { return s.limit - s.value }

// Waiting returns how many tasks wait for a permit.
func (s *Semaphore) Waiting() int { return s.waiters.len() }

// Locked reports whether Acquire would wait.
func (s *Semaphore) Locked() bool { return s.value <= 0 || s.waiters.len() > 0 }

func (s *Semaphore) detail() string {
	return countDetail(s.Held(), s.limit, "held")
}

// Acquire takes a permit, waiting for one if none is free. It does not suspend when
// a permit is free, as in asyncio. If t is cancelled (or its WaitFor deadline expires)
// while waiting, it leaves the queue; if a permit was handed to it at that same
// instant, the permit is passed on, never lost.
func (s *Semaphore) Acquire(t *Task) error {
	t.mustSuspend("Acquire")
	err := s.StartAcquire(t)
	if err == ErrPending {
		return s.FinishAcquire(t, t.wait())
	}
	return err
}

// StartAcquire is Acquire for a machine task (see Machine): nil if it took a
// permit, else ErrPending until the task resumes and calls FinishAcquire.
func (s *Semaphore) StartAcquire(t *Task) error {
	if err := t.checkCancel(); err != nil {
		return err
	}
	if s.value > 0 && s.waiters.len() == 0 {
		s.value--
		if s.e.on() {
			s.e.emit(t, KindAcquire, s.name, s.detail())
		}
		return nil
	}
	s.waiters.add(t)
	t.parkBegin(StateWaiting, &s.waiters)
	return ErrPending
}

// FinishAcquire completes a StartAcquire that returned ErrPending, once the task has
// resumed with the await's result err.
func (s *Semaphore) FinishAcquire(t *Task, err error) error {
	if err != nil {
		if t.granted {
			s.Release() // handed a permit at the instant it was cancelled: pass it on
		}
		return err
	}
	if s.e.on() {
		s.e.emit(t, KindAcquire, s.name, s.detail())
	}
	return nil
}

// TryAcquire takes a permit if one is free now, without waiting.
func (s *Semaphore) TryAcquire() bool {
	if s.value > 0 && s.waiters.len() == 0 {
		s.value--
		if s.e.on() {
			s.e.emit(s.e.cur, KindAcquire, s.name, s.detail())
		}
		return true
	}
	return false
}

// Release gives a permit back, handing it to the longest waiter if there is one.
func (s *Semaphore) Release() {
	if s.bounded && s.value >= s.limit {
		panic("sim: bounded semaphore " + s.name + " released too many times")
	}
	s.value++
	if s.e.on() {
		s.e.emit(s.e.cur, KindRelease, s.name, s.detail())
	}
	s.handOff()
}

// handOff gives free permits to waiters, first come first served; the permit is
// counted as held from now on, so nobody else can take it before the waiter runs.
func (s *Semaphore) handOff() {
	for s.value > 0 {
		w := s.waiters.pop()
		if w == nil {
			return
		}
		s.value--
		s.e.wake(w, wakeOK)
	}
}

// SetLimit changes the number of permits at the current time. Raising it serves
// waiters at once; lowering it takes permits away as they are released (held
// permits are never revoked).
func (s *Semaphore) SetLimit(n int) {
	if n < 0 {
		panic("sim: semaphore " + s.name + " with negative permits")
	}
	s.value += n - s.limit
	s.limit = n
	s.handOff()
}

// EachWaiter calls fn for each waiting task in order until fn returns false.
func (s *Semaphore) EachWaiter(fn func(*Task) bool) { s.waiters.each(fn) }
