package sim

// barrierState is asyncio's _BarrierState.
type barrierState uint8

const (
	barrierFilling barrierState = iota
	barrierDraining
	barrierResetting
	barrierBroken
)

// BrokenBarrierError is what Barrier.Wait returns on a broken barrier, with
// asyncio's message: "Barrier aborted" for a call made after Abort, "Abort or
// reset of barrier" for a wait the barrier broke; errors.Is(err,
// ErrBrokenBarrier) holds for it.
type BrokenBarrierError struct {
	Msg string
}

func (b *BrokenBarrierError) Error() string { return "sim: broken barrier: " + b.Msg }

// Is reports whether target is ErrBrokenBarrier.
func (b *BrokenBarrierError) Is(target error) bool { return target == ErrBrokenBarrier }

var (
	errBarrierAborted = &BrokenBarrierError{Msg: "Barrier aborted"}
	errBarrierReset   = &BrokenBarrierError{Msg: "Abort or reset of barrier"}
)

// Barrier makes a fixed number of tasks wait for each other (asyncio.Barrier): each
// Wait blocks until the last of parties tasks arrives, then all continue. It is
// cyclic: once the round has drained, the next parties arrivals form the next one.
// It is built as asyncio builds it, on a Condition.
type Barrier struct {
	e       *Engine
	name    string
	parties int
	cond    *Condition
	state   barrierState
	count   int
}

// NewBarrier returns a barrier for parties tasks.
func NewBarrier(e *Engine, name string, parties int) *Barrier {
	if parties < 1 {
		panic("sim: barrier " + name + " needs at least one party")
	}
	return &Barrier{e: e, name: name, parties: parties, cond: NewCondition(e, name, nil)}
}

// Parties returns the number of tasks a round needs.
func (b *Barrier) Parties() int { return b.parties }

// Waiting returns how many tasks wait in the current round (asyncio's n_waiting).
func (b *Barrier) Waiting() int {
	if b.state == barrierFilling {
		return b.count
	}
	return 0
}

// Broken reports whether the barrier is broken (Abort was called).
func (b *Barrier) Broken() bool { return b.state == barrierBroken }

// Wait blocks until parties tasks have called it and returns the caller's arrival
// index in its round (0 for the first). It returns a [*BrokenBarrierError]
// (errors.Is ErrBrokenBarrier) if the barrier is aborted or reset while it waits,
// or was aborted before.
func (b *Barrier) Wait(t *Task) (int, error) {
	if err := b.cond.Acquire(t); err != nil {
		return 0, err
	}
	defer b.cond.Release(t)
	// Block while the barrier drains or resets.
	if err := b.cond.WaitUntil(t, func() bool { return b.state != barrierDraining && b.state != barrierResetting }); err != nil {
		return 0, err
	}
	if b.state == barrierBroken {
		return 0, errBarrierAborted
	}
	idx := b.count
	b.count++
	var err error
	if idx+1 == b.parties {
		b.state = barrierDraining
		if b.e.on(t, KindSet) {
			b.e.emit(t, KindSet, b.name, countDetail(b.parties, -1, "arrived"))
		}
		b.cond.NotifyAll(t)
	} else {
		err = b.cond.WaitUntil(t, func() bool { return b.state != barrierFilling })
		if err == nil && (b.state == barrierBroken || b.state == barrierResetting) {
			err = errBarrierReset
		}
	}
	b.count--
	b.exit(t)
	if err != nil {
		return 0, err
	}
	return idx, nil
}

// exit lets the next round fill once every task of this one has left.
func (b *Barrier) exit(t *Task) {
	if b.count == 0 {
		if b.state == barrierResetting || b.state == barrierDraining {
			b.state = barrierFilling
		}
		b.cond.NotifyAll(t)
	}
}

// Reset returns the barrier to its empty state; the tasks waiting get
// ErrBrokenBarrier. It takes the barrier's lock, so it may suspend.
func (b *Barrier) Reset(t *Task) error {
	if err := b.cond.Acquire(t); err != nil {
		return err
	}
	if b.count > 0 {
		b.state = barrierResetting
	} else {
		b.state = barrierFilling
	}
	b.cond.NotifyAll(t)
	b.cond.Release(t)
	return nil
}

// Abort breaks the barrier: every waiting and future Wait returns
// ErrBrokenBarrier. It takes the barrier's lock, so it may suspend.
func (b *Barrier) Abort(t *Task) error {
	if err := b.cond.Acquire(t); err != nil {
		return err
	}
	b.state = barrierBroken
	b.cond.NotifyAll(t)
	b.cond.Release(t)
	return nil
}
