package sim

import "iter"

// pickOnCoro is pick as a coroutine runs it: it first finishes the task whose body
// just returned there, and a panic (of a callback, a tracer, a done callback) is
// kept for the driver to raise, since it belongs to no task.
func (e *Engine) pickOnCoro() (t *Task) {
	ok := false
	defer func() {
		// recover only on the way out of a panic: calling it costs on every pick.
		if !ok {
			if r := recover(); r != nil {
				e.fault, t = r, nil
			}
		}
	}()
	if d := e.ended; d != nil {
		e.ended = nil
		e.finishBody(d, d.err)
	}
	t = e.pick()
	ok = true
	return t
}

// dispatch goes on with the loop on coroutine c, whose task has just suspended
// (c.task set) or ended (c.task nil), and returns when c has a task to run: its
// own, resumed, or a new one that starts on it. It returns false when the engine
// is closing.
func (e *Engine) dispatch(c *coro) bool {
	e.cur = nil
	t := e.pickOnCoro()
	var p *coro
	if t != nil {
		switch p = t.co; {
		case p == c:
			return true // the task resumes itself: no switch at all
		case p == nil:
			if c.task == nil {
				c.task, t.co = t, c // a new task starts on the free coroutine
				return true
			}
			p = e.takeCoro(t)
		}
	}
	e.want = p
	if p != nil && !p.calling {
		// p waits in a yield: call it (the chain grows by one).
		c.calling = true
		p.next()
		c.calling = false
	} else if !e.yieldDown(c) {
		// p is below c in the chain, or the drive is over (p nil): unwind.
		return false
	}
	// Back on c: it is wanted, or the chain unwinds through it.
	for e.want != c {
		if !e.yieldDown(c) {
			return false
		}
	}
	return true
}

// yieldDown hands control to the coroutine below c in the chain; a coroutine with
// no task waits in the pool for the next new task. It reports false when the
// engine is closing.
func (e *Engine) yieldDown(c *coro) bool {
	if c.task == nil {
		e.pool = append(e.pool, c)
	}
	return c.yield(struct{}{})
}

// takeCoro binds a coroutine from the pool (or a new one) to t, which starts on it.
func (e *Engine) takeCoro(t *Task) *coro {
	var c *coro
	if n := len(e.pool); n > 0 {
		c = e.pool[n-1]
		e.pool[n-1] = nil
		e.pool = e.pool[:n-1]
	} else {
		c = e.newCoro()
	}
	c.task, t.co = t, c
	return c
}

// coro is a pooled coroutine. A finished task hands its coroutine back to the loop,
// which reuses it for the next task: creating the goroutine behind iter.Pull costs
// more than a whole resume.
type coro struct {
	next    func() (struct{}, bool)
	stop    func()
	yield   func(struct{}) bool
	task    *Task
	calling bool // it has called another coroutine (it is in the chain, not on top)
	closing bool
}

// closingSignal unwinds a coroutine when the engine is closed.
type closingSignal struct{}

func (e *Engine) newCoro() *coro {
	c := &coro{}
	c.next, c.stop = iter.Pull(func(yield func(struct{}) bool) {
		c.yield = yield
		for {
			t := c.task
			t.body()
			if c.closing {
				return
			}
			c.task, t.co = nil, nil
			e.ended = t // finished by the loop's next pick, on this coroutine
			if !e.dispatch(c) {
				return
			}
		}
	})
	return c
}
