package ui

import (
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/exp/golden"
)

func TestKeyMapMatches(t *testing.T) {
	k := DefaultKeyMap()
	k.SetPaused(true)
	tests := map[string]struct {
		binding key.Binding
		keys    []string
	}{
		"pause":          {k.Pause, []string{"space"}},
		"faster":         {k.Faster, []string{"+", "="}},
		"slower":         {k.Slower, []string{"-"}},
		"step":           {k.Step, []string{"."}},
		"next focus":     {k.NextFocus, []string{"tab"}},
		"previous focus": {k.PrevFocus, []string{"shift+tab"}},
		"add barista":    {k.AddBarista, []string{"b"}},
		"remove barista": {k.DelBarista, []string{"B"}},
		"add machine":    {k.AddMachine, []string{"m"}},
		"remove machine": {k.DelMachine, []string{"M"}},
		"mode":           {k.Mode, []string{"x"}},
		"filter":         {k.Filter, []string{"f"}},
		"restart":        {k.Restart, []string{"r"}},
		"new seed":       {k.NewSeed, []string{"n"}},
		"back 1 min":     {k.SeekBack, []string{"["}},
		"forward 1 min":  {k.SeekFwd, []string{"]"}},
		"go to time":     {k.GoTo, []string{"g"}},
		"record":         {k.Record, []string{"w"}},
		"help":           {k.Help, []string{"?"}},
		"quit":           {k.Quit, []string{"q", "ctrl+c"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			for _, ks := range tt.keys {
				if !key.Matches(press(ks), tt.binding) {
					t.Errorf("key.Matches(%q, %s) = false, want true", ks, name)
				}
			}
		})
	}
	// b and B must not be confused: the shifted letter is a different binding.
	if key.Matches(press("B"), k.AddBarista) || key.Matches(press("b"), k.DelBarista) {
		t.Error("b and B match each other's bindings")
	}
}

func TestKeyMapStepOnlyWhilePaused(t *testing.T) {
	k := DefaultKeyMap()
	if key.Matches(press("."), k.Step) {
		t.Error("step matches while running, want it disabled")
	}
	k.SetPaused(true)
	if !key.Matches(press("."), k.Step) {
		t.Error("step does not match while paused")
	}
	if got := k.Pause.Help().Desc; got != "resume" {
		t.Errorf("pause help while paused = %q, want %q", got, "resume")
	}
	k.SetPaused(false)
	if key.Matches(press("."), k.Step) || k.Pause.Help().Desc != "pause" {
		t.Errorf("after resuming: step enabled = %v, pause help = %q; want false, pause", k.Step.Enabled(), k.Pause.Help().Desc)
	}
}

func TestKeyMapRestartNeedsFactory(t *testing.T) {
	k := DefaultKeyMap()
	k.SetCanRestart(false)
	if key.Matches(press("r"), k.Restart) || key.Matches(press("n"), k.NewSeed) {
		t.Error("r or n match without a restart factory")
	}
}

func TestKeyMapOptionalKeys(t *testing.T) {
	k := DefaultKeyMap()
	if key.Matches(press("l"), k.Lesson) {
		t.Error("l matches by default, want it disabled until there is a lesson")
	}
	k.SetCanSeek(false)
	k.SetCanRecord(false)
	for _, ks := range []string{"[", "]", "g", "w"} {
		for _, b := range []key.Binding{k.SeekBack, k.SeekFwd, k.GoTo, k.Record} {
			if key.Matches(press(ks), b) {
				t.Errorf("%q matches %q without a seek or record function", ks, b.Help().Desc)
			}
		}
	}
	k.SetLesson(true, true)
	if !key.Matches(press("l"), k.Lesson) || k.Lesson.Help().Desc != "hide lesson" {
		t.Errorf("with a lesson shown: l enabled %v, help %q; want true, hide lesson", k.Lesson.Enabled(), k.Lesson.Help().Desc)
	}
	if !key.Matches(press("b"), k.AddBarista) {
		t.Error("a lesson panel alone disables the staff keys")
	}
	k.SetHasStaff(false)
	for _, ks := range []string{"b", "B", "m", "M", "x"} {
		for _, b := range []key.Binding{k.AddBarista, k.DelBarista, k.AddMachine, k.DelMachine, k.Mode} {
			if key.Matches(press(ks), b) {
				t.Errorf("SetHasStaff(false): %q matches %q", ks, b.Help().Desc)
			}
		}
	}
	k.SetLesson(true, false)
	if k.Lesson.Help().Desc != "show lesson" {
		t.Errorf("lesson hidden: l help %q, want show lesson", k.Lesson.Help().Desc)
	}
}

