package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"github.com/brewloop/brewloop/sim"
)

// Styles are the colours and text attributes of the whole UI. The root builds them once
// from the terminal background (DefaultStyles) or, when NO_COLOR is set, without any
// colour (NoColorStyles), and hands them to the panels.
//
// Only text attributes and colours of the fields are used (foreground, background, bold,
// faint, italic, underline, reverse): padding, width and borders are ignored, except
// for Overlay, which frames the help overlay.
type Styles struct {
	Brand   lipgloss.Style // the app name in the header
	Running lipgloss.Style // the RUNNING badge
	Paused  lipgloss.Style // the PAUSED badge
	Step    lipgloss.Style // the STEP badge
	Replay  lipgloss.Style // the REPLAY badge
	Warning lipgloss.Style // warning badges: blocked, falling behind, unstable

	Text  lipgloss.Style // ordinary text
	Dim   lipgloss.Style // labels, hints and rules of lesser importance
	Value lipgloss.Style // numbers worth reading
	Bad   lipgloss.Style // numbers that are bad news: balked, reneged, lateness

	Title        lipgloss.Style // a pane's title
	TitleFocused lipgloss.Style // the focused pane's title
	Rule         lipgloss.Style // the line after a pane's title
	RuleFocused  lipgloss.Style // the line after the focused pane's title
	Highlight    lipgloss.Style // the task the last step ran

	Wait   [4]lipgloss.Style             // queue rows by how long they waited: short .. very long
	States [sim.NumStates]lipgloss.Style // task states, indexed by sim.State

	KindTimer lipgloss.Style // sleep and wake events
	KindSync  lipgloss.Style // wait, acquire, release and set events
	KindQueue lipgloss.Style // put and get events
	KindDone  lipgloss.Style // done events
	KindError lipgloss.Style // timeout, cancel and fail events
	KindBlock lipgloss.Style // block and unblock events
	KindMeta  lipgloss.Style // spawn, run and say events
	Late      lipgloss.Style // a wake event's lateness

	BarFull  lipgloss.Style // the done part of a progress bar
	BarEmpty lipgloss.Style // the rest of a progress bar
	Series   [2]lipgloss.Style
	Theory   lipgloss.Style // predicted values beside the simulated ones

	Slider  SliderStyles
	Help    help.Styles
	Overlay lipgloss.Style // the box around the help overlay
}

