package ui

import (
	"strconv"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/sim"
)

// baristasPane shows each barista, what it is doing and for which order, with a
// progress bar while it brews a drink itself (hands-on and blocking modes).
//
//	Baristas  2 · b+ B- ──────────────────────
//	barista-1  brewing      #101 latte   ██████░░░░ 1.2s
//	barista-2  wait machine #102 mocha
type baristasPane struct {
	th   *theme
	w, h int
}

// baristaStateName names a state in at most w cells: in full from 20 cells, briefly
// below that.
func baristaStateName(s model.BaristaState, w int) string {
	if s == model.BaristaBlocked {
		return "BLOCKED"
	}
	if w >= 20 {
		return s.String()
	}
	short := map[model.BaristaState][2]string{
		model.BaristaIdle:         {"idle", "idle"},
		model.BaristaTaking:       {"taking order", "taking"},
		model.BaristaBrewing:      {"brewing", "brewing"},
		model.BaristaWaitMachine:  {"wait machine", "wait mach"},
		model.BaristaWaitExecutor: {"wait executor", "wait exec"},
		model.BaristaLeaving:      {"leaving", "leaving"},
	}[s]
	if w >= 13 {
		return short[0]
	}
	return short[1]
}

// orderText names an order and its drink: "#101 latte".
func orderText(order int, item string) string { return "#" + strconv.Itoa(order) + " " + item }

// barista returns the pen of a barista state: that of the task state it resembles.
func (t *theme) barista(s model.BaristaState) pen {
	switch s {
	case model.BaristaTaking:
		return t.state(sim.StateReady)
	case model.BaristaBrewing:
		return t.state(sim.StateRunning)
	case model.BaristaWaitMachine, model.BaristaWaitExecutor:
		return t.state(sim.StateWaiting)
	case model.BaristaBlocked:
		return t.state(sim.StateBlocked)
	}
	return t.dim
}

func (b baristasPane) lines(s *model.Snapshot) []string {
	t := b.th
	n := len(s.Baristas)
	title := titleLine(t, b.w, false, "Baristas",
		span{t.value, strconv.Itoa(n)}, span{t.dim, "·"}, span{t.text, s.Controls.Mode.String()},
		span{t.dim, "· b+ B- x"})
	nameW := 4
	for _, br := range s.Baristas {
		nameW = max(nameW, cells(br.Name))
	}
	nameW = min(nameW, 12)
	stateW := 9
	switch {
	case b.w >= 64:
		stateW = 20
	case b.w >= 48:
		stateW = 13
	}
	// What is left goes to the order, then to the progress bar and the time left.
	rest := b.w - 1 - nameW - 1 - stateW - 1
	orderW := 0
	for _, br := range s.Baristas {
		orderW = max(orderW, cells(orderText(br.Order, br.Item)))
	}
	orderW = min(orderW, rest, 16)
	// A hand brew's progress bar matters more than the end of the drink's name:
	// keep at least 5 cells for it when someone brews by hand, as long as the
	// order keeps 8 cells (its number and the start of the drink).
	for _, br := range s.Baristas {
		if (br.State == model.BaristaBrewing || br.State == model.BaristaBlocked) && br.End > br.Start &&
			rest-orderW-1 < 5 && rest-6 >= 8 {
			orderW = rest - 6
			break
		}
	}
	barW := rest - orderW - 1
	leftW := 0
	if barW >= 10 {
		leftW = 6
		barW -= leftW
	}
	rows := b.h - 1
	shown := min(n, rows)
	if n > rows {
		shown = rows - 1
	}
	return paneLines(b.w, b.h, title, func(i int, l *lineBuf) bool {
		switch {
		case n == 0 && i == 0:
			l.put(t.dim, " no baristas")
			return true
		case i < shown:
			br := s.Baristas[i]
			l.space(1)
			l.put(t.text, padRight(br.Name, nameW))
			l.space(1)
			l.put(t.barista(br.State), padRight(baristaStateName(br.State, stateW), stateW))
			l.space(1)
			if br.Order != 0 {
				l.put(t.text, padRight(orderText(br.Order, br.Item), orderW))
			} else {
				l.space(orderW)
			}
			brewing := br.State == model.BaristaBrewing || br.State == model.BaristaBlocked
			if brewing && br.End > br.Start && barW >= 3 {
				progressCell(l, t, s.Now, br.Start, br.End, barW, leftW)
			}
			return true
		case i == shown && n > shown:
			l.put(t.dim, " +"+strconv.Itoa(n-shown)+" more")
			return true
		}
		return false
	})
}

// View renders the pane for snapshot s.
func (b baristasPane) View(s *model.Snapshot) string { return joinLines(b.lines(s)) }
