package conformance_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	register(
		prog{name: "084_executor_two_workers", main: func(o *out, t *sim.Task) error {
			pool := sim.NewExecutor(t.Engine(), "pool", 2)
			brew := func(name string, s int) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					o.say(name, "submitted")
					v, err := sim.RunInExecutor(pool, name, time.Duration(s)*time.Second, name+"-cup", nil).Wait(t)
					if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				})
			}
			if err := sim.Gather(t, brew("a", 3), brew("b", 1), brew("c", 1), brew("d", 2)); err != nil {
				return err
			}
			o.say("main", "all brewed")
			return nil
		}},
		prog{name: "085_executor_cancel_queued_and_running", main: func(o *out, t *sim.Task) error {
			pool := sim.NewExecutor(t.Engine(), "pool", 1)
			running := sim.RunInExecutor(pool, "running", 2*time.Second, "running", nil)
			queued := sim.RunInExecutor(pool, "queued", time.Second, "queued", nil)
			after := sim.RunInExecutor(pool, "after", time.Second, "after", nil)
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "cancel running -> %s, cancel queued -> %s", pyBool(running.Cancel()), pyBool(queued.Cancel()))
			v, err := after.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "after -> %s (worker freed at 2 s, queued job skipped)", v)
			return nil
		}},
		prog{name: "086_executor_to_thread_and_errors", main: func(o *out, t *sim.Task) error {
			started := t.Engine().Time()
			var jobs []*sim.TaskOf[string]
			var ts []*sim.Task
			for i := range 5 {
				j := sim.SpawnValue(t, fmt.Sprint("to_thread-", i), func(t *sim.Task) (string, error) {
					return sim.ToThread(t, fmt.Sprint("r", i), sec(1+float64(i)*0.5), fmt.Sprint("r", i), nil)
				})
				jobs = append(jobs, j)
				ts = append(ts, j.Task)
			}
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			var rs []string
			for _, j := range jobs {
				v, _, _ := j.Result()
				rs = append(rs, v)
			}
			o.say("main", "results %s after %s s", strings.Join(rs, " "), pyFloat(t.Engine().Time()-started))
			if _, err := sim.ToThread(t, "grinder", sec(0.25), "", raise("OSError", "grinder jammed")); err != nil {
				var pe *pyErr
				if !errors.As(err, &pe) {
					return err
				}
				o.say("main", "to_thread raised %s", errName(err))
			}
			return nil
		}},
		prog{name: "087_executor_block_and_timers", main: func(o *out, t *sim.Task) error {
			pool := sim.NewExecutor(t.Engine(), "pool", 1)
			w := t.Spawn("waiter", func(t *sim.Task) error {
				v, err := sim.RunInExecutor(pool, "espresso", time.Second, "espresso", nil).Wait(t)
				if err != nil {
					return err
				}
				o.say("waiter", "got %s", v)
				return nil
			})
			s := t.Spawn("sleeper", func(t *sim.Task) error {
				if err := t.Sleep(sec(0.5)); err != nil {
					return err
				}
				o.say("sleeper", "woke")
				return nil
			})
			if err := t.Sleep(sec(0.25)); err != nil {
				return err
			}
			o.say("main", "blocking for 2 s")
			t.Block(2 * time.Second)
			o.say("main", "unblocked")
			return sim.Gather(t, w, s)
		}},
		prog{name: "088_executor_job_ends_with_timer", main: func(o *out, t *sim.Task) error {
			pool := sim.NewExecutor(t.Engine(), "pool", 1)
			offload := func(name string, d time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					v, err := sim.RunInExecutor(pool, name, d, name+"-done", nil).Wait(t)
					if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				})
			}
			sleeper := func(name string, d time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						return err
					}
					o.say(name, "woke")
					return nil
				})
			}
			if err := sim.Gather(t, sleeper("timer-1s", time.Second), offload("job-1s", time.Second), offload("job-0s", 0), sleeper("timer-1s-b", time.Second)); err != nil {
				return err
			}
			return sim.Gather(t, offload("instant", 0), sleeper("zero", 0))
		}},
		prog{name: "089_executor_default_pool", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			batch := func(label string) error {
				start := e.Time()
				var fs []*sim.Future[int]
				var aws []sim.Awaitable
				for i := range 6 {
					f := sim.RunInExecutor(e.DefaultExecutor(), fmt.Sprint("job-", i), time.Second, i, nil)
					fs, aws = append(fs, f), append(aws, f)
				}
				if _, err := sim.NewGather(t, false, aws...).Wait(t); err != nil {
					return err
				}
				sum := 0
				for _, f := range fs {
					v, _, _ := f.Result()
					sum += v
				}
				o.say("main", "%s: %d after %s s", label, sum, pyFloat(e.Time()-start))
				return nil
			}
			if err := batch("default pool"); err != nil {
				return err
			}
			e.SetDefaultExecutor(sim.NewExecutor(e, "one", 1))
			return batch("one worker")
		}},
	)
}
