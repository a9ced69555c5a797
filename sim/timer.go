package sim

// timerHeap holds the loop's scheduled handles as a binary min-heap ordered by the
// float deadline alone, with exactly the algorithm of CPython's heapq (push: append
// and sift towards the root; pop: move the last entry to the root, sift it down to
// a leaf along the smaller children, then back up; heapify: sift every inner node
// from the last one up). asyncio keeps its TimerHandles in such a heap and compares
// only their `when`, so handles due at the same instant do not come out in the
// order they were scheduled; sim reproduces that order, accidents included.
//
// A cancelled handle stays in the heap, as in asyncio: the loop drops cancelled
// handles when they reach the root, or rebuilds the heap when they are many (see
// Engine.dropCancelled).
type timerHeap []*Handle

// push adds h (heapq.heappush).
func (h *timerHeap) push(x *Handle) {
	*h = append(*h, x)
	h.siftDown(0, len(*h)-1)
}

// pop removes and returns the root (heapq.heappop).
func (h *timerHeap) pop() *Handle {
	old := *h
	n := len(old) - 1
	last := old[n]
	old[n] = nil
	*h = old[:n]
	if n == 0 {
		return last
	}
	top := old[0]
	old[0] = last
	h.siftUp(0)
	return top
}

// heapify restores the heap order of an arbitrary slice (heapq.heapify).
func (h timerHeap) heapify() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.siftUp(i)
	}
}

// siftDown moves the entry at pos towards start while it is smaller than its
// parent (heapq's _siftdown).
func (h timerHeap) siftDown(start, pos int) {
	item := h[pos]
	for pos > start {
		parent := (pos - 1) >> 1
		p := h[parent]
		if !(item.when < p.when) {
			break
		}
		h[pos] = p
		pos = parent
	}
	h[pos] = item
}

// siftUp moves the entry at pos down to a leaf, always along the smaller child
// (the right one when they tie), then back up to its place (heapq's _siftup).
func (h timerHeap) siftUp(pos int) {
	end, start, item := len(h), pos, h[pos]
	child := 2*pos + 1
	for child < end {
		if right := child + 1; right < end && !(h[child].when < h[right].when) {
			child = right
		}
		h[pos] = h[child]
		pos = child
		child = 2*pos + 1
	}
	h[pos] = item
	h.siftDown(start, pos)
}
