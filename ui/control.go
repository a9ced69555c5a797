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
// budget, then a fresh snapshot. Ticks of an old chain, and any tick while paused,
// end their chain here.
func (a *App) advance(msg frameMsg) tea.Cmd {
	if msg.tag != a.tag || a.paused || a.quitting {
		return nil
	}
	a.measure(msg.at)
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

// handleKey dispatches a key: app-wide keys first, then the focused control's.
func (a *App) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &a.keys
	a.status = ""
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
		a.setFocus((a.focus + 1) % numFocus)
	case key.Matches(msg, k.PrevFocus):
		a.setFocus((a.focus + numFocus - 1) % numFocus)
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
	default:
		a.updateFocused(msg)
	}
	return nil
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
		a.status = "nothing left to run"
	}
	a.stepMode = true
	a.events.frozen = false
	a.refresh(true)
	a.events.frozen = a.paused
	id := a.snap.LastRan
	a.ran, a.tasks.highlight = "", id
	if id == 0 {
		return
	}
	for i, t := range a.snap.Tasks {
		if t.ID == id {
			a.tasks.show(i)
			a.ran = "#" + strconv.Itoa(id) + " " + t.Name
			return
		}
	}
	// The task finished in that step: its name is in its last events.
	for i := len(a.snap.Events) - 1; i >= 0; i-- {
		if ev := a.snap.Events[i]; ev.Task == id {
			a.ran = "#" + strconv.Itoa(id) + " " + ev.Name + " (ended)"
			return
		}
	}
	a.ran = "#" + strconv.Itoa(id)
}

// restart replaces the shop with a fresh one built from seed (r: the same seed, n: a
// new one). The old shop is closed; a failure keeps it and says so in the header.
func (a *App) restart(seed uint64) tea.Cmd {
	if a.restartF == nil {
		return nil
	}
	s, err := a.restartF(seed)
	if err != nil {
		a.status = "restart failed: " + err.Error()
		return nil
	}
	a.shop.Close()
	a.shop, a.seed = s, seed
	a.events.reset()
	a.tasks.offset, a.tasks.highlight = 0, 0
	a.stepMode, a.ran, a.behind = false, "", 0
	a.lastAt, a.fps = time.Time{}, 0
	a.attach()
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
