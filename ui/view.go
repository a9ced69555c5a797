package ui

import (
	"fmt"
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
	lines = append(lines, a.header().View())
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
	lines = append(lines, compose(a.width, top, a.height-top-1, blocks)...)
	if a.prompt.Active() {
		lines = append(lines, a.prompt.View())
	} else {
		lines = append(lines, a.cached(&a.helpLine, a.helpKey(), func() string {
			return " " + fitHelp(a.help, a.shortHelp(), a.width-1)
		}))
	}
	out := strings.Join(lines, "\n")
	if a.showHelp {
		out = a.overlay(out)
	}
	return out
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
	return fmt.Sprint(a.styleGen, a.width, a.focus, a.paused, a.showHelp, a.showLesson)
}

// header gathers the header line's facts.
func (a *App) header() headerView {
	return headerView{
		th: a.th, width: a.width,
		scenario: a.scenario, seed: a.seed, now: a.snap.Now, speed: a.speed,
		paused: a.paused, finished: a.snap.Finished, replay: a.replaying(), step: a.stepMode && a.paused, ran: a.ran,
		behind: a.behind > 0 && !a.paused, blocked: a.snap.Blocked,
		blockedBy: a.snap.BlockedBy, until: a.snap.BlockedTill,
		mode: a.snap.Controls.Mode, noMode: a.program, fps: a.fps, status: a.statusText(), statusOK: a.statusOK,
	}
}

// replaying reports whether the shop replays a recording that has not forked.
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
	g := a.keys.ShortHelp()
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
// the mouse, the event filter and the queue colours as far as the height allows.
func (a *App) overlay(base string) string {
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
		notes = append(notes, "g goes to a virtual time: 90s, 1h5m, 01:30 or 1:02:03 (re-simulated from the start)")
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
	return lipgloss.NewCompositor(
		lipgloss.NewLayer(base),
		lipgloss.NewLayer(box).X(x).Y(y).Z(1),
	).Render()
}
