// Package ui is brewloop's terminal UI: a Bubble Tea v2 program that draws the coffee
// shop (queue, baristas, machines), the event loop's view of it (every task and the
// stream of events) and its statistics, and lets the user change the shop while it
// runs.
//
// The UI reads the shop only as values (model.Snapshot) and changes it only through
// the Shop interface's Apply. The shop is advanced only from Update, on a
// tagged frame tick: each frame runs the loop to now + speed × frame interval, with a
// work budget so the UI stays responsive at any speed.
package ui

import (
	"os"
	"strconv"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/lesson"
)

// Shop is what the UI needs from a run of the coffee shop; *model.Player satisfies
// it. The UI reads the shop only through Snapshot and changes it only through
// AdvanceTo, Step and Apply, all called from Update.
type Shop interface {
	// Snapshot returns a picture of the shop made of values only.
	Snapshot() model.Snapshot
	// Now returns the virtual time (cheaper than a Snapshot).
	Now() time.Duration
	// AdvanceTo runs the loop up to virtual time t in at most maxSteps scheduling
	// steps; false means the budget ran out first.
	AdvanceTo(t time.Duration, maxSteps int) bool
	// Step runs exactly one scheduling step; false if nothing is left to do.
	Step() bool
	// Apply makes a live control change at the current virtual time.
	Apply(c model.Control) error
	// Replaying reports whether recorded control changes are still being followed
	// (the header shows REPLAY).
	Replaying() bool
	// Err returns the first failure of a task in the shop, or nil.
	Err() error
	// Close stops the shop's tasks and frees it.
	Close()
}

// Options configure New. Only Shop is required.
//
// The header shows REPLAY while Shop.Replaying is true of the recording Options.Shop
// was opened on (a seek back in it replays it again), REWOUND while it is true of a
// run that went back in time and retraces the history it made itself (or a
// recording the user changed), and the normal live state once a control change has
// forked the run or it has passed the end of what is known.
type Options struct {
	Shop    Shop                            // the shop to show, already built; one Replaying at the start is a recording (REPLAY)
	Restart func(seed uint64) (Shop, error) // builds a fresh shop for r and n; nil disables them
	// Seek starts the run again from the beginning with the same controls (for a
	// move back in time to t) and returns the new shop, which replaces the current
	// one (the old one is closed); it may return it already at or before t. The UI
	// then fast-forwards to t in frames with a work budget, so input stays live and
	// esc stops it; a move forward just fast-forwards the current run. It is how
	// [, ] and g move in time; nil disables them.
	Seek func(t time.Duration) (Shop, error)
	// Record writes the recording so far and returns the file it wrote (w); nil
	// disables w.
	Record func() (path string, err error)
	// Lesson is what the lesson panel shows (l), or nil for no panel. A lesson with a
	// program (Main) runs it instead of the shop: the panel shows from the start, and
	// Tasks and Events take the room of the shop's panes, whose keys go too. A
	// lesson without one describes the shop itself (model.PanelFor): the shop's
	// layout stays, and the panel, hidden at the start, takes the place of Stats and
	// Chart while it shows.
	Lesson *lesson.Lesson

	// MeanInterarrival and MeanBrew are the configured mean time between arrivals
	// and mean brew time at rate 1: the sliders show rates in customers per minute
	// and time per drink with them; 0 shows the bare factor.
	MeanInterarrival, MeanBrew time.Duration

	Seed     uint64  // the seed Shop was built with
	Scenario string  // shown in the header; empty: the snapshot's
	Speed    float64 // virtual seconds per real second; 0: 1
	FPS      int     // frames per second; 0: DefaultFPS
	Paused   bool    // start paused

	// StepBudget caps the scheduling steps per frame; 0: DefaultStepBudget. When a
	// frame runs out, the header says the simulation is falling behind.
	StepBudget int
	// NewSeed picks the seed for n from the current one; nil: a fixed mix of the bits.
	NewSeed func(seed uint64) uint64
	// Getenv looks up environment variables; nil: os.Getenv. New reads NO_COLOR
	// through it once.
	Getenv func(key string) string
}

// Defaults and limits.
const (
	DefaultFPS        = 30    // frames per second when Options.FPS is 0
	DefaultStepBudget = 5_000 // steps per frame when Options.StepBudget is 0: about 10 ms of work
	MinSpeed          = 0.1   // the slowest playback speed, x0.1
	MaxSpeed          = 1000  // the fastest playback speed, x1000
	MaxStaff          = 32    // the most baristas or machines the keys add

	rateMin, rateMax = 0.1, 10 // the sliders' range of rate factors
)

