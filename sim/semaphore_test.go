package sim

import (
	"errors"
	"slices"
	"testing"
	"time"
)

// user acquires s, holds it for d and releases it, logging both ends.
func user(l *log, s *Semaphore, d time.Duration) Func {
	return func(t *Task) error {
		if err := s.Acquire(t); err != nil {
			l.add(t, "acquire: "+err.Error())
			return err
		}
		l.add(t, "acquired")
		defer func() { l.add(t, "released"); s.Release() }()
		return t.Sleep(d)
	}
}

// Waiters get permits first come, first served; the trace shows held counts.
func TestSemaphoreFIFO(t *testing.T) {
	e, rec := newTestEngine(t)
	var l log
	s := NewSemaphore(e, "machines", 2)
	for i, d := range []time.Duration{3, 1, 1, 1, 1} {
		e.SpawnN("u", i, user(&l, s, d*time.Second))
	}
	mustRun(t, e)
	l.check(t,
		"acquired u-0@0s", "acquired u-1@0s",
		"released u-1@1s", "acquired u-2@1s",
		"released u-2@2s", "acquired u-3@2s",
		"released u-0@3s", "released u-3@3s", "acquired u-4@3s",
		"released u-4@4s",
	)
	checkLines(t, "acquire/release trace", kinds(rec, KindAcquire, KindRelease)[:6], []string{
		"acquire u-0@0s machines (1/2 held)",
		"acquire u-1@0s machines (2/2 held)",
		"release u-1@1s machines (1/2 held)", // then handed straight to u-2
		"acquire u-2@1s machines (2/2 held)",
		"release u-2@2s machines (1/2 held)",
		"acquire u-3@2s machines (2/2 held)",
	})
	if s.Held() != 0 || s.Waiting() != 0 || s.Locked() || s.Name() != "machines" || s.Limit() != 2 {
		t.Errorf("after run: Held %d Waiting %d Locked %v Name %q Limit %d", s.Held(), s.Waiting(), s.Locked(), s.Name(), s.Limit())
	}
}

// A newcomer cannot take a permit that was released while tasks wait.
func TestSemaphoreNoOvertaking(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	s := NewSemaphore(e, "s", 1)
	e.Spawn("holder", user(&l, s, time.Second))
	e.Spawn("waiter", user(&l, s, time.Second))
	e.Spawn("newcomer", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil { // due at the release instant
			return err
		}
		if s.TryAcquire() {
			l.add(t, "TryAcquire overtook")
			s.Release()
		}
		return user(&l, s, time.Second)(t)
	})
	mustRun(t, e)
	l.check(t,
		"acquired holder@0s", "released holder@1s", "acquired waiter@1s",
		"released waiter@2s", "acquired newcomer@2s", "released newcomer@3s",
	)
}

func TestSemaphoreCancelWhileQueued(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	s := NewSemaphore(e, "s", 1)
	e.Spawn("holder", user(&l, s, 2*time.Second))
	victim := e.Spawn("victim", user(&l, s, time.Second))
	e.Spawn("next", user(&l, s, time.Second))
	var waiting []int
	e.After(time.Second, func() {
		waiting = append(waiting, s.Waiting())
		victim.Cancel()
		waiting = append(waiting, s.Waiting())
	})
	mustRun(t, e)
	l.check(t, "acquired holder@0s", "acquire: sim: cancelled victim@1s", "released holder@2s", "acquired next@2s", "released next@3s")
	if !slices.Equal(waiting, []int{2, 1}) {
		t.Errorf("Waiting() before/after the cancel = %v, want [2 1]", waiting)
	}
	if s.Held() != 0 {
		t.Errorf("Semaphore.Held() = %d, want 0 (a permit was lost)", s.Held())
	}
}

// A waiter granted a permit and cancelled at the same instant gives it back.
func TestSemaphoreCancelAfterGrant(t *testing.T) {
	for _, how := range []string{"Cancel", "WaitFor"} {
		t.Run(how, func(t *testing.T) {
			e, _ := newTestEngine(t)
			var l log
			s := NewSemaphore(e, "s", 1)
			var victim *Task
			e.Spawn("holder", func(t *Task) error {
				if err := s.Acquire(t); err != nil {
					return err
				}
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				s.Release() // granted to victim ...
				if how == "Cancel" {
					victim.Cancel() // ... which is cancelled before it runs
				}
				return nil
			})
			victim = e.Spawn("victim", func(t *Task) error {
				if how == "Cancel" {
					return user(&l, s, time.Second)(t)
				}
				err := WaitFor(t, time.Second, func(t *Task) error {
					if err := s.Acquire(t); err != nil {
						l.add(t, "acquire: "+err.Error())
						return err
					}
					l.add(t, "acquired")
					return nil
				})
				l.addf("WaitFor: %v", err)
				return nil
			})
			e.Spawn("next", user(&l, s, time.Second))
			err := e.RunUntilIdle()
			if how == "Cancel" && !errors.Is(err, ErrCancelled) && err != nil {
				t.Fatal(err)
			}
			want := []string{"acquire: sim: cancelled victim@1s"}
			if how == "WaitFor" {
				want = append(want, "WaitFor: sim: timeout")
			}
			want = append(want, "acquired next@1s", "released next@2s")
			l.check(t, want...)
			if s.Held() != 0 {
				t.Errorf("Semaphore.Held() = %d, want 0", s.Held())
			}
		})
	}
}

