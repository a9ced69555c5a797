package sim

// Queue is a FIFO queue of items (asyncio.Queue), bounded when its capacity is > 0.
// Getters and putters that have to wait are served first come, first served: an
// item put while getters wait is reserved for the longest waiter, and a slot freed
// while putters wait is reserved for the longest putter, so nobody overtakes.
type Queue[T any] struct {
	e        *Engine
	name     string
	capacity int // 0: unbounded
	items    []T // ring buffer
	head     int
	size     int
	reserved int // items at the head promised to woken getters
	slots    int // free slots promised to woken putters
	getters  waitQueue
	putters  waitQueue
	closed   bool
}

// NewQueue returns an empty queue; capacity 0 means unbounded.
func NewQueue[T any](e *Engine, name string, capacity int) *Queue[T] {
	if capacity < 0 {
		panic("sim: queue " + name + " with negative capacity")
	}
	return &Queue[T]{e: e, name: name, capacity: capacity, getters: waitQueue{name: name}, putters: waitQueue{name: name}}
}

// Name returns the queue's name.
func (q *Queue[T]) Name() string { return q.name }

// Len returns the number of items in the queue.
func (q *Queue[T]) Len() int { return q.size }

// Cap returns the capacity, 0 for unbounded.
func (q *Queue[T]) Cap() int { return q.capacity }

// Getters returns how many tasks wait to get.
func (q *Queue[T]) Getters() int { return q.getters.len() }

// Putters returns how many tasks wait to put.
func (q *Queue[T]) Putters() int { return q.putters.len() }

// Closed reports whether Close was called.
func (q *Queue[T]) Closed() bool { return q.closed }

func (q *Queue[T]) full() bool { return q.capacity > 0 && q.size+q.slots >= q.capacity }

func (q *Queue[T]) detail() string {
	if q.capacity > 0 {
		return countDetail(q.size, q.capacity, "queued")
	}
	return countDetail(q.size, -1, "queued")
}

func (q *Queue[T]) push(v T) {
	if q.size == len(q.items) {
		n := 2 * len(q.items)
		if n == 0 {
			n = 16
		}
		buf := make([]T, n)
		k := copy(buf, q.items[q.head:])
		copy(buf[k:], q.items[:q.head])
		q.items, q.head = buf, 0
	}
	q.items[(q.head+q.size)&(len(q.items)-1)] = v
	q.size++
}

func (q *Queue[T]) shift() T {
	var zero T
	v := q.items[q.head]
	q.items[q.head] = zero
	q.head = (q.head + 1) & (len(q.items) - 1)
	q.size--
	return v
}

// Put adds v, waiting for a free slot if the queue is full.
func (q *Queue[T]) Put(t *Task, v T) error {
	if err := t.checkCancel(); err != nil {
		return err
	}
	if q.closed {
		return ErrClosed
	}
	if q.full() || q.putters.len() > 0 {
		t.mustSuspend("Queue.Put on a full queue")
		q.putters.add(t)
		err := t.park(StateWaiting, &q.putters)
		if t.granted {
			q.slots--
		}
		if err != nil {
			if t.granted {
				q.wakePutter() // pass the reserved slot on
			}
			return err
		}
		if q.closed {
			return ErrClosed
		}
	}
	q.put(t, v)
	return nil
}

// TryPut adds v if there is room now (put_nowait) and reports whether it did.
func (q *Queue[T]) TryPut(v T) bool {
	if q.closed || q.full() || q.putters.len() > 0 {
		return false
	}
	q.put(q.e.cur, v)
	return true
}

func (q *Queue[T]) put(t *Task, v T) {
	q.push(v)
	if q.e.on() {
		q.e.emit(t, KindPut, q.name, q.detail())
	}
	if g := q.getters.pop(); g != nil {
		q.reserved++
		q.e.wake(g, wakeOK)
	}
}

// Get removes and returns the first item, waiting for one if the queue is empty.
// On a closed queue it returns the remaining items, then ErrClosed.
func (q *Queue[T]) Get(t *Task) (T, error) {
	t.mustSuspend("Queue.Get")
	v, err := q.StartGet(t)
	if err == ErrPending {
		return q.FinishGet(t, t.wait())
	}
	return v, err
}

// StartGet is Get for a machine task (see Machine): the first item if there is
// one, else ErrPending until FinishGet, called with the result the task resumes
// with, returns it.
func (q *Queue[T]) StartGet(t *Task) (T, error) {
	var zero T
	if err := t.checkCancel(); err != nil {
		return zero, err
	}
	if q.size-q.reserved == 0 || q.getters.len() > 0 {
		if q.closed {
			return zero, ErrClosed
		}
		q.getters.add(t)
		t.parkBegin(StateWaiting, &q.getters)
		return zero, ErrPending
	}
	return q.get(t), nil
}

// FinishGet completes a StartGet that returned ErrPending, once the task has resumed
// with the await's result err.
func (q *Queue[T]) FinishGet(t *Task, err error) (T, error) {
	var zero T
	// granted: an item was promised to t (Close wakes getters with ErrClosed, so
	// a grant always means an item).
	if t.granted {
		q.reserved--
	}
	if err != nil {
		if t.granted {
			q.wakeGetter() // pass the reserved item on
		}
		return zero, err
	}
	return q.get(t), nil
}

// TryGet removes and returns the first item if there is one (get_nowait).
func (q *Queue[T]) TryGet() (T, bool) {
	var zero T
	if q.size-q.reserved == 0 {
		return zero, false
	}
	return q.get(q.e.cur), true
}

func (q *Queue[T]) get(t *Task) T {
	v := q.shift()
	if q.e.on() {
		q.e.emit(t, KindGet, q.name, q.detail())
	}
	q.wakePutter()
	return v
}

func (q *Queue[T]) wakeGetter() {
	if q.size-q.reserved > 0 {
		if g := q.getters.pop(); g != nil {
			q.reserved++
			q.e.wake(g, wakeOK)
		}
	}
}

func (q *Queue[T]) wakePutter() {
	if !q.full() {
		if p := q.putters.pop(); p != nil {
			q.slots++
			q.e.wake(p, wakeOK)
		}
	}
}

// Close closes the queue: waiting putters and every later Put get ErrClosed;
// getters drain what is left, then get ErrClosed.
func (q *Queue[T]) Close() {
	if q.closed {
		return
	}
	q.closed = true
	q.putters.wakeAll(q.e, wakeClosed)
	// Getters wait only while every item is promised to an earlier getter, and no
	// item can arrive any more: the waiting ones get ErrClosed.
	q.getters.wakeAll(q.e, wakeClosed)
}

// Each calls fn for each item in order until fn returns false. The items must not be
// changed through fn; it is for display.
func (q *Queue[T]) Each(fn func(T) bool) {
	mask := len(q.items) - 1
	for i := 0; i < q.size; i++ {
		if !fn(q.items[(q.head+i)&mask]) {
			return
		}
	}
}
