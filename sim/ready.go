package sim

// entryKind says what a ready entry does when the loop runs it.
type entryKind uint8

const (
	entryStep     entryKind = iota // step the task (its first step, or after a bare yield)
	entryWakeup                    // a future the task awaits is done: step the task with its outcome
	entryCallback                  // a done-callback of a future
	entryHandle                    // a handle: call_soon, or a timer that fell due
)

// entry is one item of the ready queue (asyncio's deque of Handles). Task steps
// and future callbacks carry what they need directly instead of a Handle, so the
// common hops allocate nothing; only handles the user can cancel are Handles.
type entry struct {
	fn   func(*future) // a callback's function
	fut  *future       // the future whose callback this is (wakeup, callback)
	task *Task         // the task to step (step, wakeup); whose callback it is (callback)
	h    *Handle
	kind entryKind
	what cbLabel // what a callback is, for its label
}

// ring is the ready queue: a FIFO ring buffer that grows by doubling and never
// shrinks, so a steady-state loop does not allocate.
type ring struct {
	buf        []entry
	head, size int
}

func (r *ring) len() int { return r.size }

func (r *ring) push(e entry) {
	if r.size == len(r.buf) {
		n := 2 * len(r.buf)
		if n == 0 {
			n = 64
		}
		buf := make([]entry, n)
		k := copy(buf, r.buf[r.head:])
		copy(buf[k:], r.buf[:r.head])
		r.buf, r.head = buf, 0
	}
	r.buf[(r.head+r.size)&(len(r.buf)-1)] = e
	r.size++
}

func (r *ring) pop() entry {
	e := r.buf[r.head]
	r.buf[r.head] = entry{}
	r.head = (r.head + 1) & (len(r.buf) - 1)
	r.size--
	return e
}

// at returns the i-th entry from the head, for the loop view.
func (r *ring) at(i int) entry { return r.buf[(r.head+i)&(len(r.buf)-1)] }
