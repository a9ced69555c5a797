package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/brewloop/brewloop/model"
)

// handleMouse hit-tests the layout: a click focuses the pane under it (and sets a
// slider), motion drags the slider a click grabbed, a release lets go, and the wheel
// scrolls Tasks and Events (or nudges a slider).
func (a *App) handleMouse(msg tea.MouseMsg) tea.Cmd {
	m := msg.Mouse()
	if !a.lay.fits() {
		return nil
	}
	switch msg := msg.(type) {
	case tea.MouseClickMsg:
		if a.showHelp {
			a.showHelp = false
			a.keys.Close.SetEnabled(false)
			return nil
		}
		if m.Button != tea.MouseLeft {
			return nil
		}
		switch ar := a.lay.hit(m.X, m.Y); ar {
		case areaArrivals, areaBrew:
			f := focusArrivals
			if ar == areaBrew {
				f = focusBrew
			}
			a.setFocus(f)
			a.updateFocused(local(msg, a.lay.rect(ar)))
		case areaTasks:
			a.setFocus(focusTasks)
		case areaEvents:
			a.setFocus(focusEvents)
		case areaLesson:
			a.setFocus(focusLesson)
		}
	case tea.MouseMotionMsg, tea.MouseReleaseMsg:
		// A drag belongs to the slider that was clicked, wherever the mouse goes.
		if a.arrivals.Dragging() {
			a.arrivals = a.updateSlider(a.arrivals, local(msg, a.lay.rect(areaArrivals)), model.ArrivalRate)
		}
		if a.brew.Dragging() {
			a.brew = a.updateSlider(a.brew, local(msg, a.lay.rect(areaBrew)), model.BrewRate)
		}
	case tea.MouseWheelMsg:
		switch ar := a.lay.hit(m.X, m.Y); ar {
		case areaTasks:
			a.tasks, _ = a.tasks.Update(msg)
		case areaEvents:
			a.events, _ = a.events.Update(msg)
		case areaLesson:
			a.lesson, _ = a.lesson.Update(msg)
		case areaArrivals:
			a.arrivals = a.updateSlider(a.arrivals, msg, model.ArrivalRate)
		case areaBrew:
			a.brew = a.updateSlider(a.brew, msg, model.BrewRate)
		}
	}
	return nil
}

// local returns the mouse message with coordinates relative to r.
func local(msg tea.MouseMsg, r rect) tea.Msg {
	m := msg.Mouse()
	m.X -= r.x
	m.Y -= r.y
	switch msg.(type) {
	case tea.MouseClickMsg:
		return tea.MouseClickMsg(m)
	case tea.MouseMotionMsg:
		return tea.MouseMotionMsg(m)
	case tea.MouseReleaseMsg:
		return tea.MouseReleaseMsg(m)
	case tea.MouseWheelMsg:
		return tea.MouseWheelMsg(m)
	}
	return msg
}
