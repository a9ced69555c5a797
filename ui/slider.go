package ui

import (
	"math"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Slider is a horizontal slider: a value between a minimum and a maximum, on a linear
// or a logarithmic scale, moved in small and big steps with the keys when focused, or
// clicked and dragged with the mouse. It renders as
//
//	Arrivals  ━━━━━━━━━●──────────  20.0/min ×1.00
//
// Mouse messages given to Update must carry coordinates relative to the slider's left
// edge; the parent translates them.
type Slider struct {
	KeyMap SliderKeyMap
	Styles SliderStyles
	Label  string
	// Format renders the value in user units, such as customers per minute.
	Format func(v float64) string

	min, max   float64
	log        bool
	steps, big int
	value      float64
	focused    bool
	dragging   bool
	width      int
}

// SliderStyles are a slider's styles.
type SliderStyles struct {
	Label, LabelFocused lipgloss.Style
	Filled, Empty       lipgloss.Style // the track left and right of the knob
	Knob, KnobFocused   lipgloss.Style
	Value               lipgloss.Style
	Hint                lipgloss.Style
}

// SliderKeyMap are the keys a focused slider answers to.
type SliderKeyMap struct {
	Dec, Inc       key.Binding // one small step
	BigDec, BigInc key.Binding // one big step
	Min, Max       key.Binding
}

// DefaultSliderKeyMap returns the slider keys: left/right, shift for big steps,
// home/end for the ends. They start disabled, like the slider's focus.
func DefaultSliderKeyMap() SliderKeyMap {
	k := SliderKeyMap{
		Dec:    key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "less")),
		Inc:    key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "more")),
		BigDec: key.NewBinding(key.WithKeys("shift+left"), key.WithHelp("shift+←", "much less")),
		BigInc: key.NewBinding(key.WithKeys("shift+right"), key.WithHelp("shift+→", "much more")),
		Min:    key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "minimum")),
		Max:    key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "maximum")),
	}
	k.setEnabled(false)
	return k
}

func (k *SliderKeyMap) setEnabled(v bool) {
	for _, b := range []*key.Binding{&k.Dec, &k.Inc, &k.BigDec, &k.BigInc, &k.Min, &k.Max} {
		b.SetEnabled(v)
	}
}

// ShortHelp returns the slider's keys for the help bar, pairs folded into one entry.
func (k SliderKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{helpPair(k.Dec, k.Inc, "←/→", "adjust")}
}

// FullHelp returns the slider's keys for the help overlay.
func (k SliderKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Dec, k.Inc, k.BigDec, k.BigInc, k.Min, k.Max}}
}

// helpPair is a help-only binding standing for two bindings, such as ←/→.
func helpPair(a, b key.Binding, keys, desc string) key.Binding {
	h := key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...), key.WithHelp(keys, desc))
	h.SetEnabled(a.Enabled() || b.Enabled())
	return h
}

// SliderOption configures NewSlider.
type SliderOption func(*Slider)

// WithLogScale puts the slider on a logarithmic scale: every step multiplies the value
// by the same factor, which suits rates. It needs min > 0.
func WithLogScale() SliderOption { return func(s *Slider) { s.log = s.min > 0 } }

// WithSteps sets how many small steps span the whole range and how many small steps
// make a big one.
func WithSteps(steps, big int) SliderOption {
	return func(s *Slider) { s.steps, s.big = max(steps, 1), max(big, 1) }
}

// WithFormat sets the function that shows the value in user units.
func WithFormat(f func(float64) string) SliderOption { return func(s *Slider) { s.Format = f } }

// NewSlider returns a slider over [min, max], at min, with 40 small steps and big
// steps of 5.
func NewSlider(label string, min, max float64, opts ...SliderOption) Slider {
	if max < min {
		min, max = max, min
	}
	s := Slider{
		KeyMap: DefaultSliderKeyMap(),
		Styles: DefaultStyles(true).Slider,
		Label:  label,
		Format: func(v float64) string { return fmtFloat(v, 2) },
		min:    min, max: max, steps: 40, big: 5, value: min,
	}
	for _, o := range opts {
		o(&s)
	}
	return s
}

// SetRange changes the range, keeping the scale; the value is clamped to it.
func (s *Slider) SetRange(lo, hi float64) {
	if hi < lo {
		lo, hi = hi, lo
	}
	s.min, s.max = lo, hi
	s.log = s.log && lo > 0
	s.SetValue(s.value)
}

// Value returns the slider's value.
func (s Slider) Value() float64 { return s.value }

// SetValue sets the value, clamped to the range.
func (s *Slider) SetValue(v float64) { s.value = min(max(v, s.min), s.max) }

// Focus gives the slider the keyboard.
func (s *Slider) Focus() { s.focused = true; s.KeyMap.setEnabled(true) }

// Blur takes the keyboard away.
func (s *Slider) Blur() { s.focused = false; s.dragging = false; s.KeyMap.setEnabled(false) }

// Focused reports whether the slider has the keyboard.
func (s Slider) Focused() bool { return s.focused }

