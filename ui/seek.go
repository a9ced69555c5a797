package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// This file moves in virtual time: back by re-simulating from the start (the Seek
// option), forward by fast-forwarding in budgeted frames that esc can stop.

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
	a.setStatus("to "+fmtClock(t)+" · esc stops", true, 0)
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
		a.setStatus("to "+fmtClock(a.seekTo)+" · now "+fmtClock(a.shop.Now())+" · esc stops", true, 0)
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
	a.failure, a.events.failed = "", 0
	a.tasks.offset, a.tasks.highlight = 0, 0
	a.stepMode, a.ran, a.behind = false, "", 0
	a.lastAt, a.fps = time.Time{}, 0
	a.events.frozen = false
	a.attach()
	a.events.frozen = a.paused
	a.tag++ // the old chain dies; a new one starts unless paused
	return a.tick()
}
