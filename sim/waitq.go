package sim

// waiters is a FIFO of waiter futures (the deque of futures an asyncio primitive
// keeps), each with the task that awaits it, for introspection. A waiter removes
// its own future when its wait is over, whatever the outcome, as asyncio's
// primitives do in a finally clause.
type waiters struct {
	name  string // what a waiter awaits, for introspection and the trace
	items []waiter
	head  int
	// one backs items at first: most lists (a customer's drink, a task's end)
	// never hold more than one waiter, and need no allocation then.
	one [1]waiter
}

type waiter struct {
	f *future
	t *Task
}

func (q *waiters) waitName() string { return q.name }

// len returns the number of futures in the list (done ones included, as in asyncio).
func (q *waiters) len() int { return len(q.items) - q.head }

// at returns the i-th waiter from the front.
func (q *waiters) at(i int) waiter { return q.items[q.head+i] }

func (q *waiters) push(f *future, t *Task) {
	if q.head > 0 && q.head == len(q.items) {
		clear(q.items)
		q.items, q.head = q.items[:0], 0
	}
	if q.items == nil {
		q.items = q.one[:0]
	}
	q.items = append(q.items, waiter{f, t})
}

// popFront removes and returns the first waiter.
func (q *waiters) popFront() waiter {
	w := q.items[q.head]
	q.items[q.head] = waiter{}
	q.head++
	if q.head == len(q.items) {
		q.items, q.head = q.items[:0], 0
	}
	return w
}

// remove takes f out of the list, if it is there.
func (q *waiters) remove(f *future) {
	for i := q.head; i < len(q.items); i++ {
		if q.items[i].f == f {
			if i == q.head {
				q.popFront()
				return
			}
			copy(q.items[i:], q.items[i+1:])
			q.items[len(q.items)-1] = waiter{}
			q.items = q.items[:len(q.items)-1]
			return
		}
	}
}

// clear empties the list.
func (q *waiters) clear() {
	clear(q.items)
	q.items, q.head = q.items[:0], 0
}

// pending counts the waiters whose future is not done: those still waiting.
func (q *waiters) pending() int {
	n := 0
	for i := q.head; i < len(q.items); i++ {
		if !q.items[i].f.done() {
			n++
		}
	}
	return n
}

// anyLive reports whether a waiter's future is not cancelled.
func (q *waiters) anyLive() bool {
	for i := q.head; i < len(q.items); i++ {
		if !q.items[i].f.cancelled() {
			return true
		}
	}
	return false
}

// each calls fn for every task still waiting, in order, until fn returns false.
func (q *waiters) each(fn func(*Task) bool) {
	for i := q.head; i < len(q.items); i++ {
		if w := q.items[i]; !w.f.done() && !fn(w.t) {
			return
		}
	}
}

// waitFuture returns the future for a wait of t on a primitive: the task's own,
// reused, since every primitive drops a waiter future from its list when the wait
// is over, as asyncio's do in a finally clause.
func (t *Task) waitFuture() *future { return t.newWaiter() }
