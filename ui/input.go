package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/brewloop/brewloop/model"
)

// This file routes the keyboard: the app-wide keys, the go-to-time prompt, pastes
// and the focus ring.

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

// delta is +1 for the "add" binding, -1 for its "remove" twin.
func delta(msg tea.KeyPressMsg, add key.Binding) int {
	if key.Matches(msg, add) {
		return 1
	}
	return -1
}
