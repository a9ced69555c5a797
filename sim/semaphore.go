package sim

// Semaphore holds a number of permits (asyncio.Semaphore). Acquire takes one or
// waits; Release gives one back and hands it to the first waiter still waiting,
// counting it as taken from then on, so a newcomer cannot overtake a queued waiter.
type Semaphore struct {
	e       *Engine
	name    string
	limit   int // the configured number of permits
	value   int // free permits; negative after the limit was lowered below what is held
	bounded bool
	waiters waiters
}

// NewSemaphore returns a semaphore with n permits.
func NewSemaphore(e *Engine, name string, n int) *Semaphore {
	if n < 0 {
		panic("sim: semaphore " + name + " with negative permits")
	}
	return &Semaphore{e: e, name: name, limit: n, value: n, waiters: waiters{name: name}}
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

// Held returns how many permits are taken (or promised to woken waiters).
func (s *Semaphore) Held() int { return s.limit - s.value }

// Waiting returns how many tasks wait for a permit.
func (s *Semaphore) Waiting() int { return s.waiters.pending() }

// Locked reports whether Acquire would wait (asyncio's locked()).
func (s *Semaphore) Locked() bool { return s.value <= 0 || s.waiters.anyLive() }

func (s *Semaphore) detail() string {
	return countDetail(s.Held(), s.limit, "held")
}

// Acquire takes a permit, waiting for one if none is free. It does not suspend when
// a permit is free, as in asyncio. If t is cancelled while waiting after a permit
// was handed to it, the permit is passed on, never lost.
func (s *Semaphore) Acquire(t *Task) error {
	err := s.startAcquire(t)
	if err == errPending {
		t.suspend()
		return s.finishAcquire(t, t.send)
	}
	return err
}

// startAcquire is the first half of Acquire: nil if it took a
// permit, else errPending until the task resumes and calls finishAcquire.
func (s *Semaphore) startAcquire(t *Task) error {
	if !s.Locked() {
		s.value--
		if s.e.on(t, KindAcquire) {
			s.e.emit(t, KindAcquire, s.name, s.detail())
		}
		return nil
	}
	f := t.waitFuture()
	s.waiters.push(f, t)
	t.yieldTo(f, StateWaiting, &s.waiters)
	t.curWait = f
	return errPending
}

// finishAcquire completes a startAcquire that returned errPending, once the task has
// resumed with the await's result err.
func (s *Semaphore) finishAcquire(t *Task, err error) error {
	f := t.curWait
	t.curWait = nil
	s.waiters.remove(f)
	if err != nil && f.done() && !f.cancelled() {
		s.value++ // handed a permit at the instant it was cancelled: give it back
	}
	// Waiters that arrived meanwhile may have queued behind this one: wake as many
	// as there are free permits.
	for s.value > 0 && s.wakeNext() {
	}
	if err != nil {
		return err
	}
	if s.e.on(t, KindAcquire) {
		s.e.emit(t, KindAcquire, s.name, s.detail())
	}
	return nil
}

// TryAcquire takes a permit if one is free now, without waiting.
func (s *Semaphore) TryAcquire() bool {
	if s.Locked() {
		return false
	}
	s.value--
	if s.e.on(s.e.cur, KindAcquire) {
		s.e.emit(s.e.cur, KindAcquire, s.name, s.detail())
	}
	return true
}

// Release gives a permit back and wakes the first waiter still waiting.
func (s *Semaphore) Release() {
	if s.bounded && s.value >= s.limit {
		panic("sim: bounded semaphore " + s.name + " released too many times")
	}
	s.value++
	if s.e.on(s.e.cur, KindRelease) {
		s.e.emit(s.e.cur, KindRelease, s.name, s.detail())
	}
	if s.value > 0 { // not after SetLimit lowered the permits below what is held
		s.wakeNext()
	}
}

// wakeNext hands a permit to the first waiter whose future is not done
// (asyncio's _wake_up_next) and reports whether there was one.
func (s *Semaphore) wakeNext() bool {
	for i := range s.waiters.len() {
		if f := s.waiters.at(i).f; !f.done() {
			s.value--
			f.finish(nil)
			return true
		}
	}
	return false
}

// SetLimit changes the number of permits at the current time. Raising it wakes
// waiters at once; lowering it takes permits away as they are released (held
// permits are never revoked).
func (s *Semaphore) SetLimit(n int) {
	if n < 0 {
		panic("sim: semaphore " + s.name + " with negative permits")
	}
	s.value += n - s.limit
	s.limit = n
	for s.value > 0 && s.wakeNext() {
	}
}

// EachWaiter calls fn for each waiting task in order until fn returns false.
func (s *Semaphore) EachWaiter(fn func(*Task) bool) { s.waiters.each(fn) }
