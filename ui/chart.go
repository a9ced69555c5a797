package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/brewloop/brewloop/model"
)

// chartPane draws the recent past of the queue length and the wait as two sparklines
// of block characters, one column per sample, newest on the right. Each series is
// scaled to its own maximum over the visible samples, shown on the left.
//
//	Chart  last 1m40s ──────────────────────────────
//	queue     12 ▁▁▂▂▃▃▄▅▅▆▆▇▇██▇▆▅▄▃
//	max 14       ▁▂▃▄▅▅▆▇███████████
//	wait    3.2s ▁▁▁▁▂▂▂▃▃▃▄▄▄▅▅▆▆▇▇█
type chartPane struct {
	th   *theme
	w, h int
}

const chartLabelW = 13

// sparkGlyph returns the block for a level 0..8 (0 is blank).
func sparkGlyph(level int) string {
	const blocks = "▁▂▃▄▅▆▇█" // 3 bytes each
	if level <= 0 {
		return " "
	}
	level = min(level, 8)
	return blocks[(level-1)*3 : level*3]
}

func (c chartPane) lines(s *model.Snapshot) []string {
	t := c.th
	cols := max(c.w-chartLabelW-1, 1)
	hist := s.History
	if len(hist) > cols {
		hist = hist[len(hist)-cols:]
	}
	var info []span
	if len(hist) > 1 {
		info = append(info, span{t.dim, "last " + fmtDur(hist[len(hist)-1].T-hist[0].T)})
	}
	title := titleLine(t, c.w, false, "Chart", info...)

	queue := make([]float64, len(hist))
	wait := make([]float64, len(hist))
	var qmax, wmax float64
	for i, h := range hist {
		queue[i], wait[i] = float64(h.QueueLen), h.WaitMean.Seconds()
		qmax, wmax = max(qmax, queue[i]), max(wmax, wait[i])
	}
	var qnow, wnow string
	if len(hist) > 0 {
		last := hist[len(hist)-1]
		qnow, wnow = strconv.Itoa(last.QueueLen), fmtDur(last.WaitMean)
	}
	rows := max((c.h-1)/2, 1)
	series := []struct {
		name, now, max string
		vals           []float64
		top            float64
		p              pen
	}{
		{"queue", qnow, "max " + fmtFloat(qmax, 0), queue, qmax, t.series[0]},
		{"wait", wnow, "max " + fmtDur(time.Duration(wmax*float64(time.Second))), wait, wmax, t.series[1]},
	}
	return paneLines(c.w, c.h, title, func(i int, l *lineBuf) bool {
		k, r := i/rows, i%rows
		if k >= len(series) {
			return false
		}
		sr := series[k]
		switch r {
		case 0:
			l.put(t.text, " "+padRight(sr.name, 6)+padLeft(sr.now, chartLabelW-7))
		case 1:
			l.put(t.dim, " "+padRight(sr.max, chartLabelW-1))
		default:
			l.space(chartLabelW)
		}
		l.space(1)
		l.padTo(chartLabelW + 1 + cols - len(sr.vals))
		c.spark(l, sr.p, sr.vals, sr.top, rows, r)
		return true
	})
}

// spark writes row r (0 at the top) of a sparkline rows high.
func (c chartPane) spark(l *lineBuf, p pen, vals []float64, top float64, rows, r int) {
	if top <= 0 || len(vals) == 0 {
		return
	}
	var b strings.Builder
	b.Grow(len(vals) * 3)
	floor := (rows - 1 - r) * 8
	for _, v := range vals {
		level := int(v / top * float64(rows*8))
		if v > 0 {
			level = max(level, 1) // a non-zero value never looks like nothing
		}
		b.WriteString(sparkGlyph(level - floor))
	}
	l.putW(p, b.String(), len(vals))
}

// View renders the pane for snapshot s.
func (c chartPane) View(s *model.Snapshot) string { return joinLines(c.lines(s)) }
