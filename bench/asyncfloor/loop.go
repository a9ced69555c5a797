package main

import "iter"

// The bare loop: asyncio's hop structure and nothing else. A ready FIFO of
// entries run one iteration at a time, a timer heap with heapq's algorithm on the
// float deadline, futures whose single waiter is woken through the ready queue,
// and tasks on pooled iter.Pull coroutines handed over as sim hands them over (a
// chain of callers: see sim/coro.go). No cancellation, no trace, no names, no
// introspection, no labels, no executor, no blocking calls.

// fut is a future with at most one awaiting task.
type fut struct {
	done   bool
	waiter *task
}

// task is a coroutine task; it awaits at most one future at a time, so one
// future of its own serves every wait.
type task struct {
	co  *coro
	fn  func(*task)
	own fut
}

// entry kinds: a task's step (first, or after its future is done) and a timer.
const (
	kindStep uint8 = iota
	kindTimer
)

type entry struct {
	kind uint8
	t    *task
	f    *fut
}

type timer struct {
	when float64
	f    *fut
}

type coro struct {
	next    func() (struct{}, bool)
	yield   func(struct{}) bool
	task    *task
	calling bool // it called another coroutine: it is in the chain, not on top
}

// counts are the hops a run made: for comparison with sim (see the test).
type counts struct {
	steps, timers, iterations int
}

type loop struct {
	now    float64
	ready  []entry
	head   int
	todo   int // entries left in the current iteration
	timers []timer
	pool   []*coro
	want   *coro // the coroutine that runs next; nil: the driver
	ended  *task // a task whose body just returned
	free   []*task
	n      counts
}

func (l *loop) push(e entry) { l.ready = append(l.ready, e) }

func (l *loop) pop() entry {
	e := l.ready[l.head]
	l.ready[l.head] = entry{}
	l.head++
	if l.head == len(l.ready) {
		l.ready, l.head = l.ready[:0], 0
	}
	return e
}

// schedule adds a timer that completes f at when (heapq.heappush).
func (l *loop) schedule(when float64, f *fut) {
	l.timers = append(l.timers, timer{when, f})
	l.siftDown(0, len(l.timers)-1)
}

// popTimer removes the earliest timer (heapq.heappop).
func (l *loop) popTimer() timer {
	h := l.timers
	n := len(h) - 1
	last := h[n]
	l.timers = h[:n]
	if n == 0 {
		return last
	}
	top := h[0]
	h[0] = last
	// Down to a leaf along the smaller children, then back up.
	h, pos := h[:n], 0
	for child := 1; child < n; child = 2*pos + 1 {
		if r := child + 1; r < n && !(h[child].when < h[r].when) {
			child = r
		}
		h[pos] = h[child]
		pos = child
	}
	h[pos] = last
	l.siftDown(0, pos)
	return top
}

func (l *loop) siftDown(start, pos int) {
	h := l.timers
	item := h[pos]
	for pos > start {
		p := (pos - 1) >> 1
		if !(item.when < h[p].when) {
			break
		}
		h[pos] = h[p]
		pos = p
	}
	h[pos] = item
}

// finish completes f; its waiter's step joins the ready queue (call_soon).
func (l *loop) finish(f *fut) {
	f.done = true
	if t := f.waiter; t != nil {
		f.waiter = nil
		l.push(entry{kind: kindStep, t: t})
	}
}

// pick runs ready entries until one steps a task, which it returns; timers it runs
// itself. It returns nil when nothing is left. Iterations are _run_once's: the
// clock jumps to the earliest timer when nothing is ready, the due timers join the
// ready queue, and exactly the entries ready then run.
func (l *loop) pick() *task {
	for {
		if l.todo == 0 {
			if len(l.ready) == l.head {
				if len(l.timers) == 0 {
					return nil
				}
				l.now = max(l.now, l.timers[0].when)
			}
			end := l.now + 1e-9
			for len(l.timers) > 0 && (l.timers[0].when < end || l.timers[0].when <= l.now) {
				l.push(entry{kind: kindTimer, f: l.popTimer().f})
			}
			l.todo = len(l.ready) - l.head
			l.n.iterations++
			continue
		}
		e := l.pop()
		l.todo--
		if e.kind == kindTimer {
			l.n.timers++
			l.finish(e.f)
			continue
		}
		l.n.steps++
		return e.t
	}
}

// dispatch goes on with the loop on coroutine c, whose task has suspended or
// ended, and returns when c's task runs again (or a new task starts on c); false
// when nothing is left.
func (l *loop) dispatch(c *coro) bool {
	if d := l.ended; d != nil {
		l.ended = nil
		l.free = append(l.free, d)
	}
	t := l.pick()
	var p *coro
	if t != nil {
		switch p = t.co; {
		case p == c:
			return true
		case p == nil:
			if c.task == nil {
				c.task, t.co = t, c
				return true
			}
			p = l.takeCoro(t)
		}
	}
	l.want = p
	if p != nil && !p.calling {
		c.calling = true
		p.next()
		c.calling = false
	} else if !l.yieldDown(c) {
		return false
	}
	for l.want != c {
		if !l.yieldDown(c) {
			return false
		}
	}
	return true
}

func (l *loop) yieldDown(c *coro) bool {
	if c.task == nil {
		l.pool = append(l.pool, c)
	}
	return c.yield(struct{}{})
}

func (l *loop) takeCoro(t *task) *coro {
	var c *coro
	if n := len(l.pool); n > 0 {
		c = l.pool[n-1]
		l.pool = l.pool[:n-1]
	} else {
		c = l.newCoro()
	}
	c.task, t.co = t, c
	return c
}

func (l *loop) newCoro() *coro {
	c := &coro{}
	c.next, _ = iter.Pull(func(yield func(struct{}) bool) {
		c.yield = yield
		for {
			t := c.task
			t.fn(t)
			c.task, t.co = nil, nil
			l.ended = t
			if !l.dispatch(c) {
				return
			}
		}
	})
	return c
}

// run runs the loop until nothing is left to do. Tasks still waiting then are
// left suspended (the process ends).
func (l *loop) run() {
	t := l.pick()
	if t == nil {
		return
	}
	c := t.co
	if c == nil {
		c = l.takeCoro(t)
	}
	l.want = c
	c.next()
}

// spawn creates a task and schedules its first step (create_task).
func (l *loop) spawn(fn func(*task)) {
	var t *task
	if n := len(l.free); n > 0 {
		t = l.free[n-1]
		l.free = l.free[:n-1]
		*t = task{}
	} else {
		t = new(task)
	}
	t.fn = fn
	l.push(entry{kind: kindStep, t: t})
}

// await suspends t until f, pending, is done.
func (l *loop) await(t *task, f *fut) {
	f.waiter = t
	l.dispatch(t.co)
}

// wait returns t's own future, pending, for one wait.
func (t *task) wait() *fut {
	t.own = fut{}
	return &t.own
}

// sleep is asyncio.sleep(s) for s > 0: a timer completes a future the task awaits.
func (l *loop) sleep(t *task, s float64) {
	f := t.wait()
	l.schedule(l.now+s, f)
	l.await(t, f)
}
