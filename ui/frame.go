package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// This file holds the frame clock's side of Update: each frame advances the shop by
// speed × the frame interval within a work budget, and the speed ladder of + and -.

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
	end, replay := a.recordingEnd()
	if replay {
		target = min(target, end)
	}
	slow := a.fps > 0 && a.fps < 0.8*float64(a.fpsGoal)
	if !a.shop.AdvanceTo(target, a.budget) || slow {
		a.behind = max(a.fpsGoal/2, 1) // show it for half a second at least
	} else if a.behind > 0 {
		a.behind--
	}
	a.refresh(true)
	if replay && a.shop.Now() >= end {
		// The recording ends here. Going on would be a live run that nobody
		// recorded, so stop and say so; space goes on live.
		a.paused, a.behind = true, 0
		a.setStatus("end of the recording: space goes on live", true, 0)
		return nil
	}
	return a.tick()
}

// recordingEnd returns where the recording being replayed ends, and whether the
// header shows REPLAY (a recording, followed unchanged, not yet at its end).
func (a *App) recordingEnd() (time.Duration, bool) {
	r, ok := a.shop.(interface{ RecordingEnd() time.Duration })
	if !ok || !a.recording || !a.replaying() {
		return 0, false
	}
	return r.RecordingEnd(), true
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
	a.syncKeys()
	a.relayout()
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
