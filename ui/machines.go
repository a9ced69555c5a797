package ui

import (
	"strconv"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
)

// machinesPane shows the espresso machines, or in executor mode the executor's worker
// pool, each with the drink on it and how far it has come.
//
//	Machines  2/3 busy · m+ M- ─────────────────
//	machine 1  #101 latte  ███████░░░░░░  1.2s
//	machine 2  idle
type machinesPane struct {
	th   *theme
	w, h int
}

// machineRows is how many rows the pane would like for snapshot s.
func machineRows(s *model.Snapshot) int {
	if s.Controls.Mode == config.ModeExecutor {
		return max(len(s.Executor.Jobs), s.Executor.Workers)
	}
	return len(s.Machines)
}

func (m machinesPane) lines(s *model.Snapshot) []string {
	t := m.th
	title, label, jobs := m.header(s)
	if m.w < 40 {
		label = label[:1] // M1, W1
	} else {
		label += " "
	}
	labelW := cells(label) + 2
	rest := m.w - 1 - labelW - 1
	orderW := 0
	for _, j := range jobs {
		if j.Busy {
			orderW = max(orderW, cells(orderText(j.Order, j.Item)))
		}
	}
	orderW = min(orderW, rest, 16)
	barW := rest - orderW - 1
	leftW := 0
	if barW >= 10 {
		leftW = 6
		barW -= leftW
	}
	n := len(jobs)
	rows := m.h - 1
	shown := min(n, rows)
	if n > rows {
		shown = rows - 1
	}
	return paneLines(m.w, m.h, title, func(i int, l *lineBuf) bool {
		switch {
		case n == 0 && i == 0:
			l.put(t.dim, " none")
			return true
		case i < shown:
			j := jobs[i]
			l.space(1)
			l.put(t.text, padRight(label+strconv.Itoa(i+1), labelW))
			l.space(1)
			if !j.Busy {
				l.put(t.dim, "idle")
				return true
			}
			l.put(t.text, padRight(orderText(j.Order, j.Item), orderW))
			if barW >= 3 {
				progressCell(l, t, s.Now, j.Start, j.End, barW, leftW)
			}
			return true
		case i == shown && n > shown:
			l.put(t.dim, " +"+strconv.Itoa(n-shown)+" more")
			return true
		}
		return false
	})
}

// header returns the title line, the row label and the rows: the executor's workers
// in executor mode, the machines otherwise.
func (m machinesPane) header(s *model.Snapshot) (title, label string, jobs []model.MachineView) {
	t := m.th
	if s.Controls.Mode == config.ModeExecutor {
		ex := s.Executor
		info := []span{
			{t.value, strconv.Itoa(ex.Busy) + "/" + strconv.Itoa(ex.Workers)},
			{t.dim, "busy · " + strconv.Itoa(ex.Queued) + " queued"},
		}
		return titleLine(t, m.w, false, "Executor", info...), "Worker", ex.Jobs
	}
	busy := 0
	for _, mv := range s.Machines {
		if mv.Busy {
			busy++
		}
	}
	info := []span{
		{t.value, strconv.Itoa(busy) + "/" + strconv.Itoa(len(s.Machines))},
		{t.dim, "busy · m+ M-"},
	}
	return titleLine(t, m.w, false, "Machines", info...), "Machine", s.Machines
}

// View renders the pane for snapshot s.
func (m machinesPane) View(s *model.Snapshot) string { return joinLines(m.lines(s)) }
