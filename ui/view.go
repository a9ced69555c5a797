package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// View renders the whole screen in the alternate screen, with mouse clicks, drags and
// the wheel reported.
func (a *App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "brewloop"
	return v
}

// resize lays the screen out for a terminal of w x h cells.
func (a *App) resize(w, h int) {
	a.width, a.height = w, h
	a.help.SetWidth(w)
	a.relayout()
}

// relayout places the panes for the current size and snapshot.
func (a *App) relayout() {
	s := &a.snap
	if a.program {
		a.lay = computeLessonLayout(a.width, a.height, a.showLesson)
	} else {
		a.lay = computeLayout(a.width, a.height, len(s.Baristas), machineRows(s), statsRows(s), a.showLesson)
	}
	a.prompt.SetWidth(a.width)
	a.arrivals.SetWidth(a.lay.rect(areaArrivals).w)
	a.brew.SetWidth(a.lay.rect(areaBrew).w)
	r := a.lay.rect(areaTasks)
	a.tasks.w, a.tasks.h = r.w, r.h
	a.tasks.setCount(len(s.Tasks))
	r = a.lay.rect(areaEvents)
	a.events.w, a.events.h = r.w, r.h
	a.events.scrollTo(a.events.back)
	r = a.lay.rect(areaLesson)
	a.lesson.w, a.lesson.h = r.w, r.h
	a.lesson.scrollTo(a.lesson.offset)
}

// render draws the screen as a string.
func (a *App) render() string {
	if a.width == 0 || a.height == 0 {
		return "brewloop: waiting for the terminal size…"
	}
	if !a.lay.fits() {
		return a.tooSmall()
	}
	s, t, l := &a.snap, a.th, &a.lay
	lines := make([]string, 0, a.height)
	head := a.header()
	lines = append(lines, head.View())
	top := 1 // first body row: a lesson's program has no sliders (no arrivals, no brews)
	switch {
	case a.failure != "" && !a.program: // a program has no slider row: the header says it
		lines = append(lines, a.failureLine())
		top = 2
	case !a.program:
		lines = append(lines, a.cached(&a.sliderLine, a.sliderKey(), func() string {
			return compose(a.width, 1, 1, []block{
				{l.rect(areaArrivals), []string{a.arrivals.View()}},
				{l.rect(areaBrew), []string{a.brew.View()}},
			})[0]
		}))
		top = 2
	}
	// Each pane the layout has (a lesson has no shop panes) draws into its rectangle.
	blocks := make([]block, 0, 8)
	add := func(ar area, draw func(w, h int) []string) {
		if r := l.rect(ar); r.h > 0 && r.w > 0 {
			blocks = append(blocks, block{r, draw(r.w, r.h)})
		}
	}
	add(areaQueue, func(w, h int) []string { return queuePane{th: t, w: w, h: h, scale: a.meanBrew}.lines(s) })
	add(areaBaristas, func(w, h int) []string { return baristasPane{th: t, w: w, h: h}.lines(s) })
	add(areaMachines, func(w, h int) []string { return machinesPane{th: t, w: w, h: h}.lines(s) })
	add(areaStats, func(w, h int) []string { return statsPane{th: t, w: w, h: h}.lines(s) })
	add(areaChart, func(w, h int) []string { return chartPane{th: t, w: w, h: h}.lines(s) })
	add(areaLesson, func(int, int) []string { return a.lesson.lines() })
	add(areaTasks, func(int, int) []string { return a.tasks.lines(s) })
	add(areaEvents, func(int, int) []string { return a.events.lines() })
	body := compose(a.width, top, a.height-top-1, blocks)
	var msg []string
	if a.status != "" && !head.statusShown() {
		// A message too long for the header takes the bottom line, and the line
		// above it if it needs two, until it goes (the next key, or its time).
		msg = a.message()
		copy(body[len(body)-len(msg)+1:], msg[:len(msg)-1])
	}
	lines = append(lines, body...)
	switch {
	case a.prompt.Active():
		lines = append(lines, a.prompt.View())
	case msg != nil:
		lines = append(lines, msg[len(msg)-1])
	default:
		lines = append(lines, a.cached(&a.helpLine, a.helpKey(), func() string {
			return " " + fitHelp(a.help, a.shortHelp(), a.width-1)
		}))
	}
	if a.showHelp {
		return a.overlay(lines)
	}
	return strings.Join(lines, "\n")
}

