package ui

import (
	"math"
	"strconv"
	"time"

	"github.com/brewloop/brewloop/model"
)

// statsPane shows the running statistics and, where the shop is a textbook queue, what
// theory predicts beside them. When the predicted utilisation reaches 1 it says
// UNSTABLE in its title and on its second line.
//
//	Stats  vs M/M/2 ─────────────────────────────────
//	served 1234 · balked 12 · reneged 3 · in shop 15
//	                   simulated      theory
//	wait mean              12.3s       10.1s
//	wait p95               30.2s
type statsPane struct {
	th   *theme
	w, h int
}

// statRow is one line of the table: a label, the simulated value, the predicted one.
type statRow struct {
	label, sim, theory string
	simPen             pen
}

// unstable reports whether theory says the queue has no steady state (or, with a
// finite queue, that arrivals outrun service): utilisation at or above 1.
func unstable(th *model.Theory) bool {
	return th != nil && (!th.Stable || th.Rho >= 1)
}

// statsRows is how many rows the pane would like for snapshot s, title included.
func statsRows(s *model.Snapshot) int {
	n := 1 + 1 + 9 // title, counts, table
	if unstable(s.Theory) {
		n++
	}
	if s.Theory != nil {
		n++
	}
	if s.QueueCap > 0 {
		n++
	}
	return n
}

// top returns the lines above the table: the counts, any warning, the column header.
func (p statsPane) top(s *model.Snapshot) [][]span {
	t := p.th
	m := s.Metrics
	out := [][]span{{
		{t.dim, "served "}, {t.value, strconv.Itoa(m.Served)},
		{t.dim, " · balked "}, {t.bad, strconv.Itoa(m.Balked)},
		{t.dim, " · reneged "}, {t.bad, strconv.Itoa(m.Reneged)},
		{t.dim, " · in shop "}, {t.value, strconv.Itoa(m.InSystem)},
	}}
	if unstable(s.Theory) {
		msg := " queue grows without bound"
		if s.QueueCap > 0 {
			msg = " queue stays full, customers balk"
		}
		out = append(out, []span{{t.warning, " ⚠ UNSTABLE ρ " + fmtFloat(s.Theory.Rho, 2) + " ≥ 1 "}, {t.bad, msg}})
	}
	if s.Theory != nil {
		out = append(out, []span{{t.dim, padRight("", 13) + padLeft("simulated", 11) + padLeft("theory", 12)}})
	}
	return out
}

// table returns the rows of statistics for snapshot s; the theory column is empty
// without a theory, and ∞ where an unstable queue has no steady state.
func (p statsPane) table(s *model.Snapshot) []statRow {
	t, m, th := p.th, s.Metrics, s.Theory
	var thWait, thQueue, thRho, thSojourn, thBalk string
	if th != nil {
		inf := !th.Stable
		thWait, thSojourn = theoryDur(th.WaitMean, inf), theoryDur(th.SojournMean, inf)
		thQueue, thRho, thBalk = "∞", fmtPct(th.Rho), fmtPct(th.PBlock)
		if !inf && !math.IsInf(th.QueueLenMean, 0) && !math.IsNaN(th.QueueLenMean) {
			thQueue = fmtFloat(th.QueueLenMean, 2)
		}
	}
	v := t.value
	rows := []statRow{
		{"wait mean", fmtDur(m.WaitMean), thWait, v},
		{"wait p95", fmtDur(m.WaitP95), "", v},
		{"queue length", fmtFloat(m.QueueLenMean, 2), thQueue, v},
		{"util baristas", fmtPct(m.UtilBaristas), thRho, v},
		{"util machines", fmtPct(m.UtilMachines), "", v},
		{"time in shop", fmtDur(m.SojournMean), thSojourn, v},
	}
	if s.QueueCap > 0 {
		rows = append(rows, statRow{"balk rate", fmtPct(ratio(m.Balked, m.Arrived)), thBalk, v})
	}
	late, blocked := v, v
	if m.LatenessMax > 0 {
		late = t.bad
	}
	if m.Blocked > 0 {
		blocked = t.bad
	}
	return append(rows,
		statRow{"throughput", fmtFloat(m.ThroughputPerHour, 1) + "/h", "", v},
		statRow{"late p95/max", fmtDur(m.LatenessP95) + "/" + fmtDur(m.LatenessMax), "", late},
		statRow{"loop blocked", fmtDur(m.Blocked), "", blocked},
	)
}

// theoryDur formats a predicted duration, ∞ when the queue has no steady state.
func theoryDur(d time.Duration, inf bool) string {
	if inf || d < 0 || d >= 1000*time.Hour {
		return "∞"
	}
	return fmtDur(d)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (p statsPane) lines(s *model.Snapshot) []string {
	t := p.th
	var info []span
	if s.Theory != nil {
		info = append(info, span{t.dim, "vs"}, span{t.theory, s.Theory.Model})
	}
	if unstable(s.Theory) {
		info = append(info, span{t.warning, " ⚠ UNSTABLE "})
	}
	title := titleLine(t, p.w, false, "Stats", info...)
	top, rows := p.top(s), p.table(s)
	return paneLines(p.w, p.h, title, func(i int, l *lineBuf) bool {
		if i < len(top) {
			l.space(1)
			for _, sp := range top[i] {
				l.put(sp.p, sp.s)
			}
			return true
		}
		i -= len(top)
		if i >= len(rows) {
			return false
		}
		r := rows[i]
		l.put(t.dim, " "+padRight(r.label, 13))
		l.put(r.simPen, padLeft(r.sim, 11))
		if r.theory != "" {
			l.put(t.theory, padLeft(r.theory, 12))
		}
		return true
	})
}

// View renders the pane for snapshot s.
func (p statsPane) View(s *model.Snapshot) string { return joinLines(p.lines(s)) }
