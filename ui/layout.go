package ui

import (
	"slices"
	"strings"
)

// MinWidth and MinHeight are the smallest terminal the UI lays out; below it the UI
// shows a message naming the size it needs.
const (
	MinWidth  = 80
	MinHeight = 24
)

// rect is a region of the screen in cells.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// area names a region of the screen, for drawing and for hit-testing the mouse.
type area int

const (
	areaNone area = iota
	areaHeader
	areaArrivals
	areaBrew
	areaQueue
	areaBaristas
	areaMachines
	areaStats
	areaChart
	areaTasks
	areaEvents
	areaLesson
	areaHelp
	numAreas
)

// layout is where every pane goes on a terminal of w x h cells.
//
//	header                                          (1 line)
//	Arrivals slider          | Brew slider           (1 line)
//	Queue                    | Stats  | Chart        (side by side from 100 columns on the right,
//	                         |------------------      stacked below that)
//	Baristas                 | Tasks
//	Machines                 | Events
//	help bar                                        (1 line)
//
// The left column follows the flow of a customer (queue, barista, machine); the right
// column shows the numbers and the loop's view of it (tasks and events). The lesson
// panel, while it shows, takes the place of Stats and Chart, and half the body's
// height or more.
type layout struct {
	w, h  int
	rects [numAreas]rect
}

// computeLayout places the panes. rows is how many rows the Baristas and the Machines
// panes would like (one per barista, machine or worker); statsRows the Stats pane's;
// panel is whether the lesson panel shows.
func computeLayout(w, h, baristaRows, machineRows, statsRows int, panel bool) layout {
	l := layout{w: w, h: h}
	if w < MinWidth || h < MinHeight {
		return l
	}
	l.rects[areaHeader] = rect{0, 0, w, 1}
	aw := (w - 1) / 2
	l.rects[areaArrivals] = rect{0, 1, aw, 1}
	l.rects[areaBrew] = rect{aw + 1, 1, w - aw - 1, 1}
	l.rects[areaHelp] = rect{0, h - 1, w, 1}

	y0, bh := 2, h-3
	lw := min(max(w*32/100, 30), 56)

	// Left column: the queue takes what the staff panes leave, at least 5 rows.
	bRows, mRows := 1+max(baristaRows, 1), 1+max(machineRows, 1)
	if avail := bh - 5; bRows+mRows > avail {
		bRows = max(2, avail*bRows/(bRows+mRows))
		mRows = max(2, avail-bRows)
	}
	qRows := bh - bRows - mRows
	l.rects[areaQueue] = rect{0, y0, lw, qRows}
	l.rects[areaBaristas] = rect{0, y0 + qRows, lw, bRows}
	l.rects[areaMachines] = rect{0, y0 + qRows + bRows, lw, mRows}

	// Right column: stats and chart (or the lesson panel), then tasks and events
	// share the rest.
	rx, rw := lw+1, w-lw-1
	sh := min(max(statsRows, 5), bh/3)
	top := sh
	if panel {
		top = max(sh+3, bh/2)
		l.rects[areaLesson] = rect{rx, y0, rw, top}
	} else if rw >= 100 {
		sw := min(rw/2, 60)
		l.rects[areaStats] = rect{rx, y0, sw, sh}
		l.rects[areaChart] = rect{rx + sw + 1, y0, rw - sw - 1, sh}
	} else {
		ch := 3
		if bh >= 30 {
			ch = 5
		}
		l.rects[areaStats] = rect{rx, y0, rw, sh}
		l.rects[areaChart] = rect{rx, y0 + sh, rw, ch}
		top += ch
	}
	rest := bh - top
	th := rest - rest/2
	l.rects[areaTasks] = rect{rx, y0 + top, rw, th}
	l.rects[areaEvents] = rect{rx, y0 + top + th, rw, rest - th}
	return l
}

