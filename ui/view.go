package ui

import (
	"fmt"
	"strconv"
	"strings"

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
	a.lay = computeLayout(a.width, a.height, len(s.Baristas), machineRows(s), statsRows(s))
	a.arrivals.SetWidth(a.lay.rect(areaArrivals).w)
	a.brew.SetWidth(a.lay.rect(areaBrew).w)
	r := a.lay.rect(areaTasks)
	a.tasks.w, a.tasks.h = r.w, r.h
	a.tasks.setCount(len(s.Tasks))
	r = a.lay.rect(areaEvents)
	a.events.w, a.events.h = r.w, r.h
	a.events.scrollTo(a.events.back)
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
	lines = append(lines, a.cached(&a.sliderLine, a.sliderKey(), func() string {
		return compose(a.width, 1, 1, []block{
			{l.rect(areaArrivals), []string{a.arrivals.View()}},
			{l.rect(areaBrew), []string{a.brew.View()}},
		})[0]
	}))
	size := func(ar area) (int, int) { r := l.rect(ar); return r.w, r.h }
	q := queuePane{th: t, scale: a.shop.MeanBrew()}
	q.w, q.h = size(areaQueue)
	b := baristasPane{th: t}
	b.w, b.h = size(areaBaristas)
	m := machinesPane{th: t}
	m.w, m.h = size(areaMachines)
	st := statsPane{th: t}
	st.w, st.h = size(areaStats)
	ch := chartPane{th: t}
	ch.w, ch.h = size(areaChart)
	body := l.rect(areaQueue)
	lines = append(lines, compose(a.width, body.y, a.height-3, []block{
		{l.rect(areaQueue), q.lines(s)},
		{l.rect(areaBaristas), b.lines(s)},
		{l.rect(areaMachines), m.lines(s)},
		{l.rect(areaStats), st.lines(s)},
		{l.rect(areaChart), ch.lines(s)},
		{l.rect(areaTasks), a.tasks.lines(s)},
		{l.rect(areaEvents), a.events.lines()},
	})...)
	lines = append(lines, a.cached(&a.helpLine, a.helpKey(), func() string {
		return " " + a.help.ShortHelpView(a.shortHelp())
	}))
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
	return fmt.Sprint(a.styleGen, a.width, a.focus, a.arrivals.Value(), a.brew.Value(), a.shop.MeanInterarrival(), a.shop.MeanBrew())
}

// helpKey names everything the help bar depends on.
func (a *App) helpKey() string {
	return fmt.Sprint(a.styleGen, a.width, a.focus, a.paused, a.showHelp)
}

// header gathers the header line's facts.
func (a *App) header() headerView {
	return headerView{
		th: a.th, width: a.width,
		scenario: a.scenario, seed: a.seed, now: a.snap.Now, speed: a.speed,
		paused: a.paused, step: a.stepMode && a.paused, ran: a.ran,
		behind: a.behind > 0 && !a.paused, blocked: a.snap.Blocked,
		blockedBy: a.snap.BlockedBy, until: a.snap.BlockedTill,
		mode: a.snap.Controls.Mode, fps: a.fps, status: a.status,
	}
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
	top = k.FullHelp()
	bottom = append(sk.FullHelp(), rk.FullHelp()...)
	return top, bottom
}

// overlay draws the help box over the centre of the screen: every key, then notes on
// the mouse, the event filter and the queue colours as far as the height allows.
func (a *App) overlay(base string) string {
	top, bottom := a.fullHelp()
	inner := min(a.width-6, 100)
	h := a.help
	h.SetWidth(inner)
	dim := a.styles.Dim
	keys := lipgloss.JoinVertical(lipgloss.Left,
		h.FullHelpView(top), "",
		dim.Render("sliders (focused)            Tasks, Events (focused)"),
		h.FullHelpView(bottom))
	var names []string
	for _, f := range a.events.filters {
		names = append(names, f.name)
	}
	note := dim.Width(inner)
	parts := []string{a.styles.Brand.Render("brewloop keys"), "", keys, ""}
	for _, n := range []string{
		"? or esc closes this help",
		"mouse: click or drag a slider · click a pane to focus it · the wheel scrolls Tasks and Events",
		"f cycles the event filter: " + strings.Join(names, " → "),
		"queue colours ░ ▒ ▓ █: waited under 1, 2, 4 mean brews, and longer",
	} {
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
