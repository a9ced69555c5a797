package sim

// store holds a queue's items in its order.
type store[T any] interface {
	len() int
	push(v T)
	pop() T
	each(fn func(T) bool)
}

// fifo is a ring buffer that grows by doubling.
type fifo[T any] struct {
	items      []T
	head, size int
}

func (q *fifo[T]) len() int { return q.size }

func (q *fifo[T]) push(v T) {
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

func (q *fifo[T]) pop() T {
	var zero T
	v := q.items[q.head]
	q.items[q.head] = zero
	q.head = (q.head + 1) & (len(q.items) - 1)
	q.size--
	return v
}

func (q *fifo[T]) each(fn func(T) bool) {
	mask := len(q.items) - 1
	for i := 0; i < q.size; i++ {
		if !fn(q.items[(q.head+i)&mask]) {
			return
		}
	}
}

// lifo is a stack.
type lifo[T any] struct{ items []T }

func (q *lifo[T]) len() int { return len(q.items) }
func (q *lifo[T]) push(v T) { q.items = append(q.items, v) }

func (q *lifo[T]) pop() T {
	var zero T
	n := len(q.items) - 1
	v := q.items[n]
	q.items[n] = zero
	q.items = q.items[:n]
	return v
}

func (q *lifo[T]) each(fn func(T) bool) {
	for i := len(q.items) - 1; i >= 0; i-- {
		if !fn(q.items[i]) {
			return
		}
	}
}

// prio is a binary heap with heapq's algorithm (see timerHeap), so items that
// compare equal come out in the order CPython's PriorityQueue gives them.
type prio[T any] struct {
	items []T
	less  func(a, b T) bool
}

func (q *prio[T]) len() int { return len(q.items) }

func (q *prio[T]) push(v T) {
	q.items = append(q.items, v)
	q.siftDown(0, len(q.items)-1)
}

func (q *prio[T]) pop() T {
	var zero T
	n := len(q.items) - 1
	last := q.items[n]
	q.items[n] = zero
	q.items = q.items[:n]
	if n == 0 {
		return last
	}
	top := q.items[0]
	q.items[0] = last
	q.siftUp(0)
	return top
}

func (q *prio[T]) siftDown(start, pos int) {
	h := q.items
	item := h[pos]
	for pos > start {
		parent := (pos - 1) >> 1
		if !q.less(item, h[parent]) {
			break
		}
		h[pos] = h[parent]
		pos = parent
	}
	h[pos] = item
}

func (q *prio[T]) siftUp(pos int) {
	h := q.items
	end, start, item := len(h), pos, h[pos]
	child := 2*pos + 1
	for child < end {
		if right := child + 1; right < end && !q.less(h[child], h[right]) {
			child = right
		}
		h[pos] = h[child]
		pos = child
		child = 2*pos + 1
	}
	h[pos] = item
	q.siftDown(start, pos)
}

func (q *prio[T]) each(fn func(T) bool) {
	for _, v := range q.items {
		if !fn(v) {
			return
		}
	}
}
