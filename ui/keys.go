package ui

import "charm.land/bubbles/v2/key"

// KeyMap are the app-wide keys. The focused slider and the scrollable panes add their
// own (SliderKeyMap, ScrollKeyMap); the help bar shows both.
type KeyMap struct {
	Pause      key.Binding // pause or resume
	Faster     key.Binding // speed up, in 1-2-5 steps up to x1000
	Slower     key.Binding // slow down, in 1-2-5 steps down to x0.1
	Step       key.Binding // one scheduling step; enabled only while paused
	NextFocus  key.Binding
	PrevFocus  key.Binding
	AddBarista key.Binding
	DelBarista key.Binding
	AddMachine key.Binding
	DelMachine key.Binding
	Mode       key.Binding // cycle the brew mode
	Filter     key.Binding // cycle the event log's kind filter
	Restart    key.Binding // same seed; disabled without a restart factory
	NewSeed    key.Binding // new seed; disabled without a restart factory
	Help       key.Binding
	Close      key.Binding // closes the help overlay; enabled while it shows
	Quit       key.Binding
}

// DefaultKeyMap returns the app-wide keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Pause:      key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pause")),
		Faster:     key.NewBinding(key.WithKeys("+", "=", "shift+="), key.WithHelp("+", "faster")),
		Slower:     key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "slower")),
		Step:       key.NewBinding(key.WithKeys("."), key.WithHelp(".", "step"), key.WithDisabled()),
		NextFocus:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "focus")),
		PrevFocus:  key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		AddBarista: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "add barista")),
		DelBarista: key.NewBinding(key.WithKeys("B", "shift+b"), key.WithHelp("B", "remove barista")),
		AddMachine: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "add machine")),
		DelMachine: key.NewBinding(key.WithKeys("M", "shift+m"), key.WithHelp("M", "remove machine")),
		Mode:       key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "brew mode")),
		Filter:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter events")),
		Restart:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "restart")),
		NewSeed:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new seed")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Close:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close help"), key.WithDisabled()),
		Quit:       key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// SetPaused updates the keys that depend on playback: step only while paused, and
// the pause key's help says what it will do.
func (k *KeyMap) SetPaused(paused bool) {
	k.Step.SetEnabled(paused)
	if paused {
		k.Pause.SetHelp("space", "resume")
	} else {
		k.Pause.SetHelp("space", "pause")
	}
}

// SetCanRestart enables r and n when there is a way to build a new shop.
func (k *KeyMap) SetCanRestart(ok bool) {
	k.Restart.SetEnabled(ok)
	k.NewSeed.SetEnabled(ok)
}

// ShortHelp returns the keys for the help bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		k.Pause, k.Step,
		helpPair(k.Faster, k.Slower, "+/-", "speed"),
		k.NextFocus, k.Help, k.Quit,
		helpPair(k.AddBarista, k.DelBarista, "b/B", "baristas"),
		helpPair(k.AddMachine, k.DelMachine, "m/M", "machines"),
		k.Mode, k.Restart, k.NewSeed,
	}
}

// FullHelp returns the keys for the help overlay, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Pause, k.Step, k.Faster, k.Slower, k.Restart, k.NewSeed},
		{k.AddBarista, k.DelBarista, k.AddMachine, k.DelMachine, k.Mode},
		{k.NextFocus, k.PrevFocus, k.Filter, k.Help, k.Quit},
	}
}

// ScrollKeyMap are the keys of a scrollable pane (Tasks, Events).
type ScrollKeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// DefaultScrollKeyMap returns the scrolling keys, disabled until the pane has focus.
func DefaultScrollKeyMap() ScrollKeyMap {
	k := ScrollKeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdown", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "bottom")),
	}
	k.SetEnabled(false)
	return k
}

// SetEnabled enables or disables every scrolling key.
func (k *ScrollKeyMap) SetEnabled(v bool) {
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom} {
		b.SetEnabled(v)
	}
}

// ShortHelp returns the scrolling keys for the help bar.
func (k ScrollKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		helpPair(k.Up, k.Down, "↑/↓", "scroll"),
		helpPair(k.Top, k.Bottom, "home/end", "top/bottom"),
	}
}

// FullHelp returns the scrolling keys for the help overlay.
func (k ScrollKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}}
}

// helpKeys is a help.KeyMap assembled from the global keys and the focused pane's.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }
