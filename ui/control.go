package ui

import (
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// This file holds what Update delegates to: the frame, the keys, the mouse, and the
// control changes, each of which goes through the Shop's control methods.

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
		a.control(func(s Shop) { s.SetBaristas(clampStaff(s.Controls().Baristas + delta(msg, k.AddBarista))) })
	case key.Matches(msg, k.AddMachine), key.Matches(msg, k.DelMachine):
		a.control(func(s Shop) { s.SetMachines(clampStaff(s.Controls().Machines + delta(msg, k.AddMachine))) })
	case key.Matches(msg, k.Mode):
		a.control(func(s Shop) { s.SetBrewMode(s.Controls().Mode.Next()) })
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

// control applies a change through the shop's control methods and shows its effect at
// once, also while paused.
func (a *App) control(change func(Shop)) {
	change(a.shop)
	a.refresh(true)
}

// updateFocused hands a message to the focused control; a slider that moved sets
// its rate on the shop.
func (a *App) updateFocused(msg tea.Msg) {
	switch a.focus {
	case focusArrivals:
		a.arrivals = a.updateSlider(a.arrivals, msg, Shop.SetArrivalRate)
	case focusBrew:
		a.brew = a.updateSlider(a.brew, msg, Shop.SetBrewRate)
	case focusTasks:
		a.tasks, _ = a.tasks.Update(msg)
	case focusEvents:
		a.events, _ = a.events.Update(msg)
	case focusLesson:
		a.lesson, _ = a.lesson.Update(msg)
	}
}

func (a *App) updateSlider(s Slider, msg tea.Msg, set func(Shop, float64)) Slider {
	before := s.Value()
	s, _ = s.Update(msg)
	if v := s.Value(); v != before {
		a.control(func(shop Shop) { set(shop, v) })
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
	a.seed = seed
	return a.replace(s)
}

// seek replaces the shop with one re-simulated from the start to virtual time t
// ([, ], g). Pause and speed stay as they were; a failure keeps the shop and says so.
func (a *App) seek(t time.Duration) tea.Cmd {
	if a.seekF == nil {
		return nil
	}
	if t < a.shop.Now() {
		s, err := a.seekF(t)
		if err != nil {
			a.setStatus("seek failed: "+err.Error(), false, 0)
			return nil
		}
		a.replace(s)
	}
	if a.shop.Now() >= t {
		a.seeking = false
		a.refreshAfterJump()
		a.tag++
		return a.tick()
	}
	// Fast-forward in frames with a work budget (see fastForward): a far target
	// takes a while, but the screen moves, keys work, and esc stops it.
	a.seeking, a.seekTo = true, t
	a.keys.CancelSeek.SetEnabled(true)
	a.setStatus("seeking to "+fmtClock(t)+" · esc stops", true, 0)
	a.tag++
	return a.tick()
}

// seekBudget is how many scheduling steps a seeking frame may run: far more than a
// playing frame, still short enough (tens of milliseconds) to keep input live.
func (a *App) seekBudget() int { return 10 * a.budget }

// fastForward advances one seeking frame towards seekTo, paused or not.
func (a *App) fastForward() tea.Cmd {
	if a.shop.AdvanceTo(a.seekTo, a.seekBudget()) {
		a.stopSeeking()
		a.setStatus("at "+fmtClock(a.seekTo), true, a.noticeFrames())
	} else {
		a.setStatus("seeking to "+fmtClock(a.seekTo)+" · now "+fmtClock(a.shop.Now())+" · esc stops", true, 0)
	}
	a.refreshAfterJump()
	return a.tick()
}

// stopSeeking ends a fast-forward where it is.
func (a *App) stopSeeking() {
	a.seeking = false
	a.keys.CancelSeek.SetEnabled(false)
}

// refreshAfterJump takes a snapshot and its events even while paused, so a jump in
// time shows where it landed.
func (a *App) refreshAfterJump() {
	a.events.frozen = false
	a.refresh(true)
	a.events.frozen = a.paused
}

// replace closes the shop and shows s instead, from a clean event log, task list and
// step state. The log takes s's events even while paused, so a paused seek shows
// where it landed.
func (a *App) replace(s Shop) tea.Cmd {
	a.shop.Close()
	a.shop = s
	a.stopSeeking()
	a.events.reset()
	a.tasks.offset, a.tasks.highlight = 0, 0
	a.stepMode, a.ran, a.behind = false, "", 0
	a.lastAt, a.fps = time.Time{}, 0
	a.events.frozen = false
	a.attach()
	a.events.frozen = a.paused
	a.tag++ // the old chain dies; a new one starts unless paused
	return a.tick()
}

// speedLadder lists the speeds + and - step through: 1-2-5 steps, x0.1 to x1000.
func speedLadder() []float64 {
	return []float64{0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}
}

func fasterSpeed(s float64) float64 {
	for _, v := range speedLadder() {
		if v > s*(1+1e-9) {
			return v
		}
	}
	return MaxSpeed
}

func slowerSpeed(s float64) float64 {
	l := speedLadder()
	for i := len(l) - 1; i >= 0; i-- {
		if l[i] < s*(1-1e-9) {
			return l[i]
		}
	}
	return MinSpeed
}

func clampSpeed(s float64) float64 {
	if s <= 0 {
		return 1
	}
	return min(max(s, MinSpeed), MaxSpeed)
}
