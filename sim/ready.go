package sim

// entry is one item of the ready queue: a task to resume, a timer to fire, or a
// callback to call (asyncio's call_soon handles).
type entry struct {
	task *Task
	tm   *timer
	fn   func()
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
