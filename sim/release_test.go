package sim

import (
	"errors"
	"testing"
	"time"
)

// A released task that ends done gives its storage to the next spawn, so a steady
// stream of released tasks allocates nothing; the reused task is a new task (new
// id, name, state), and the trace is the same as without Release.
func TestReleaseReusesStorage(t *testing.T) {
	run := func(release bool) ([]string, []*Task) {
		e, rec := newTestEngine(t)
		var spawned []*Task
		e.Spawn("main", func(t *Task) error {
			for i := range 4 {
				c := t.SpawnN("child", i, func(t *Task) error { return t.Sleep(time.Second) })
				if release {
					c.Release()
				}
				spawned = append(spawned, c)
				if err := t.Sleep(2 * time.Second); err != nil {
					return err
				}
			}
			return nil
		})
		mustRun(t, e)
		return rec.Lines(), spawned
	}
	plain, fresh := run(false)
	released, reused := run(true)
	checkLines(t, "trace with Release", released, plain)
	if fresh[0] == fresh[1] {
		t.Fatalf("without Release, two tasks share storage")
	}
	for i := 1; i < len(reused); i++ {
		if reused[i] != reused[0] {
			t.Errorf("released child %d got new storage; want the storage of child 0, which had ended", i)
		}
	}
	if got := reused[0].Name(); got != "child-3" {
		t.Errorf("the reused storage is named %q, want the last task's name child-3", got)
	}
}

// Once warm, spawning released tasks that sleep and end allocates nothing.
func TestReleaseAllocatesNothing(t *testing.T) {
	e := New() // no tracer: a recorder's growing list would allocate
	t.Cleanup(e.Close)
	body := func(t *Task) error { return t.Sleep(time.Second) }
	e.Spawn("main", func(t *Task) error {
		for {
			t.Spawn("child", body).Release()
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
		}
	})
	now := time.Minute
	if err := e.RunUntil(now); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(10, func() {
		now += time.Minute
		if err := e.RunUntil(now); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 0 { // 30 children a minute
		t.Errorf("%.1f allocations per virtual minute (30 released children), want 0", allocs)
	}
}

// A released task is reused only when nothing can still see it: one awaited by
// another task, one that failed (Run reports it) and one cancelled keep their
// storage, and their outcome stays readable.
func TestReleaseKeepsTasksStillSeen(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name  string
		body  Func
		await bool
		want  error
	}{
		{"awaited", func(t *Task) error { return t.Sleep(time.Second) }, true, nil},
		{"failed", func(t *Task) error { _ = t.Sleep(time.Second); return boom }, false, boom},
		{"cancelled", func(t *Task) error { t.Cancel(); return t.Sleep(time.Second) }, false, ErrCancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newTestEngine(t)
			var first, second *Task
			var waited error
			e.Spawn("main", func(t *Task) error {
				first = t.Spawn("first", tt.body)
				first.Release()
				if tt.await {
					waited = first.Wait(t)
				} else if err := t.Sleep(2 * time.Second); err != nil {
					return err
				}
				second = t.Spawn("second", func(t *Task) error { return nil })
				second.Release()
				return nil
			})
			err := e.RunUntilIdle()
			if tt.name == "failed" {
				if !errors.Is(err, boom) {
					t.Errorf("RunUntilIdle = %v, want the released task's failure", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if second == nil || first == second {
				t.Fatalf("the second task reused the storage of the first (%s)", tt.name)
			}
			if got := first.Err(); !errors.Is(got, tt.want) || (tt.want == nil) != (got == nil) {
				t.Errorf("first.Err() = %v, want %v", got, tt.want)
			}
			if first.Name() != "first" || waited != nil {
				t.Errorf("first is named %q and Wait gave %v, want first and nil", first.Name(), waited)
			}
		})
	}
}
