package ui

import (
	"slices"
	"strconv"
	"time"

	"github.com/brewloop/brewloop/model/config"
)

// headerView is the top line: what runs, when, how fast, and whether anything is wrong.
//
//	brewloop  coffee-shop  seed 42  │  00:01:23.4  x10   ▶ RUNNING    ↺ REPLAY   │  mode async  30 fps
//
// When the line is too narrow the least important parts go first (fps, mode, a
// status message, seed, scenario, name, then the details of warnings); the clock, the speed, the running
// state, REPLAY or REWOUND and the warning badges always stay. A status message is
// shown only whole: one that does not fit is left out (statusShown says so) and the
// App shows it on the bottom line instead, where it has the whole width.
type headerView struct {
	th    *theme
	width int

	scenario  string
	seed      uint64
	now       time.Duration
	speed     float64
	paused    bool
	finished  bool   // the run has nothing left to do
	seeking   bool   // fast-forwarding to a time the user chose
	replay    bool   // the shop follows a recording
	rewound   bool   // after a move back in time, the run retraces the history it made
	step      bool   // step mode: paused and stepping
	ran       string // step mode: what the last step did ("ran #4 count-3")
	behind    bool   // the frame's work budget ran out or frames are late
	blocked   bool
	blockedBy string
	until     time.Duration
	mode      config.BrewMode
	noMode    bool    // a lesson's program runs: there is no brew mode to show
	fps       float64 // measured; 0 when unknown
	status    string  // a transient message, such as a failed restart
	statusOK  bool    // status is good news, such as where a recording went
}

// statusPrio is the priority of the status segment: after who runs (a message never
// pushes out brewloop, the scenario or the seed; one without room goes to the
// bottom line) and what a step did, before the mode and the frame rate.
const statusPrio = 6

// segment is a part of the header. prio says what to drop first (higher goes first);
// group separates who (the app, scenario, seed), now (clock, speed, state, warnings)
// and extras (mode, fps) with a rule.
type segment struct {
	prio, group int
	spans       []span
}

func (h headerView) segments() []segment {
	t := h.th
	segs := []segment{
		{3, 0, []span{{t.brand, "brewloop"}}},
		{5, 0, []span{{t.text, h.scenario}}}, // dropped below when empty
		// The seed before the scenario: it is what replays the run (a seed from n
		// is 20 digits long).
		{4, 0, []span{{t.dim, "seed "}, {t.text, strconv.FormatUint(h.seed, 10)}}},
		{0, 1, []span{{t.value, fmtClock(h.now)}}},
		{0, 1, []span{{t.value, fmtSpeed(h.speed)}}},
	}
	if h.scenario == "" {
		segs = slices.Delete(segs, 1, 2)
	}
	switch {
	case h.seeking:
		segs = append(segs, segment{0, 1, []span{{t.running, " ▶▶ SEEKING "}}})
	case h.finished:
		segs = append(segs, segment{0, 1, []span{{t.paused, " ■ FINISHED "}}})
	case h.paused:
		segs = append(segs, segment{0, 1, []span{{t.paused, " ❚❚ PAUSED "}}})
	default:
		segs = append(segs, segment{0, 1, []span{{t.running, " ▶ RUNNING "}}})
	}
	switch {
	case h.replay:
		segs = append(segs, segment{0, 1, []span{{t.replay, " ↺ REPLAY "}}})
	case h.rewound:
		segs = append(segs, segment{0, 1, []span{{t.replay, " ↺ REWOUND "}}})
	}
	if h.step && !h.finished {
		// Once the run has finished, FINISHED says what a step would: there is
		// nothing left to run.
		segs = append(segs, segment{0, 1, []span{{t.step, " STEP "}}})
		if h.ran != "" {
			segs = append(segs, segment{statusPrio - 1, 1, []span{{t.text, h.ran}}}) // after the seed
		}
	}
	if h.blocked {
		segs = append(segs, segment{0, 1, []span{{t.warning, " ⚠ LOOP BLOCKED "}}})
		segs = append(segs, segment{5, 1, []span{{t.bad, "by " + h.blockedBy + " until " + fmtClock(h.until)}}})
	}
	if h.behind {
		segs = append(segs, segment{0, 1, []span{{t.warning, " ⚠ FALLING BEHIND "}}})
		segs = append(segs, segment{5, 1, []span{{t.bad, "can't keep up with " + fmtSpeed(h.speed)}}})
	}
	if h.status != "" {
		p := t.bad
		if h.statusOK {
			p = t.value
		}
		segs = append(segs, segment{statusPrio, 1, []span{{p, h.status}}})
	}
	if !h.noMode {
		segs = append(segs, segment{7, 2, []span{{t.dim, "mode "}, {t.text, h.mode.String()}}})
	}
	if h.fps > 0 {
		segs = append(segs, segment{8, 2, []span{{t.dim, strconv.Itoa(int(h.fps+0.5)) + " fps"}}})
	}
	return segs
}

// View renders the header line, exactly width cells wide.
func (h headerView) View() string {
	all, keep := h.fit()
	return h.render(all, keep, h.width).String()
}

// statusShown reports whether the status message fits in the header; when it does
// not, the App shows it on the bottom line.
func (h headerView) statusShown() bool {
	all, keep := h.fit()
	for i, s := range all {
		if s.prio == statusPrio {
			return keep[i]
		}
	}
	return false
}

// fit takes the segments in order of importance while they fit, and says which it
// took; they are drawn in their own order. Once one that stays in the header does
// not fit, no extra (mode, frame rate) is taken, so a short extra never stands where
// a more important segment (the seed, the mode) was left out. A status message is
// taken whole or not at all: cut, it could lose the part that matters (the reason
// a record failed).
func (h headerView) fit() ([]segment, []bool) {
	all := h.segments()
	keep := make([]bool, len(all))
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return all[a].prio - all[b].prio })
	full := false
	for _, i := range order {
		if full && all[i].group == 2 {
			continue
		}
		keep[i] = true
		if h.render(all, keep, 1<<16).w > h.width && all[i].prio > 0 {
			keep[i] = false
			full = full || all[i].prio != statusPrio || all[i].group == 2
		}
	}
	return all, keep
}

// render draws the kept segments, a rule between groups, in at most width cells.
func (h headerView) render(segs []segment, keep []bool, width int) *lineBuf {
	l := &lineBuf{max: width}
	prev := -1
	for i, s := range segs {
		if !keep[i] {
			continue
		}
		switch {
		case prev < 0:
			l.space(1)
		case segs[prev].group != s.group:
			l.put(h.th.dim, "  │  ")
		default:
			l.space(2)
		}
		for _, sp := range s.spans {
			l.put(sp.p, sp.s)
		}
		prev = i
	}
	return l
}
