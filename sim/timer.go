package sim

import "time"

// timerKind says what a timer does when it fires.
type timerKind uint8

const (
	timerSleep    timerKind = iota // wake the sleeping task (the task's own embedded timer)
	timerDeadline                  // a WaitFor deadline expired: cancel the task at its await point
	timerFunc                      // call fn on the loop (executor jobs, library callbacks)
)

// timer is an entry of the loop's timer heap. Timers due at the same instant fire in
// the order they were scheduled: the heap orders by (when, seq) and seq only grows.
type timer struct {
	when time.Duration
	seq  uint64
	idx  int // position in the heap, -1 when not in it
	kind timerKind
	// queued: moved to the ready queue and not yet fired. dead: cancelled after it
	// was queued, so firing must do nothing (asyncio's cancelled handle).
	queued, dead bool
	task         *Task
	dl           *deadline
	fn           func()
}

// timerHeap is a 4-ary min-heap of timers ordered by (when, seq). Four children per
// node make the tree shallower than a binary heap, which pays off on pops, the
// common operation (one per sleep).
type timerHeap []*timer

func (h timerHeap) less(i, j int) bool {
	a, b := h[i], h[j]
	return a.when < b.when || (a.when == b.when && a.seq < b.seq)
}

func (h *timerHeap) push(t *timer) {
	t.idx = len(*h)
	*h = append(*h, t)
	h.up(t.idx)
}

// pop removes and returns the earliest timer.
func (h *timerHeap) pop() *timer {
	old := *h
	n := len(old) - 1
	t := old[0]
	old.swap(0, n)
	old[n] = nil
	*h = old[:n]
	if n > 0 {
		h.down(0)
	}
	t.idx = -1
	return t
}

// remove takes t out of the heap; it must be in it.
func (h *timerHeap) remove(t *timer) {
	i := t.idx
	old := *h
	n := len(old) - 1
	if i != n {
		old.swap(i, n)
	}
	old[n] = nil
	*h = old[:n]
	if i != n {
		if !h.down(i) {
			h.up(i)
		}
	}
	t.idx = -1
}

func (h timerHeap) swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].idx = i
	h[j].idx = j
}

func (h timerHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 4
		if !h.less(i, p) {
			break
		}
		h.swap(i, p)
		i = p
	}
}

// down sifts i towards the leaves and reports whether it moved.
func (h timerHeap) down(i int) bool {
	start, n := i, len(h)
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		for k := c + 1; k < c+4 && k < n; k++ {
			if h.less(k, m) {
				m = k
			}
		}
		if !h.less(m, i) {
			break
		}
		h.swap(i, m)
		i = m
	}
	return i > start
}