func TestSemaphoreSetLimit(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	s := NewSemaphore(e, "s", 1)
	for i := range 4 {
		e.SpawnN("u", i, user(&l, s, 2*time.Second))
	}
	var held []int
	snap := func() { held = append(held, s.Held(), s.Limit(), s.Waiting()) }
	e.After(time.Second, func() { s.SetLimit(3); snap() }) // serves two waiters at once
	e.After(1500*time.Millisecond, func() { s.SetLimit(1); snap() })
	e.After(2500*time.Millisecond, snap)
	e.After(3500*time.Millisecond, snap)
	mustRun(t, e)
	l.check(t,
		"acquired u-0@0s",
		"acquired u-1@1s", "acquired u-2@1s",
		"released u-0@2s",                                       // limit 1, still 2 held: no hand-off
		"released u-2@3s", "released u-1@3s", "acquired u-3@3s", // both due at 3s: heapq order
		"released u-3@5s",
	)
	// Held may exceed a lowered limit until releases bring it down; never revoked.
	want := []int{3, 3, 1, 3, 1, 1, 2, 1, 1, 1, 1, 0}
	if !slices.Equal(held, want) {
		t.Errorf("Held, Limit, Waiting snapshots = %v, want %v", held, want)
	}
	wantPanic(t, "negative permits", func() { s.SetLimit(-1) })
	wantPanic(t, "negative permits", func() { NewSemaphore(e, "x", -1) })
}

func TestBoundedSemaphore(t *testing.T) {
	e, _ := newTestEngine(t)
	s := NewBoundedSemaphore(e, "b", 2)
	if n := tryAcquireN(s, 3); n != 2 {
		t.Fatalf("TryAcquire on 2 permits did not succeed exactly twice")
	}
	if !s.Locked() {
		t.Errorf("Locked() = false with no permit free")
	}
	s.Release()
	s.Release()
	wantPanic(t, "released too many times", s.Release)
	if s.Held() != 0 {
		t.Errorf("Semaphore.Held() = %d after the failed release, want 0", s.Held())
	}
	// Lowered limit: releases bring it down to the new limit, one more panics.
	s.TryAcquire()
	s.TryAcquire()
	s.SetLimit(1)
	s.Release()
	s.Release()
	wantPanic(t, "released too many times", s.Release)
	// A plain semaphore may be released above its limit (asyncio.Semaphore).
	p := NewSemaphore(e, "p", 1)
	p.Release()
	if n := tryAcquireN(p, 2); n != 2 {
		t.Errorf("plain semaphore released above its limit did not give 2 permits")
	}
}

func TestSemaphoreEachWaiter(t *testing.T) {
	e, _ := newTestEngine(t)
	s := NewSemaphore(e, "s", 0)
	var ts []*Task
	for i := range 4 {
		ts = append(ts, e.SpawnN("w", i, s.Acquire))
	}
	if err := e.RunUntil(0); err != nil {
		t.Fatal(err)
	}
	ts[1].Cancel()
	var names []string
	s.EachWaiter(func(t *Task) bool { names = append(names, t.Name()); return len(names) < 2 })
	if !slices.Equal(names, []string{"w-0", "w-2"}) {
		t.Errorf("EachWaiter saw %v, want [w-0 w-2]", names)
	}
}

// Cancelled waiters do not make the wait list grow without bound when nobody is
// ever served (the list compacts).
func TestSemaphoreWaitListCompacts(t *testing.T) {
	e, _ := newTestEngine(t)
	s := NewSemaphore(e, "s", 0)
	e.Spawn("forever", s.Acquire)
	e.Spawn("spawner", func(t *Task) error {
		for i := range 10000 {
			t.SpawnN("impatient", i, func(t *Task) error {
				err := WaitFor(t, time.Millisecond, s.Acquire)
				if errors.Is(err, ErrTimeout) {
					return nil
				}
				return err
			})
			if err := t.Sleep(time.Millisecond); err != nil {
				return err
			}
		}
		return nil
	})
	if err := e.RunUntil(time.Minute); err != nil {
		t.Fatal(err)
	}
	if s.Waiting() != 1 || s.waiters.len() != 1 {
		t.Errorf("Waiting() = %d, wait list %d; want 1 and 1", s.Waiting(), s.waiters.len())
	}
}

// tryAcquireN calls TryAcquire n times and counts the permits it got.
func tryAcquireN(s *Semaphore, n int) int {
	got := 0
	for range n {
		if s.TryAcquire() {
			got++
		}
	}
	return got
}
