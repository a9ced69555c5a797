package sim

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The machine tests run one mprogram twice, once with every task written as a
// Func (sequential code on a coroutine) and once written as a Machine (a state
// machine stepped by the loop), and require the same trace, byte for byte, the
// same results and the same task states. The programs are random, so the
// interleavings of sleeps, flags, queues, semaphores, blocking calls, executor
// jobs, timeouts, cancellations and failures are many.

type mopKind uint8

const (
	mSleep   mopKind = iota
	mWait            // wait for a flag
	mTimeout         // wait for a flag with a deadline (WaitFor / StartTimeout)
	mSet             // set a flag
	mClear           // clear a flag
	mCancel          // cancel another task
	mFail            // return an error
	mPanic           // panic
	mGet             // get from the queue
	mPut             // put on the (unbounded) queue
	mAcquire         // acquire the semaphore (a timeout guards it when i is 1)
	mRelease         // release the semaphore
	mBlock           // freeze the loop for d
	mExec            // run a job of d on the executor
	numMops
)

type mop struct {
	kind mopKind
	d    time.Duration
	i    int  // flag or task index
	stop bool // return the await's error instead of going on
}

func (o mop) String() string {
	return fmt.Sprintf("%d/%v/%d/%v", o.kind, o.d, o.i, o.stop)
}

// world is what the tasks of one mprogram share.
type world struct {
	flags []*Flag
	tasks []*Task
	queue *Queue[int]
	sem   *Semaphore
	exec  *Executor
	puts  int
}

// after logs an await's result (and, after a sleep, its wake times) and says
// whether the task ends with it.
func (w *world) after(t *Task, o mop, err error) error {
	s, a := t.LastWake()
	t.Say(fmt.Sprintf("%v -> %v (wake %v/%v)", o, err, s, a))
	if err != nil && o.stop {
		return err
	}
	return nil
}

// do runs the ops that never suspend.
func (w *world) do(t *Task, o mop) error {
	switch o.kind {
	case mSet:
		w.flags[o.i].Set()
	case mClear:
		w.flags[o.i].Clear()
	case mCancel:
		if x := w.tasks[o.i]; x != nil {
			x.Cancel()
		}
	case mPut:
		w.puts++
		if err := w.queue.Put(t, w.puts); err != nil {
			return err
		}
	case mRelease:
		w.sem.Release()
	case mFail:
		return errors.New("failed on purpose")
	case mPanic:
		panic("on purpose")
	}
	return nil
}

// funcBody is the mprogram of one task as sequential code.
func (w *world) funcBody(ops []mop) Func {
	return func(t *Task) error {
		for _, o := range ops {
			var err error
			switch o.kind {
			case mSleep:
				err = t.Sleep(o.d)
			case mWait:
				err = w.flags[o.i].Wait(t)
			case mTimeout:
				err = WaitFor(t, o.d, w.flags[o.i].Wait)
			case mGet:
				var v int
				v, err = w.queue.Get(t)
				t.Say(fmt.Sprint("got ", v))
			case mAcquire:
				if o.i == 1 {
					err = WaitFor(t, o.d, w.sem.Acquire)
				} else {
					err = w.sem.Acquire(t)
				}
			case mBlock:
				t.Block(o.d)
			case mExec:
				err = w.exec.Run(t, "job", o.d)
			default:
				if err := w.do(t, o); err != nil {
					return err
				}
				continue
			}
			if err := w.after(t, o, err); err != nil {
				return err
			}
		}
		return nil
	}
}

// opMachine is the same mprogram as a state machine.
type opMachine struct {
	w       *world
	ops     []mop
	pc      int // the next op; ops[pc-1] is the await in progress, if any
	to      *Timeout
	pending bool // the await of ops[pc-1] returned ErrPending
}

