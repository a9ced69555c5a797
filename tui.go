package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/model/lesson"
	"github.com/brewloop/brewloop/model/replay"
	"github.com/brewloop/brewloop/ui"
)

// eventLogSize is how many recent events the TUI's Events pane can scroll back.
const eventLogSize = 2000

// session is the run behind the TUI: the player of the current shop (live, or
// replaying after a seek or in a replay) and the hasher of its trace (for
// recordings). Restart and seek replace both.
type session struct {
	cfg      *config.Config
	scenario string
	record   string // --record path; empty: `w` picks a name
	player   *model.Player
	reach    time.Duration // the furthest virtual time this run has reached
}

func (s *session) options() []model.Option {
	return []model.Option{model.WithScenario(s.scenario), model.WithFingerprint(), model.WithEventLog(eventLogSize)}
}

// start begins a fresh live run with seed.
func (s *session) start(seed uint64) (ui.Shop, error) {
	cfg := s.cfg.Clone()
	cfg.Seed = seed
	shop, err := model.NewShop(cfg, s.options()...)
	if err != nil {
		return nil, err
	}
	s.cfg, s.player, s.reach = cfg, model.Live(shop), 0
	return s.player, nil
}

// replay begins replaying ctl on a fresh run, following it up to end.
func (s *session) replay(ctl []model.ControlChange, end time.Duration) (ui.Shop, error) {
	shop, err := model.NewShop(s.cfg, s.options()...)
	if err != nil {
		return nil, err
	}
	s.player, s.reach = model.Replay(shop, ctl, end), end
	return s.player, nil
}

// seek starts the run again from the beginning with the same controls, for a move
// back in time; the UI fast-forwards it to the target in budgeted frames, so even a
// far target never freezes the screen. Up to the furthest time the run had
// reached, it is a replay of known history.
func (s *session) seek(time.Duration) (ui.Shop, error) {
	if !s.player.Replaying() {
		s.reach = max(s.reach, s.player.Now())
	}
	p, err := model.Seek(s.cfg, s.player.Log(), 0, s.reach, s.options()...)
	if err != nil {
		return nil, err
	}
	s.player = p
	return p, nil
}

// uiOptions are the TUI's options for the session's run.
func (s *session) uiOptions(speed float64, paused bool) ui.Options {
	return ui.Options{
		Shop: s.player, Seed: s.cfg.Seed, Scenario: s.scenario, Speed: speed, FPS: s.cfg.UI.FPS,
		Paused: paused, Restart: s.start, Seek: s.seek, Record: s.write, Lesson: lesson.PanelFor(s.scenario),
		MeanInterarrival: s.cfg.Arrivals.Interarrival.Mean(), MeanBrew: s.player.MeanBrew(),
	}
}

// write records the run so far and returns the file written. With --record it
// replaces that file, which the user named (checked at the start); otherwise `w`
// writes a new file, brewloop-<scenario>-<seed>.json in the working directory or,
// when that name is taken, the first free of -2, -3, ...: it never replaces a file
// nobody named, such as the recording being replayed.
func (s *session) write() (string, error) {
	base := fmt.Sprintf("brewloop-%s-%d", s.scenario, s.cfg.Seed)
	path := s.record
	if path == "" {
		path = base + ".json"
	}
	s.player.Settle() // end on a whole instant, as a replay's RunUntil(end) does
	if s.player.Now() > config.MaxRunDuration {
		return path, fmt.Errorf("the run is past %s of virtual time, longer than a recording may replay", config.MaxRunDuration)
	}
	data, err := recordingData(s.player.Shop)
	if err != nil {
		return path, err
	}
	if s.record == "" {
		return writeNewFile(base, ".json", data)
	}
	return path, writeFile("--record", path, data)
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// needTerminalInput checks that the TUI can read keys: stdin must be a terminal.
func needTerminalInput(env *env) error {
	if !isTerminal(env.stdin) {
		return badInput(errors.New("stdin is not a terminal, and the TUI reads its keys there; use `brewloop run` (or replay --headless) without a terminal"))
	}
	return nil
}

// runTUI opens the live TUI, or runs headless when stdout is not a terminal.
func runTUI(ctx context.Context, cmd *cobra.Command, env *env, f *flags) error {
	// The outputs are checked before any input is read (see `run`): those of a
	// headless run when stdout is not a terminal, else --record.
	tty := isTerminal(env.stdout)
	var specs [3]*outSpec
	var err error
	if tty {
		err = checkRecordFile(env, f)
	} else {
		specs, err = planOutputs(env, f, f.inputs())
	}
	if err != nil {
		return err
	}
	cfg, name, err := f.resolve(ctx)
	if err != nil {
		return err
	}
	if !tty {
		fmt.Fprintln(env.stderr, "brewloop: stdout is not a terminal, so running headless as `brewloop run` would")
		return runHeadless(ctx, env, f, cfg, name, nil, stopTime(cfg, f), specs)
	}
	if err := needTerminalInput(env); err != nil {
		return err
	}
	sc, _ := config.LookupScenario(name)
	s := &session{cfg: cfg, scenario: name, record: f.record}
	if _, err := s.start(cfg.Seed); err != nil {
		return badInput(err)
	}
	return runProgram(ctx, env, ui.New(s.uiOptions(cfg.UI.Speed, sc.StartPaused)), func() error {
		if f.record == "" {
			return nil
		}
		_, err := s.write()
		return err
	})
}

// runProgram runs the Bubble Tea program until the user quits, ctrl+c, or SIGTERM
// (the context), restoring the terminal in every case, then calls done.
func runProgram(ctx context.Context, env *env, app *ui.App, done func() error) error {
	p := tea.NewProgram(app, tea.WithContext(ctx), tea.WithInput(env.stdin), tea.WithOutput(env.stdout))
	_, err := p.Run()
	derr := done() // record before the shop is closed
	app.Close()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) && !errors.Is(err, tea.ErrInterrupted) {
		return fmt.Errorf("terminal: %w", err)
	}
	return derr
}

// checkRecordFile checks the TUI's --record against the inputs, creating nothing.
// The TUI may write the recording more than once (`w`): only a regular file,
// replaced atomically each time, will do.
func checkRecordFile(env *env, f *flags) error {
	if !f.changed("--record") {
		return nil
	}
	s, err := planOutput("--record", f.record, env.stdout, false)
	if err != nil {
		return err
	}
	return checkOutputs([]outSpec{s}, f.inputs())
}

// runReplayTUI replays a recording in the TUI; changing a control forks a live run.
func runReplayTUI(ctx context.Context, _ *cobra.Command, env *env, rec *replay.Recording, cfg *config.Config, speed float64) error {
	if !isTerminal(env.stdout) {
		return badInput(errors.New("replay needs a terminal; use --headless for the summary"))
	}
	if err := needTerminalInput(env); err != nil {
		return err
	}
	s := &session{cfg: cfg, scenario: rec.Scenario}
	if _, err := s.replay(rec.Changes(), rec.End()); err != nil {
		return badInput(err)
	}
	if speed <= 0 {
		speed = cfg.UI.Speed
	}
	sc, _ := config.LookupScenario(rec.Scenario)
	app := ui.New(s.uiOptions(speed, sc.StartPaused))
	return runProgram(ctx, env, app, func() error { return nil })
}
