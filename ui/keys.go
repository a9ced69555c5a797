package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

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
	SeekBack   key.Binding // back one virtual minute; disabled without a seek function
	SeekFwd    key.Binding // forward one virtual minute; disabled without a seek function
	GoTo       key.Binding // open the go-to-time prompt; disabled without a seek function
	Record     key.Binding // write the recording so far; disabled without a record function
	Lesson     key.Binding // show or hide the lesson panel; disabled without a lesson
	Help       key.Binding
	Close      key.Binding // closes the help overlay; enabled while it shows
	CancelSeek key.Binding // stops a fast-forward where it is; enabled while seeking
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
		SeekBack:   key.NewBinding(key.WithKeys("["), key.WithHelp("[", "back 1 min")),
		SeekFwd:    key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "forward 1 min")),
		GoTo:       key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "go to time")),
		Record:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write recording")),
		Lesson:     key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "show lesson"), key.WithDisabled()),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Close:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close help"), key.WithDisabled()),
		CancelSeek: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop seeking"), key.WithDisabled()),
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

// SetCanSeek enables [, ] and g when there is a way to re-simulate to a time.
func (k *KeyMap) SetCanSeek(ok bool) {
	k.SeekBack.SetEnabled(ok)
	k.SeekFwd.SetEnabled(ok)
	k.GoTo.SetEnabled(ok)
}

// SetCanRecord enables w when there is a way to write the recording.
func (k *KeyMap) SetCanRecord(ok bool) { k.Record.SetEnabled(ok) }

// SetLesson enables l when there is a lesson panel, its help saying what it will do.
func (k *KeyMap) SetLesson(lesson, shown bool) {
	k.Lesson.SetEnabled(lesson)
	if shown {
		k.Lesson.SetHelp("l", "hide lesson")
	} else {
		k.Lesson.SetHelp("l", "show lesson")
	}
}

// SetHasStaff enables the keys of the shop's staff (b, B, m, M, x): a lesson that
// runs its own program has no baristas or machines.
func (k *KeyMap) SetHasStaff(ok bool) {
	for _, b := range []*key.Binding{&k.AddBarista, &k.DelBarista, &k.AddMachine, &k.DelMachine, &k.Mode} {
		b.SetEnabled(ok)
	}
}

// ShortHelp returns the keys for the help bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		k.Pause, k.Step,
		helpPair(k.Faster, k.Slower, "+/-", "speed"),
		k.Lesson, k.NextFocus, k.Help, k.Quit,
		helpPair(k.SeekBack, k.SeekFwd, "[/]", "±1 min"),
		k.GoTo, k.Record,
		helpPair(k.AddBarista, k.DelBarista, "b/B", "baristas"),
		helpPair(k.AddMachine, k.DelMachine, "m/M", "machines"),
		k.Mode, k.Restart, k.NewSeed,
	}
}

// FullHelp returns the keys for the help overlay, in columns: playback and time,
// the shop, the screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Pause, k.Step, k.Faster, k.Slower, k.SeekBack, k.SeekFwd, k.GoTo},
		{k.AddBarista, k.DelBarista, k.AddMachine, k.DelMachine, k.Mode, k.Restart, k.NewSeed},
		{k.NextFocus, k.PrevFocus, k.Filter, k.Lesson, k.Record, k.Help, k.Quit},
	}
}

// ScrollKeyMap are the keys of a scrollable pane (Tasks, Events).
type ScrollKeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// scrollMove is what a scrolling key or wheel turn asks for: delta rows down
// (negative: up), or a jump to the top or the bottom.
type scrollMove struct {
	delta       int
	top, bottom bool
}

// move reads msg as a scroll of a pane whose page is page rows; ok is false when
// msg is not a scrolling key or wheel turn.
func (k ScrollKeyMap) move(msg tea.Msg, page int) (m scrollMove, ok bool) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			return scrollMove{delta: -1}, true
		case key.Matches(msg, k.Down):
			return scrollMove{delta: 1}, true
		case key.Matches(msg, k.PageUp):
			return scrollMove{delta: -page}, true
		case key.Matches(msg, k.PageDown):
			return scrollMove{delta: page}, true
		case key.Matches(msg, k.Top):
			return scrollMove{top: true}, true
		case key.Matches(msg, k.Bottom):
			return scrollMove{bottom: true}, true
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			return scrollMove{delta: -3}, true
		case tea.MouseWheelDown:
			return scrollMove{delta: 3}, true
		}
	}
	return scrollMove{}, false
}

// apply returns the position after the move from pos, where top and bottom are
// the positions of the two ends (positions grow downwards).
func (m scrollMove) apply(pos, top, bottom int) int {
	switch {
	case m.top:
		return top
	case m.bottom:
		return bottom
	}
	return pos + m.delta
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

// UseG sets whether g scrolls to the top (with home). The app takes g for its
// go-to-time prompt when it can seek, and then the scrolling keys let it go.
func (k *ScrollKeyMap) UseG(v bool) {
	if v {
		k.Top.SetKeys("home", "g")
		k.Top.SetHelp("home/g", "top")
	} else {
		k.Top.SetKeys("home")
		k.Top.SetHelp("home", "top")
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

// GotoKeyMap are the keys of the go-to-time prompt. Every other key types into it.
type GotoKeyMap struct {
	Submit     key.Binding // go to the typed time, if it is one
	Cancel     key.Binding // close the prompt without going anywhere
	Quit       key.Binding // quit the app, as everywhere
	Left       key.Binding // move the cursor one character left
	Right      key.Binding // move the cursor one character right
	Home       key.Binding // move the cursor to the start
	End        key.Binding // move the cursor to the end
	DeleteBack key.Binding // delete the character before the cursor
	Delete     key.Binding // delete the character under the cursor
	Clear      key.Binding // delete the whole entry
}

// DefaultGotoKeyMap returns the prompt's keys.
func DefaultGotoKeyMap() GotoKeyMap {
	return GotoKeyMap{
		Submit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Quit:       key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Left:       key.NewBinding(key.WithKeys("left", "ctrl+b"), key.WithHelp("←", "left")),
		Right:      key.NewBinding(key.WithKeys("right", "ctrl+f"), key.WithHelp("→", "right")),
		Home:       key.NewBinding(key.WithKeys("home", "ctrl+a"), key.WithHelp("home", "start")),
		End:        key.NewBinding(key.WithKeys("end", "ctrl+e"), key.WithHelp("end", "end")),
		DeleteBack: key.NewBinding(key.WithKeys("backspace", "ctrl+h"), key.WithHelp("backspace", "delete")),
		Delete:     key.NewBinding(key.WithKeys("delete", "ctrl+d"), key.WithHelp("delete", "delete forward")),
		Clear:      key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear")),
	}
}

// ShortHelp returns the prompt's keys for its line.
func (k GotoKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Submit, k.Cancel} }

// FullHelp returns all the prompt's keys.
func (k GotoKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Submit, k.Cancel, k.Quit},
		{k.Left, k.Right, k.Home, k.End, k.DeleteBack, k.Delete, k.Clear},
	}
}