func (m *opMachine) Resume(t *Task, awaited error) error {
	if m.pc > 0 {
		if err := m.finish(t, awaited); err != nil {
			return err // ErrPending: a Get whose item was taken waits again
		}
	}
	for m.pc < len(m.ops) {
		o := m.ops[m.pc]
		m.pc++
		var err error
		switch o.kind {
		case mSleep:
			err = t.StartSleep(o.d)
		case mWait:
			err = m.w.flags[o.i].StartWait(t)
		case mTimeout:
			m.to, err = t.StartTimeout(o.d)
			if err == nil {
				err = m.w.flags[o.i].StartWait(t)
			}
		case mGet:
			var v int
			if v, err = m.w.queue.StartGet(t); err != ErrPending {
				t.Say(fmt.Sprint("got ", v))
			}
		case mAcquire:
			if o.i == 1 {
				m.to, err = t.StartTimeout(o.d)
			}
			if err == nil {
				err = m.w.sem.StartAcquire(t)
			}
		case mBlock:
			err = t.StartBlock(o.d)
		case mExec:
			err = m.w.exec.StartRun(t, "job", o.d)
		default:
			if err := m.w.do(t, o); err != nil {
				return err
			}
			continue
		}
		if m.pending = err == ErrPending; m.pending {
			return ErrPending
		}
		if err := m.finish(t, err); err != nil {
			return err
		}
	}
	return nil
}

// finish completes the await of ops[pc-1] with its result.
func (m *opMachine) finish(t *Task, err error) error {
	o := m.ops[m.pc-1]
	if m.pending {
		m.pending = false
		switch o.kind {
		case mGet:
			var v int
			if v, err = m.w.queue.FinishGet(t, err); err == ErrPending {
				m.pending = true
				return err // another task took the item first: wait again
			}
			t.Say(fmt.Sprint("got ", v))
		case mAcquire:
			err = m.w.sem.FinishAcquire(t, err)
		}
	}
	if m.to != nil {
		err = m.to.Stop(err)
		m.to = nil
	}
	return m.w.after(t, o, err)
}

// mprogram is a random set of tasks, a blocker that freezes the loop now and
// then (so wakes can be late), and when to cancel tasks from outside.
type mprogram struct {
	tasks   [][]mop
	starts  []time.Duration // when each task is spawned (by the driver's callback)
	blocks  []time.Duration // the blocker's sleep/block lengths, alternating
	cancels []time.Duration // an outside cancel of task i%n at each time
}

func randomMachineProgram(r *rand.Rand) mprogram {
	var p mprogram
	n := 1 + r.IntN(4)
	dur := func() time.Duration { return time.Duration(r.IntN(4)) * time.Second / 2 }
	for range n {
		ops := make([]mop, 1+r.IntN(8))
		for k := range ops {
			o := mop{kind: mopKind(r.IntN(int(numMops))), d: dur(), i: r.IntN(3), stop: r.IntN(3) == 0}
			if o.d == 0 {
				// WaitFor(0) runs its body as a task of its own, as wait_for does;
				// machines have no such form.
				o.d = time.Second / 2
			}
			switch o.kind {
			case mCancel:
				o.i = r.IntN(n)
			case mFail, mPanic:
				if r.IntN(3) > 0 { // rarer than the awaits
					o.kind = mSleep
				}
			}
			ops[k] = o
		}
		p.tasks = append(p.tasks, ops)
		p.starts = append(p.starts, time.Duration(r.IntN(3))*time.Second/2)
	}
	for range r.IntN(4) {
		p.blocks = append(p.blocks, dur(), dur())
	}
	for range r.IntN(3) {
		p.cancels = append(p.cancels, dur()*2)
	}
	return p
}

