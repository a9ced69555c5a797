package ui

import (
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/brewloop/brewloop/model"
)

// This file holds the changes the user makes to the run, each of which goes through
// the Shop's Apply, and the header's status messages about them.

// setStatus shows msg in the header: good news (ok) or a failure, for frames frames,
// or until the next key when frames is 0.
func (a *App) setStatus(msg string, ok bool, frames int) {
	a.status, a.statusOK, a.statusFor = msg, ok, frames
}

// noticeFrames is how long a timed status shows: three seconds of frames.
func (a *App) noticeFrames() int { return 3 * a.fpsGoal }

// record writes the recording so far (w) and says where it went, or why it did not.
func (a *App) record() {
	if a.recordF == nil {
		return
	}
	path, err := a.recordF()
	if err != nil {
		a.setStatus("record failed: "+err.Error(), false, a.noticeFrames())
		return
	}
	a.setStatus("recorded to "+path, true, a.noticeFrames())
}

func clampStaff(n int) int { return min(max(n, 1), MaxStaff) }

// control applies a live control change and shows its effect at once, also while
// paused.
func (a *App) control(c model.Control) {
	if err := a.shop.Apply(c); err != nil {
		a.setStatus(err.Error(), false, a.noticeFrames())
	}
	a.recording = false // from here on the history is the user's own, not the recording's
	a.refresh(true)
}

// updateFocused hands a message to the focused control; a slider that moved sets
// its rate on the shop.
func (a *App) updateFocused(msg tea.Msg) {
	switch a.focus {
	case focusArrivals:
		a.arrivals = a.updateSlider(a.arrivals, msg, model.ArrivalRate)
	case focusBrew:
		a.brew = a.updateSlider(a.brew, msg, model.BrewRate)
	case focusTasks:
		a.tasks, _ = a.tasks.Update(msg)
	case focusEvents:
		a.events, _ = a.events.Update(msg)
	case focusLesson:
		a.lesson, _ = a.lesson.Update(msg)
	}
}

func (a *App) updateSlider(s Slider, msg tea.Msg, set func(float64) model.Control) Slider {
	before := s.Value()
	s, _ = s.Update(msg)
	if v := s.Value(); v != before {
		a.control(set(v))
	}
	return s
}

// syncKeys enables the keys that depend on the run's state: step only while paused,
// and neither pause nor step once the run has finished (nothing is left to run, and
// the help bar offers restart instead).
func (a *App) syncKeys() {
	a.keys.SetPaused(a.paused)
	if a.snap.Finished {
		a.keys.Pause.SetEnabled(false)
		a.keys.Step.SetEnabled(false)
	}
}

// setPaused pauses or resumes. Resuming starts a new tick chain; the old chain's tick
// in flight, if any, is dropped by its tag.
func (a *App) setPaused(p bool) tea.Cmd {
	a.paused = p
	a.syncKeys()
	a.events.frozen = p
	a.lastAt, a.fps = time.Time{}, 0
	if p {
		return nil
	}
	a.stepMode, a.ran, a.tasks.highlight = false, "", 0
	a.tag++
	return a.tick()
}

// step runs one scheduling step (paused only) and highlights the task it ran.
func (a *App) step() {
	if !a.shop.Step() {
		// Nothing ran, so there is no step to describe. A finished run says so in
		// its state (FINISHED); one whose tasks all wait on each other needs words.
		a.refreshAfterJump()
		if !a.snap.Finished {
			a.setStatus("nothing left to run", false, 0)
		}
		return
	}
	a.stepMode = true
	a.events.frozen = false
	a.refresh(true)
	a.events.frozen = a.paused
	if a.snap.LastStep != "" {
		// The shop says what the step did (ran a task, fired a timer, ...) and
		// which task it was about.
		a.ran, a.tasks.highlight = a.snap.LastStep, a.snap.StepTask
		for i, t := range a.snap.Tasks {
			if t.ID == a.snap.StepTask {
				a.tasks.show(i)
			}
		}
		return
	}
	id := a.snap.LastRan
	a.ran, a.tasks.highlight = "", id
	if id == 0 {
		return
	}
	for i, t := range a.snap.Tasks {
		if t.ID == id {
			a.tasks.show(i)
			a.ran = "ran #" + strconv.Itoa(id) + " " + t.Name
			return
		}
	}
	// The task finished in that step: its name is in its last events.
	for i := len(a.snap.Events) - 1; i >= 0; i-- {
		if ev := a.snap.Events[i]; ev.Task == id {
			a.ran = "ran #" + strconv.Itoa(id) + " " + ev.Name + " (ended)"
			return
		}
	}
	a.ran = "ran #" + strconv.Itoa(id)
}

// restart replaces the shop with a fresh one built from seed (r: the same seed, n: a
// new one). The old shop is closed; a failure keeps it and says so in the header.
func (a *App) restart(seed uint64) tea.Cmd {
	if a.restartF == nil {
		return nil
	}
	s, err := a.restartF(seed)
	if err != nil {
		a.setStatus("restart failed: "+err.Error(), false, 0)
		return nil
	}
	a.seed, a.recording = seed, false
	a.paused = a.paused || a.startPaused
	return a.replace(s)
}
