package sim

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzPrograms decodes the fuzz input into a random program of tasks and
// primitives, runs it (twice, to check determinism) and checks invariants on the
// trace and on the primitives. Run it with
//
//	go test ./sim -run '^$' -fuzz FuzzPrograms -fuzztime 60s
//
// Inputs that once failed live in testdata/fuzz/FuzzPrograms.
func FuzzPrograms(f *testing.F) {
	// Hand-written seeds, one per kind of operation, then pseudo-random ones.
	for code := range byte(numOps) {
		f.Add([]byte{2, 1, 1, 0, 2, 6, code, 3, 3, 2, 0, 1, 6, code, 1, 2, 1, 3, 0, 2, 5, 6, 4, 4, 3})
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 40 {
		b := make([]byte, 20+r.IntN(100))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := decodeProgram(data)
		first := p.run(t)
		second := p.run(t)
		if !slices.Equal(first, second) {
			t.Fatalf("the same program gave two traces (%d and %d events)", len(first), len(second))
		}
	})
}

// Operations of a fuzz program.
const (
	opSleep      = iota // sleep 0-1s (0: Yield)
	opSpawn             // spawn a child running the body
	opCancel            // cancel some task
	opPut               // queue put
	opGet               // queue get
	opTryPut            // queue put_nowait
	opTryGet            // queue get_nowait
	opSem               // acquire the semaphore, hold it a while, release
	opSetLimit          // change the semaphore's limit
	opLock              // acquire the lock, hold it a while, release
	opFlagWait          // wait for the flag
	opFlagSet           // set or clear the flag
	opWaitFor           // run the body with a timeout
	opGather            // spawn two children running the body and gather them
	opGroup             // run the body in a task group of two
	opBlock             // freeze the loop
	opExec              // run a job on the executor
	opWaitTask          // await another task
	opFuture            // wait for the future, or complete it
	opClose             // close the queue (rarely)
	opCondWait          // wait on the condition (holding its lock)
	opCondNotify        // notify the condition
	numOps
)

type fop struct {
	code, arg byte
	body      []fop
}

type fprogram struct {
	qcap, semN, workers int
	mode                byte
	tasks               [][]fop
	outside             []byte // tasks to cancel from outside the loop, one per frame
}

type freader struct {
	b []byte
	i int
}

func (r *freader) next() byte {
	if r.i >= len(r.b) {
		return 0
	}
	r.i++
	return r.b[r.i-1]
}

func (r *freader) eof() bool { return r.i >= len(r.b) }

func decodeProgram(data []byte) *fprogram {
	r := &freader{b: data}
	p := &fprogram{qcap: int(r.next() % 4), semN: 1 + int(r.next()%3), workers: 1 + int(r.next()%2), mode: r.next() % 4}
	n := 1 + int(r.next()%5)
	for i := 0; i < n && !r.eof(); i++ {
		p.tasks = append(p.tasks, decodeOps(r, 0, 1+int(r.next()%8)))
	}
	for range r.next() % 4 {
		p.outside = append(p.outside, r.next())
	}
	return p
}

func decodeOps(r *freader, depth, n int) []fop {
	var ops []fop
	for i := 0; i < n && !r.eof(); i++ {
		o := fop{code: r.next() % numOps, arg: r.next()}
		switch o.code {
		case opSpawn, opWaitFor, opGather, opGroup:
			if depth >= 2 {
				o.code = opSleep
				break
			}
			o.body = decodeOps(r, depth+1, 1+int(r.next()%4))
		}
		ops = append(ops, o)
	}
	return ops
}

// fstate is one run of a program: its primitives and what the program saw.
type fstate struct {
	tb       testing.TB
	e        *Engine
	q        *Queue[int]
	sem      *Semaphore
	lock     *Lock
	flag     *Event
	fut      *Future[int]
	x        *Executor
	tasks    []*Task
	nextVal  int
	put, got map[int]bool
	held     int // semaphore permits the program holds
	maxLimit int
	lockers  int
	cond     *Condition
}

func dur(arg byte) time.Duration { return time.Duration(arg%5) * 250 * time.Millisecond }

func (s *fstate) errorf(format string, args ...any) {
	s.tb.Helper()
	s.tb.Errorf("at %v: %s", s.e.Now(), fmt.Sprintf(format, args...))
}

// body runs ops in t. It returns ErrCancelled when t itself was cancelled (or,
// inside a WaitFor, when the deadline cancelled it) and swallows the other
// expected outcomes (timeouts, a closed queue, a cancelled child), so that any
// task failure is a bug.
func (s *fstate) body(ops []fop, inner bool) Func {
	return func(t *Task) error {
		for _, o := range ops {
			err := s.exec(t, o)
			switch {
			case err == nil, errors.Is(err, ErrTimeout), errors.Is(err, ErrClosed):
			case errors.Is(err, ErrCancelled):
				// t.cancels counts the Cancel calls that reached t (by the
				// program, Gather or a Group); the trace check then demands that
				// t ends cancelled exactly when one did.
				if inner || t.ncancels > 0 {
					return err
				}
			default:
				return err
			}
		}
		return nil
	}
}

func (s *fstate) cancel(c *Task) { c.Cancel() }

func (s *fstate) spawn(t *Task, ops []fop) *Task {
	c := t.SpawnN("c", len(s.tasks), s.body(ops, false))
	s.tasks = append(s.tasks, c)
	return c
}

func (s *fstate) exec(t *Task, o fop) error {
	switch o.code {
	case opSleep:
		return t.Sleep(dur(o.arg))
	case opSpawn:
		s.spawn(t, o.body)
	case opCancel:
		s.cancel(s.tasks[int(o.arg)%len(s.tasks)])
	case opPut:
		v := s.nextVal
		s.nextVal++
		if err := s.q.Put(t, v); err != nil {
			return err
		}
		s.put[v] = true
	case opGet:
		v, err := s.q.Get(t)
		if err != nil {
			return err
		}
		s.take(v)
	case opTryPut:
		v := s.nextVal
		s.nextVal++
		if s.q.TryPut(v) {
			s.put[v] = true
		}
	case opTryGet:
		if v, ok := s.q.TryGet(); ok {
			s.take(v)
		}
	case opSem:
		if err := s.sem.Acquire(t); err != nil {
			return err
		}
		s.held++
		if s.held > s.maxLimit || s.held > s.sem.Held() {
			s.errorf("program holds %d permits, semaphore says %d held, limit at most %d", s.held, s.sem.Held(), s.maxLimit)
		}
		defer func() { s.held--; s.sem.Release() }()
		return t.Sleep(dur(o.arg))
	case opSetLimit:
		n := 1 + int(o.arg%3)
		s.sem.SetLimit(n)
		s.maxLimit = max(s.maxLimit, n)
	case opLock:
		if err := s.lock.Acquire(t); err != nil {
			return err
		}
		s.lockers++
		if s.lockers != 1 || s.lock.Owner() != t {
			s.errorf("%d lock holders, owner %v, want 1 and %s", s.lockers, s.lock.Owner(), t.Name())
		}
		defer func() { s.lockers--; s.lock.Release(t) }()
		return t.Sleep(dur(o.arg))
	case opFlagWait:
		return s.flag.Wait(t)
	case opFlagSet:
		if o.arg%3 == 0 {
			s.flag.Clear()
		} else {
			s.flag.Set()
		}
	case opWaitFor:
		return WaitFor(t, dur(o.arg), s.body(o.body, true))
	case opGather:
		return Gather(t, s.spawn(t, o.body), s.spawn(t, o.body))
	case opGroup:
		g := NewGroup(t)
		for range 2 {
			c := g.Spawn("g", s.body(o.body, false))
			s.tasks = append(s.tasks, c)
		}
		if err := g.Wait(t); errors.Is(err, ErrCancelled) {
			return err // only when t was cancelled
		}
	case opBlock:
		t.Block(dur(o.arg))
	case opExec:
		return s.x.Run(t, "job", dur(o.arg))
	case opWaitTask:
		if w := s.tasks[int(o.arg)%len(s.tasks)]; w != t {
			return w.Wait(t) // w's failure is not t's: only ErrCancelled passes
		}
	case opFuture:
		if o.arg%2 == 0 {
			_, err := s.fut.Wait(t)
			return err
		}
		if !s.fut.Done() {
			s.fut.SetResult(int(o.arg))
		}
	case opClose:
		if o.arg%4 == 0 {
			s.q.Close()
		}
	case opCondWait:
		if err := s.cond.Acquire(t); err != nil {
			return err
		}
		s.lockers++
		defer func() { s.lockers--; s.cond.Release(t) }()
		s.lockers--
		err := s.cond.Wait(t)
		s.lockers++
		if s.cond.Lock().Owner() != t || s.lockers != 1 {
			s.errorf("after Condition.Wait (%v): owner %v, %d holders; want %s alone", err, s.cond.Lock().Owner(), s.lockers, t.Name())
		}
		return err
	case opCondNotify:
		if err := s.cond.Acquire(t); err != nil {
			return err
		}
		if o.arg%4 == 0 {
			s.cond.NotifyAll(t)
		} else {
			s.cond.Notify(t, int(o.arg%4))
		}
		s.cond.Release(t)
	}
	return nil
}

