package sim

// Queue is a queue of items (asyncio.Queue, LifoQueue, PriorityQueue), bounded
// when its capacity is > 0 (a capacity <= 0 is unbounded, as asyncio's maxsize).
//
// As in asyncio, a Put wakes the first waiting getter, which re-checks when it
// runs: a task that runs first may take the item, and the woken getter then waits
// again (at the back of the line). The same holds for putters and free slots.
type Queue[T any] struct {
	e        *Engine
	name     string
	capacity int // <= 0: unbounded
	items    store[T]
	getters  waiters
	putters  waiters
	shutdown bool
	// unfinished counts items put and not yet marked done (Join).
	unfinished int
	finished   *Event
}

// NewQueue returns an empty FIFO queue; a capacity <= 0 means unbounded
// (asyncio.Queue(maxsize) with maxsize <= 0).
func NewQueue[T any](e *Engine, name string, capacity int) *Queue[T] {
	return newQueue(e, name, capacity, store[T](&fifo[T]{}))
}

// NewLifoQueue returns an empty last-in first-out queue (asyncio.LifoQueue).
func NewLifoQueue[T any](e *Engine, name string, capacity int) *Queue[T] {
	return newQueue(e, name, capacity, store[T](&lifo[T]{}))
}

// NewPriorityQueue returns a queue that hands out the least item first, by less
// (asyncio.PriorityQueue, whose heapq order it keeps for equal items too).
func NewPriorityQueue[T any](e *Engine, name string, capacity int, less func(a, b T) bool) *Queue[T] {
	return newQueue(e, name, capacity, store[T](&prio[T]{less: less}))
}

func newQueue[T any](e *Engine, name string, capacity int, s store[T]) *Queue[T] {
	q := &Queue[T]{e: e, name: name, capacity: capacity, items: s,
		getters: waiters{name: name}, putters: waiters{name: name}}
	q.finished = NewEvent(e, name+" join")
	q.finished.set = true
	return q
}

// Name returns the queue's name.
func (q *Queue[T]) Name() string { return q.name }

// Len returns the number of items in the queue.
func (q *Queue[T]) Len() int { return q.items.len() }

// Cap returns the capacity as given (asyncio's maxsize); <= 0 is unbounded.
func (q *Queue[T]) Cap() int { return q.capacity }

// Empty reports whether the queue has no items.
func (q *Queue[T]) Empty() bool { return q.items.len() == 0 }

// Full reports whether the queue holds capacity items.
func (q *Queue[T]) Full() bool { return q.capacity > 0 && q.items.len() >= q.capacity }

// Getters returns how many tasks wait to get.
func (q *Queue[T]) Getters() int { return q.getters.pending() }

// Putters returns how many tasks wait to put.
func (q *Queue[T]) Putters() int { return q.putters.pending() }

// Closed reports whether the queue was shut down.
func (q *Queue[T]) Closed() bool { return q.shutdown }

func (q *Queue[T]) detail() string {
	if q.capacity > 0 {
		return countDetail(q.items.len(), q.capacity, "queued")
	}
	return countDetail(q.items.len(), -1, "queued")
}

// Put adds v, waiting for a free slot while the queue is full. It returns
// ErrClosed on a queue that is shut down.
func (q *Queue[T]) Put(t *Task, v T) error {
	for q.Full() {
		if q.shutdown {
			return ErrClosed
		}
		f := t.waitFuture()
		q.putters.push(f, t)
		if err := t.await(f, &q.putters); err != nil {
			f.cancelPlain("")
			q.putters.remove(f)
			if !q.Full() && !f.cancelled() {
				wakeNext(&q.putters)
			}
			return err
		}
		q.putters.remove(f) // popped by the waker already, normally
	}
	if !q.TryPut(v) {
		return ErrClosed
	}
	return nil
}

// TryPut adds v if there is room now (put_nowait) and reports whether it did;
// it does not on a full or shut-down queue.
func (q *Queue[T]) TryPut(v T) bool {
	if q.shutdown || q.Full() {
		return false
	}
	q.items.push(v)
	q.unfinished++
	q.finished.Clear()
	if q.e.on(q.e.cur, KindPut) {
		q.e.emit(q.e.cur, KindPut, q.name, q.detail())
	}
	wakeNext(&q.getters)
	return true
}

