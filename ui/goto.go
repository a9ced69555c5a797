package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// gotoPrompt is the go-to-time prompt g opens in place of the help bar. It takes a Go
// duration (90s, 1h5m) or a clock (MM:SS, HH:MM:SS); enter on a valid time closes it
// and leaves the time in Chosen, enter on anything else says what is wrong and keeps
// it open, esc closes it.
//
//	go to time › 1:30█          enter go • esc cancel
//
// It edits its one short line itself: bubbles/textinput would pull a clipboard
// module into go.mod for a field that holds a dozen characters.
type gotoPrompt struct {
	KeyMap GotoKeyMap
	help   help.Model
	th     *theme
	width  int
	value  []rune
	pos    int // the cursor, an index into value
	active bool
	err    string        // what is wrong with the last entry
	target time.Duration // the time chosen by the last Update, if chosen
	chosen bool
}

const (
	gotoLabel       = "go to time › "
	gotoPlaceholder = "90s or 01:30"
	gotoInputWidth  = 14 // cells of typing shown: 00:01:30.000 fits, with the cursor
	gotoMaxLen      = 24 // the longest entry taken
)

func newGotoPrompt() gotoPrompt {
	return gotoPrompt{KeyMap: DefaultGotoKeyMap(), help: help.New()}
}

// setStyles paints the prompt with the app's styles.
func (p *gotoPrompt) setStyles(s Styles, th *theme) {
	p.th = th
	p.help.Styles = s.Help
}

// SetWidth sets the width of the prompt's line.
func (p *gotoPrompt) SetWidth(w int) { p.width = w }

// Active reports whether the prompt is open and takes the keys.
func (p gotoPrompt) Active() bool { return p.active }

// Value returns the text typed so far.
func (p gotoPrompt) Value() string { return string(p.value) }

// Open empties the prompt and gives it the keys.
func (p *gotoPrompt) Open() {
	p.active, p.err, p.chosen = true, "", false
	p.value, p.pos = p.value[:0], 0
}

// Close closes the prompt without choosing a time.
func (p *gotoPrompt) Close() { p.active, p.err = false, "" }

// Chosen returns the time the last Update chose, if it chose one.
func (p gotoPrompt) Chosen() (time.Duration, bool) { return p.target, p.chosen }

// Update takes a key or a paste while the prompt is open: enter tries the entry,
// esc cancels, anything else edits it (and clears the complaint about it).
func (p gotoPrompt) Update(msg tea.Msg) (gotoPrompt, tea.Cmd) {
	p.chosen = false
	if !p.active {
		return p, nil
	}
	before := string(p.value)
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		k := p.KeyMap
		switch {
		case key.Matches(msg, k.Cancel):
			p.Close()
			return p, nil
		case key.Matches(msg, k.Submit):
			t, err := parseTime(string(p.value))
			if err != nil {
				p.err = err.Error()
				return p, nil
			}
			p.Close()
			p.target, p.chosen = t, true
			return p, nil
		case key.Matches(msg, k.Left):
			p.pos = max(p.pos-1, 0)
		case key.Matches(msg, k.Right):
			p.pos = min(p.pos+1, len(p.value))
		case key.Matches(msg, k.Home):
			p.pos = 0
		case key.Matches(msg, k.End):
			p.pos = len(p.value)
		case key.Matches(msg, k.DeleteBack):
			if p.pos > 0 {
				p.value = slices.Delete(p.value, p.pos-1, p.pos)
				p.pos--
			}
		case key.Matches(msg, k.Delete):
			if p.pos < len(p.value) {
				p.value = slices.Delete(p.value, p.pos, p.pos+1)
			}
		case key.Matches(msg, k.Clear):
			p.value, p.pos = p.value[:0], 0
		default:
			p.insert(msg.Text)
		}
	case tea.PasteMsg:
		p.insert(msg.Content)
	}
	if string(p.value) != before {
		p.err = ""
	}
	return p, nil
}

