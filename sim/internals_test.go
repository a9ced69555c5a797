package sim

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// The timer heap pops in (when, seq) order, also after removals from the middle.
func TestTimerHeapOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 50 {
		var h timerHeap
		var all []*timer
		for i := range 200 {
			tm := &timer{when: time.Duration(r.IntN(20)), seq: uint64(i), idx: -1}
			h.push(tm)
			all = append(all, tm)
		}
		// Remove a random third.
		var kept []*timer
		for _, tm := range all {
			if r.IntN(3) == 0 {
				h.remove(tm)
				if tm.idx != -1 {
					t.Fatalf("removed timer has idx %d", tm.idx)
				}
			} else {
				kept = append(kept, tm)
			}
		}
		slices.SortFunc(kept, func(a, b *timer) int {
			return cmp.Or(cmp.Compare(a.when, b.when), cmp.Compare(a.seq, b.seq))
		})
		for i, want := range kept {
			for j, tm := range h {
				if tm.idx != j {
					t.Fatalf("round %d: heap[%d].idx = %d", round, j, tm.idx)
				}
			}
			got := h.pop()
			if got != want {
				t.Fatalf("round %d: pop #%d = (%v, %d), want (%v, %d)", round, i, got.when, got.seq, want.when, want.seq)
			}
		}
		if len(h) != 0 {
			t.Fatalf("heap not empty: %d", len(h))
		}
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
	if len(s.waiters.buf) > 4096 || s.waiters.size != 0 {
		t.Errorf("wait list: buffer %d, size %d after everyone left", len(s.waiters.buf), s.waiters.size)
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
