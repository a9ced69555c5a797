package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/sim"
)

// tasksPane is the loop's own view: every live task, its state, what it waits for and
// since when, with the number of tasks per state. It scrolls (keys when focused, the
// wheel) and highlights the task the last step ran.
//
//	Tasks  5000 live · 1-14 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
//	READY 3  RUNNING 1  SLEEPING 2400  WAITING 2596  BLOCKED 0
//	    ID NAME           STATE    WAITING FOR / UNTIL                   SINCE
//	    #7 barista-1      WAITING  queue orders                          00:01:20.1
//	   #12 customer-12    SLEEPING until 00:01:23.4 (in 2.1s)            00:01:20.1
type tasksPane struct {
	KeyMap    ScrollKeyMap
	th        *theme
	w, h      int
	offset    int // index of the first visible task
	n         int // tasks in the last snapshot
	focused   bool
	highlight int // id of the task to highlight, 0 for none
}

func newTasksPane(th *theme) tasksPane {
	return tasksPane{KeyMap: DefaultScrollKeyMap(), th: th}
}

// visible is how many task rows fit below the title, the counts and the column header.
func (p tasksPane) visible() int { return max(p.h-2-p.headerRows(), 0) }

func (p tasksPane) headerRows() int {
	if p.h >= 8 {
		return 1
	}
	return 0
}

// setFocus gives the pane the keyboard, or takes it away.
func (p *tasksPane) setFocus(v bool) { p.focused = v; p.KeyMap.SetEnabled(v) }

// setCount records how many tasks there are and keeps the offset in range.
func (p *tasksPane) setCount(n int) { p.n = n; p.scrollTo(p.offset) }

func (p *tasksPane) scrollTo(off int) {
	p.offset = max(min(off, p.n-p.visible()), 0)
}

// show scrolls so that task index i is visible.
func (p *tasksPane) show(i int) {
	if i < p.offset {
		p.scrollTo(i)
	} else if v := p.visible(); i >= p.offset+v {
		p.scrollTo(i - v + 1)
	}
}

// Update scrolls on the pane's keys and on the mouse wheel.
func (p tasksPane) Update(msg tea.Msg) (tasksPane, tea.Cmd) {
	if m, ok := p.KeyMap.move(msg, max(p.visible()-1, 1)); ok {
		p.scrollTo(m.apply(p.offset, 0, p.n))
	}
	return p, nil
}

// liveStates are the states of a live task, in the order the counts show them.
func liveStates() [5]sim.State {
	return [5]sim.State{sim.StateReady, sim.StateRunning, sim.StateSleeping, sim.StateWaiting, sim.StateBlocked}
}

func (p tasksPane) lines(s *model.Snapshot) []string {
	t := p.th
	n := len(s.Tasks)
	off := max(min(p.offset, n-p.visible()), 0)
	end := min(off+p.visible(), n)
	live := 0
	for _, st := range liveStates() {
		live += s.TaskCounts[st]
	}
	info := []span{{t.value, strconv.Itoa(live)}, {t.dim, "live"}}
	if n > p.visible() {
		info = append(info, span{t.dim, "· " + strconv.Itoa(off+1) + "-" + strconv.Itoa(end) + " of " + strconv.Itoa(n)})
	}
	title := titleLine(t, p.w, p.focused, "Tasks", info...)

	nameW := 14
	if p.w < 70 {
		nameW = 12
	}
	sinceW := 0
	if p.w >= 60 {
		sinceW = 11
	}
	detailW := max(p.w-1-6-1-nameW-1-8-1-sinceW, 1)
	hdr := p.headerRows()
	return paneLines(p.w, p.h, title, func(i int, l *lineBuf) bool {
		switch {
		case i == 0:
			p.counts(l, s)
		case i == 1 && hdr == 1:
			h := " " + padLeft("ID", 6) + " " + padRight("NAME", nameW) + " " + padRight("STATE", 8) + " " +
				padRight("WAITING FOR / UNTIL", detailW)
			if sinceW > 0 {
				h += " SINCE"
			}
			l.put(t.dim, h)
		default:
			j := off + i - 1 - hdr
			if j >= end {
				return false
			}
			p.row(l, s, &s.Tasks[j], nameW, detailW, sinceW)
		}
		return true
	})
}

// counts writes the number of live tasks per state, abbreviated when narrow.
func (p tasksPane) counts(l *lineBuf, s *model.Snapshot) {
	t := p.th
	long := 0
	for _, st := range liveStates() {
		long += len(st.String()) + 2 + len(strconv.Itoa(s.TaskCounts[st]))
	}
	short := [...]string{sim.StateReady: "RDY", sim.StateRunning: "RUN", sim.StateSleeping: "SLEEP",
		sim.StateWaiting: "WAIT", sim.StateBlocked: "BLK"}
	for _, st := range liveStates() {
		name := st.String()
		if long > p.w-1 {
			name = short[st]
		}
		np, cp := t.state(st), t.value
		if s.TaskCounts[st] == 0 { // nobody in this state: keep it quiet
			np, cp = t.dim, t.dim
		}
		l.space(1)
		l.put(np, name)
		l.space(1)
		l.put(cp, strconv.Itoa(s.TaskCounts[st]))
	}
}

// row writes one task.
func (p tasksPane) row(l *lineBuf, s *model.Snapshot, ti *sim.TaskInfo, nameW, detailW, sinceW int) {
	t := p.th
	hl := p.highlight != 0 && ti.ID == p.highlight
	text, dim, sp := t.text, t.dim, t.state(ti.State)
	mark := " "
	if hl {
		text, dim, sp, mark = t.highlight, t.highlight, t.highlight, "▶"
	}
	l.put(text, mark)
	l.put(dim, padLeft("#"+strconv.Itoa(ti.ID), 6))
	l.put(text, " "+padRight(ti.Name, nameW)+" ")
	l.put(sp, padRight(ti.State.String(), 8))
	l.put(text, " ")
	var d strings.Builder
	switch ti.State {
	case sim.StateSleeping:
		d.WriteString("until " + fmtClock(ti.Until))
		if detailW >= 28 {
			d.WriteString(" (in " + fmtDur(max(ti.Until-s.Now, 0)) + ")")
		}
	case sim.StateBlocked:
		d.WriteString("loop frozen until " + fmtClock(ti.Until))
	case sim.StateRunning:
		d.WriteString("running now")
	default:
		if ti.Awaiting != "" {
			d.WriteString(ti.Awaiting)
		} else if ti.State == sim.StateReady {
			d.WriteString("ready queue")
		}
	}
	l.put(text, padRight(d.String(), detailW))
	if sinceW > 0 {
		l.put(dim, " "+fmtClock(ti.Since))
	}
	if hl {
		l.put(t.highlight, blank(l.room()))
	}
}

// View renders the pane for snapshot s.
func (p tasksPane) View(s *model.Snapshot) string { return joinLines(p.lines(s)) }