func (s *fstate) take(v int) {
	if !s.put[v] || s.got[v] {
		s.errorf("got item %d: put %v, got before %v", v, s.put[v], s.got[v])
	}
	s.got[v] = true
}

// run runs the program on a fresh engine, checks the invariants and returns the
// trace.
func (p *fprogram) run(tb testing.TB) []Record {
	tb.Helper()
	rec := &Recorder{}
	e := New(WithTracer(rec), WithSeed(1))
	defer e.Close()
	s := &fstate{
		tb: tb, e: e,
		q:    NewQueue[int](e, "q", p.qcap),
		sem:  NewSemaphore(e, "sem", p.semN),
		lock: NewLock(e, "lock"),
		flag: NewEvent(e, "flag"),
		fut:  NewFuture[int](e, "fut"),
		x:    NewExecutor(e, "x", p.workers),
		put:  map[int]bool{}, got: map[int]bool{},
		maxLimit: p.semN,
	}
	s.cond = NewCondition(e, "cond", s.lock)
	for i, ops := range p.tasks {
		s.tasks = append(s.tasks, e.SpawnN("r", i, s.body(ops, false)))
	}
	var err error
	switch p.mode {
	case 1: // one step at a time
		for i := 0; ; i++ {
			r, serr := e.Step()
			err = errors.Join(err, serr)
			s.checkInternal()
			if !r.OK {
				break
			}
			if i > 1_000_000 {
				tb.Fatalf("more than a million steps")
			}
		}
	case 2: // frames of 300ms, with cancels from outside between them
		for at, i := time.Duration(0), 0; at < 30*time.Second && !e.Idle(); at, i = at+300*time.Millisecond, i+1 {
			err = errors.Join(err, e.RunUntil(at))
			s.checkInternal()
			if e.Now() < at {
				tb.Errorf("after RunUntil(%v): Now() = %v", at, e.Now())
			}
			if i < len(p.outside) {
				s.cancel(s.tasks[int(p.outside[i])%len(s.tasks)])
			}
		}
	case 3: // bounded work per frame
		for at, i := time.Duration(0), 0; at < 30*time.Second && !e.Idle(); at, i = at+100*time.Millisecond, i+1 {
			_, rerr := runSteps(e, at, 3)
			err = errors.Join(err, rerr)
			s.checkInternal()
			if i < len(p.outside) {
				s.cancel(s.tasks[int(p.outside[i])%len(s.tasks)])
			}
		}
	}
	err = errors.Join(err, e.RunUntilIdle())
	s.checkInternal()
	s.checkEnd(err)
	checkTrace(tb, rec.Events, e, s.tasks)

	return rec.Events
}

