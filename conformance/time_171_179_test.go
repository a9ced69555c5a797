package conformance_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// pyResults is Python's repr of a list of results where None, str and exceptions
// (shown with vt.err, as str) mix: each entry is nil for None, else its text.
func pyResults(xs []*string) string {
	var b []string
	for _, x := range xs {
		if x == nil {
			b = append(b, "None")
		} else {
			b = append(b, "'"+*x+"'")
		}
	}
	return "[" + strings.Join(b, ", ") + "]"
}

func init() {
	register(
		prog{name: "171_sleep_float_sums_same_instant", main: func(o *out, t *sim.Task) error {
			sleeper := func(name string, steps ...float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					for _, s := range steps {
						if err := t.SleepSeconds(s); err != nil {
							return err
						}
					}
					o.say(name, "woke at %s", o.now())
					return nil
				})
			}
			third := 1.0 / 3
			tenths := slices.Repeat([]float64{0.1}, 10)
			if err := sim.Gather(t,
				sleeper("0.1+0.2", 0.1, 0.2),
				sleeper("0.2+0.1", 0.2, 0.1),
				sleeper("0.3", 0.3),
				sleeper("thirds", third, third, third),
				sleeper("ten-tenths", tenths...),
				sleeper("one", 1.0),
				sleeper("0.7+0.3", 0.7, 0.3),
			); err != nil {
				return err
			}
			o.say("main", "now %s", o.now())
			return nil
		}},
		prog{name: "172_sleep_tiny_zero_negative_huge", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			sleep := func(t *sim.Task, name string, s float64) error {
				if err := t.SleepSeconds(s); err != nil {
					return err
				}
				o.say(name, "woke at %s", o.now())
				return nil
			}
			sleeper := func(name string, s float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error { return sleep(t, name, s) })
			}
			e.CallSoon("soon", func() { o.say("soon", "call_soon ran") })
			if err := sim.Gather(t, sleeper("1.5e-9", 1.5e-9), sleeper("1e-10", 1e-10), sleeper("zero", 0),
				sleeper("minus", -5), sleeper("5e-10", 5e-10)); err != nil {
				return err
			}
			if err := sim.Gather(t, sleeper("0.0004", 0.0004), sleeper("0.0005", 0.0005-e.Time())); err != nil {
				return err
			}
			if err := sleep(t, "2.5 days", 2.5*86400); err != nil {
				return err
			}
			return sleep(t, "hour+", 3600.0004)
		}},
		prog{name: "173_timers_mixed_sources_one_instant", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			handles := map[string]*sim.Handle{}
			cb := func(name, victim string) func() {
				return func() {
					o.say(name, "fired")
					if victim != "" {
						handles[victim].Cancel()
						o.say(name, "cancelled %s", victim)
					}
				}
			}
			sleeper := func(name string, delay, pause time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.Sleep(pause); err != nil {
						return err
					}
					if err := t.Sleep(delay); err != nil {
						return err
					}
					o.say(name, "woke")
					return nil
				})
			}
			tasks := []*sim.Task{sleeper("s-early", 2*time.Second, 0)}
			handles["later-1"] = e.CallLater(2*time.Second, "later-1", cb("later-1", "at-2"))
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
			tasks = append(tasks, sleeper("s-mid", time.Second, sec(0.5)))
			handles["at-2"] = e.CallAt(2*time.Second, "at-2", cb("at-2", ""))
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
			handles["later-2"] = e.CallLater(time.Second, "later-2", cb("later-2", "later-1"))
			tasks = append(tasks, sleeper("s-late", time.Second, 0))
			handles["at-2b"] = e.CallAt(2*time.Second, "at-2b", cb("at-2b", ""))
			if err := sim.Gather(t, tasks...); err != nil {
				return err
			}
			if err := t.Sleep(0); err != nil {
				return err
			}
			var names []string
			for n, h := range handles {
				if h.Cancelled() {
					names = append(names, n)
				}
			}
			slices.Sort(names)
			o.say("main", "cancelled: %s", pyStrs(names))
			return nil
		}},
		prog{name: "174_block_with_soon_timers_and_job", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			pool := sim.NewExecutor(e, "pool", 1)
			sleeper := func(name string, s float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.SleepSeconds(s); err != nil {
						return err
					}
					o.say(name, "woke at %s", o.now())
					return nil
				})
			}
			ts := []*sim.Task{sleeper("half", 0.5), t.Spawn("offload", func(t *sim.Task) error {
				v, err := sim.RunInExecutor(pool, "soup", sec(0.6), "soup", nil).Wait(t)
				if err != nil {
					return err
				}
				o.say("offload", "got %s", v)
				return nil
			}), sleeper("one", 1), t.Spawn("blocker", func(t *sim.Task) error {
				e.CallSoon("soon", func() { o.say("soon", "queued before the block") })
				o.say("blocker", "blocking 1 s")
				t.Block(time.Second)
				o.say("blocker", "unblocked")
				e.CallSoon("soon", func() { o.say("soon", "queued after the block") })
				if err := t.Sleep(0); err != nil {
					return err
				}
				o.say("blocker", "after sleep(0)")
				return nil
			}), sleeper("after", 1.25)}
			e.CallLaterSeconds(0.7, "later", func() { o.say("later", "call_later(0.7) fired") })
			return sim.Gather(t, ts...)
		}},
		prog{name: "176_executor_float_durations_three_workers", main: func(o *out, t *sim.Task) error {
			pool := sim.NewExecutor(t.Engine(), "pool", 3)
			var ts []*sim.Task
			var bs []*sim.TaskOf[string]
			for i, s := range []float64{0.1, 0.2, 0.3, 0.2, 0.1, 0.1, 0.3, 0.4} {
				name := fmt.Sprint("j", i)
				b := sim.SpawnValue(t, name, func(t *sim.Task) (string, error) {
					v, err := sim.RunInExecutor(pool, name, sec(s), name, nil).Wait(t)
					if err != nil {
						return "", err
					}
					o.say(name, "done at %s", o.now())
					return v, nil
				})
				bs, ts = append(bs, b), append(ts, b.Task)
			}
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			var order []string
			for _, b := range bs {
				v, _, _ := b.Result()
				order = append(order, v)
			}
			o.say("main", "gather order %s", pyStrs(order))
			return nil
		}},
		prog{name: "177_executor_to_thread_cancel_default_pool", main: func(o *out, t *sim.Task) error {
			var ts []*sim.Task
			for i, s := range []float64{1, 3, 1, 2, 1, 1} {
				name := fmt.Sprint("t", i)
				ts = append(ts, t.Spawn(name, func(t *sim.Task) error {
					v, err := sim.ToThread(t, name, sec(s), name, nil)
					if errors.Is(err, sim.ErrCancelled) {
						o.say(name, "cancelled")
						return err
					} else if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				}))
			}
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
			ts[1].Cancel()
			ts[4].Cancel()
			errs, err := sim.GatherErrors(t, ts...)
			if err != nil {
				return err
			}
			var rs []*string
			for _, r := range errs {
				if r == nil {
					rs = append(rs, nil)
				} else {
					s := excName(r)
					rs = append(rs, &s)
				}
			}
			o.say("main", "%s", pyResults(rs))
			return nil
		}},
		prog{name: "178_executor_wait_for_timeout_worker_busy", main: func(o *out, t *sim.Task) error {
			pool := sim.NewExecutor(t.Engine(), "pool", 1)
			slow := sim.RunInExecutor(pool, "slow", 2*time.Second, "slow", nil)
			if err := sim.WaitFor(t, time.Second, slow.Await); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "timed out, slow cancelled=%s", pyBool(slow.Cancelled()))
			} else if err != nil {
				return err
			}
			v, err := sim.RunInExecutor(pool, "next", sec(0.5), "next", nil).Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "got %s", v)
			shielded := sim.RunInExecutor(pool, "kept", time.Second, "kept", nil)
			if err := sim.WaitFor(t, sec(0.5), func(t *sim.Task) error { return sim.Shield(t, shielded) }); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "shielded wait timed out")
			} else if err != nil {
				return err
			}
			v, err = shielded.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "then got %s", v)
			return nil
		}},
		prog{name: "179_executor_errors_gather_return_exceptions", main: func(o *out, t *sim.Task) error {
			pool := sim.NewExecutor(t.Engine(), "pool", 2)
			fs := []*sim.Future[string]{
				sim.RunInExecutor(pool, "a", time.Second, "a", nil),
				sim.RunInExecutor(pool, "b", sec(0.5), "", raise("ValueError", "bad beans")),
				sim.RunInExecutor(pool, "c", sec(0.25), "c", nil),
				sim.RunInExecutor(pool, "d", sec(0.5), "", raise("OSError", "no water")),
			}
			var aws []sim.Awaitable
			for _, f := range fs {
				aws = append(aws, f)
			}
			errs, err := sim.NewGather(t, true, aws...).Wait(t)
			if err != nil {
				return err
			}
			var rs []*string
			for i, r := range errs {
				s, _, _ := fs[i].Result()
				if r != nil {
					s = excName(r)
				}
				rs = append(rs, &s)
			}
			o.say("main", "%s", pyResults(rs))
			slow := sim.RunInExecutor(pool, "slow", time.Second, "slow", nil)
			bad := sim.RunInExecutor(pool, "bad", sec(0.5), "", raise("KeyError", "'milk'"))
			if _, err := sim.NewGather(t, false, slow, bad).Wait(t); err != nil {
				var pe *pyErr
				if !errors.As(err, &pe) {
					return err
				}
				o.say("main", "gather raised %s", errName(err))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
	)
}
