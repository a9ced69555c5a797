package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/brewloop/brewloop/model/lesson"
)

// lessonPane shows an asyncio lesson beside the loop's panes: what the example shows,
// the equivalent Python program, and what to watch on screen. About and Watch are
// wrapped to the width; the Python code keeps its indentation, is cut at the right
// edge, and scrolls (keys when focused, the wheel) when it is taller than its room.
//
//	Lesson  gather ───────────────────────────
//	Three coroutines sleep at once, so the
//	whole takes as long as the longest.
//	Python  1-9 of 14 · ↑/↓ ──────────────────
//	 import asyncio
//
//	 async def main():
//	     await asyncio.gather(...)
//	Watch ────────────────────────────────────
//	Three tasks sleep together in Tasks.
type lessonPane struct {
	KeyMap  ScrollKeyMap
	th      *theme
	w, h    int
	lesson  *lesson.Lesson // nil for the coffee shop
	code    []string       // the Python program's lines, tabs expanded
	offset  int            // the first code line shown
	focused bool
}

func newLessonPane(th *theme, l *lesson.Lesson) lessonPane {
	p := lessonPane{KeyMap: DefaultScrollKeyMap(), th: th, lesson: l}
	if l != nil {
		code := strings.TrimRight(strings.ReplaceAll(l.Python, "\t", "    "), "\n ")
		code = strings.TrimLeft(code, "\n")
		if code != "" {
			for ln := range strings.SplitSeq(code, "\n") {
				p.code = append(p.code, strings.TrimRight(ln, " \r"))
			}
		}
	}
	return p
}

// setFocus gives the pane the keyboard, or takes it away.
func (p *lessonPane) setFocus(v bool) { p.focused = v; p.KeyMap.SetEnabled(v) }

// scrollTo shows the code from line off, kept in range.
func (p *lessonPane) scrollTo(off int) {
	_, _, rows := p.plan()
	p.offset = max(min(off, len(p.code)-rows), 0)
}

// Update scrolls the code on the pane's keys and on the mouse wheel.
func (p lessonPane) Update(msg tea.Msg) (lessonPane, tea.Cmd) {
	_, _, rows := p.plan()
	if m, ok := p.KeyMap.move(msg, max(rows-1, 1)); ok {
		p.scrollTo(m.apply(p.offset, 0, len(p.code)))
	}
	return p, nil
}

// plan shares the rows below the title: About and Watch get up to a third each
// (wrapped, cut with "…"), the code the rest, and what the code leaves goes back
// to About, then Watch. A pane too short for all three shows About alone. It
// returns the lines of About and Watch to show and how many code rows there are.
func (p lessonPane) plan() (about, watch []string, codeRows int) {
	if p.lesson == nil || p.h < 2 {
		return nil, nil, 0
	}
	tw := max(p.w-2, 1) // one cell of margin each side
	about, watch = wrapText(p.lesson.About, tw), wrapText(p.lesson.Watch, tw)
	heads := 1 // the Python heading, and Watch's if there is a Watch
	if len(watch) > 0 {
		heads++
	}
	avail := p.h - 1 - heads
	if avail < 3 {
		return cutLines(about, p.h-1, tw), nil, 0
	}
	na := min(len(about), max(avail/3, 1))
	nw := min(len(watch), max(avail/3, 1))
	code := avail - na - nw
	need := max(len(p.code), 1) // one row says there is no code
	if slack := code - need; slack > 0 {
		code = need
		more := min(slack, len(about)-na)
		na += more
		nw += min(slack-more, len(watch)-nw)
	}
	return cutLines(about, na, tw), cutLines(watch, nw, tw), code
}

// cutLines keeps the first n of lines, ending the last kept one in "…" when some
// were dropped.
func cutLines(lines []string, n, w int) []string {
	if n >= len(lines) {
		return lines
	}
	if n <= 0 {
		return nil
	}
	out := append([]string(nil), lines[:n]...)
	last := out[n-1]
	if cells(last) >= w {
		last = cutCells(last, w-1)
	}
	out[n-1] = last + "…"
	return out
}

// lines renders the pane: exactly h lines of exactly w cells.
func (p lessonPane) lines() []string {
	if p.lesson == nil || p.h <= 0 || p.w <= 0 {
		return nil
	}
	t := p.th
	about, watch, rows := p.plan()
	info := ""
	if p.focused {
		info = "↑/↓ code · l hides"
	}
	out := make([]string, 0, p.h)
	out = append(out, titleLine(t, p.w, p.focused, "Lesson", span{t.text, p.lesson.Name}, span{t.dim, info}))
	text := func(s string) {
		l := newLine(p.w)
		l.space(1)
		l.put(t.text, s)
		out = append(out, l.String())
	}
	for _, s := range about {
		text(s)
	}
	if rows > 0 {
		codeInfo := ""
		if len(p.code) > rows {
			codeInfo = strconv.Itoa(p.offset+1) + "-" + strconv.Itoa(p.offset+rows) + " of " + strconv.Itoa(len(p.code))
		}
		out = append(out, subhead(t, p.w, "Python", codeInfo))
	}
	for i := range rows {
		l := newLine(p.w)
		l.space(1)
		if j := p.offset + i; j < len(p.code) {
			l.put(t.value, p.code[j])
		} else if j == 0 {
			l.put(t.dim, "(no Python code)")
		}
		out = append(out, l.String())
	}
	if len(watch) > 0 {
		out = append(out, subhead(t, p.w, "Watch", ""))
	}
	for _, s := range watch {
		text(s)
	}
	for len(out) < p.h {
		out = append(out, blank(p.w))
	}
	return out[:p.h]
}

// View renders the pane as one string.
func (p lessonPane) View() string { return joinLines(p.lines()) }

// subhead is a heading inside a pane: a label, some facts, and a light rule.
func subhead(t *theme, w int, label, info string) string {
	l := newLine(w)
	l.space(1)
	l.put(t.brand, label)
	if info != "" {
		l.space(2)
		l.put(t.dim, info)
	}
	if l.room() > 1 {
		l.space(1)
		l.fill(t.rule, "─")
	}
	return l.String()
}

// wrapText breaks plain text into lines of at most w cells at spaces, keeping its
// line breaks (a blank line stays blank) and cutting words longer than a line.
func wrapText(s string, w int) []string {
	var out []string
	s = strings.TrimSpace(strings.ReplaceAll(s, "\t", " "))
	if s == "" || w <= 0 {
		return nil
	}
	for para := range strings.SplitSeq(s, "\n") {
		var line strings.Builder
		n := 0
		flush := func() {
			out = append(out, line.String())
			line.Reset()
			n = 0
		}
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		for _, word := range words {
			ww := cells(word)
			if n > 0 && n+1+ww > w {
				flush()
			}
			for ww > w { // a word longer than a line: cut it into pieces
				head := cutCells(word, w-n)
				line.WriteString(head)
				flush()
				word = word[len(head):]
				ww = cells(word)
			}
			if n > 0 {
				line.WriteByte(' ')
				n++
			}
			line.WriteString(word)
			n += ww
		}
		flush()
	}
	return out
}

// cutCells returns the longest prefix of s that is at most w cells wide (at least
// one rune, so a caller cutting s in pieces always moves on).
func cutCells(s string, w int) string {
	n := 0
	for i, r := range s {
		rw := cells(string(r))
		if n+rw > w && i > 0 {
			return s[:i]
		}
		n += rw
	}
	return s
}