// insert types the printable runes of s at the cursor, up to gotoMaxLen in all.
func (p *gotoPrompt) insert(s string) {
	for _, r := range s {
		if len(p.value) >= gotoMaxLen {
			return
		}
		if !unicode.IsPrint(r) {
			continue
		}
		p.value = slices.Insert(p.value, p.pos, r)
		p.pos++
	}
}

// View renders the prompt's line, exactly width cells wide: the label, the entry with
// its cursor, then the complaint about a bad entry or else the prompt's keys.
func (p gotoPrompt) View() string {
	if !p.active || p.width <= 0 {
		return ""
	}
	t := p.th
	l := newLine(p.width)
	l.space(1)
	l.put(t.brand, gotoLabel)
	// The entry scrolls so the cursor stays in view.
	from := max(p.pos-(gotoInputWidth-1), 0)
	l.put(t.text, string(p.value[from:p.pos]))
	if p.pos < len(p.value) {
		l.put(t.cursor, string(p.value[p.pos]))
		l.put(t.text, string(p.value[p.pos+1:min(len(p.value), from+gotoInputWidth)]))
	} else if len(p.value) == 0 { // the cursor sits on the placeholder's first letter
		l.put(t.cursor, gotoPlaceholder[:1])
		l.put(t.dim, gotoPlaceholder[1:])
	} else {
		l.put(t.cursor, " ")
	}
	l.padTo(1 + cells(gotoLabel) + gotoInputWidth + 2)
	if p.err != "" {
		l.put(t.bad, p.err)
		return l.String()
	}
	if keys := fitHelp(p.help, p.KeyMap.ShortHelp(), l.room()); keys != "" {
		l.putW(pen{}, keys, lipgloss.Width(keys)) // already styled
	}
	return l.String()
}

// errNotTime is the complaint about an entry that is no kind of time.
var errNotTime = errors.New("not a time: try 90s, 1h5m, 01:30 or 1:02:03")

// parseTime reads a virtual time typed at the prompt: a Go duration (90s, 1h5m,
// 2m30.5s) or a clock, MM:SS or HH:MM:SS, whose seconds may have a fraction. The
// errors say what to type instead.
func parseTime(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return 0, errors.New("type a time: 90s, 1h5m, 01:30 or 1:02:03")
	case strings.HasPrefix(s, "-"):
		return 0, errors.New("a time can't be negative")
	case strings.Contains(s, ":"):
		return parseClock(s)
	case allDigits(strings.Replace(s, ".", "", 1)):
		return 0, errors.New("add a unit (" + s + "s) or write MM:SS")
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, errNotTime
	}
	return d, nil
}

// parseClock reads MM:SS or HH:MM:SS. The first field may be any number of digits
// (up to six), the others one or two and below 60; the seconds may have a fraction.
func parseClock(s string) (time.Duration, error) {
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, errNotTime
	}
	secs, frac, _ := strings.Cut(parts[len(parts)-1], ".")
	if strings.Contains(parts[len(parts)-1], ".") && (frac == "" || len(frac) > 9 || !allDigits(frac)) {
		return 0, errNotTime
	}
	fields := append(parts[:len(parts)-1:len(parts)-1], secs)
	vals := make([]int, len(fields))
	for i, f := range fields {
		if f == "" || !allDigits(f) || (i > 0 && len(f) > 2) || len(f) > 6 {
			return 0, errNotTime
		}
		vals[i], _ = strconv.Atoi(f)
		if i > 0 && vals[i] >= 60 {
			if i == len(fields)-1 {
				return 0, errors.New("seconds must be below 60")
			}
			return 0, errors.New("minutes must be below 60")
		}
	}
	var d time.Duration
	for _, v := range vals {
		d = d*60 + time.Duration(v)
	}
	d *= time.Second
	if frac != "" {
		ns, _ := strconv.Atoi((frac + "000000000")[:9])
		d += time.Duration(ns)
	}
	return d, nil
}

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
