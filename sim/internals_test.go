package sim

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// The timer heap pops entries with equal deadlines in exactly the order CPython's
// heapq gives them (it compares only the deadline). The expected orders were
// produced by CPython's heapq on the same operations (keys i*7 mod 5; a pop after
// every third push; then heapify of all forty).
func TestTimerHeapOrder(t *testing.T) {
	key := func(i int) float64 { return float64(i * 7 % 5) }
	var h timerHeap
	var got []int
	for i := range 40 {
		h.push(&Handle{when: key(i), at: time.Duration(i)})
		if i%3 == 2 {
			got = append(got, int(h.pop().at))
		}
	}
	for len(h) > 0 {
		got = append(got, int(h.pop().at))
	}
	want := []int{0, 5, 3, 10, 8, 15, 20, 13, 25, 18, 30, 35, 23, 38, 28, 33, 21, 16, 1, 36, 31, 6, 26, 11, 19, 9, 29, 34, 39, 4, 14, 24, 2, 32, 22, 37, 7, 27, 17, 12}
	if !slices.Equal(got, want) {
		t.Errorf("push/pop order = %v\nwant (heapq)      %v", got, want)
	}
	h = h[:0]
	for i := range 40 {
		h = append(h, &Handle{when: key(i), at: time.Duration(i)})
	}
	h.heapify()
	got = got[:0]
	for len(h) > 0 {
		got = append(got, int(h.pop().at))
	}
	want = []int{30, 25, 5, 0, 10, 20, 35, 15, 28, 13, 23, 3, 38, 18, 8, 33, 6, 26, 11, 21, 36, 1, 16, 31, 14, 29, 19, 24, 4, 9, 34, 39, 22, 2, 27, 7, 32, 37, 12, 17}
	if !slices.Equal(got, want) {
		t.Errorf("heapify order = %v\nwant (heapq)     %v", got, want)
	}
}

// Whatever the keys, pops come out sorted by deadline.
func TestTimerHeapSorted(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var h timerHeap
	last := -1.0
	for i := range 20000 {
		if r.IntN(3) > 0 || len(h) == 0 {
			h.push(&Handle{when: last + 1 + float64(r.IntN(50))})
			continue
		}
		x := h.pop()
		if x.when < last {
			t.Fatalf("pop %d: %v after %v", i, x.when, last)
		}
		last = x.when
	}
}

// Semaphore waiters, with random cancellations (which exercise the wait list's
// lazy removal and compaction), are served in arrival order.
func TestWaitListOrderUnderCancellation(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	e, _ := newTestEngine(t)
	s := NewSemaphore(e, "s", 0)
	var order []int
	var ts []*Task
	for i := range 2000 {
		ts = append(ts, e.SpawnN("w", i, func(t *Task) error {
			if err := s.Acquire(t); err != nil {
				return nil
			}
			order = append(order, i)
			return nil
		}))
	}
	if err := e.RunUntil(0); err != nil {
		t.Fatal(err)
	}
	cancelled := map[int]bool{}
	for round := 0; len(order)+len(cancelled) < len(ts); round++ {
		for range r.IntN(200) {
			i := r.IntN(len(ts))
			if ts[i].Cancel() {
				cancelled[i] = true
			}
		}
		for range r.IntN(20) {
			s.Release()
		}
		if err := e.RunUntil(time.Duration(round) * time.Second); err != nil {
			t.Fatal(err)
		}
		if want := len(ts) - len(order) - len(cancelled); s.Waiting() != want {
			t.Fatalf("Waiting() = %d, want %d", s.Waiting(), want)
		}
	}
	if !slices.IsSorted(order) {
		t.Errorf("permits were not handed out in arrival order: %v", order)
	}
	for _, i := range order {
		if cancelled[i] {
			t.Errorf("cancelled waiter %d got a permit", i)
		}
	}
	if s.waiters.len() != 0 {
		t.Errorf("wait list holds %d futures after everyone left", s.waiters.len())
	}
}

// The queue's ring buffer keeps FIFO order as it wraps around and grows.
func TestQueueRingModel(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	e := New()
	defer e.Close()
	q := NewQueue[int](e, "q", 0)
	var model []int
	next := 0
	for range 100000 {
		if r.IntN(100) < 52 {
			q.TryPut(next)
			model = append(model, next)
			next++
		} else if v, ok := q.TryGet(); ok != (len(model) > 0) || (ok && v != model[0]) {
			t.Fatalf("TryGet() = %d, %v, want %v", v, ok, model[:min(1, len(model))])
		} else if ok {
			model = model[1:]
		}
		if q.Len() != len(model) {
			t.Fatalf("Queue.Len() = %d, want %d", q.Len(), len(model))
		}
	}
	var got []int
	q.Each(func(v int) bool { got = append(got, v); return true })
	if !slices.Equal(got, model) {
		t.Errorf("Each() differs from the model")
	}
}
