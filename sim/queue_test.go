package sim

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

func getter[T any](l *log, q *Queue[T]) Func {
	return func(t *Task) error {
		v, err := q.Get(t)
		if err != nil {
			l.add(t, "get: "+err.Error())
			if errors.Is(err, ErrClosed) {
				return nil // an expected end, not a failure
			}
			return err
		}
		l.add(t, fmt.Sprint("got ", v))
		return nil
	}
}

func putter[T any](l *log, q *Queue[T], vs ...T) Func {
	return func(t *Task) error {
		for _, v := range vs {
			if err := q.Put(t, v); err != nil {
				l.add(t, fmt.Sprint("put ", v, ": ", err))
				return err
			}
			l.add(t, fmt.Sprint("put ", v))
		}
		return nil
	}
}

func TestQueueFIFO(t *testing.T) {
	tests := []struct {
		name     string
		capacity int
		want     []string
	}{
		{"unbounded", 0, []string{
			"put 1 p@0s", "put 2 p@0s", "put 3 p@0s", "put 4 p@0s",
			"got 1 c@1s", "got 2 c@2s", "got 3 c@3s", "got 4 c@4s",
		}},
		{"bounded 2", 2, []string{
			"put 1 p@0s", "put 2 p@0s",
			"got 1 c@1s", "put 3 p@1s",
			"got 2 c@2s", "put 4 p@2s",
			"got 3 c@3s", "got 4 c@4s",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newTestEngine(t)
			var l log
			q := NewQueue[int](e, "q", tt.capacity)
			e.Spawn("p", putter(&l, q, 1, 2, 3, 4))
			e.Spawn("c", func(t *Task) error {
				for range 4 {
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
					if err := getter(&l, q)(t); err != nil {
						return err
					}
				}
				return nil
			})
			mustRun(t, e)
			l.check(t, tt.want...)
			if q.Cap() != tt.capacity || q.Name() != "q" {
				t.Errorf("Cap(), Name() = %d, %q, want %d, q", q.Cap(), q.Name(), tt.capacity)
			}
		})
	}
}

// A put wakes the first waiting getter, which re-checks when it runs: a task that
// runs before it takes the item (asyncio's Queue). The log is CPython's for the
// same program: the newcomer, due at the same instant as the producer, takes a
// while g-0 has only been woken; the producer's own get_nowait takes c; g-2 is
// left waiting for ever.
func TestQueueWaitersFIFO(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	q := NewQueue[string](e, "q", 1)
	for i := range 3 {
		e.SpawnN("g", i, getter(&l, q))
	}
	e.Spawn("producer", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		for _, v := range []string{"a", "b", "c"} {
			if err := q.Put(t, v); err != nil {
				return err
			}
		}
		if v, ok := q.TryGet(); ok {
			l.add(t, "TryGet stole "+v)
		}
		return nil
	})
	e.Spawn("newcomer", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		return getter(&l, q)(t)
	})
	e.Spawn("late", func(t *Task) error {
		if err := t.Sleep(2 * time.Second); err != nil {
			return err
		}
		return putter(&l, q, "d")(t)
	})
	var d *DeadlockError
	if err := e.RunUntilIdle(); !errors.As(err, &d) || len(d.Tasks) != 1 || d.Tasks[0].Name != "g-2" {
		t.Errorf("Run() = %v, want a deadlock of g-2", err)
	}
	l.check(t, "got a newcomer@1s", "got b g-1@1s", "TryGet stole c producer@1s", "put d late@2s", "got d g-0@2s")
}

func TestQueuePutBlocksWhenFull(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	q := NewQueue[int](e, "q", 1)
	for i := range 3 {
		e.SpawnN("p", i, putter(&l, q, i))
	}
	var lens []int
	e.Spawn("c", func(t *Task) error {
		for range 3 {
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			lens = append(lens, q.Len(), q.Putters())
			if err := getter(&l, q)(t); err != nil {
				return err
			}
		}
		return nil
	})
	mustRun(t, e)
	l.check(t, "put 0 p-0@0s", "got 0 c@1s", "put 1 p-1@1s", "got 1 c@2s", "put 2 p-2@2s", "got 2 c@3s")
	if want := []int{1, 2, 1, 1, 1, 0}; !slices.Equal(lens, want) {
		t.Errorf("Len(), Putters() before each get = %v, want %v", lens, want)
	}
}

