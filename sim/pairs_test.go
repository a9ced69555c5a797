package sim

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// The pair tests run Go programs written line for line after the Python programs
// in testdata/pairs, and compare their transcripts with what CPython 3.14 printed
// for those (run on its event loop with a virtual clock, testdata/pairs/vt.py,
// under pyodide 314.0.7). Python's True and list formatting were changed to Go's.

var pairOut strings.Builder

// say prints a transcript line as the Python programs do.
func say(t *Task, who, text string) {
	ms := int64((t.Now() + time.Millisecond/2) / time.Millisecond)
	fmt.Fprintf(&pairOut, "%02d:%02d:%02d.%03d %s: %s\n", ms/3600000, ms/60000%60, ms/1000%60, ms%1000, who, text)
}

func TestPair1(tt *testing.T) {
	pairOut.Reset()
	defer checkPair(tt, "p1")
	e := New()
	defer e.Close()
	ms := time.Millisecond
	e.Spawn("main", func(t *Task) error {
		a := t.Spawn("a", func(t *Task) error {
			for range 3 {
				t.Sleep(100 * ms)
			}
			say(t, "a", "three 0.1")
			return nil
		})
		b := t.Spawn("b", func(t *Task) error { t.Sleep(300 * ms); say(t, "b", "one 0.3"); return nil })
		c := t.Spawn("c", func(t *Task) error { t.Sleep(200 * ms); t.Sleep(100 * ms); say(t, "c", "0.2+0.1"); return nil })
		Gather(t, a, b, c)
		f := NewFuture[int](e, "f")
		w := func(n string) Func {
			return func(t *Task) error {
				if _, err := f.Wait(t); err != nil {
					say(t, n, "cancelled")
				} else {
					say(t, n, "got")
				}
				return nil
			}
		}
		t1 := t.Spawn("w1", w("w1"))
		t.Spawn("w2", w("w2"))
		t.Sleep(0)
		t1.Cancel()
		t.Sleep(0)
		say(t, "main", fmt.Sprintf("f cancelled %v", f.Cancelled()))
		t.Sleep(time.Second)
		var r int
		sc := t.Spawn("selfc", func(t *Task) error {
			t.Cancel()
			g := NewFuture[int](e, "g")
			g.SetResult(1)
			g.Wait(t)
			say(t, "selfc", "after done future")
			if err := t.Sleep(500 * ms); err != nil {
				say(t, "selfc", "cancelled at sleep")
				r = 7
				return nil
			}
			return nil
		})
		sc.Wait(t)
		say(t, "main", fmt.Sprintf("selfc returned %d", r))
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		tt.Fatal(err)
	}
}

func TestPair2(tt *testing.T) {
	pairOut.Reset()
	defer checkPair(tt, "p2")
	e := New()
	defer e.Close()
	ms := time.Millisecond
	e.Spawn("main", func(t *Task) error {
		lock := NewLock(e, "lock")
		user := func(n string, d time.Duration) Func {
			return func(t *Task) error {
				if err := lock.Acquire(t); err != nil {
					say(t, n, "cancelled")
					return err
				}
				say(t, n, "locked")
				t.Sleep(d)
				lock.Release(t)
				say(t, n, "released")
				return nil
			}
		}
		lock.Acquire(t)
		var ts []*Task
		for i := range 3 {
			ts = append(ts, t.Spawn(fmt.Sprint("u", i), user(fmt.Sprint("u", i), time.Second)))
		}
		t.Sleep(0)
		lock.Release(t)
		ts[0].Cancel()
		GatherErrors(t, ts...)
		say(t, "main", "lock done")
		cond := NewCondition(e, "cond", nil)
		cw := func(n string) Func {
			return func(t *Task) error {
				cond.Acquire(t)
				defer cond.Release(t)
				if err := cond.Wait(t); err != nil {
					say(t, n, "cancelled in wait")
					return err
				}
				say(t, n, "notified")
				return nil
			}
		}
		var cs []*Task
		for i := range 3 {
			cs = append(cs, t.Spawn(fmt.Sprint("c", i), cw(fmt.Sprint("c", i))))
		}
		t.Sleep(0)
		cond.Acquire(t)
		cond.Notify(t, 1)
		cs[0].Cancel()
		cond.Release(t)
		t.Sleep(100 * ms)
		say(t, "main", fmt.Sprintf("waiting %d", cond.Waiting()))
		cond.Acquire(t)
		cond.NotifyAll(t)
		cond.Release(t)
		GatherErrors(t, cs...)
		child := func(n string, d time.Duration, fail bool) Func {
			return func(t *Task) error {
				if err := t.Sleep(d); err != nil {
					say(t, n, "cancelled")
					return err
				}
				if fail {
					return fmt.Errorf("%s", n)
				}
				say(t, n, "done")
				return nil
			}
		}
		err := TaskGroup(t, func(g *Group) error {
			g.Spawn("k1", child("k1", time.Second, false))
			g.Spawn("k2", child("k2", 500*ms, true))
			g.Spawn("k3", child("k3", 2*time.Second, false))
			if err := t.Sleep(5 * time.Second); err != nil {
				say(t, "main", fmt.Sprintf("body cancelled, cancelling=%d", t.Cancelling()))
				return err
			}
			return nil
		})
		if ge, ok := err.(*GroupError); ok {
			say(t, "main", fmt.Sprintf("group error %d cancelling=%d", len(ge.Errs), t.Cancelling()))
		}
		job := func(d time.Duration) Func { return func(t *Task) error { return t.Sleep(d) } }
		if err := WaitFor(t, time.Second, job(time.Second)); err != nil {
			say(t, "main", "wf timeout")
		} else {
			say(t, "main", "wf x")
		}
		jt := t.Spawn("jt", job(time.Second))
		if err := WaitFor(t, time.Second, jt.Wait); err != nil {
			say(t, "main", fmt.Sprintf("wf task timeout %v", jt.Cancelled()))
		} else {
			say(t, "main", "wf task y")
		}
		if err := WaitFor(t, 0, job(0)); err != nil {
			say(t, "main", "wf0 timeout")
		} else {
			say(t, "main", "wf0 z")
		}
		gt := t.Spawn("gcaller", func(t *Task) error {
			a := t.Spawn("j1", job(time.Second))
			b := t.Spawn("j2", job(2*time.Second))
			if err := Gather(t, a, b); err != nil {
				say(t, "gcaller", "cancelled")
				return err
			}
			return nil
		})
		t.Sleep(500 * ms)
		gt.Cancel()
		if err := gt.Wait(t); err != nil {
			say(t, "main", "gt cancelled")
		}
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		tt.Fatal(err)
	}
}

func TestPair3(tt *testing.T) {
	pairOut.Reset()
	defer checkPair(tt, "p3")
	ms := time.Millisecond
	job := func(n string, d time.Duration, fail bool) func(*Task) (string, error) {
		return func(t *Task) (string, error) {
			if err := t.Sleep(d); err != nil {
				say(t, n, "cancelled")
				return "", err
			}
			if fail {
				return "", fmt.Errorf("%s", n)
			}
			say(t, n, "done")
			return n, nil
		}
	}
	err := Run(func(t *Task) error {
		e := t.Engine()
		inner := SpawnValue(t, "inner", job("inner", time.Second, false))
		s := t.Spawn("sh", func(t *Task) error {
			if err := Shield(t, inner); err != nil {
				say(t, "sh", "cancelled")
			}
			return nil
		})
		t.Sleep(500 * ms)
		s.Cancel()
		inner.Wait(t)
		say(t, "main", "inner finished")
		a := SpawnValue(t, "a", job("a", time.Second, false))
		b := SpawnValue(t, "b", job("b", 2*time.Second, true))
		c := SpawnValue(t, "c", job("c", 3*time.Second, false))
		fs := []Awaitable{a, b, c}
		done, pending, _ := Wait(t, fs, FirstCompleted, NoTimeout)
		say(t, "main", fmt.Sprintf("first: done %d pending %d", len(done), len(pending)))
		done, pending, _ = Wait(t, fs, FirstException, NoTimeout)
		say(t, "main", fmt.Sprintf("exc: done %d pending %d", len(done), len(pending)))
		done, pending, _ = Wait(t, fs, AllCompleted, 500*ms)
		say(t, "main", fmt.Sprintf("timeout: done %d pending %d", len(done), len(pending)))
		done, pending, _ = Wait(t, fs, AllCompleted, NoTimeout)
		say(t, "main", fmt.Sprintf("all: done %d pending %d", len(done), len(pending)))
		b.Err()
		for _, pre := range []string{"x", "y"} {
			var ts []Awaitable
			for i, d := range []time.Duration{3, 1, 2} {
				ts = append(ts, SpawnValue(t, fmt.Sprint(pre, i), job(fmt.Sprint(pre, i), d*time.Second, false)))
			}
			timeout := NoTimeout
			if pre == "y" {
				timeout = 1500 * ms
			}
			ac := NewAsCompleted(t, ts, timeout)
			for {
				a, ok, err := ac.Next(t)
				if !ok {
					break
				}
				if err != nil {
					say(t, "main", "as_completed timeout")
					break
				}
				v, _ := a.(*TaskOf[string]).Wait(t)
				say(t, "main", "completed "+v)
			}
		}
		pq := NewPriorityQueue[int](e, "pq", 0, func(a, b int) bool { return a < b })
		for _, p := range []int{3, 1, 2, 1, 5} {
			pq.TryPut(p)
		}
		var out []int
		for !pq.Empty() {
			v, _ := pq.TryGet()
			out = append(out, v)
		}
		say(t, "main", fmt.Sprintf("prio %v", out))
		q := NewQueue[int](e, "q", 0)
		for i := range 2 {
			n := fmt.Sprint("wk", i)
			t.Spawn(n, func(t *Task) error {
				for {
					v, err := q.Get(t)
					if err != nil {
						return err
					}
					t.Sleep(time.Duration(v) * time.Second)
					say(t, n, fmt.Sprint("did ", v))
					q.TaskDone()
				}
			})
		}
		for _, v := range []int{1, 2, 1} {
			q.TryPut(v)
		}
		q.Join(t)
		say(t, "main", "joined")
		bar := NewBarrier(e, "b", 2)
		var ps []*Task
		for i, d := range []time.Duration{1, 2, 3, 3} {
			n := fmt.Sprint("p", i)
			ps = append(ps, t.Spawn(n, func(t *Task) error {
				t.Sleep(d * time.Second)
				i, err := bar.Wait(t)
				if err != nil {
					return err
				}
				say(t, n, fmt.Sprint("index ", i))
				return nil
			}))
		}
		Gather(t, ps...)
		t.Spawn("bg", func(t *Task) error {
			for {
				if err := t.Sleep(300 * ms); err != nil {
					say(t, "bg", "cancelled at shutdown")
					return err
				}
				say(t, "bg", "tick")
			}
		})
		t.Sleep(time.Second)
		say(t, "main", "bye")
		return nil
	})
	if err != nil {
		tt.Fatal(err)
	}
}

func TestPair4(tt *testing.T) {
	pairOut.Reset()
	defer checkPair(tt, "p4")
	ms := time.Millisecond
	err := Run(func(t *Task) error {
		bg := func(n string, d time.Duration) Func {
			return func(t *Task) error {
				for {
					if err := t.Sleep(d); err != nil {
						say(t, n, "cancelled at shutdown")
						t.Sleep(200 * ms)
						say(t, n, "cleaned up")
						return err
					}
					say(t, n, "tick")
				}
			}
		}
		t.Spawn("bg1", bg("bg1", 300*ms))
		t.Spawn("stubborn", func(t *Task) error {
			_ = t.Sleep(10 * time.Second) // ignores the cancel
			t.Sleep(500 * ms)
			say(t, "stubborn", "done")
			return nil
		})
		t.Sleep(time.Second)
		say(t, "main", "bye")
		return nil
	})
	if err != nil {
		tt.Fatal(err)
	}
}

// checkPair compares the transcript with CPython's.
func checkPair(tb testing.TB, name string) {
	tb.Helper()
	want, err := os.ReadFile("testdata/pairs/" + name + ".txt")
	if err != nil {
		tb.Fatal(err)
	}
	checkLines(tb, name, strings.Split(strings.TrimRight(pairOut.String(), "\n"), "\n"), strings.Split(strings.TrimRight(string(want), "\n"), "\n"))
}
