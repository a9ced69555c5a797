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
		g.f.finish(cancelError(""))
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