func TestQueueTryPutTryGet(t *testing.T) {
	e, _ := newTestEngine(t)
	q := NewQueue[int](e, "q", 2)
	if _, ok := q.TryGet(); ok {
		t.Errorf("TryGet() on empty = ok")
	}
	for i, want := range []bool{true, true, false} {
		if got := q.TryPut(i); got != want {
			t.Errorf("TryPut(%d) = %v, want %v", i, got, want)
		}
	}
	if q.Len() != 2 {
		t.Errorf("Queue.Len() = %d, want 2", q.Len())
	}
	var items []int
	q.Each(func(v int) bool { items = append(items, v); return true })
	if !slices.Equal(items, []int{0, 1}) {
		t.Errorf("Each saw %v, want [0 1]", items)
	}
	for _, want := range []int{0, 1} {
		if v, ok := q.TryGet(); !ok || v != want {
			t.Errorf("TryGet() = %d, %v, want %d, true", v, ok, want)
		}
	}
	// A woken putter does not hold the free slot: TryPut takes it first (as
	// asyncio's put_nowait does), and the putter, re-checking, waits again.
	q.TryPut(10)
	q.TryPut(11)
	e.Spawn("p", func(t *Task) error { return q.Put(t, 12) })
	if err := e.RunUntil(0); err != nil {
		t.Fatal(err)
	}
	if q.Putters() != 1 {
		t.Fatalf("Putters() = %d, want 1", q.Putters())
	}
	if v, ok := q.TryGet(); !ok || v != 10 {
		t.Errorf("TryGet() = %d, %v, want 10", v, ok)
	}
	if !q.TryPut(13) {
		t.Errorf("TryPut(13) = false with a free slot and a woken putter")
	}
	var d *DeadlockError
	if err := e.RunUntilIdle(); !errors.As(err, &d) || len(d.Tasks) != 1 || d.Tasks[0].Name != "p" {
		t.Errorf("Run() = %v, want p waiting again for ever", err)
	}
	items = items[:0]
	q.Each(func(v int) bool { items = append(items, v); return false })
	if !slices.Equal(items, []int{11}) {
		t.Errorf("Each stopping early saw %v, want [11]", items)
	}
	if q.Len() != 2 || q.Putters() != 1 {
		t.Errorf("Queue.Len() = %d, Putters() = %d, want 2, 1", q.Len(), q.Putters())
	}
}

func TestQueueClose(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	q := NewQueue[int](e, "q", 2)
	e.Spawn("p", putter(&l, q, 1, 2, 3))
	e.Spawn("closer", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		q.Close()
		q.Close()
		l.add(t, "closed")
		if q.TryPut(9) {
			l.add(t, "TryPut after close succeeded")
		}
		return q.Put(t, 9)
	})
	e.Spawn("c", func(t *Task) error {
		if err := t.Sleep(2 * time.Second); err != nil {
			return err
		}
		for range 3 {
			if err := getter(&l, q)(t); err != nil {
				return nil
			}
		}
		return nil
	})
	for i := range 2 {
		e.SpawnN("waiting-getter", i, func(t *Task) error {
			if err := t.Sleep(3 * time.Second); err != nil {
				return err
			}
			return getter(&l, q)(t)
		})
	}
	err := e.RunUntilIdle()
	if !errors.Is(err, ErrClosed) {
		t.Errorf("Run() = %v, want the closer's ErrClosed reported", err)
	}
	l.check(t,
		"put 1 p@0s", "put 2 p@0s",
		"closed closer@1s", "put 3: sim: closed p@1s",
		"got 1 c@2s", "got 2 c@2s", "get: sim: closed c@2s",
		// Both due at 3s: heapq pops the second timer first, as in CPython.
		"get: sim: closed waiting-getter-1@3s", "get: sim: closed waiting-getter-0@3s",
	)
	if !q.Closed() {
		t.Errorf("Closed() = false")
	}
}

// Close wakes getters waiting on an empty queue.
func TestQueueCloseWakesGetters(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	q := NewQueue[int](e, "q", 0)
	for i := range 2 {
		e.SpawnN("g", i, getter(&l, q))
	}
	e.After(time.Second, q.Close)
	mustRun(t, e)
	l.check(t, "get: sim: closed g-0@1s", "get: sim: closed g-1@1s")
}

// A getter cancelled at the instant an item was promised to it passes the item to
// the next getter: no item is lost.
func TestQueueCancelReservedGetter(t *testing.T) {
	for _, how := range []string{"Cancel", "WaitFor"} {
		t.Run(how, func(t *testing.T) {
			e, _ := newTestEngine(t)
			var l log
			q := NewQueue[int](e, "q", 0)
			var g0 *Task
			if how == "Cancel" {
				g0 = e.Spawn("g-0", getter(&l, q))
			} else {
				g0 = e.Spawn("g-0", func(t *Task) error {
					err := WaitFor(t, time.Second, getter(&l, q))
					l.addf("WaitFor: %v", err)
					return nil
				})
			}
			e.Spawn("g-1", getter(&l, q))
			e.Spawn("p", func(t *Task) error {
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				err := q.Put(t, 42) // promised to g-0 ...
				if how == "Cancel" {
					g0.Cancel() // ... which is cancelled before it runs
				}
				return err
			})
			err := e.RunUntilIdle()
			if how == "Cancel" {
				if err != nil {
					t.Fatal(err)
				}
				l.check(t, "get: sim: cancelled g-0@1s", "got 42 g-1@1s")
			} else {
				if err != nil {
					t.Fatal(err)
				}
				l.check(t, "get: sim: cancelled g-0@1s", "WaitFor: sim: timeout", "got 42 g-1@1s")
			}
			if q.Len() != 0 || q.Getters() != 0 {
				t.Errorf("Len(), Getters() = %d, %d, want 0, 0", q.Len(), q.Getters())
			}
		})
	}
}

