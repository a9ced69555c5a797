package ui

import (
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brewloop/brewloop/model"
)

// This file holds what Update delegates to: the frame, the keys, the mouse, and the
// control changes, each of which goes through the Shop's Apply.

// advance runs one frame: the loop to now + speed × frame interval, within the step
// budget, then a fresh snapshot. Ticks of an old chain, and any tick while paused or
// once the run has finished, end their chain here.
func (a *App) advance(msg frameMsg) tea.Cmd {
	if msg.tag != a.tag || a.quitting {
		return nil
	}
	a.ticking = false
	if a.seeking {
		return a.fastForward()
	}
	if a.paused || a.snap.Finished {
		return nil // nothing to run: the clock stays where it is until a key
	}
	a.measure(msg.at)
	if a.statusFor > 0 {
		if a.statusFor--; a.statusFor == 0 {
			a.status, a.statusOK = "", false
		}
	}
	target := a.shop.Now() + time.Duration(a.speed*float64(a.frame))
	slow := a.fps > 0 && a.fps < 0.8*float64(a.fpsGoal)
	if !a.shop.AdvanceTo(target, a.budget) || slow {
		a.behind = max(a.fpsGoal/2, 1) // show it for half a second at least
	} else if a.behind > 0 {
		a.behind--
	}
	a.refresh(true)
	return a.tick()
}

// measure updates the frame rate from the wall time of the ticks (when known).
func (a *App) measure(at time.Time) {
	if at.IsZero() {
		return
	}
	if !a.lastAt.IsZero() {
		if dt := at.Sub(a.lastAt); dt > 0 {
			f := float64(time.Second) / float64(dt)
			if a.fps == 0 {
				a.fps = f
			} else {
				a.fps += (f - a.fps) / 8
			}
		}
	}
	a.lastAt = at
}

// refresh takes a new snapshot and brings the panes and the layout up to date. The
// event log takes the new events only if ingest is set and it is not frozen.
func (a *App) refresh(ingest bool) {
	a.snap = a.shop.Snapshot()
	if ingest {
		a.events.ingest(&a.snap)
	}
	a.checkFailure()
	a.tasks.setCount(len(a.snap.Tasks))
	a.arrivals.SetValue(a.snap.Controls.ArrivalRate)
	a.brew.SetValue(a.snap.Controls.BrewRate)
	a.relayout()
}

// handleKey dispatches a key: to the go-to-time prompt while it is open, else the
// app-wide keys first, then the focused control's.
func (a *App) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if a.prompt.Active() {
		return a.promptKey(msg)
	}
	k := &a.keys
	if a.seeking && !key.Matches(msg, k.Quit) {
		// While seeking only esc (stop here) and quit do anything.
		if key.Matches(msg, k.CancelSeek) {
			a.stopSeeking()
			a.setStatus("stopped at "+fmtClock(a.shop.Now()), true, a.noticeFrames())
		}
		return nil
	}
	a.setStatus("", false, 0)
	switch {
	case key.Matches(msg, k.Quit):
		a.quitting = true
		return tea.Quit
	case key.Matches(msg, k.Help), a.showHelp && key.Matches(msg, k.Close):
		a.showHelp = !a.showHelp
		k.Close.SetEnabled(a.showHelp)
	case key.Matches(msg, k.Pause):
		return a.setPaused(!a.paused)
	case key.Matches(msg, k.Step):
		a.step()
	case key.Matches(msg, k.Faster):
		a.speed = fasterSpeed(a.speed)
	case key.Matches(msg, k.Slower):
		a.speed = slowerSpeed(a.speed)
	case key.Matches(msg, k.NextFocus):
		a.setFocus(a.nextFocus(1))
	case key.Matches(msg, k.PrevFocus):
		a.setFocus(a.nextFocus(-1))
	case key.Matches(msg, k.AddBarista), key.Matches(msg, k.DelBarista):
		a.control(model.Baristas(clampStaff(a.snap.Controls.Baristas + delta(msg, k.AddBarista))))
	case key.Matches(msg, k.AddMachine), key.Matches(msg, k.DelMachine):
		a.control(model.Machines(clampStaff(a.snap.Controls.Machines + delta(msg, k.AddMachine))))
	case key.Matches(msg, k.Mode):
		a.control(model.BrewMode(a.snap.Controls.Mode.Next()))
	case key.Matches(msg, k.Filter):
		a.events.cycleFilter()
	case key.Matches(msg, k.Restart):
		return a.restart(a.seed)
	case key.Matches(msg, k.NewSeed):
		return a.restart(a.newSeed(a.seed))
	case key.Matches(msg, k.SeekBack):
		return a.seek(max(a.shop.Now()-time.Minute, 0))
	case key.Matches(msg, k.SeekFwd):
		return a.seek(a.shop.Now() + time.Minute)
	case key.Matches(msg, k.GoTo):
		a.showHelp = false
		k.Close.SetEnabled(false)
		a.prompt.Open()
	case key.Matches(msg, k.Record):
		a.record()
	case key.Matches(msg, k.Lesson):
		a.toggleLesson()
	default:
		a.updateFocused(msg)
	}
	return nil
}