// run runs p, with the tasks for which machine(i) is true written as machines,
// and returns everything observable: the trace, Run's error, the final states.
// stepped drives the loop with Step and small RunSteps budgets instead of Run,
// and records what each call reports, the current and the last-run task.
func (p mprogram) run(machine func(i int) bool, stepped bool) string {
	var b strings.Builder
	rec := &Recorder{}
	e := New(WithTracer(rec))
	defer e.Close()
	w := &world{tasks: make([]*Task, len(p.tasks))}
	w.queue = NewQueue[int](e, "queue", 0)
	w.sem = NewSemaphore(e, "sem", 2)
	w.exec = NewExecutor(e, "exec", 2)
	for i := range 3 {
		w.flags = append(w.flags, NewFlag(e, fmt.Sprintf("flag-%d", i)))
	}
	for i, ops := range p.tasks {
		e.After(p.starts[i], func() {
			if machine(i) {
				w.tasks[i] = e.SpawnMachine(fmt.Sprintf("task-%d", i), &opMachine{w: w, ops: ops})
			} else {
				w.tasks[i] = e.Spawn(fmt.Sprintf("task-%d", i), w.funcBody(ops))
			}
		})
	}
	e.Spawn("blocker", func(t *Task) error {
		for k := 0; k+1 < len(p.blocks); k += 2 {
			if err := t.Sleep(p.blocks[k]); err != nil {
				return err
			}
			t.Block(p.blocks[k+1])
		}
		return nil
	})
	for k, at := range p.cancels {
		e.After(at, func() {
			if t := w.tasks[k%len(w.tasks)]; t != nil {
				t.Cancel()
			}
		})
	}
	var err error
	if stepped {
		id := func(t *Task) int {
			if t == nil {
				return 0
			}
			return t.ID()
		}
		for i := 0; ; i++ {
			if i%3 == 0 {
				reached, err := e.RunSteps(e.Now()+time.Duration(i%4)*time.Second/4, 1+i%3)
				fmt.Fprintf(&b, "runsteps %v %v %v %d %d\n", reached, err, e.Now(), id(e.Current()), id(e.LastRan()))
				continue
			}
			r, err := e.Step()
			if !r.OK {
				break
			}
			fmt.Fprintf(&b, "step %s %d %v %v %d %d\n", r.What, id(r.Task), r.Time, err, id(e.Current()), id(e.LastRan()))
		}
	} else {
		err = e.Run()
	}
	for _, ev := range rec.Events {
		fmt.Fprintln(&b, ev)
	}
	fmt.Fprintf(&b, "run: %v\n", err)
	for _, t := range w.tasks {
		if t != nil {
			s, a := t.LastWake()
			fmt.Fprintf(&b, "%s %v %v %v/%v\n", t.Name(), t.State(), t.Err(), s, a)
		}
	}
	return b.String()
}

func TestMachineSameAsFunc(t *testing.T) {
	for seed := range uint64(600) {
		r := rand.New(rand.NewPCG(seed, 7))
		p := randomMachineProgram(r)
		stepped := seed%2 == 1 // every other program is driven step by step
		want := p.run(func(int) bool { return false }, stepped)
		for k, machine := range []func(int) bool{
			func(int) bool { return true },
			func(i int) bool { return i%2 == 1 },
			func(i int) bool { return i%2 == 0 },
		} {
			if got := p.run(machine, stepped); got != want {
				t.Fatalf("seed %d (stepped %v), machines %s: traces differ\nprogram %v\n%s", seed, stepped, []string{"all", "odd", "even"}[k], p, firstDiff(got, want))
			}
		}
	}
}

// firstDiff shows where two multi-line outputs part.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, a, b)
		}
	}
	return "(equal)"
}

// flagWaiter is a machine that waits for a flag, with a deadline if d > 0, and
// counts its resumes.
type flagWaiter struct {
	flag    *Flag
	d       time.Duration
	to      *Timeout
	resumes int
}

func (w *flagWaiter) Resume(t *Task, err error) error {
	w.resumes++
	if w.resumes > 1 {
		if w.to != nil {
			err = w.to.Stop(err)
		}
		return err
	}
	if w.d > 0 {
		if w.to, err = t.StartTimeout(w.d); err != nil {
			return err
		}
	}
	return w.flag.StartWait(t)
}

