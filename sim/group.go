package sim

import (
	"strings"
)

// Group is a task group (asyncio.TaskGroup), entered by the task that creates it
// with [NewGroup] and exited with [Group.Exit] (or use [TaskGroup]). The first
// child to fail cancels its siblings and the body of the task that entered the
// group, wherever it waits; Exit waits for every child and returns the failures
// as a [*GroupError].
type Group struct {
	t           *Task
	tasks       []*Task // live children, in creation order
	errs        []error
	exiting     bool
	aborting    bool
	parentAsked bool // the group cancelled its task (_parent_cancel_requested)
	completed   *future
}

// NewGroup enters a task group in t.
func NewGroup(t *Task) *Group { return &Group{t: t} }

// TaskGroup runs body in a task group entered in t and returns what leaving the
// group gives: `async with asyncio.TaskGroup() as g: ...`.
func TaskGroup(t *Task, body func(g *Group) error) error {
	g := NewGroup(t)
	return g.Exit(body(g))
}

func (g *Group) waitName() string { return "task group of " + g.t.Name() }

// Spawn starts a child task in the group. It panics once the group is shutting
// down or finished, as asyncio's create_task raises then.
func (g *Group) Spawn(name string, fn Func) *Task {
	switch {
	case g.exiting && len(g.tasks) == 0:
		panic("sim: task group of " + g.t.Name() + " is finished")
	case g.aborting:
		panic("sim: task group of " + g.t.Name() + " is shutting down")
	}
	c := g.t.e.spawn(g.t, name, -1, fn)
	g.tasks = append(g.tasks, c)
	c.fut.addCallback(callback{fn: g.childDone, what: cbGroup, who: g.t})
	return c
}

// abort cancels every child still running.
func (g *Group) abort() {
	g.aborting = true
	for _, c := range g.tasks {
		if !c.Done() {
			c.cancel("")
		}
	}
}

// childDone is TaskGroup._on_task_done.
func (g *Group) childDone(cf *future) {
	c := cf.task
	for i, x := range g.tasks {
		if x == c {
			g.tasks = append(g.tasks[:i], g.tasks[i+1:]...)
			break
		}
	}
	if g.completed != nil && len(g.tasks) == 0 && !g.completed.done() {
		g.completed.finish(nil)
	}
	if cf.cancelled() || cf.err == nil {
		return
	}
	c.observed = true
	g.errs = append(g.errs, cf.err)
	if g.t.Done() {
		return
	}
	if !g.aborting && !g.parentAsked {
		g.abort()
		g.parentAsked = true
		g.t.cancel("")
	}
}

// Exit leaves the group (TaskGroup.__aexit__) with the body's error err: it waits
// until every child has ended and returns nil, the cancellation t received, or
// the children's failures (and the body's own) as a *GroupError.
func (g *Group) Exit(err error) error {
	t := g.t
	g.exiting = true
	var propagate error
	if isCancel(err) {
		propagate = err
	}
	if err != nil && !g.aborting {
		g.abort()
	}
	for len(g.tasks) > 0 {
		if g.completed == nil {
			g.completed = &future{e: t.e}
		}
		if werr := t.await(g.completed, g); isCancel(werr) && !g.aborting {
			propagate = werr
			g.abort()
		}
		g.completed = nil
	}
	if g.parentAsked && t.Uncancel() == 0 {
		propagate = nil
	}
	if propagate != nil && len(g.errs) == 0 {
		return propagate
	}
	if err != nil && !isCancel(err) {
		g.errs = append(g.errs, err)
	}
	if len(g.errs) == 0 {
		return nil
	}
	if t.Cancelling() > 0 {
		t.Uncancel()
		t.cancel("")
	}
	return &GroupError{Errs: g.errs}
}

// Wait is Exit(nil): it waits for every child and returns their failures.
func (g *Group) Wait(t *Task) error {
	if t != g.t {
		panic("sim: task group of " + g.t.Name() + " left by " + t.Name())
	}
	return g.Exit(nil)
}

// GroupError is the failures of a task group's children (asyncio's
// ExceptionGroup); errors.Is and errors.As look into each.
type GroupError struct {
	Errs []error
}

func (ge *GroupError) Error() string {
	var b strings.Builder
	b.WriteString("sim: unhandled errors in a task group:")
	for _, err := range ge.Errs {
		b.WriteString(" [")
		b.WriteString(err.Error())
		b.WriteString("]")
	}
	return b.String()
}

// Unwrap returns the children's errors.
func (ge *GroupError) Unwrap() []error { return ge.Errs }
