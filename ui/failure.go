package ui

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/brewloop/brewloop/sim"
)

// A failure is a task of the shop that returned an error or panicked: a bug in the
// shop, or a shop so overloaded it stopped. The run stops at the failing step (the
// shop's AdvanceTo does), the app pauses, a line in place of the sliders says which
// task failed, when and why, and the Events pane marks that task's events. The
// message stays until a restart or a seek replaces the run.

// checkFailure notes the shop's first task failure, once.
func (a *App) checkFailure() {
	if a.failure != "" {
		return
	}
	err := a.shop.Err()
	if err == nil {
		return
	}
	// The failing step is the newest fail event of the log, when the log has it.
	var ev sim.Record
	for i := len(a.snap.Events) - 1; i >= 0; i-- {
		if a.snap.Events[i].Kind == sim.KindFail {
			ev = a.snap.Events[i]
			break
		}
	}
	a.failure = failureText(err, ev)
	a.events.failed = ev.Task
	a.stopSeeking()
	if !a.paused {
		a.setPaused(true)
	}
}

// failureText says which task failed, when, and with what error. The task is
// named by the fail event when there is one, else by the error.
func failureText(err error, ev sim.Record) string {
	msg := err.Error()
	var te *sim.TaskError
	var pe *sim.PanicError
	switch {
	case errors.As(err, &te):
		msg = te.Err.Error()
	case errors.As(err, &pe):
		msg = "panicked: " + fmt.Sprint(pe.Value)
		if pe.At != "" {
			msg += " (at " + pe.At + ")"
		}
	}
	who := "a task"
	if ev.Kind == sim.KindFail {
		who = "task " + ev.Name + " (#" + strconv.Itoa(ev.Task) + ")"
	} else if te != nil {
		who = "task " + te.Task
	} else if pe != nil {
		who = "task " + pe.Task
	}
	at := ""
	if ev.Kind == sim.KindFail {
		at = " at " + fmtClockMS(ev.Time)
	}
	return "✖ " + who + " failed" + at + ": " + msg + " · the run is paused; r restarts"
}

// failureLine draws the failure across the screen, in the slider row.
func (a *App) failureLine() string {
	l := newLine(a.width)
	l.put(a.th.bad, a.failure)
	return l.String()
}

// statusText is the header's status: the transient one, else a failure that has
// no row of its own (a lesson's program has no slider row).
func (a *App) statusText() string {
	if a.status == "" && a.program {
		return a.failure
	}
	return a.status
}