// Get removes and returns the next item, waiting while the queue is empty. On a
// shut-down queue it returns the remaining items, then ErrClosed.
func (q *Queue[T]) Get(t *Task) (T, error) {
	v, err := q.startGet(t)
	for err == errPending {
		t.suspend()
		v, err = q.finishGet(t, t.send)
	}
	return v, err
}

// startGet is the first half of Get: the next item if there is
// one, else errPending until the task resumes and calls finishGet.
func (q *Queue[T]) startGet(t *Task) (T, error) {
	var zero T
	if q.Empty() {
		if q.shutdown {
			return zero, ErrClosed
		}
		f := t.waitFuture()
		q.getters.push(f, t)
		t.yieldTo(f, StateWaiting, &q.getters)
		t.curWait = f
		return zero, errPending
	}
	v, _ := q.TryGet()
	return v, nil
}

// finishGet completes a startGet that returned errPending, once the task has
// resumed with the await's result err. If another task took the item first, it
// waits again: it returns errPending, and the task calls finishGet again when it
// resumes.
func (q *Queue[T]) finishGet(t *Task, err error) (T, error) {
	var zero T
	f := t.curWait
	t.curWait = nil
	if err != nil {
		f.cancelPlain("")
		q.getters.remove(f)
		if !q.Empty() && !f.cancelled() {
			wakeNext(&q.getters)
		}
		return zero, err
	}
	q.getters.remove(f)
	return q.startGet(t)
}

// TryGet removes and returns the next item if there is one (get_nowait).
func (q *Queue[T]) TryGet() (T, bool) {
	if q.Empty() {
		var zero T
		return zero, false
	}
	v := q.items.pop()
	if q.e.on(q.e.cur, KindGet) {
		q.e.emit(q.e.cur, KindGet, q.name, q.detail())
	}
	wakeNext(&q.putters)
	return v, true
}

// wakeNext pops waiters until one's future is not done and completes it
// (asyncio's Queue._wakeup_next).
func wakeNext(ws *waiters) {
	for ws.len() > 0 {
		w := ws.popFront()
		if !w.f.done() {
			w.f.finish(nil)
			return
		}
	}
}

// TaskDone marks one item taken from the queue as processed (task_done); when
// every item put has been, Join returns. Calling it more often than items were
// put is misuse and panics.
func (q *Queue[T]) TaskDone() {
	if q.unfinished <= 0 {
		panic("sim: queue " + q.name + ": TaskDone called too many times")
	}
	q.unfinished--
	if q.unfinished == 0 {
		q.finished.Set()
	}
}

// Join waits until every item put has been marked done with TaskDone.
func (q *Queue[T]) Join(t *Task) error {
	if q.unfinished > 0 {
		return q.finished.Wait(t)
	}
	return nil
}

// Shutdown shuts the queue down (asyncio's Queue.shutdown): Put fails with
// ErrClosed from now on, and Get once the queue is empty. With immediate, the
// items left are dropped (and counted done for Join). Every waiting getter and
// putter is woken to re-check.
func (q *Queue[T]) Shutdown(immediate bool) {
	q.shutdown = true
	if immediate {
		for !q.Empty() {
			q.items.pop()
			if q.unfinished > 0 {
				q.unfinished--
			}
		}
		if q.unfinished == 0 {
			q.finished.Set()
		}
	}
	for q.getters.len() > 0 {
		if w := q.getters.popFront(); !w.f.done() {
			w.f.finish(nil)
		}
	}
	for q.putters.len() > 0 {
		if w := q.putters.popFront(); !w.f.done() {
			w.f.finish(nil)
		}
	}
}

// Close is Shutdown(false).
func (q *Queue[T]) Close() { q.Shutdown(false) }

// Each calls fn for each item in the order Get would return them (for a priority
// queue: heap order) until fn returns false. It is for display.
func (q *Queue[T]) Each(fn func(T) bool) { q.items.each(fn) }
