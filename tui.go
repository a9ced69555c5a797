package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"brewloop/model"
	"brewloop/ui"
)

// eventLogSize is how many recent events the TUI's Events pane can scroll back.
const eventLogSize = 2000

// session is the live run behind the TUI: the shop and the hasher of its trace (for
// recordings). A restart replaces both.
type session struct {
	cfg      *model.Config
	scenario string
	shop     *model.Shop
	hasher   *model.TraceHasher
}

func (s *session) start(seed uint64) (*model.Shop, error) {
	cfg := s.cfg.Clone()
	cfg.Seed = seed
	h := model.NewTraceHasher()
	shop, err := model.NewShop(cfg, model.WithScenario(s.scenario), model.WithTracer(h), model.WithEventLog(eventLogSize))
	if err != nil {
		return nil, err
	}
	s.shop, s.hasher = shop, h
	return shop, nil
}

// record writes the run so far to path.
func (s *session) record(path string) error { return writeRecording(path, s.shop, s.hasher) }

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// runTUI opens the live TUI, or runs headless when stdout is not a terminal.
func runTUI(ctx context.Context, cmd *cobra.Command, env *env, f *flags) error {
	cfg, name, err := f.resolve(cmd)
	if err != nil {
		return err
	}
	if !isTerminal(env.stdout) {
		fmt.Fprintln(env.stderr, "brewloop: stdout is not a terminal, so running headless as `brewloop run` would")
		return runHeadless(ctx, env, f, cfg, name, nil, stopTime(cfg, cmd))
	}
	sc, _ := model.LookupScenario(name)
	s := &session{cfg: cfg, scenario: name}
	shop, err := s.start(cfg.Seed)
	if err != nil {
		return badInput(err)
	}
	opts := ui.Options{
		Shop:     shop,
		Seed:     cfg.Seed,
		Scenario: name,
		Speed:    cfg.UI.Speed,
		FPS:      cfg.UI.FPS,
		Paused:   sc.StartPaused,
		Restart: func(seed uint64) (ui.Shop, error) {
			return s.start(seed)
		},
	}
	return runProgram(ctx, env, ui.New(opts), func() error {
		if f.record == "" {
			return nil
		}
		return s.record(f.record)
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

// runReplayTUI replays a recording in the TUI; changing a control forks a live run.
func runReplayTUI(ctx context.Context, _ *cobra.Command, env *env, rec *model.Recording, cfg *model.Config, speed float64) error {
	if !isTerminal(env.stdout) {
		return badInput(errors.New("replay needs a terminal; use --headless for the summary"))
	}
	h := model.NewTraceHasher()
	shop, err := model.NewShop(cfg, model.WithScenario(rec.Scenario), model.WithTracer(h), model.WithEventLog(eventLogSize))
	if err != nil {
		return badInput(err)
	}
	if speed <= 0 {
		speed = cfg.UI.Speed
	}
	player := model.NewPlayer(shop, rec.Controls)
	app := ui.New(ui.Options{Shop: player, Seed: cfg.Seed, Scenario: rec.Scenario, Speed: speed, FPS: cfg.UI.FPS})
	return runProgram(ctx, env, app, func() error { return nil })
}