// focus is which control the keyboard drives: the focus ring tab walks.
type focus int

const (
	focusArrivals focus = iota
	focusBrew
	focusTasks
	focusEvents
	focusLesson // only while the lesson panel shows
	numFocus
)

// frameMsg is one tick of the frame clock. tag names the tick chain it belongs to: a
// pause or a restart starts a new chain, and ticks of an old one are dropped. at is
// the wall time of the tick, used only to measure the frame rate (zero in tests).
type frameMsg struct {
	tag int
	at  time.Time
}

// App is the root Bubble Tea model: it owns the shop, advances it on frame ticks,
// routes keys and the mouse, and lays out the panes. Use it through a tea.Program and
// call Close when the program has returned.
type App struct {
	shop                       Shop
	meanInterarrival, meanBrew time.Duration // see Options
	failure                    string        // a task's failure, shown until the run is replaced (failure.go)
	restartF                   func(uint64) (Shop, error)
	seekF                      func(time.Duration) (Shop, error)
	recordF                    func() (string, error)
	newSeed                    func(uint64) uint64
	seed                       uint64
	scenario                   string
	snap                       model.Snapshot

	keys    KeyMap
	help    help.Model
	styles  Styles
	th      *theme
	noColor bool
	isDark  bool
	// styleGen counts style changes, to invalidate the cached lines.
	styleGen   int
	sliderLine lineCache
	helpLine   lineCache

	width, height int
	lay           layout
	focus         focus
	showHelp      bool

	arrivals, brew Slider
	tasks          tasksPane
	events         eventsPane
	lesson         lessonPane // lesson.lesson is nil without a lesson panel
	showLesson     bool
	program        bool // the lesson runs its own program: no shop panes
	prompt         gotoPrompt

	speed   float64
	frame   time.Duration
	fpsGoal int
	budget  int
	tag     int
	ticking bool // a tick of the current chain is on its way
	paused  bool
	// startPaused: the run starts paused (a lesson, to step from time 0), and so
	// does every restart of it.
	startPaused bool
	seeking     bool // fast-forwarding to seekTo (see seek)
	recording   bool // the run is a recording's, unchanged by the user (REPLAY, not REWOUND)
	seekTo      time.Duration
	stepMode    bool
	ran         string // step mode: the task the last step ran
	behind      int    // frames left to show the falling-behind warning
	fps         float64
	lastAt      time.Time
	status      string // a transient message in the header
	statusOK    bool   // status is good news (recorded), not a failure
	statusFor   int    // frames left to show status; 0: until the next key
	quitting    bool
	closed      bool
}

// New returns the root model for opts.
func New(opts Options) *App {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	a := &App{
		shop:             opts.Shop,
		meanInterarrival: opts.MeanInterarrival,
		meanBrew:         opts.MeanBrew,
		restartF:         opts.Restart,
		seekF:            opts.Seek,
		recordF:          opts.Record,
		newSeed:          opts.NewSeed,
		seed:             opts.Seed,
		scenario:         opts.Scenario,
		keys:             DefaultKeyMap(),
		help:             help.New(),
		noColor:          getenv("NO_COLOR") != "",
		isDark:           true,
		speed:            clampSpeed(opts.Speed),
		fpsGoal:          opts.FPS,
		budget:           opts.StepBudget,
		paused:           opts.Paused,
		startPaused:      opts.Paused,
	}
	if a.fpsGoal <= 0 {
		a.fpsGoal = DefaultFPS
	}
	a.frame = time.Second / time.Duration(a.fpsGoal)
	if a.budget <= 0 {
		a.budget = DefaultStepBudget
	}
	if a.newSeed == nil {
		a.newSeed = mixSeed
	}
	a.recording = opts.Shop.Replaying()
	a.keys.SetPaused(a.paused)
	a.keys.SetCanRestart(a.restartF != nil)
	a.keys.SetCanSeek(a.seekF != nil)
	a.keys.SetCanRecord(a.recordF != nil)
	a.program = opts.Lesson != nil && opts.Lesson.Main != nil
	a.showLesson = a.program
	a.keys.SetLesson(opts.Lesson != nil, a.showLesson)
	a.keys.SetHasStaff(!a.program)
	a.arrivals = NewSlider("Arrivals", rateMin, rateMax, WithLogScale(), WithSteps(40, 5))
	a.brew = NewSlider("Brew", rateMin, rateMax, WithLogScale(), WithSteps(40, 5))
	a.tasks = newTasksPane(nil)
	a.events = newEventsPane(nil)
	a.lesson = newLessonPane(nil, opts.Lesson)
	a.prompt = newGotoPrompt()
	// g goes to a time when the app can seek; the scrolling panes keep home for top.
	for _, k := range []*ScrollKeyMap{&a.tasks.KeyMap, &a.events.KeyMap, &a.lesson.KeyMap} {
		k.UseG(a.seekF == nil)
	}
	a.applyStyles()
	if a.program {
		a.setFocus(focusLesson) // no sliders: the lesson panel, open at start, has focus
	} else {
		a.setFocus(focusArrivals)
	}
	a.attach()
	return a
}