// With no next getter, the passed-on item stays in the queue.
func TestQueueCancelReservedGetterKeepsItem(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	q := NewQueue[int](e, "q", 0)
	g := e.Spawn("g", getter(&l, q))
	e.Spawn("p", func(t *Task) error {
		err := q.Put(t, 7)
		g.Cancel()
		return err
	})
	mustRun(t, e)
	if v, ok := q.TryGet(); !ok || v != 7 {
		t.Errorf("TryGet() = %d, %v, want 7, true: the item was lost", v, ok)
	}
}

// A putter cancelled at the instant a slot was promised to it passes the slot on.
func TestQueueCancelReservedPutter(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	q := NewQueue[int](e, "q", 1)
	q.TryPut(0)
	p1 := e.Spawn("p-1", putter(&l, q, 1))
	e.Spawn("p-2", putter(&l, q, 2))
	e.Spawn("c", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		if err := getter(&l, q)(t); err != nil { // frees a slot, promised to p-1
			return err
		}
		p1.Cancel()
		return nil
	})
	mustRun(t, e)
	l.check(t, "got 0 c@1s", "put 1: sim: cancelled p-1@1s", "put 2 p-2@1s")
	if q.Len() != 1 {
		t.Errorf("Queue.Len() = %d, want 1", q.Len())
	}
}

// Regression: Close while one getter holds a promised item and others wait, then
// the promised getter is cancelled. The item must reach a getter or stay in the
// queue, and the queue's bookkeeping must stay consistent.
func TestQueueCloseWithReservedItemAndCancel(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	q := NewQueue[int](e, "q", 0)
	var gs []*Task
	for i := range 3 {
		gs = append(gs, e.SpawnN("g", i, getter(&l, q)))
	}
	e.Spawn("p", func(t *Task) error {
		err := q.Put(t, 5) // promised to g-0
		q.Close()
		gs[0].Cancel()
		return err
	})
	mustRun(t, e)
	got := len(slices.DeleteFunc(slices.Clone(l.lines), func(s string) bool { return s[:3] != "got" }))
	left := q.Len()
	if got+left != 1 {
		t.Errorf("items got %d + left %d = %d, want 1 (put once); log %q", got, left, got+left, l.lines)
	}
	if v, ok := q.TryGet(); ok != (left == 1) {
		t.Errorf("TryGet() = %d, %v with Len() = %d", v, ok, left)
	}
	if q.getters.len() != 0 {
		t.Errorf("%d getter futures left after every getter ended, want 0", q.getters.len())
	}
}

// asyncio.Queue(maxsize=-3) is unbounded, as maxsize=0 is: full() is never true
// and put never waits.
func TestQueueNegativeCapacityUnbounded(t *testing.T) {
	e := New()
	defer e.Close()
	q := NewQueue[int](e, "q", -3)
	var n int
	e.Spawn("p", func(t *Task) error {
		for i := range 5 {
			if err := q.Put(t, i); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	if n != 5 || q.Len() != 5 || q.Full() || q.Cap() != -3 {
		t.Errorf("put %d, Len %d, Full %v, Cap %d; want 5, 5, false, -3", n, q.Len(), q.Full(), q.Cap())
	}
}

func TestQueueTrace(t *testing.T) {
	e, rec := newTestEngine(t)
	q := NewQueue[string](e, "orders", 2)
	e.Spawn("p", func(t *Task) error {
		for _, v := range []string{"a", "b", "c"} {
			if err := q.Put(t, v); err != nil {
				return err
			}
		}
		return nil
	})
	e.Spawn("c", func(t *Task) error {
		for range 3 {
			if _, err := q.Get(t); err != nil {
				return err
			}
		}
		return nil
	})
	mustRun(t, e)
	checkLines(t, "trace", kinds(rec, KindPut, KindGet, KindWait), []string{
		"put p@0s orders (1/2 queued)",
		"put p@0s orders (2/2 queued)",
		"wait p@0s orders",
		"get c@0s orders (1/2 queued)",
		"get c@0s orders (0/2 queued)",
		"wait c@0s orders",
		"put p@0s orders (1/2 queued)",
		"get c@0s orders (0/2 queued)",
	})
}
