package sim

// waitList is something a task can be parked on; Cancel uses remove to take a
// cancelled task out without disturbing the others.
type waitList interface {
	remove(t *Task)
	waitName() string
}

// waitQueue is a FIFO of parked tasks: waiters are served first come, first served.
// Removal is lazy: a removed or woken task's entry goes stale (its park generation
// no longer matches) and is skipped when it reaches the head.
type waitQueue struct {
	name       string // what a waiter awaits, for introspection and the trace
	buf        []waitEntry
	head, size int // ring over buf, including stale entries
	n          int // live waiters
	// one is the first ring: most queues (a customer's drink, a task's end) never
	// hold more than one waiter, and need no allocation then.
	one [1]waitEntry
}

type waitEntry struct {
	t   *Task
	gen uint64
}

func (q *waitQueue) waitName() string { return q.name }

// len returns the number of live waiters.
func (q *waitQueue) len() int { return q.n }

// add queues t, which must park right after (the entry records the generation
// that park will give it: the engine's next).
func (q *waitQueue) add(t *Task) {
	if q.size == len(q.buf) {
		q.grow()
	}
	q.buf[(q.head+q.size)&(len(q.buf)-1)] = waitEntry{t, t.e.parks + 1}
	q.size++
	q.n++
}

func (q *waitQueue) grow() {
	if len(q.buf) == 0 {
		q.buf, q.head = q.one[:], 0
		return
	}
	n := 2 * len(q.buf)
	buf := make([]waitEntry, n)
	for i := 0; i < q.size; i++ {
		buf[i] = q.buf[(q.head+i)&(len(q.buf)-1)]
	}
	q.buf, q.head = buf, 0
}

func (q *waitQueue) live(e waitEntry) bool { return e.t.wgen == e.gen && e.t.wl != nil }

// peek returns the first live waiter without removing it, or nil.
func (q *waitQueue) peek() *Task {
	for q.size > 0 {
		e := q.buf[q.head]
		if q.live(e) {
			return e.t
		}
		q.drop()
	}
	return nil
}

func (q *waitQueue) drop() {
	q.buf[q.head] = waitEntry{}
	q.head = (q.head + 1) & (len(q.buf) - 1)
	q.size--
}

// pop removes and returns the first live waiter, or nil.
func (q *waitQueue) pop() *Task {
	t := q.peek()
	if t != nil {
		q.drop()
		q.n--
	}
	return t
}

// remove takes a cancelled waiter out; its entry goes stale when the caller wakes it.
func (q *waitQueue) remove(t *Task) {
	q.n--
	if q.size > 64 && q.size > 4*q.n {
		q.compact(t)
	}
}

// compact drops stale entries (and t's) so that a queue whose waiters keep timing
// out while nobody is served does not grow without bound.
func (q *waitQueue) compact(skip *Task) {
	k := 0
	mask := len(q.buf) - 1
	for i := 0; i < q.size; i++ {
		e := q.buf[(q.head+i)&mask]
		if e.t != skip && q.live(e) {
			q.buf[(q.head+k)&mask] = e
			k++
		}
	}
	for i := k; i < q.size; i++ {
		q.buf[(q.head+i)&mask] = waitEntry{}
	}
	q.size = k
}

// each calls fn for every live waiter in order until fn returns false.
func (q *waitQueue) each(fn func(*Task) bool) {
	mask := len(q.buf) - 1
	for i := 0; i < q.size; i++ {
		e := q.buf[(q.head+i)&mask]
		if q.live(e) && !fn(e.t) {
			return
		}
	}
}

// wakeAll wakes every live waiter, in order, with err.
func (q *waitQueue) wakeAll(e *Engine, code wakeCode) {
	for t := q.pop(); t != nil; t = q.pop() {
		e.wake(t, code)
	}
}