// DefaultStyles returns the colour styles for a dark or a light terminal background.
// Every colour has a light and a dark variant so both stay readable.
func DefaultStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) lipgloss.Style {
		return lipgloss.NewStyle().Foreground(ld(lipgloss.Color(light), lipgloss.Color(dark)))
	}
	badge := func(light, dark string) lipgloss.Style {
		return lipgloss.NewStyle().Bold(true).
			Foreground(ld(lipgloss.Color("#ffffff"), lipgloss.Color("#1c1c1c"))).
			Background(ld(lipgloss.Color(light), lipgloss.Color(dark)))
	}
	accent := ld(lipgloss.Color("#9a4a16"), lipgloss.Color("#e8a66b")) // coffee
	s := Styles{
		Brand:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		Running: badge("#1f7a3a", "#5fd787"),
		Paused:  badge("#a05a00", "#ffaf00"),
		Step:    badge("#005f87", "#5fd7ff"),
		Replay:  badge("#8a2be2", "#d787ff"),
		Warning: badge("#b00020", "#ff5f5f"),

		Text:  lipgloss.NewStyle(),
		Dim:   c("#767676", "#8a8a8a"),
		Value: lipgloss.NewStyle().Bold(true),
		Bad:   c("#b00020", "#ff7b7b"),

		Title:        lipgloss.NewStyle().Bold(true).Foreground(accent),
		TitleFocused: lipgloss.NewStyle().Bold(true).Reverse(true).Foreground(accent),
		Rule:         c("#c6c6c6", "#444444"),
		RuleFocused:  lipgloss.NewStyle().Foreground(accent),
		// Black on amber reads on either background.
		Highlight: lipgloss.NewStyle().Bold(true).
			Foreground(lipgloss.Color("#000000")).Background(lipgloss.Color("#ffd75f")),

		Wait: [4]lipgloss.Style{
			c("#1f7a3a", "#87d787"), c("#7a6a00", "#d7d75f"),
			c("#b35900", "#ffaf5f"), c("#b00020", "#ff5f5f").Bold(true),
		},

		KindTimer: c("#0057b8", "#87afff"),
		KindSync:  c("#8a2be2", "#d787ff"),
		KindQueue: c("#007a7a", "#5fd7d7"),
		KindDone:  c("#1f7a3a", "#87d787"),
		KindError: c("#b00020", "#ff7b7b"),
		KindBlock: c("#b00020", "#ff5f5f").Bold(true),
		KindMeta:  c("#767676", "#8a8a8a"),
		Late:      c("#b35900", "#ffaf5f").Bold(true),

		BarFull:  c("#1f7a3a", "#87d787"),
		BarEmpty: c("#c6c6c6", "#444444"),
		Series:   [2]lipgloss.Style{c("#b35900", "#e8a66b"), c("#0057b8", "#87afff")},
		Theory:   c("#8a2be2", "#d7afff"),

		Help: help.DefaultStyles(isDark),
		Overlay: lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).
			BorderForeground(accent).Padding(0, 1),
	}
	s.States[sim.StateReady] = c("#007a7a", "#5fd7d7")
	s.States[sim.StateRunning] = c("#1f7a3a", "#87ff87").Bold(true)
	s.States[sim.StateSleeping] = c("#0057b8", "#87afff")
	s.States[sim.StateWaiting] = c("#7a6a00", "#ffd75f")
	s.States[sim.StateBlocked] = c("#b00020", "#ff5f5f").Bold(true)
	s.States[sim.StateDone] = s.Dim
	s.States[sim.StateCancelled] = s.Dim
	s.States[sim.StateFailed] = s.Bad
	s.Slider = SliderStyles{
		Label:        lipgloss.NewStyle().Bold(true),
		LabelFocused: s.TitleFocused,
		Filled:       lipgloss.NewStyle().Foreground(accent),
		Empty:        s.Rule,
		Knob:         lipgloss.NewStyle().Bold(true),
		KnobFocused:  lipgloss.NewStyle().Bold(true).Foreground(accent),
		Value:        lipgloss.NewStyle().Bold(true),
		Hint:         s.Dim,
	}
	return s
}

// NoColorStyles returns styles without any colour, for NO_COLOR. They keep bold and
// reverse video, so focus, the PAUSED badge and warnings stay unmistakable.
func NoColorStyles() Styles {
	plain := lipgloss.NewStyle()
	bold := plain.Bold(true)
	rev := plain.Reverse(true).Bold(true)
	s := Styles{
		Brand: bold, Running: bold, Paused: rev, Step: rev, Replay: rev, Warning: rev,
		Text: plain, Dim: plain, Value: bold, Bad: bold,
		Title: bold, TitleFocused: rev, Rule: plain, RuleFocused: bold, Highlight: rev,
		Wait:      [4]lipgloss.Style{plain, plain, bold, bold},
		KindTimer: plain, KindSync: plain, KindQueue: plain, KindDone: plain,
		KindError: bold, KindBlock: bold, KindMeta: plain, Late: bold,
		BarFull: plain, BarEmpty: plain, Series: [2]lipgloss.Style{plain, plain}, Theory: plain,
		Slider: SliderStyles{
			Label: bold, LabelFocused: rev, Filled: plain, Empty: plain,
			Knob: bold, KnobFocused: rev, Value: bold, Hint: plain,
		},
		Help:    help.Styles{},
		Overlay: plain.Border(lipgloss.RoundedBorder()).Padding(0, 1),
	}
	for i := range s.States {
		s.States[i] = plain
	}
	s.States[sim.StateRunning] = bold
	s.States[sim.StateBlocked] = rev
	return s
}