// message draws the status message in the whole width: one line, or two when it
// needs them (a "…" at the end of the second says there was more).
func (a *App) message() []string {
	p := a.th.bad
	if a.statusOK {
		p = a.th.value
	}
	w := a.width - 2
	rows := wrapWords(a.status, w)
	if len(rows) > 2 {
		rows = []string{rows[0], trunc(rows[1]+"…", w)}
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		l := newLine(a.width)
		l.space(1)
		l.put(p, r)
		out[i] = l.String()
	}
	return out
}

// wrapWords breaks plain text s into lines of at most w cells at its spaces; a word
// wider than a line (a long path) is broken where the line ends.
func wrapWords(s string, w int) []string {
	var out []string
	line, n := "", 0
	for _, word := range strings.Fields(s) {
		ww := cells(word)
		switch {
		case n > 0 && n+1+ww <= w:
			line, n = line+" "+word, n+1+ww
			continue
		case ww <= w:
			if n > 0 {
				out = append(out, line)
			}
			line, n = word, ww
			continue
		case n > 0 && n+2 <= w:
			line, n = line+" ", n+1 // the long word starts on this line
		case n > 0:
			out = append(out, line)
			line, n = "", 0
		}
		for _, r := range word {
			rw := cells(string(r))
			if n+rw > w {
				out = append(out, line)
				line, n = "", 0
			}
			line, n = line+string(r), n+rw
		}
	}
	return append(out, line)
}

// lineCache keeps a rendered line while what it shows stays the same. The sliders and
// the help bar are drawn with Lip Gloss, which is too slow to redo 30 times a second
// for lines that change only on input.
type lineCache struct {
	key  string
	line string
}

// cached returns c's line if key is unchanged, else draws and keeps a new one.
func (a *App) cached(c *lineCache, key string, draw func() string) string {
	if c.key != key || c.line == "" {
		c.key, c.line = key, draw()
	}
	return c.line
}

// sliderKey names everything the sliders line depends on.
func (a *App) sliderKey() string {
	return fmt.Sprint(a.styleGen, a.width, a.focus, a.arrivals.Value(), a.brew.Value(), a.meanInterarrival, a.meanBrew)
}

// helpKey names everything the help bar depends on.
func (a *App) helpKey() string {
	return fmt.Sprint(a.styleGen, a.width, a.focus, a.paused, a.showHelp, a.showLesson, a.snap.Finished, a.seeking)
}

// header gathers the header line's facts.
func (a *App) header() headerView {
	return headerView{
		th: a.th, width: a.width,
		scenario: a.scenario, seed: a.seed, now: a.snap.Now, speed: a.speed,
		paused: a.paused, finished: a.snap.Finished, seeking: a.seeking, step: a.stepMode && a.paused, ran: a.ran,
		replay: a.replaying() && a.recording, rewound: a.replaying() && !a.recording,
		behind: a.behind > 0 && !a.paused, blocked: a.snap.Blocked,
		blockedBy: a.snap.BlockedBy, until: a.snap.BlockedTill,
		mode: a.snap.Controls.Mode, noMode: a.program, fps: a.fps, status: a.statusText(), statusOK: a.statusOK,
	}
}

// replaying reports whether the shop follows known history (a recording, or the run's
// own after a move back in time) and has not forked from it.
func (a *App) replaying() bool {
	return a.shop.Replaying()
}

// tooSmall is the whole screen when the terminal is below MinWidth x MinHeight.
func (a *App) tooSmall() string {
	msg := "brewloop needs a terminal of at least " +
		strconv.Itoa(MinWidth) + "x" + strconv.Itoa(MinHeight) + ".\n" +
		"This one is " + strconv.Itoa(a.width) + "x" + strconv.Itoa(a.height) + ": please make it bigger.\n\n" +
		"q quits"
	box := lipgloss.NewStyle().Width(max(min(a.width-2, 60), 10)).Align(lipgloss.Center).Render(msg)
	return lipgloss.Place(a.width, a.height, lipgloss.Center, lipgloss.Center, box)
}

// shortHelp is the help bar: the app's keys, with the focused control's after tab.
func (a *App) shortHelp() []key.Binding {
	if a.seeking {
		// While seeking only esc (stop here) and quit do anything.
		return []key.Binding{a.keys.CancelSeek, a.keys.Quit}
	}
	g := a.keys.ShortHelp()
	if a.snap.Finished && a.keys.Restart.Enabled() {
		// A finished run can only start again (or go back in time): r comes first,
		// where space and . were.
		g = slices.Insert(slices.DeleteFunc(g, func(b key.Binding) bool { return b.Help().Key == "r" }), 0, a.keys.Restart)
	}
	var local []key.Binding
	switch a.focus {
	case focusArrivals:
		local = a.arrivals.KeyMap.ShortHelp()
	case focusBrew:
		local = a.brew.KeyMap.ShortHelp()
	case focusTasks:
		local = a.tasks.KeyMap.ShortHelp()
	case focusEvents:
		local = append(a.events.KeyMap.ShortHelp(), a.keys.Filter)
	case focusLesson:
		local = a.lesson.KeyMap.ShortHelp()
	}
	// The focused control's keys go right after "tab", where the eye looks for them.
	out := make([]key.Binding, 0, len(g)+len(local))
	for _, b := range g {
		out = append(out, b)
		if b.Help().Key == a.keys.NextFocus.Help().Key {
			out = append(out, local...)
		}
	}
	return out
}

