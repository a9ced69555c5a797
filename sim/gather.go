package sim

// gathering is asyncio.gather's outer future (_GatheringFuture): it completes
// when every child has ended, or with the first failure unless errors are
// returned as results; cancelling it cancels the children.
type gathering struct {
	f               future
	children        []*future // as passed, duplicates included
	nfuts           int       // distinct children
	nfinished       int
	returnErrs      bool
	cancelRequested bool
	results         []error
	owner           *Task
}

func (g *gathering) waitName() string { return "gather" }

func newGathering(t *Task, tasks []*Task, returnErrs bool) *gathering {
	fs := make([]*future, len(tasks))
	for i, c := range tasks {
		fs[i] = &c.fut
	}
	return gatherFutures(t, fs, returnErrs)
}

func gatherFutures(t *Task, fs []*future, returnErrs bool) *gathering {
	e := t.e
	g := &gathering{f: future{e: e}, children: fs, returnErrs: returnErrs, owner: t}
	g.f.hook = g.cancel
	var done []*future
	for i, c := range fs {
		dup := false
		for _, p := range fs[:i] {
			if p == c {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		g.nfuts++
		if c.done() {
			done = append(done, c)
		} else {
			c.addCallback(callback{fn: g.childDone, what: cbGather, who: t})
		}
	}
	if len(fs) == 0 {
		g.f.finish(nil)
	}
	for _, c := range done {
		g.childDone(c)
	}
	return g
}

// childDone is gather's _done_callback.
func (g *gathering) childDone(cf *future) {
	g.nfinished++
	if cf.task != nil {
		cf.task.observed = true
	}
	if g.f.done() {
		return
	}
	if !g.returnErrs && cf.err != nil {
		g.f.finish(cf.outcome()) // a failure or a cancellation: the gather raises it
		return
	}
	if g.nfinished < g.nfuts {
		return
	}
	g.results = make([]error, len(g.children))
	for i, c := range g.children {
		// A cancelled child gives a CancelledError with its future's message
		// (none for a task, which dropped it as it ended), not its outcome:
		// gather reads no cancellation here.
		g.results[i] = c.err
	}
	if g.cancelRequested {
		// gather raises the last child's cancellation error (its loop variable
		// outlives the loop that built the results).
		last := g.children[len(g.children)-1]
		var err error
		switch {
		case last.cancelled():
			err = last.outcome()
		case last.task != nil:
			err = cancelError(last.task.cancelMsg)
		default:
			err = cancelError("")
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

// NewGather starts gathering tasks and futures on behalf of t without waiting
// (asyncio.gather(*aws, return_exceptions=returnErrors), not awaited yet).
func NewGather(t *Task, returnErrors bool, fs ...Awaitable) *Gathering {
	cores := make([]*future, len(fs))
	for i, f := range fs {
		cores[i] = f.core()
	}
	return &Gathering{gatherFutures(t, cores, returnErrors)}
}

// Wait waits for the gathering as Gather does. With returnErrors it returns each
// awaitable's outcome, in the order given (errs is nil otherwise); err is the
// gathering's own: the first failure, or its cancellation.
func (g *Gathering) Wait(t *Task) (errs []error, err error) {
	if err := t.await(&g.g.f, g.g); err != nil {
		return nil, err
	}
	if g.g.returnErrs {
		return g.g.results, nil
	}
	return nil, nil
}

// Done reports whether the gathering has completed.
func (g *Gathering) Done() bool { return g.g.f.done() }

// Cancelled reports whether the gathering ended cancelled (asyncio's
// Future.cancelled on gather's future): only when it was cancelled itself and
// then ended with a cancellation, never because a child alone was cancelled.
func (g *Gathering) Cancelled() bool { return g.g.f.cancelled() }

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
