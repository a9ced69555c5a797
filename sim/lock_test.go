package sim

import (
	"testing"
	"time"
)

func TestLockFIFOAndOwner(t *testing.T) {
	e, rec := newTestEngine(t)
	var l log
	lk := NewLock(e, "till")
	var owners []string
	body := func(t *Task) error {
		if err := lk.Acquire(t); err != nil {
			return err
		}
		l.add(t, "locked")
		owners = append(owners, lk.Owner().Name())
		defer lk.Release(t)
		return t.Sleep(time.Second)
	}
	for i := range 3 {
		e.SpawnN("c", i, body)
	}
	var waiting []int
	e.After(500*time.Millisecond, func() { waiting = append(waiting, lk.Waiting()) })
	mustRun(t, e)
	l.check(t, "locked c-0@0s", "locked c-1@1s", "locked c-2@2s")
	if len(waiting) != 1 || waiting[0] != 2 {
		t.Errorf("Waiting() at 0.5s = %v, want 2", waiting)
	}
	if lk.Locked() || lk.Owner() != nil || lk.Name() != "till" {
		t.Errorf("after run: Locked() = %v, Owner() = %v, Name() = %q", lk.Locked(), lk.Owner(), lk.Name())
	}
	checkLines(t, "owners", owners, []string{"c-0", "c-1", "c-2"})
	checkLines(t, "trace", kinds(rec, KindAcquire, KindRelease, KindWait)[:4], []string{
		"acquire c-0@0s till (1/1 held)",
		"wait c-1@0s till",
		"wait c-2@0s till",
		"release c-0@1s till (0/1 held)",
	})
}

// asyncio.Lock has no owner: another task may release it, and the holder
// acquiring it again waits (here until that other task releases it).
func TestLockReleasedByAnotherTask(test *testing.T) {
	e, _ := newTestEngine(test)
	var l log
	lk := NewLock(e, "l")
	holder := e.Spawn("holder", func(t *Task) error {
		if err := lk.Acquire(t); err != nil {
			return err
		}
		l.add(t, "locked")
		if err := lk.Acquire(t); err != nil {
			return err
		}
		l.add(t, "locked again")
		return nil
	})
	e.Spawn("other", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		lk.Release(t)
		l.add(t, "released")
		return nil
	})
	mustRun(test, e)
	l.check(test, "locked holder@0s", "released other@1s", "locked again holder@1s")
	lk.Release(holder)
	wantPanic(test, "released by holder while not acquired", func() { lk.Release(holder) })
}

func TestLockCancelWhileQueued(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	lk := NewLock(e, "l")
	body := func(t *Task) error {
		if err := lk.Acquire(t); err != nil {
			l.add(t, "acquire: "+err.Error())
			return err
		}
		l.add(t, "locked")
		defer lk.Release(t)
		return t.Sleep(time.Second)
	}
	e.Spawn("a", body)
	b := e.Spawn("b", body)
	e.Spawn("c", body)
	e.After(500*time.Millisecond, func() { b.Cancel() })
	mustRun(t, e)
	l.check(t, "locked a@0s", "acquire: sim: cancelled b@500ms", "locked c@1s")
}
