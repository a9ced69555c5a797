package sim

import "strconv"

// Barrier makes a fixed number of tasks wait for each other (asyncio.Barrier): each
// Wait blocks until the last of parties tasks arrives, then all continue. It is
// cyclic: the next parties arrivals form the next round.
type Barrier struct {
	e       *Engine
	name    string
	parties int
	broken  bool
	waiters waitQueue
}

// NewBarrier returns a barrier for parties tasks.
func NewBarrier(e *Engine, name string, parties int) *Barrier {
	if parties < 1 {
		panic("sim: barrier " + name + " needs at least one party")
	}
	return &Barrier{e: e, name: name, parties: parties, waiters: waitQueue{name: name}}
}

// Parties returns the number of tasks a round needs.
func (b *Barrier) Parties() int { return b.parties }

// Waiting returns how many tasks wait in the current round.
func (b *Barrier) Waiting() int { return b.waiters.len() }

// Broken reports whether Abort was called.
func (b *Barrier) Broken() bool { return b.broken }

// Wait blocks until parties tasks have called it and returns the caller's arrival
// index in its round (0 for the first). A task cancelled while waiting leaves the
// round, which then needs one more arrival.
func (b *Barrier) Wait(t *Task) (int, error) {
	t.mustSuspend("Barrier.Wait")
	if err := t.checkCancel(); err != nil {
		return 0, err
	}
	if b.broken {
		return 0, ErrBrokenBarrier
	}
	idx := b.waiters.len()
	if idx+1 == b.parties {
		if b.e.on() {
			b.e.emit(t, KindSet, b.name, strconv.Itoa(b.parties)+" arrived")
		}
		b.waiters.wakeAll(b.e, wakeOK)
		return idx, nil
	}
	b.waiters.add(t)
	if err := t.park(StateWaiting, &b.waiters); err != nil {
		return 0, err
	}
	return idx, nil
}

// Abort breaks the barrier: every waiting and future Wait returns ErrBrokenBarrier.
func (b *Barrier) Abort() {
	b.broken = true
	b.waiters.wakeAll(b.e, wakeBroken)
}