// The storage of an ended task can be zeroed and used for a new one, even while
// a wait list still holds a stale entry of the old task: the new task's parks
// must not match it (with per-task park counts, which restart at zero, the new
// task would be woken through the stale entry, before a task that waited
// earlier).
func TestSpawnMachineAtReusesStorage(t *testing.T) {
	e, rec := newTestEngine(t)
	flag := NewFlag(e, "flag")
	var slot struct{ task Task }
	first := &flagWaiter{flag: flag, d: time.Second}
	second := &flagWaiter{flag: flag}
	e.Spawn("main", func(t *Task) error {
		t.SpawnMachineAt(&slot.task, "waiter", 1, first)
		if err := t.Sleep(2 * time.Second); err != nil { // the first times out at 1s
			return err
		}
		if !slot.task.Done() || !errors.Is(slot.task.Err(), ErrTimeout) {
			return fmt.Errorf("first waiter: done %v, err %v; want ended by its timeout", slot.task.Done(), slot.task.Err())
		}
		slot.task = Task{}
		t.SpawnMachineAt(&slot.task, "waiter", 2, second)
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		flag.Set()
		return t.Sleep(time.Second)
	})
	// Another waiter queues between the stale entry and the new task's: it waited
	// first, so it runs first.
	e.After(1500*time.Millisecond, func() {
		e.Spawn("other", func(t *Task) error { return flag.Wait(t) })
	})
	if err := e.Run(); err != nil {
		t.Fatal(err)
	}
	if second.resumes != 2 || slot.task.State() != StateDone || slot.task.Name() != "waiter-2" {
		t.Errorf("second waiter: %d resumes, state %v, name %s; want 2 resumes, done, waiter-2", second.resumes, slot.task.State(), slot.task.Name())
	}
	if n := flag.Waiting(); n != 0 {
		t.Errorf("flag.Waiting() = %d after the run, want 0", n)
	}
	checkLines(t, "waiter events", kinds(rec, KindWait, KindTimeout, KindRun, KindDone, KindSet, KindFail),
		strings.Split(strings.TrimSpace(`
run main@0s
run waiter-1@0s
wait waiter-1@0s flag
timeout waiter-1@1s (after 1s)
run waiter-1@1s
fail waiter-1@1s (sim: task "waiter-1" failed: sim: timeout)
run other@1.5s
wait other@1.5s flag
run main@2s
run waiter-2@2s
wait waiter-2@2s flag
run main@3s
set main@3s flag
run other@3s
done other@3s
run waiter-2@3s
done waiter-2@3s
run main@4s
done main@4s`), "\n"))
}

func TestSpawnMachineAtRefusesStorageInUse(t *testing.T) {
	e, _ := newTestEngine(t)
	var slot Task
	e.SpawnMachineAt(&slot, "a", 1, &flagWaiter{flag: NewFlag(e, "f")})
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "in use") {
			t.Errorf("spawning into a live task's storage: recover() = %v, want a panic naming it in use", r)
		}
	}()
	e.SpawnMachineAt(&slot, "b", 2, &flagWaiter{})
}

// stepFunc is a machine written as one function of its program counter.
type stepFunc struct {
	pc int
	f  func(t *Task, pc int, awaited error) (next int, err error)
}

func (m *stepFunc) Resume(t *Task, awaited error) error {
	var err error
	m.pc, err = m.f(t, m.pc, awaited)
	return err
}

