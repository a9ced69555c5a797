package sim

// gathering is asyncio.gather's outer future (_GatheringFuture): it completes
// when every child has ended, or with the first failure unless errors are
// returned as results; cancelling it cancels the children.
type gathering struct {
	f               future
	children        []*Task // as passed, duplicates included
	nfuts           int     // distinct children
	nfinished       int
	returnErrs      bool
	cancelRequested bool
	results         []error
	owner           *Task
}

func (g *gathering) waitName() string { return "gather" }

func newGathering(t *Task, tasks []*Task, returnErrs bool) *gathering {
	e := t.e
	g := &gathering{f: future{e: e}, children: tasks, returnErrs: returnErrs, owner: t}
	g.f.hook = g.cancel
	var done []*Task
	for i, c := range tasks {
		dup := false
		for _, p := range tasks[:i] {
			if p == c {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		g.nfuts++
		if c.Done() {
			done = append(done, c)
		} else {
			c.fut.addCallback(callback{fn: g.childDone, what: cbGather, who: t})
		}
	}
	if len(tasks) == 0 {
		g.f.finish(nil)
	}
	for _, c := range done {
		g.childDone(&c.fut)
	}
	return g
}

// childDone is gather's _done_callback.
func (g *gathering) childDone(cf *future) {
	g.nfinished++
	cf.task.observed = true
	if g.f.done() {
		return
	}
	if !g.returnErrs && cf.err != nil {
		g.f.finish(cf.err) // a failure or a cancellation: the gather raises it
		return
	}
	if g.nfinished < g.nfuts {
		return
	}
	g.results = make([]error, len(g.children))
	for i, c := range g.children {
		g.results[i] = c.err
	}
	if g.cancelRequested {
		// gather raises the last child's cancellation error (its loop variable
		// outlives the loop that built the results).
		last := g.children[len(g.children)-1]
		err := cancelError(last.cancelMsg)
		if last.Cancelled() {
			err = last.err
		}
		g.f.finish(err)
		return
	}
	g.f.finish(nil)
}

// cancel is _GatheringFuture.cancel: it cancels the children, and the gather
// ends through them.
func (g *gathering) cancel(msg string) bool {
	if g.f.done() {
		return false
	}
	ret := false
	for _, c := range g.children {
		if c.cancel(msg) {
			ret = true
		}
	}
	if ret {
		g.cancelRequested = true
	}
	return ret
}

// Gathering is the future asyncio.gather returns: it can be awaited later, or
// cancelled, which cancels the tasks still running.
type Gathering struct{ g *gathering }

// NewGather starts gathering tasks on behalf of t without waiting
// (asyncio.gather(...) not awaited yet).
func NewGather(t *Task, tasks ...*Task) *Gathering {
	return &Gathering{newGathering(t, tasks, false)}
}

// Wait waits for the gathering as Gather does.
func (g *Gathering) Wait(t *Task) error { return t.await(&g.g.f, g.g) }

// Done reports whether the gathering has completed.
func (g *Gathering) Done() bool { return g.g.f.done() }

// Cancel cancels the tasks still running and reports whether any was.
func (g *Gathering) Cancel() bool { return g.g.cancel("") }

// CancelMsg is Cancel with a message.
func (g *Gathering) CancelMsg(msg string) bool { return g.g.cancel(msg) }

func (g *Gathering) core() *future { return &g.g.f }

// Gather waits until every task has ended (asyncio.gather). The first failure (an
// error, or a child's cancellation) is returned to t as soon as it happens, while
// the other tasks keep running. Cancelling t while it waits cancels every task
// still running, and t resumes once they have all ended. Completion reaches t
// through done-callbacks on the loop, as in asyncio, so same-instant ordering
// matches it.
func Gather(t *Task, tasks ...*Task) error {
	g := newGathering(t, tasks, false)
	return t.await(&g.f, g)
}

// GatherErrors is Gather with return_exceptions=True: it waits until every task
// has ended and returns each one's outcome (nil, its cancellation or its
// failure), in the order given; err is only t's own cancellation.
func GatherErrors(t *Task, tasks ...*Task) (errs []error, err error) {
	g := newGathering(t, tasks, true)
	if err := t.await(&g.f, g); err != nil {
		return nil, err
	}
	return g.results, nil
}