// promptKey hands a key to the go-to-time prompt, and goes to the time it chose.
// Only ctrl+c gets past it.
func (a *App) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, a.prompt.KeyMap.Quit) {
		a.quitting = true
		return tea.Quit
	}
	var cmd tea.Cmd
	a.prompt, cmd = a.prompt.Update(msg)
	if t, ok := a.prompt.Chosen(); ok {
		return tea.Batch(cmd, a.seek(t))
	}
	return cmd
}

// handlePaste types pasted text into the prompt, if it is open.
func (a *App) handlePaste(msg tea.PasteMsg) tea.Cmd {
	if !a.prompt.Active() {
		return nil
	}
	var cmd tea.Cmd
	a.prompt, cmd = a.prompt.Update(msg)
	return cmd
}

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

// toggleLesson shows or hides the lesson panel (l). Hiding it while it has the focus
// hands the focus to Tasks.
func (a *App) toggleLesson() {
	a.showLesson = !a.showLesson
	a.keys.SetLesson(true, a.showLesson)
	if !a.showLesson && a.focus == focusLesson {
		a.setFocus(focusTasks)
	}
	a.relayout()
}

// nextFocus is the control step places away in the focus ring, which has the lesson
// panel only while it shows.
func (a *App) nextFocus(step int) focus {
	f := a.focus
	for {
		f = (f + focus(step) + numFocus) % numFocus
		switch {
		case f == focusLesson && !a.showLesson:
		case a.program && (f == focusArrivals || f == focusBrew):
			// a lesson's program has no sliders
		default:
			return f
		}
	}
}

// delta is +1 for the "add" binding, -1 for its "remove" twin.
func delta(msg tea.KeyPressMsg, add key.Binding) int {
	if key.Matches(msg, add) {
		return 1
	}
	return -1
}

func clampStaff(n int) int { return min(max(n, 1), MaxStaff) }

// control applies a live control change and shows its effect at once, also while
// paused.
func (a *App) control(c model.Control) {
	if err := a.shop.Apply(c); err != nil {
		a.setStatus(err.Error(), false, a.noticeFrames())
	}
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

// setFocus moves the keyboard to control f.
func (a *App) setFocus(f focus) {
	a.focus = f
	a.arrivals.Blur()
	a.brew.Blur()
	a.tasks.setFocus(f == focusTasks)
	a.events.setFocus(f == focusEvents)
	a.lesson.setFocus(f == focusLesson)
	switch f {
	case focusArrivals:
		a.arrivals.Focus()
	case focusBrew:
		a.brew.Focus()
	}
}

// setPaused pauses or resumes. Resuming starts a new tick chain; the old chain's tick
// in flight, if any, is dropped by its tag.
func (a *App) setPaused(p bool) tea.Cmd {
	a.paused = p
	a.keys.SetPaused(p)
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
		a.setStatus("nothing left to run", false, 0)
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