// A machine that panics with a timeout armed leaves no deadline behind, as
// WaitFor's Func form does not: the trace is the same, and the storage can be
// reused without the old deadline cancelling the new task.
func TestMachinePanicWithTimeoutArmed(t *testing.T) {
	panicky := func() Machine {
		return &stepFunc{f: func(t *Task, pc int, err error) (int, error) {
			if pc == 0 {
				if _, err := t.StartTimeout(2 * time.Second); err != nil {
					return 0, err
				}
				return 1, t.StartSleep(time.Second)
			}
			panic("boom")
		}}
	}
	run := func(machine bool) string {
		e, rec := newTestEngine(t)
		var slot Task
		e.Spawn("main", func(mt *Task) error {
			if machine {
				mt.SpawnMachineAt(&slot, "w", 1, panicky())
			} else {
				mt.SpawnN("w", 1, func(t *Task) error {
					return WaitFor(t, 2*time.Second, func(t *Task) error {
						if err := t.Sleep(time.Second); err != nil {
							return err
						}
						panic("boom")
					})
				})
			}
			if err := mt.Sleep(1500 * time.Millisecond); err != nil {
				return err
			}
			if machine {
				slot.Err() // observed: the storage may be reused
				slot = Task{}
				mt.SpawnMachineAt(&slot, "w", 2, &stepFunc{f: func(t *Task, pc int, err error) (int, error) {
					if pc == 0 {
						return 1, t.StartSleep(5 * time.Second)
					}
					return 2, err
				}})
			} else {
				mt.SpawnN("w", 2, func(t *Task) error { return t.Sleep(5 * time.Second) })
			}
			return nil
		})
		e.Run()
		return strings.Join(rec.Lines(), "\n")
	}
	// The panic sites differ (the two forms panic on different lines).
	site := regexp.MustCompile(` \(at [^)]*\)`)
	want, got := site.ReplaceAllString(run(false), ""), site.ReplaceAllString(run(true), "")
	if got != want {
		t.Errorf("traces differ:\n%s", firstDiff(got, want))
	}
	if !strings.Contains(got, "done") || strings.Contains(got, "timeout") {
		t.Errorf("the second task must sleep to its end with no timeout firing:\n%s", got)
	}
}

// A machine that calls a suspending method fails with a message that names the
// mistake, before the call changes anything; one that ends in the middle of an
// await it started leaves nothing behind (here: a loop frozen by StartBlock).
func TestMachineMisuse(t *testing.T) {
	e, rec := newTestEngine(t)
	q := NewQueue[int](e, "q", 0)
	sleeper := e.SpawnMachine("sleeper", &stepFunc{f: func(t *Task, pc int, err error) (int, error) {
		return 1, t.Sleep(time.Second)
	}})
	getter := e.SpawnMachine("getter", &stepFunc{f: func(t *Task, pc int, _ error) (int, error) {
		_, err := q.Get(t)
		return 1, err
	}})
	blocker := e.SpawnMachine("blocker", &stepFunc{f: func(t *Task, pc int, err error) (int, error) {
		t.StartBlock(time.Hour)
		return 1, errors.New("forgot to return ErrPending")
	}})
	var woke time.Duration
	e.Spawn("ticker", func(t *Task) error {
		err := t.Sleep(time.Second)
		woke = t.Now()
		return err
	})
	err := e.Run()
	for _, c := range []struct {
		t    *Task
		want string
	}{
		{sleeper, "Sleep would suspend it"},
		{getter, "Queue.Get would suspend it"},
		{blocker, "machine returned while awaiting"},
	} {
		var pe *PanicError
		if !errors.As(c.t.Err(), &pe) || !strings.Contains(fmt.Sprint(pe.Value), c.want) {
			t.Errorf("%s: Err() = %v, want a *PanicError saying %q", c.t.Name(), c.t.Err(), c.want)
		}
	}
	if err == nil {
		t.Error("Run() = nil, want the three failures")
	}
	if q.Getters() != 0 {
		t.Errorf("queue has %d getters, want 0: the failed Get must not have queued", q.Getters())
	}
	if woke != time.Second {
		t.Errorf("ticker woke at %v, want 1s: the abandoned StartBlock must not freeze the loop", woke)
	}
	for _, l := range rec.Lines() {
		if strings.Contains(l, "unblock") {
			t.Errorf("unexpected event for an abandoned block: %s", l)
		}
	}
}