// fitHelp renders bindings as a help bar of at most w cells, ending in "…" when some
// are left out. help.Model does that itself, except when its "…" does not fit
// either: then it adds the rest of the bindings past the width, so fitHelp cuts the
// list instead.
func fitHelp(h help.Model, bindings []key.Binding, w int) string {
	h.SetWidth(w)
	out := h.ShortHelpView(bindings)
	if lipgloss.Width(out) <= w {
		return out
	}
	h.SetWidth(0)
	tail := " " + h.Styles.Ellipsis.Inline(true).Render(h.Ellipsis)
	for n := len(bindings) - 1; n > 0; n-- {
		out = h.ShortHelpView(bindings[:n])
		if lipgloss.Width(out)+lipgloss.Width(tail) <= w {
			return out + tail
		}
	}
	return ""
}

// fullHelp is the help overlay's key columns: every key, whatever has focus.
func (a *App) fullHelp() (top, bottom [][]key.Binding) {
	k := a.keys
	k.Step.SetEnabled(true)
	k.Step.SetHelp(".", "step (paused)")
	k.Pause.SetEnabled(true) // disabled in the help bar once the run has finished
	k.Pause.SetHelp("space", "pause/resume")
	sk := DefaultSliderKeyMap()
	sk.setEnabled(true)
	rk := DefaultScrollKeyMap()
	rk.SetEnabled(true)
	rk.UseG(a.seekF == nil)
	top = k.FullHelp()
	bottom = append(sk.FullHelp(), rk.FullHelp()...)
	return top, bottom
}

// overlay draws the help box over the centre of the screen: every key, then notes on
// the mouse, the event filter and the queue colours as far as the height allows. The
// panes go while it shows (only the header and the bottom line of lines stay), so
// none of them shows through beside the box.
func (a *App) overlay(lines []string) string {
	top, bottom := a.fullHelp()
	scrollPanes, wheel := "Tasks, Events", "Tasks and Events"
	if a.lesson.lesson != nil {
		scrollPanes, wheel = "Tasks, Events, Lesson", "Tasks, Events and the lesson's code"
	}
	inner := min(a.width-6, 100)
	h := a.help
	h.SetWidth(inner)
	dim := a.styles.Dim
	keys := lipgloss.JoinVertical(lipgloss.Left,
		h.FullHelpView(top), "",
		dim.Render("sliders (focused)            "+scrollPanes+" (focused)"),
		h.FullHelpView(bottom))
	var names []string
	for _, f := range a.events.filters {
		names = append(names, f.name)
	}
	note := dim.Width(inner)
	parts := []string{a.styles.Brand.Render("brewloop keys"), "", keys, ""}
	notes := []string{
		"? or esc closes this help",
		"mouse: click or drag a slider · click a pane to focus it · the wheel scrolls " + wheel,
	}
	if a.seekF != nil {
		notes = append(notes, "g goes to a virtual time: 90s, 1h5m, 01:30 or 1:02:03 (back: re-simulated from the start; forward: fast-forwarded)")
	}
	notes = append(notes, "f cycles the event filter: "+strings.Join(names, " → "))
	if !a.program {
		notes = append(notes, "queue colours ░ ▒ ▓ █: waited under 1, 2, 4 mean brews, and longer")
	}
	for _, n := range notes {
		more := append(parts, note.Render(n))
		if lipgloss.Height(lipgloss.JoinVertical(lipgloss.Left, more...))+2 > a.height {
			break
		}
		parts = more
	}
	box := a.th.overlay.Render(lipgloss.JoinVertical(lipgloss.Left, parts...))
	bw, bh := lipgloss.Size(box)
	x, y := max((a.width-bw)/2, 0), max((a.height-bh)/2, 0)
	base := make([]string, len(lines))
	for i := range base {
		base[i] = blank(a.width)
	}
	base[0], base[len(base)-1] = lines[0], lines[len(lines)-1]
	return lipgloss.NewCompositor(
		lipgloss.NewLayer(strings.Join(base, "\n")),
		lipgloss.NewLayer(box).X(x).Y(y).Z(1),
	).Render()
}
