package sim

import (
	"testing"
	"time"
)

// The classic asyncio examples, with the output (and timing) asyncio gives.

// said projects the say events as "time name: text".
func said(rec *Recorder) []string {
	var out []string
	for _, ev := range rec.Events {
		if ev.Kind == KindSay {
			out = append(out, ev.Time.String()+" "+ev.Name+": "+ev.Detail)
		}
	}
	return out
}

// async def count():
//
//	print("One"); await asyncio.sleep(1); print("Two")
//
// async def main(): await asyncio.gather(count(), count(), count())
func TestAsyncioCount(t *testing.T) {
	e, rec := newTestEngine(t)
	count := func(t *Task) error {
		t.Say("One")
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		t.Say("Two")
		return nil
	}
	var end time.Duration
	e.Spawn("main", func(t *Task) error {
		err := Gather(t, t.Spawn("count", count), t.Spawn("count", count), t.Spawn("count", count))
		end = t.Now()
		return err
	})
	mustRun(t, e)
	checkLines(t, "output", said(rec), []string{
		"0s count: One", "0s count: One", "0s count: One",
		"1s count: Two", "1s count: Two", "1s count: Two",
	})
	if end != time.Second {
		t.Errorf("main finished at %v, want 1s", end)
	}
}

// hello(n) sleeps n seconds and prints; world() sleeps 2 seconds. Gathered they
// take as long as the longest (3s); awaited one after the other, the sum (6s).
func TestAsyncioGatherVersusSequential(t *testing.T) {
	hello := func(n int) Func {
		return func(t *Task) error {
			if err := t.Sleep(time.Duration(n) * time.Second); err != nil {
				return err
			}
			t.Say("hello " + string(rune('0'+n)))
			return nil
		}
	}
	world := func(t *Task) error {
		if err := t.Sleep(2 * time.Second); err != nil {
			return err
		}
		t.Say("world")
		return nil
	}
	tests := []struct {
		name string
		main Func
		want []string
		end  time.Duration
	}{
		{"gather", func(t *Task) error {
			return Gather(t, t.Spawn("hello", hello(1)), t.Spawn("world", world), t.Spawn("hello", hello(3)))
		}, []string{"1s hello: hello 1", "2s world: world", "3s hello: hello 3"}, 3 * time.Second},
		{"sequential awaits", func(t *Task) error {
			for _, fn := range []Func{hello(1), world, hello(3)} {
				if err := fn(t); err != nil {
					return err
				}
			}
			return nil
		}, []string{"1s main: hello 1", "3s main: world", "6s main: hello 3"}, 6 * time.Second},
		{"tasks created, then awaited in turn", func(t *Task) error {
			ts := []*Task{t.Spawn("hello", hello(1)), t.Spawn("world", world), t.Spawn("hello", hello(3))}
			for _, c := range ts {
				if err := c.Wait(t); err != nil {
					return err
				}
			}
			return nil
		}, []string{"1s hello: hello 1", "2s world: world", "3s hello: hello 3"}, 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, rec := newTestEngine(t)
			var end time.Duration
			e.Spawn("main", func(t *Task) error {
				err := tt.main(t)
				end = t.Now()
				return err
			})
			mustRun(t, e)
			checkLines(t, "output", said(rec), tt.want)
			if end != tt.end {
				t.Errorf("main finished at %v, want %v", end, tt.end)
			}
		})
	}
}

// A blocking call (time.sleep inside a coroutine) stops every other task: a task
// due to wake at 1s wakes at 2s, late by 1s, and the run takes the sum.
func TestAsyncioBlockingCallDelaysOthers(t *testing.T) {
	tests := []struct {
		name     string
		blocking bool
		want     []string
	}{
		{"await asyncio.sleep", false, []string{"0s ticker: tick", "1s ticker: tick", "2s sleeper: done", "2s ticker: tick", "3s ticker: tick"}},
		{"time.sleep", true, []string{"0s ticker: tick", "2s sleeper: done", "2s ticker: tick", "3s ticker: tick", "4s ticker: tick"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, rec := newTestEngine(t)
			e.Spawn("ticker", func(t *Task) error {
				for range 4 {
					t.Say("tick")
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
				}
				return nil
			})
			e.Spawn("sleeper", func(t *Task) error {
				if tt.blocking {
					t.Block(2 * time.Second)
				} else if err := t.Sleep(2 * time.Second); err != nil {
					return err
				}
				t.Say("done")
				return nil
			})
			mustRun(t, e)
			checkLines(t, "output", said(rec), tt.want)
			late := kinds(rec, KindWake)
			if tt.blocking && late[0] != "wake ticker@2s (late 1s)" {
				t.Errorf("first wake = %q, want it 1s late", late[0])
			}
		})
	}
}
