package ui

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
)

// This file holds the small text tools every pane uses: measuring and cutting plain
// text to a width, a line builder that never overflows its width, and the formats of
// clocks and durations.

// cells returns the display width of plain text s. ASCII and the symbols the panes
// draw with (box drawing, blocks, arrows, ·, …, ×) are counted directly; anything else
// is measured by Lip Gloss, whose grapheme tables cost a microsecond a call.
func cells(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !narrowSymbol(r) {
			return lipgloss.Width(s)
		}
		n++
		i += size - 1
	}
	return n
}

// narrowSymbol reports whether r is one of the one-cell symbols cells counts itself.
func narrowSymbol(r rune) bool {
	switch {
	case r >= 0x00A0 && r <= 0x02FF: // Latin-1 and Latin Extended: ·, ×, é
		return r != 0x00AD // soft hyphen
	case r >= 0x0370 && r <= 0x03FF: // Greek: ρ
		return true
	case r >= 0x2010 && r <= 0x2027: // dashes, bullets, …
		return true
	case r >= 0x2190 && r <= 0x21FF: // arrows
		return true
	case r >= 0x2500 && r <= 0x25FC: // box drawing, blocks, geometric shapes (◽◾ are wide)
		return true
	}
	return false
}

// trunc cuts plain text s to at most w cells, ending it in "…" when something was cut.
func trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if cells(s) <= w {
		return s
	}
	n := 0
	for i, r := range s {
		rw := 1
		if r >= utf8.RuneSelf {
			rw = lipgloss.Width(string(r))
		}
		if n+rw > w-1 {
			return s[:i] + "…"
		}
		n += rw
	}
	return s
}

