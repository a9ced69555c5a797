package conformance_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// cp2DefaultWorkers is vtloop.DEFAULT_WORKERS, the default executor's size:
// run_in_executor(None, ...) and to_thread use a pool of that many workers.
const cp2DefaultWorkers = 4

func init() {
	cp2Register(
		prog{name: "084_executor_two_workers", main: func(o *out, t *sim.Task) error {
			brew := func(name string, pool *sim.Executor, seconds float64) sim.Func {
				return func(t *sim.Task) error {
					o.say(name, "submitted")
					value, err := sim.RunInExecutor(pool, name, sec(seconds), name+"-cup", nil).Wait(t)
					if err != nil {
						return err
					}
					o.say(name, "got %s", value)
					return nil
				}
			}
			pool := sim.NewExecutor(t.Engine(), "pool", 2)
			if err := sim.Gather(t, t.Spawn("a", brew("a", pool, 3)), t.Spawn("b", brew("b", pool, 1)),
				t.Spawn("c", brew("c", pool, 1)), t.Spawn("d", brew("d", pool, 2))); err != nil {
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
			rc := running.Cancel()
			qc := queued.Cancel()
			o.say("main", "cancel running -> %s, cancel queued -> %s", pyBool(rc), pyBool(qc))
			value, err := after.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "after -> %s (worker freed at 2 s, queued job skipped)", value)
			return nil
		}},
		prog{name: "086_executor_to_thread_and_errors", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			pool := sim.NewExecutor(e, "default", cp2DefaultWorkers)
			// to_thread is a coroutine: gather makes each one a task, whose first
			// step submits the job.
			toThread := func(seconds float64, result string, fail error) func(t *sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					return sim.RunInExecutor(pool, "to_thread", sec(seconds), result, fail).Wait(t)
				}
			}
			started := e.Time()
			var jobs []*sim.TaskOf[string]
			var tasks []*sim.Task
			for i := range 5 {
				j := sim.SpawnValue(t, fmt.Sprint("to_thread-", i), toThread(1+float64(i)*0.5, fmt.Sprint("r", i), nil))
				jobs = append(jobs, j)
				tasks = append(tasks, j.Task)
			}
			if err := sim.Gather(t, tasks...); err != nil {
				return err
			}
			var results []string
			for _, j := range jobs {
				v, _, _ := j.Result()
				results = append(results, v)
			}
			o.say("main", "results %s after %s s", strings.Join(results, " "), pyFloat(e.Time()-started))
			if _, err := toThread(0.25, "", raise("OSError", "grinder jammed"))(t); cp2Is(err, "OSError") {
				o.say("main", "to_thread raised %s", errName(err))
			} else if err != nil {
				return err
			}
			return nil
		}},
		prog{name: "087_executor_block_and_timers", main: func(o *out, t *sim.Task) error {
			waiter := func(pool *sim.Executor) sim.Func {
				return func(t *sim.Task) error {
					value, err := sim.RunInExecutor(pool, "espresso", time.Second, "espresso", nil).Wait(t)
					if err != nil {
						return err
					}
					o.say("waiter", "got %s", value)
					return nil
				}
			}
			sleeper := func(t *sim.Task) error {
				if err := t.Sleep(sec(0.5)); err != nil {
					return err
				}
				o.say("sleeper", "woke")
				return nil
			}
			pool := sim.NewExecutor(t.Engine(), "pool", 1)
			tasks := []*sim.Task{t.Spawn("waiter", waiter(pool)), t.Spawn("sleeper", sleeper)}
			if err := t.Sleep(sec(0.25)); err != nil {
				return err
			}
			o.say("main", "blocking for 2 s")
			t.Block(2 * time.Second)
			o.say("main", "unblocked")
			return sim.Gather(t, tasks...)
		}},
		prog{name: "088_executor_job_ends_with_timer", main: func(o *out, t *sim.Task) error {
			offload := func(name string, pool *sim.Executor, seconds float64) sim.Func {
				return func(t *sim.Task) error {
					v, err := sim.RunInExecutor(pool, name, sec(seconds), name+"-done", nil).Wait(t)
					if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				}
			}
			sleeper := func(name string, seconds float64) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(sec(seconds)); err != nil {
						return err
					}
					o.say(name, "woke")
					return nil
				}
			}
			pool := sim.NewExecutor(t.Engine(), "pool", 1)
			if err := sim.Gather(t, t.Spawn("timer-1s", sleeper("timer-1s", 1)), t.Spawn("job-1s", offload("job-1s", pool, 1)),
				t.Spawn("job-0s", offload("job-0s", pool, 0)), t.Spawn("timer-1s-b", sleeper("timer-1s-b", 1))); err != nil {
				return err
			}
			return sim.Gather(t, t.Spawn("instant", offload("instant", pool, 0)), t.Spawn("zero", sleeper("zero", 0)))
		}},
		prog{name: "089_executor_default_pool", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			batch := func(label string, pool *sim.Executor) error {
				start := e.Time()
				var jobs []sim.Awaitable
				var futs []*sim.Future[int]
				for i := range 6 {
					f := sim.RunInExecutor(pool, fmt.Sprint("job-", i), time.Second, i, nil)
					futs = append(futs, f)
					jobs = append(jobs, f)
				}
				// gather of futures: sim's Gather takes tasks; Wait(ALL_COMPLETED)
				// is the same one done-callback per future, the last completing the
				// outer future.
				if _, _, err := sim.Wait(t, jobs, sim.AllCompleted, sim.NoTimeout); err != nil {
					return err
				}
				sum := 0
				for _, f := range futs {
					v, err, _ := f.Result()
					if err != nil {
						return err
					}
					sum += v
				}
				o.say("main", "%s: %d after %s s", label, sum, pyFloat(e.Time()-start))
				return nil
			}
			if err := batch("default pool", sim.NewExecutor(e, "default", cp2DefaultWorkers)); err != nil {
				return err
			}
			return batch("one worker", sim.NewExecutor(e, "default", 1))
		}},
	)
}