// checkInternal checks the engine's and the primitives' bookkeeping between steps.
func (s *fstate) checkInternal() {
	tb := s.tb
	tb.Helper()
	for _, t := range s.tasks {
		if (t.State() == StateWaiting || t.State() == StateSleeping) && t.mustCancel && t.futWaiter != nil && !t.futWaiter.done() {
			tb.Errorf("task %s is %v on %q with a cancel that can never reach it", t.Name(), t.State(), t.Awaiting())
		}
	}
	if s.sem.value > 0 && s.sem.waiters.pending() > 0 && s.e.ready.len() == 0 {
		tb.Errorf("semaphore: %d waiters while %d permits are free and nothing is ready", s.sem.waiters.pending(), s.sem.value)
	}
	busy := 0
	for _, j := range s.x.workers {
		if j != nil {
			busy++
		}
	}
	if busy != s.x.Busy() {
		tb.Errorf("executor: Busy() = %d, %d workers have a job", s.x.Busy(), busy)
	}
	for _, j := range s.x.queue {
		if j.cancelled || j.waiter == nil {
			tb.Errorf("executor: a cancelled job is still queued")
		}
	}
	if busy < len(s.x.workers) && len(s.x.queue) > 0 {
		tb.Errorf("executor: %d jobs queued with a worker free", len(s.x.queue))
	}
}

// checkEnd checks the run's result and the primitives' final state.
func (s *fstate) checkEnd(err error) {
	tb := s.tb
	tb.Helper()
	var dl *DeadlockError
	switch {
	case err == nil:
		if s.e.NumLive() != 0 {
			tb.Errorf("Run() = nil with %d live tasks", s.e.NumLive())
		}
	case errors.As(err, &dl):
		if err.Error() != dl.Error() {
			tb.Errorf("Run() = %v, want only the deadlock", err)
		}
		if len(dl.Tasks) != s.e.NumLive() || len(dl.Tasks) == 0 {
			tb.Errorf("DeadlockError lists %d tasks, NumLive() = %d", len(dl.Tasks), s.e.NumLive())
		}
		for _, ti := range dl.Tasks {
			if ti.State != StateWaiting || ti.Awaiting == "" {
				tb.Errorf("deadlocked task %+v is not waiting on something", ti)
			}
		}
	default:
		tb.Errorf("Run() = %v, want nil or a deadlock", err)
	}
	live := s.e.Tasks(nil)
	if len(live) != s.e.NumLive() {
		tb.Errorf("len(Tasks()) = %d, NumLive() = %d", len(live), s.e.NumLive())
	}
	// Items are conserved: every item put was got once or is still queued.
	left := map[int]bool{}
	s.q.Each(func(v int) bool { left[v] = true; return true })
	if len(s.put) != len(s.got)+s.q.Len() || len(left) != s.q.Len() {
		tb.Errorf("items put %d != got %d + left %d", len(s.put), len(s.got), s.q.Len())
	}
	for v := range left {
		if !s.put[v] || s.got[v] {
			tb.Errorf("item %d left in the queue: put %v, got %v", v, s.put[v], s.got[v])
		}
	}
	if s.q.Len() > 0 && s.q.Getters() > 0 && s.e.Idle() {
		tb.Errorf("queue has %d items and %d getters waiting", s.q.Len(), s.q.Getters())
	}
	// Permits are conserved: at the end only deadlocked tasks hold any.
	if s.sem.Held() != s.held || s.held < 0 {
		tb.Errorf("Semaphore.Held() = %d, the program holds %d", s.sem.Held(), s.held)
	}
	if s.lock.Locked() != (s.lockers == 1) {
		tb.Errorf("Lock.Locked() = %v with %d holders", s.lock.Locked(), s.lockers)
	}
	if s.x.Busy() != 0 || s.x.Queued() != 0 {
		tb.Errorf("executor busy %d, queued %d at the end", s.x.Busy(), s.x.Queued())
	}
}