func TestGotoKeyMap(t *testing.T) {
	k := DefaultGotoKeyMap()
	for ks, b := range map[string]key.Binding{"enter": k.Submit, "esc": k.Cancel, "ctrl+c": k.Quit,
		"left": k.Left, "right": k.Right, "home": k.Home, "end": k.End, "backspace": k.DeleteBack} {
		if !key.Matches(press(ks), b) {
			t.Errorf("key.Matches(%q, %s) = false, want true", ks, b.Help().Desc)
		}
	}
	if key.Matches(press("q"), k.Quit) {
		t.Error("q quits from the prompt; it should type a q")
	}
}

func TestScrollKeyMap(t *testing.T) {
	k := DefaultScrollKeyMap()
	if key.Matches(press("up"), k.Up) {
		t.Error("scroll keys match before the pane has focus")
	}
	k.SetEnabled(true)
	for ks, b := range map[string]key.Binding{"up": k.Up, "k": k.Up, "down": k.Down, "j": k.Down,
		"pgup": k.PageUp, "pgdown": k.PageDown, "home": k.Top, "G": k.Bottom} {
		if !key.Matches(press(ks), b) {
			t.Errorf("key.Matches(%q) = false, want true", ks)
		}
	}
	if !key.Matches(press("g"), k.Top) {
		t.Error("g does not scroll to the top by default")
	}
	k.UseG(false)
	if key.Matches(press("g"), k.Top) || !key.Matches(press("home"), k.Top) || k.Top.Help().Key != "home" {
		t.Errorf("UseG(false): g matches %v, home matches %v, help %q; want false, true, home",
			key.Matches(press("g"), k.Top), key.Matches(press("home"), k.Top), k.Top.Help().Key)
	}
}

// TestHelpViews checks the help bar and the full help the key maps produce.
func TestHelpViews(t *testing.T) {
	h := help.New()
	h.Styles = NoColorStyles().Help
	k := DefaultKeyMap()
	t.Run("short_running", func(t *testing.T) {
		h.SetWidth(200)
		golden.RequireEqual(t, []byte(stripANSI(h.ShortHelpView(k.ShortHelp()))))
	})
	t.Run("short_paused_narrow", func(t *testing.T) {
		k := k
		k.SetPaused(true)
		h.SetWidth(60)
		out := stripANSI(h.ShortHelpView(k.ShortHelp()))
		if cells(out) > 60 {
			t.Errorf("short help is %d cells, want at most 60", cells(out))
		}
		golden.RequireEqual(t, []byte(out))
	})
	t.Run("full", func(t *testing.T) {
		h.SetWidth(200)
		golden.RequireEqual(t, []byte(stripANSI(h.FullHelpView(k.FullHelp()))))
	})
	t.Run("short_lesson", func(t *testing.T) {
		k := k
		k.SetLesson(true, true)
		k.SetHasStaff(false)
		h.SetWidth(200)
		golden.RequireEqual(t, []byte(stripANSI(h.ShortHelpView(k.ShortHelp()))))
	})
	t.Run("full_lesson", func(t *testing.T) {
		k := k
		k.SetLesson(true, true)
		k.SetHasStaff(false)
		h.SetWidth(200)
		golden.RequireEqual(t, []byte(stripANSI(h.FullHelpView(k.FullHelp()))))
	})
	t.Run("goto_full", func(t *testing.T) {
		h.SetWidth(200)
		golden.RequireEqual(t, []byte(stripANSI(h.FullHelpView(DefaultGotoKeyMap().FullHelp()))))
	})
}