// Init asks the terminal for its background colour and starts the frame clock.
func (a *App) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, a.tick())
}

// Update handles one message. Only here does the shop advance or change.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case frameMsg:
		cmd = a.advance(msg)
	case tea.KeyPressMsg:
		cmd = a.handleKey(msg)
	case tea.PasteMsg:
		cmd = a.handlePaste(msg)
	case tea.MouseMsg:
		cmd = a.handleMouse(msg)
	case tea.WindowSizeMsg:
		a.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		a.isDark = msg.IsDark()
		a.applyStyles()
	}
	if !a.ticking && !a.snap.Finished {
		// A finished run ended its chain (see advance); a change that gives it
		// something to do again starts a new one, unless paused.
		cmd = tea.Batch(cmd, a.tick())
	}
	return a, cmd
}

// NextFrame returns the message of the next frame of the running tick chain, for tests
// that drive Update directly instead of waiting for the wall clock.
func (a *App) NextFrame() tea.Msg { return frameMsg{tag: a.tag} }

// Close closes the shop the app shows (after a restart, no longer the one passed to
// New). Call it once the program has returned; calling it again does nothing.
func (a *App) Close() {
	if !a.closed && a.shop != nil {
		a.shop.Close()
	}
	a.closed = true
}

// tick schedules the next frame of the current chain, aligned to the wall clock so the
// frame rate holds even when a frame takes a while. It returns nil while paused (and
// not seeking): a paused app schedules nothing, so Bubble Tea has nothing to wake for.
func (a *App) tick() tea.Cmd {
	if (a.paused && !a.seeking) || a.quitting {
		return nil
	}
	tag := a.tag
	a.ticking = true
	return tea.Every(a.frame, func(t time.Time) tea.Msg { return frameMsg{tag: tag, at: t} })
}

// attach reads what the UI needs from a new shop: the scale of the sliders' user
// units, the control values and a first snapshot.
func (a *App) attach() {
	ia, mb := a.meanInterarrival, a.meanBrew
	a.arrivals.Format = func(f float64) string {
		if ia <= 0 {
			return "×" + fmtFloat(f, 2)
		}
		return strconv.FormatFloat(f*float64(time.Minute)/float64(ia), 'f', 1, 64) + "/min ×" + fmtFloat(f, 2)
	}
	a.brew.Format = func(f float64) string {
		if mb <= 0 || f <= 0 {
			return "×" + fmtFloat(f, 2)
		}
		return fmtDur(time.Duration(float64(mb)/f)) + "/drink ×" + fmtFloat(f, 2)
	}
	// The sliders span 0.1x to 10x, widened to take in a configured rate outside that.
	a.refresh(true)
	c := a.snap.Controls
	a.arrivals.SetRange(min(c.ArrivalRate, rateMin), max(c.ArrivalRate, rateMax))
	a.brew.SetRange(min(c.BrewRate, rateMin), max(c.BrewRate, rateMax))
	a.arrivals.SetValue(c.ArrivalRate)
	a.brew.SetValue(c.BrewRate)
	a.relayout()
	if a.scenario == "" {
		a.scenario = a.snap.Scenario
	}
}

// applyStyles builds the styles for the background and NO_COLOR, and hands them out.
func (a *App) applyStyles() {
	if a.noColor {
		a.styles = NoColorStyles()
	} else {
		a.styles = DefaultStyles(a.isDark)
	}
	a.th = newTheme(a.styles)
	a.styleGen++
	a.help.Styles = a.styles.Help
	a.arrivals.Styles = a.styles.Slider
	a.brew.Styles = a.styles.Slider
	a.tasks.th = a.th
	a.events.th = a.th
	a.lesson.th = a.th
	a.prompt.setStyles(a.styles, a.th)
}

// mixSeed is the default new seed: splitmix64 of the old one, so n is reproducible.
func mixSeed(s uint64) uint64 {
	s += 0x9e3779b97f4a7c15
	s = (s ^ s>>30) * 0xbf58476d1ce4e5b9
	s = (s ^ s>>27) * 0x94d049bb133111eb
	return s ^ s>>31
}
