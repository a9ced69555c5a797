package ui

import (
	"strconv"
	"time"

	"github.com/brewloop/brewloop/model"
)

// queuePane shows the waiting customers in order, first in line at the top, each
// coloured (and marked ░▒▓█) by how long it has waited relative to the mean brew time:
// under one brew, under two, under four, and longer. A queue longer than the pane ends
// in "+N more".
//
//	Queue  7 waiting · cap 20 ─────────
//	   1 █ #101   latte           12.3s
//	   2 ▓ #102   espresso         8.1s
type queuePane struct {
	th    *theme
	w, h  int
	scale time.Duration // the mean brew time: the unit of the wait colours
}

// waitGlyphs marks the four wait levels, so they read without colour too (3 bytes each).
const waitGlyphs = "░▒▓█"

func waitGlyph(level int) string { return waitGlyphs[level*3 : level*3+3] }

// level returns the wait colour for a customer who has waited d.
func (q queuePane) level(d time.Duration) int {
	scale := q.scale
	if scale <= 0 {
		scale = 10 * time.Second
	}
	switch {
	case d < scale:
		return 0
	case d < 2*scale:
		return 1
	case d < 4*scale:
		return 2
	}
	return 3
}

func (q queuePane) lines(s *model.Snapshot) []string {
	t := q.th
	info := []span{{t.value, strconv.Itoa(s.QueueLen)}, {t.dim, "waiting"}}
	if s.QueueCap > 0 {
		info = append(info, span{t.dim, "· cap " + strconv.Itoa(s.QueueCap)})
		if s.QueueLen >= s.QueueCap {
			info = append(info, span{t.warning, " FULL "})
		}
	}
	title := titleLine(t, q.w, false, "Queue", info...)
	rows := q.h - 1
	shown := min(len(s.Queue), s.QueueLen, rows)
	more := s.QueueLen - shown
	if more > 0 && shown == rows { // make room for the "+N more" line
		shown--
		more++
	}
	itemW := max(q.w-4-1-1-1-7-1-7, 1)
	return paneLines(q.w, q.h, title, func(i int, l *lineBuf) bool {
		switch {
		case s.QueueLen == 0 && i == 0:
			l.put(t.dim, "  nobody waiting")
			return true
		case i < shown:
			c := s.Queue[i]
			wait := s.Now - c.Arrived
			p := t.wait[q.level(wait)]
			l.put(t.dim, padLeft(strconv.Itoa(i+1), 4))
			l.space(1)
			l.putW(p, waitGlyph(q.level(wait)), 1)
			l.space(1)
			l.put(t.text, padRight("#"+strconv.Itoa(c.ID), 7))
			l.space(1)
			l.put(t.text, padRight(c.Item, itemW))
			l.put(p, padLeft(fmtDur(wait), 7))
			return true
		case i == shown && more > 0:
			l.put(t.dim, "     +"+strconv.Itoa(more)+" more")
			return true
		}
		return false
	})
}

// View renders the pane for snapshot s.
func (q queuePane) View(s *model.Snapshot) string { return joinLines(q.lines(s)) }