// padRight pads s with spaces to w cells (or cuts it).
func padRight(s string, w int) string {
	s = trunc(s, w)
	if n := cells(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// padLeft right-aligns s in w cells (or cuts it).
func padLeft(s string, w int) string {
	s = trunc(s, w)
	if n := cells(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// lineBuf builds one line of styled text of exactly max cells: put cuts what does not
// fit, String pads the rest with spaces. Every pane line goes through one, which is
// what keeps the layout from ever overflowing.
type lineBuf struct {
	b   strings.Builder
	w   int
	max int
}

func newLine(max int) *lineBuf {
	l := &lineBuf{max: max}
	l.b.Grow(max + 32)
	return l
}

// room is how many cells are left.
func (l *lineBuf) room() int { return l.max - l.w }

// put appends s in pen p, cut to the room left.
func (l *lineBuf) put(p pen, s string) {
	room := l.max - l.w
	if room <= 0 || s == "" {
		return
	}
	n := cells(s)
	if n > room {
		s = trunc(s, room)
		n = cells(s)
	}
	p.write(&l.b, s)
	l.w += n
}

// putW appends s, whose width the caller knows to be n cells, in pen p. It skips the
// measuring put does, for long runs of block characters; s must fit the room left.
func (l *lineBuf) putW(p pen, s string, n int) {
	if n <= 0 || n > l.max-l.w {
		l.put(p, s)
		return
	}
	p.write(&l.b, s)
	l.w += n
}

// space appends n spaces.
func (l *lineBuf) space(n int) {
	if n > l.max-l.w {
		n = l.max - l.w
	}
	for ; n > 0; n-- {
		l.b.WriteByte(' ')
		l.w++
	}
}

// padTo appends spaces up to column x.
func (l *lineBuf) padTo(x int) { l.space(x - l.w) }

// fill appends the rune r in pen p up to the end of the line.
func (l *lineBuf) fill(p pen, r string) {
	n := l.max - l.w
	if n <= 0 {
		return
	}
	l.b.WriteString(p.pre)
	for ; n > 0; n-- {
		l.b.WriteString(r)
	}
	l.b.WriteString(p.suf)
	l.w = l.max
}

// String pads the line to its width and returns it.
func (l *lineBuf) String() string {
	l.space(l.max - l.w)
	return l.b.String()
}

// blank returns a line of w spaces.
func blank(w int) string { return strings.Repeat(" ", max(w, 0)) }

// fmtClock formats a virtual time as HH:MM:SS.s, as the header shows it.
func fmtClock(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	tenths := int64(d / (100 * time.Millisecond))
	b := make([]byte, 0, 12)
	b = append2(b, tenths/36000)
	b = append(b, ':')
	b = append2(b, tenths/600%60)
	b = append(b, ':')
	b = append2(b, tenths/10%60)
	b = append(b, '.', byte('0'+tenths%10))
	return string(b)
}

// fmtClockMS formats a virtual time as HH:MM:SS.mmm, for the event log, where many
// events share a tenth of a second.
func fmtClockMS(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	ms := int64(d / time.Millisecond)
	b := make([]byte, 0, 12)
	b = append2(b, ms/3_600_000)
	b = append(b, ':')
	b = append2(b, ms/60_000%60)
	b = append(b, ':')
	b = append2(b, ms/1000%60)
	b = append(b, '.', byte('0'+ms/100%10), byte('0'+ms/10%10), byte('0'+ms%10))
	return string(b)
}

func append2(b []byte, n int64) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, n, 10)
}

// fmtDur formats a duration short and readable: 850ms, 12.3s, 4m05s, 2h03m.
func fmtDur(d time.Duration) string {
	neg := d < 0
	if neg {
		d = -d
	}
	var s string
	switch {
	case d == 0:
		s = "0s"
	case d < time.Second:
		s = strconv.FormatInt(int64(d/time.Millisecond), 10) + "ms"
	case d < time.Minute:
		s = strconv.FormatFloat(float64(d/(100*time.Millisecond))/10, 'f', 1, 64) + "s"
	case d < time.Hour:
		sec := int64(d / time.Second)
		s = strconv.FormatInt(sec/60, 10) + "m" + string(append2(nil, sec%60)) + "s"
	default:
		mins := int64(d / time.Minute)
		s = strconv.FormatInt(mins/60, 10) + "h" + string(append2(nil, mins%60)) + "m"
	}
	if neg {
		return "-" + s
	}
	return s
}

// fmtFloat formats f with at most prec decimals and no trailing zeros.
func fmtFloat(f float64, prec int) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// fmtPct formats a fraction as a percentage: 0.853 -> "85%".
func fmtPct(f float64) string {
	return strconv.FormatFloat(f*100, 'f', 0, 64) + "%"
}

// fmtSpeed formats a playback speed: x0.1, x2, x1000.
func fmtSpeed(s float64) string { return "x" + fmtFloat(s, 2) }

// bar writes a progress bar of w cells for a fraction 0..1 into l.
func bar(l *lineBuf, t *theme, frac float64, w int) {
	if w <= 0 {
		return
	}
	frac = min(max(frac, 0), 1)
	full := int(frac*float64(w) + 0.5)
	l.putW(t.barFull, strings.Repeat("█", full), full)
	l.putW(t.barEmpty, strings.Repeat("░", w-full), w-full)
}

// progress is how far a job from start to end has come at now, 0..1.
// progressCell draws a space, a progress bar of width barW from start to end at now,
// and (when leftW > 0) the time left: a brew on a barista's or a machine's row.
func progressCell(l *lineBuf, t *theme, now, start, end time.Duration, barW, leftW int) {
	l.space(1)
	bar(l, t, progress(now, start, end), barW)
	if leftW > 0 {
		l.put(t.dim, padLeft(fmtDur(max(end-now, 0)), leftW))
	}
}

func progress(now, start, end time.Duration) float64 {
	if end <= start {
		return 0
	}
	return min(max(float64(now-start)/float64(end-start), 0), 1)
}

// joinLines joins lines with newlines.
func joinLines(lines []string) string { return strings.Join(lines, "\n") }