// Dragging reports whether a mouse drag that started on the track is under way.
func (s Slider) Dragging() bool { return s.dragging }

// SetWidth sets the width of the whole slider in cells.
func (s *Slider) SetWidth(w int) { s.width = w }

// Update moves the slider on keys (when focused) and on mouse clicks, drags, releases
// and the wheel (coordinates relative to the slider).
func (s Slider) Update(msg tea.Msg) (Slider, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.KeyMap.Dec):
			s.stepBy(-1)
		case key.Matches(msg, s.KeyMap.Inc):
			s.stepBy(1)
		case key.Matches(msg, s.KeyMap.BigDec):
			s.stepBy(-s.big)
		case key.Matches(msg, s.KeyMap.BigInc):
			s.stepBy(s.big)
		case key.Matches(msg, s.KeyMap.Min):
			s.value = s.min
		case key.Matches(msg, s.KeyMap.Max):
			s.value = s.max
		}
	case tea.MouseClickMsg:
		x, w := s.track()
		if msg.Button == tea.MouseLeft && msg.X >= x && msg.X < x+w {
			s.dragging = true
			s.setX(msg.X)
		}
	case tea.MouseMotionMsg:
		if s.dragging {
			s.setX(msg.X)
		}
	case tea.MouseReleaseMsg:
		if s.dragging {
			s.setX(msg.X)
			s.dragging = false
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp, tea.MouseWheelRight:
			s.stepBy(1)
		case tea.MouseWheelDown, tea.MouseWheelLeft:
			s.stepBy(-1)
		}
	}
	return s, nil
}

// pos maps a value to 0..1 along the track; at is its inverse.
func (s Slider) pos(v float64) float64 {
	if s.max == s.min {
		return 0
	}
	if s.log {
		return math.Log(v/s.min) / math.Log(s.max/s.min)
	}
	return (v - s.min) / (s.max - s.min)
}

func (s Slider) at(p float64) float64 {
	p = min(max(p, 0), 1)
	if s.log {
		return roundSig(s.min*math.Exp(p*math.Log(s.max/s.min)), 3)
	}
	return s.min + p*(s.max-s.min)
}

// stepBy moves n small steps along a grid of s.steps steps. A value off the grid first
// snaps to the grid point in the direction of travel, so a step always moves.
func (s *Slider) stepBy(n int) {
	cur := s.pos(s.value) * float64(s.steps)
	base := math.Round(cur)
	if math.Abs(cur-base) >= 0.25 { // off the grid: count from the neighbour behind us
		if n > 0 {
			base = math.Floor(cur)
		} else {
			base = math.Ceil(cur)
		}
	}
	i := min(max(base+float64(n), 0), float64(s.steps))
	s.value = min(max(s.at(i/float64(s.steps)), s.min), s.max)
}

// setX sets the value from a column on the track, snapped to the step grid.
func (s *Slider) setX(x int) {
	tx, tw := s.track()
	p := 0.0
	if tw > 1 {
		p = float64(x-tx) / float64(tw-1)
	}
	i := math.Round(min(max(p, 0), 1) * float64(s.steps))
	s.value = min(max(s.at(i/float64(s.steps)), s.min), s.max)
}

// roundSig rounds v to n significant digits, so log steps land on values such as 1.26.
func roundSig(v float64, n int) float64 {
	if v == 0 {
		return 0
	}
	p := math.Pow(10, float64(n)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// labelWidth is the label area: the label and a space either side.
func (s Slider) labelWidth() int { return cells(s.Label) + 2 }

// valueWidth is the value area, wide enough for the extremes so the track never jumps.
func (s Slider) valueWidth() int {
	return max(cells(s.Format(s.min)), cells(s.Format(s.max)), cells(s.Format(s.value)))
}

// track returns the first column and the width of the track.
func (s Slider) track() (x, w int) {
	x = s.labelWidth() + 1
	return x, max(s.width-x-1-s.valueWidth(), 3)
}

// View renders the slider in its width.
func (s Slider) View() string {
	label, knob := s.Styles.Label, s.Styles.Knob
	if s.focused {
		label, knob = s.Styles.LabelFocused, s.Styles.KnobFocused
	}
	_, tw := s.track()
	k := int(math.Round(s.pos(s.value) * float64(tw-1)))
	k = min(max(k, 0), tw-1)
	var b strings.Builder
	b.WriteString(label.Render(" " + s.Label + " "))
	b.WriteByte(' ')
	b.WriteString(s.Styles.Filled.Render(strings.Repeat("━", k)))
	b.WriteString(knob.Render("●"))
	b.WriteString(s.Styles.Empty.Render(strings.Repeat("─", tw-1-k)))
	b.WriteByte(' ')
	b.WriteString(s.Styles.Value.Render(padRight(s.Format(s.value), s.valueWidth())))
	out := b.String()
	if w := lipgloss.Width(out); w < s.width {
		out += strings.Repeat(" ", s.width-w)
	}
	return out
}