// checkTrace checks the trace's invariants: time never goes back, seq counts up,
// every task is spawned first and ends once, and nothing follows its end.
func checkTrace(tb testing.TB, evs []Record, e *Engine, tasks []*Task) {
	tb.Helper()
	type life struct {
		spawned, ended, requested bool
		timeoutSeq                uint64
		end                       Kind
	}
	lives := map[int]*life{}
	var last Record
	for i, ev := range evs {
		if ev.Seq != uint64(i+1) {
			tb.Fatalf("event %d has seq %d", i+1, ev.Seq)
		}
		if ev.Time < last.Time {
			tb.Fatalf("clock went back: %v after %v", ev, last)
		}
		last = ev
		if s := ev.String(); strings.HasSuffix(s, " ") {
			tb.Errorf("Record.String() = %q ends in a space", s)
		}
		if ev.Task == 0 {
			continue
		}
		l := lives[ev.Task]
		if l == nil {
			l = &life{}
			lives[ev.Task] = l
		}
		if l.ended {
			tb.Fatalf("event after the task ended: %v", ev)
		}
		if !l.spawned && ev.Kind != KindSpawn {
			tb.Fatalf("first event of task #%d is not a spawn: %v", ev.Task, ev)
		}
		switch {
		case ev.Kind == KindSpawn:
			if l.spawned {
				tb.Fatalf("task spawned twice: %v", ev)
			}
			l.spawned = true
		case ev.Kind == KindDone, ev.Kind == KindFail, ev.Kind == KindCancel && ev.Detail == "ended":
			l.ended, l.end = true, ev.Kind
		case ev.Kind == KindCancel && ev.Seq == l.timeoutSeq+1:
			// A deadline cancels its task (asyncio's timeout does): that request
			// becomes ErrTimeout, not the task's end.
		case ev.Kind == KindCancel:
			l.requested = true
		case ev.Kind == KindTimeout:
			l.timeoutSeq = ev.Seq
		}
	}
	if uint64(len(evs)) != e.Events() {
		tb.Errorf("%d events recorded, Events() = %d", len(evs), e.Events())
	}
	live := 0
	for _, t := range tasks {
		l := lives[t.ID()]
		if l == nil {
			tb.Fatalf("task %s has no events", t.Name())
		}
		switch {
		case !l.ended:
			live++
			if t.Done() {
				tb.Errorf("task %s is %v but its end is not in the trace", t.Name(), t.State())
			}
		case l.end == KindDone && t.State() != StateDone,
			l.end == KindFail && t.State() != StateFailed,
			l.end == KindCancel && t.State() != StateCancelled:
			tb.Errorf("task %s ended with %v in the trace but is %v", t.Name(), l.end, t.State())
		case (l.end == KindCancel) != l.requested:
			// The programs give up only on their own cancellation.
			tb.Errorf("task %s ended with %v; cancel requested: %v", t.Name(), l.end, l.requested)
		}
	}
	if live != e.NumLive() {
		tb.Errorf("%d tasks without an end in the trace, NumLive() = %d", live, e.NumLive())
	}
}

// The fuzz program's own decoder is total: any bytes give a program.
func TestDecodeProgram(t *testing.T) {
	for _, b := range [][]byte{nil, {0}, []byte(strconv.Itoa(123456789))} {
		if p := decodeProgram(b); p.semN < 1 || p.workers < 1 {
			t.Errorf("decodeProgram(%v) = %+v", b, p)
		}
	}
}