// pen paints text with a style's escape codes, captured once: rendering with Lip Gloss
// costs microseconds per call, too much for thousands of cells 30 times a second.
type pen struct{ pre, suf string }

func newPen(st lipgloss.Style) pen {
	out := st.Render("X") // 'X' never occurs inside an SGR sequence
	i := strings.IndexByte(out, 'X')
	if i < 0 {
		return pen{}
	}
	return pen{pre: out[:i], suf: out[i+1:]}
}

// write appends s painted to b.
func (p pen) write(b *strings.Builder, s string) {
	if s == "" {
		return
	}
	b.WriteString(p.pre)
	b.WriteString(s)
	b.WriteString(p.suf)
}

// theme is Styles compiled into pens for the panels.
type theme struct {
	brand, running, paused, step, warning pen
	replay                                pen
	text, dim, value, bad                 pen
	title, titleFocused, rule, ruleFocus  pen
	highlight                             pen
	cursor                                pen // a text cursor: reverse video
	wait                                  [4]pen
	states                                [sim.NumStates]pen
	kinds                                 [32]pen // by sim.Kind
	late, barFull, barEmpty, theory       pen
	series                                [2]pen
	overlay                               lipgloss.Style
}

func newTheme(s Styles) *theme {
	t := &theme{
		brand: newPen(s.Brand), running: newPen(s.Running), paused: newPen(s.Paused),
		step: newPen(s.Step), replay: newPen(s.Replay), warning: newPen(s.Warning),
		text: newPen(s.Text), dim: newPen(s.Dim), value: newPen(s.Value), bad: newPen(s.Bad),
		title: newPen(s.Title), titleFocused: newPen(s.TitleFocused),
		rule: newPen(s.Rule), ruleFocus: newPen(s.RuleFocused), highlight: newPen(s.Highlight),
		cursor: newPen(lipgloss.NewStyle().Reverse(true)),
		late:   newPen(s.Late), barFull: newPen(s.BarFull), barEmpty: newPen(s.BarEmpty),
		theory: newPen(s.Theory), overlay: s.Overlay,
	}
	for i, st := range s.Wait {
		t.wait[i] = newPen(st)
	}
	for i, st := range s.States {
		t.states[i] = newPen(st)
	}
	for i, st := range s.Series {
		t.series[i] = newPen(st)
	}
	groups := []struct {
		st    lipgloss.Style
		kinds []sim.Kind
	}{
		{s.KindTimer, []sim.Kind{sim.KindSleep, sim.KindWake}},
		{s.KindSync, []sim.Kind{sim.KindWait, sim.KindAcquire, sim.KindRelease, sim.KindSet}},
		{s.KindQueue, []sim.Kind{sim.KindPut, sim.KindGet}},
		{s.KindDone, []sim.Kind{sim.KindDone}},
		{s.KindError, []sim.Kind{sim.KindTimeout, sim.KindCancel, sim.KindFail}},
		{s.KindBlock, []sim.Kind{sim.KindBlock, sim.KindUnblock}},
		{s.KindMeta, []sim.Kind{sim.KindSpawn, sim.KindRun, sim.KindSay}},
	}
	for _, g := range groups {
		p := newPen(g.st)
		for _, k := range g.kinds {
			t.kinds[k] = p
		}
	}
	return t
}

// kind returns the pen for an event kind.
func (t *theme) kind(k sim.Kind) pen {
	if int(k) < len(t.kinds) {
		return t.kinds[k]
	}
	return t.text
}

// state returns the pen for a task state.
func (t *theme) state(s sim.State) pen {
	if int(s) < len(t.states) {
		return t.states[s]
	}
	return t.text
}