// computeLessonLayout places the panes for a lesson. A lesson has no shop, so there
// is no Queue, Baristas, Machines, Stats or Chart: Tasks and Events share the body,
// to the right of the lesson panel while it shows.
//
//	header                                          (1 line)
//	Lesson (about, Python,   | Tasks
//	what to watch)           | Events
//	help bar                                        (1 line)
//
// The panel takes half the width, 36 to 84 columns: room for the Python code while
// Tasks and Events stay readable. There are no sliders: a lesson's program has no
// arrivals or brews for them to change.
func computeLessonLayout(w, h int, panel bool) layout {
	l := layout{w: w, h: h}
	if w < MinWidth || h < MinHeight {
		return l
	}
	l.rects[areaHeader] = rect{0, 0, w, 1}
	l.rects[areaHelp] = rect{0, h - 1, w, 1}

	y0, bh := 1, h-2
	rx, rw := 0, w
	if panel {
		pw := min(max(w/2, 36), 84)
		l.rects[areaLesson] = rect{0, y0, pw, bh}
		rx, rw = pw+1, w-pw-1
	}
	th := bh - bh/2
	l.rects[areaTasks] = rect{rx, y0, rw, th}
	l.rects[areaEvents] = rect{rx, y0 + th, rw, bh - th}
	return l
}

// fits reports whether the terminal is big enough for the layout.
func (l layout) fits() bool { return l.w >= MinWidth && l.h >= MinHeight }

// rect returns the region of area a.
func (l layout) rect(a area) rect { return l.rects[a] }

// hit returns the area under the cell (x, y).
func (l layout) hit(x, y int) area {
	for a := areaHeader; a < numAreas; a++ {
		if l.rects[a].contains(x, y) {
			return a
		}
	}
	return areaNone
}

// block is a pane's rendered lines placed at its rectangle.
type block struct {
	r     rect
	lines []string
}

// compose lays blocks side by side into the rows y0..y0+h-1 of a screen w cells wide.
// Each block's lines must be exactly r.w cells wide; gaps are filled with spaces.
func compose(w, y0, h int, blocks []block) []string {
	slices.SortStableFunc(blocks, func(a, b block) int { return a.r.x - b.r.x })
	out := make([]string, h)
	var sb strings.Builder
	for i := range out {
		y := y0 + i
		sb.Reset()
		sb.Grow(w * 3)
		x := 0
		for _, bl := range blocks {
			if y < bl.r.y || y >= bl.r.y+bl.r.h {
				continue
			}
			for ; x < bl.r.x; x++ {
				sb.WriteByte(' ')
			}
			if j := y - bl.r.y; j < len(bl.lines) {
				sb.WriteString(bl.lines[j])
			} else {
				sb.WriteString(blank(bl.r.w))
			}
			x += bl.r.w
		}
		for ; x < w; x++ {
			sb.WriteByte(' ')
		}
		out[i] = sb.String()
	}
	return out
}

// span is a piece of text and the pen to paint it with.
type span struct {
	p pen
	s string
}

// titleLine renders a pane's first row: its title, some facts, and a rule to the edge.
// The focused pane's title is in reverse video and its rule is heavy, so focus shows
// without colour too.
func titleLine(t *theme, w int, focused bool, title string, info ...span) string {
	l := newLine(w)
	tp, rp, rule := t.title, t.rule, "─"
	if focused {
		tp, rp, rule = t.titleFocused, t.ruleFocus, "━"
	}
	l.put(tp, " "+title+" ")
	for _, s := range info {
		if s.s == "" {
			continue
		}
		l.space(1)
		l.put(s.p, s.s)
	}
	if l.room() > 1 {
		l.space(1)
		l.fill(rp, rule)
	}
	return l.String()
}

// paneLines fills a pane of h rows below its title: row(i, l) draws row i into l and
// reports false when there is nothing more to draw.
func paneLines(w, h int, title string, row func(i int, l *lineBuf) bool) []string {
	lines := make([]string, 0, h)
	lines = append(lines, title)
	done := false
	for i := 0; len(lines) < h; i++ {
		if done {
			lines = append(lines, blank(w))
			continue
		}
		l := newLine(w)
		if !row(i, l) {
			done = true
			lines = append(lines, blank(w))
			continue
		}
		lines = append(lines, l.String())
	}
	return lines
}
