package ui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/sim"
)

// checkView fails unless view has exactly h lines of exactly w cells (ANSI stripped),
// then compares it with the golden file of the test.
func checkView(t *testing.T, view string, w, h int) {
	t.Helper()
	plain := stripANSI(view)
	lines := strings.Split(plain, "\n")
	if len(lines) != h {
		t.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if n := cells(l); n != w {
			t.Errorf("line %d is %d cells wide, want %d: %q", i, n, w, l)
		}
	}
	golden.RequireEqual(t, []byte(plain))
}

func testTheme() *theme { return newTheme(DefaultStyles(true)) }

func TestHeaderView(t *testing.T) {
	base := headerView{th: testTheme(), width: 100, scenario: "coffee-shop", seed: 42,
		now: 3723*time.Second + 450*time.Millisecond, speed: 10, mode: config.ModeAsync, fps: 29.7}
	tests := map[string]func(h *headerView){
		"running": func(h *headerView) {},
		"paused":  func(h *headerView) { h.paused = true },
		"step":    func(h *headerView) { h.paused, h.step, h.ran = true, true, "ran #7 barista-1" },
		"behind":  func(h *headerView) { h.speed, h.behind = 1000, true },
		"blocked": func(h *headerView) { h.blocked, h.blockedBy, h.until = true, "barista-2", 3725*time.Second },
		"narrow":  func(h *headerView) { h.width, h.blocked, h.blockedBy, h.behind = 80, true, "barista-2", true },
		// One warning at 80 columns keeps brewloop and the seed: its details go first.
		"blocked_narrow": func(h *headerView) {
			h.width, h.blocked, h.blockedBy, h.until = 80, true, "barista-2", 3725*time.Second
		},
		"behind_narrow": func(h *headerView) { h.width, h.behind, h.speed = 80, true, 1000 },
		"slow_fast":     func(h *headerView) { h.speed = 0.1 },
		"replay":        func(h *headerView) { h.replay = true },
		"replay_paused_narrow": func(h *headerView) {
			h.width, h.replay, h.paused, h.step, h.ran = 80, true, true, true, "ran #7 barista-1"
		},
		"recorded": func(h *headerView) {
			h.status, h.statusOK = "recorded to runs/coffee-shop-42.brewloop.json", true
		},
		"recorded_narrow": func(h *headerView) {
			h.width, h.replay = 80, true
			h.status, h.statusOK = "recorded to /home/someone/runs/coffee-shop-42.brewloop.json", true
		},
		"record_failed": func(h *headerView) {
			h.status = "record failed: open runs/x.json: permission denied"
		},
		// The end of a lesson stepped to the last: FINISHED alone, without the STEP
		// badge and its words, so brewloop, the scenario and the seed keep their room.
		"finished_step_narrow": func(h *headerView) {
			h.width, h.scenario, h.noMode, h.fps = 80, "count", true, 0
			h.paused, h.finished, h.step, h.ran = true, true, true, "nothing left to run"
		},
		"seeking": func(h *headerView) { h.seeking, h.status, h.statusOK = true, "to 03:00:00.0 · esc stops", true },
		"rewound": func(h *headerView) { h.paused, h.rewound = true, true },
		// A long seed (after n) at 80 columns: the seed stays, and the frame rate does
		// not stand where the seed or the mode was left out.
		"long_seed_narrow": func(h *headerView) { h.width, h.seed = 80, 13679457532755275413 },
		// What a step did never pushes out the scenario and the seed.
		"step_long_narrow": func(h *headerView) {
			h.width, h.scenario, h.paused, h.step, h.ran = 80, "count", true, true, "timer fired: woke #2 count-1"
		},
	}
	for name, f := range tests {
		t.Run(name, func(t *testing.T) {
			h := base
			f(&h)
			out := h.View()
			plain := stripANSI(out)
			for _, want := range []string{"01:02:03.4", fmtSpeed(h.speed)} {
				if !strings.Contains(plain, want) {
					t.Errorf("header %q lacks %q", plain, want)
				}
			}
			state := map[string]bool{
				"RUNNING":  !h.paused && !h.finished && !h.seeking,
				"PAUSED":   h.paused && !h.finished && !h.seeking,
				"FINISHED": h.finished && !h.seeking,
				"SEEKING":  h.seeking,
				"STEP":     h.step && !h.finished,
				"REPLAY":   h.replay,
				"REWOUND":  h.rewound && !h.replay,
			}
			for badge, want := range state {
				if got := strings.Count(plain, badge); got != b2i(want) {
					t.Errorf("header %q shows %s %d times, want %d", plain, badge, got, b2i(want))
				}
			}
			// A status shows whole or, when it does not fit, not at all (the App
			// puts it on the bottom line): never a piece that may lose its point.
			if h.status != "" && (h.statusShown() != strings.Contains(plain, h.status) || (!h.statusShown() && strings.Contains(plain, "…"))) {
				t.Errorf("header %q: statusShown %v, status %q; want it whole or absent", plain, h.statusShown(), h.status)
			}
			if h.status != "" && !h.statusShown() && !strings.Contains(plain, "seed 42") {
				t.Errorf("header %q leaves out the seed for nothing", plain)
			}
			// One warning's details go before who runs: brewloop and the seed at
			// 80 columns, the scenario too from 100.
			if h.blocked != h.behind && (!strings.Contains(plain, "brewloop  ") || !strings.Contains(plain, "seed 42") ||
				h.width >= 100 && !strings.Contains(plain, "coffee-shop")) {
				t.Errorf("header %q: a warning pushed out brewloop, the scenario or the seed", plain)
			}
			checkView(t, out, h.width, 1)
		})
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestQueuePane(t *testing.T) {
	s := sampleSnapshot()
	t.Run("short", func(t *testing.T) {
		q := queuePane{th: testTheme(), w: 40, h: 8, scale: 3 * time.Second}
		checkView(t, q.View(&s), 40, 8)
	})
	t.Run("empty", func(t *testing.T) {
		e := s
		e.Queue, e.QueueLen = nil, 0
		q := queuePane{th: testTheme(), w: 40, h: 4, scale: 3 * time.Second}
		checkView(t, q.View(&e), 40, 4)
	})
	t.Run("overflow", func(t *testing.T) {
		// 2,000 waiting, of which the snapshot holds the first 200: the pane ends in +N more.
		b := s
		b.Queue = nil
		for i := range model.MaxQueueShown {
			b.Queue = append(b.Queue, model.QueuedCustomer{ID: 1000 + i, Item: "latte", Arrived: b.Now - time.Duration(200-i)*time.Second})
		}
		b.QueueLen, b.QueueCap = 2000, 0
		q := queuePane{th: testTheme(), w: 40, h: 8, scale: 3 * time.Second}
		out := q.View(&b)
		if !strings.Contains(out, "+1994 more") {
			t.Errorf("queue of 2000 in 7 rows should end in +1994 more:\n%s", stripANSI(out))
		}
		checkView(t, out, 40, 8)
	})
}

func TestQueueWaitLevels(t *testing.T) {
	q := queuePane{scale: 2 * time.Second}
	for d, want := range map[time.Duration]int{0: 0, 1999 * time.Millisecond: 0, 2 * time.Second: 1, 5 * time.Second: 2, 8 * time.Second: 3, time.Hour: 3} {
		if got := q.level(d); got != want {
			t.Errorf("level(%v) with scale 2s = %d, want %d", d, got, want)
		}
	}
}

func TestBaristasPane(t *testing.T) {
	s := sampleSnapshot()
	for _, w := range []int{30, 50, 70} {
		t.Run("w"+strconv.Itoa(w), func(t *testing.T) {
			b := baristasPane{th: testTheme(), w: w, h: 4}
			checkView(t, b.View(&s), w, 4)
		})
	}
	t.Run("many", func(t *testing.T) {
		m := s
		m.Baristas = nil
		for i := range 9 {
			m.Baristas = append(m.Baristas, model.BaristaView{Name: "barista-" + strconv.Itoa(i+1), State: model.BaristaState(i % 7)})
		}
		b := baristasPane{th: testTheme(), w: 50, h: 5}
		out := b.View(&m)
		if !strings.Contains(out, "+6 more") {
			t.Errorf("9 baristas in 4 rows should end in +6 more:\n%s", stripANSI(out))
		}
		checkView(t, out, 50, 5)
	})
}

func TestMachinesPane(t *testing.T) {
	s := sampleSnapshot()
	t.Run("machines", func(t *testing.T) {
		m := machinesPane{th: testTheme(), w: 50, h: 3}
		checkView(t, m.View(&s), 50, 3)
	})
	t.Run("executor", func(t *testing.T) {
		e := s
		e.Controls.Mode = config.ModeExecutor
		e.Executor = model.ExecutorView{Workers: 3, Busy: 1, Queued: 4, Jobs: []model.MachineView{
			{Busy: true, Order: 21, Item: "mocha", Start: e.Now - time.Second, End: e.Now + time.Second}, {}, {},
		}}
		m := machinesPane{th: testTheme(), w: 30, h: 4}
		checkView(t, m.View(&e), 30, 4)
	})
}

func TestStatsPane(t *testing.T) {
	s := sampleSnapshot()
	t.Run("theory", func(t *testing.T) {
		p := statsPane{th: testTheme(), w: 50, h: statsRows(&s)}
		checkView(t, p.View(&s), 50, statsRows(&s))
	})
	t.Run("no_theory", func(t *testing.T) {
		n := s
		n.Theory, n.QueueCap = nil, 0
		p := statsPane{th: testTheme(), w: 50, h: statsRows(&n)}
		checkView(t, p.View(&n), 50, statsRows(&n))
	})
	t.Run("unstable", func(t *testing.T) {
		u := s
		u.QueueCap = 0
		u.Theory = &model.Theory{Model: "M/M/2", Rho: 1.25, Stable: false, PWait: 1, WaitMean: 1 << 62}
		out := (statsPane{th: testTheme(), w: 60, h: statsRows(&u)}).View(&u)
		if !strings.Contains(out, "UNSTABLE") || !strings.Contains(out, "∞") {
			t.Errorf("unstable theory should say UNSTABLE and predict ∞:\n%s", stripANSI(out))
		}
		checkView(t, out, 60, statsRows(&u))
	})
}

func TestChartPane(t *testing.T) {
	s := sampleSnapshot()
	for _, h := range []int{3, 7} {
		t.Run("h"+strconv.Itoa(h), func(t *testing.T) {
			c := chartPane{th: testTheme(), w: 50, h: h}
			checkView(t, c.View(&s), 50, h)
		})
	}
	t.Run("empty", func(t *testing.T) {
		e := s
		e.History = nil
		c := chartPane{th: testTheme(), w: 40, h: 3}
		checkView(t, c.View(&e), 40, 3)
	})
}

func TestSparkGlyph(t *testing.T) {
	for level, want := range map[int]string{-3: " ", 0: " ", 1: "▁", 4: "▄", 8: "█", 12: "█"} {
		if got := sparkGlyph(level); got != want {
			t.Errorf("sparkGlyph(%d) = %q, want %q", level, got, want)
		}
	}
}

func TestTasksPane(t *testing.T) {
	s := sampleSnapshot()
	t.Run("wide", func(t *testing.T) {
		p := newTasksPane(testTheme())
		p.w, p.h = 90, 10
		p.setCount(len(s.Tasks))
		checkView(t, p.View(&s), 90, 10)
	})
	t.Run("narrow_focused", func(t *testing.T) {
		p := newTasksPane(testTheme())
		p.w, p.h = 49, 6
		p.setFocus(true)
		p.setCount(len(s.Tasks))
		checkView(t, p.View(&s), 49, 6)
	})
	t.Run("scrolled_highlight", func(t *testing.T) {
		p := newTasksPane(testTheme())
		p.w, p.h = 90, 6
		p.setFocus(true)
		p.setCount(len(s.Tasks))
		p, _ = p.Update(press("down"))
		p, _ = p.Update(press("down"))
		p.highlight = 17
		if p.offset != 2 {
			t.Errorf("two downs: offset = %d, want 2", p.offset)
		}
		out := p.View(&s)
		if !strings.Contains(stripANSI(out), "▶   #17 customer-17") {
			t.Errorf("task #17 not marked as the one that ran:\n%s", stripANSI(out))
		}
		checkView(t, out, 90, 6)
	})
}

func TestTasksScroll(t *testing.T) {
	p := newTasksPane(testTheme())
	p.w, p.h = 80, 10 // 7 task rows
	p.setFocus(true)
	p.setCount(100)
	steps := []struct {
		key  string
		want int
	}{
		{"up", 0}, {"down", 1}, {"pgdown", 7}, {"end", 93}, {"down", 93}, {"pgup", 87}, {"home", 0},
	}
	for _, st := range steps {
		p, _ = p.Update(press(st.key))
		if p.offset != st.want {
			t.Fatalf("after %s: offset = %d, want %d", st.key, p.offset, st.want)
		}
	}
	p.show(50)
	if p.offset != 44 {
		t.Errorf("show(50) from the top: offset = %d, want 44 (row 50 at the bottom)", p.offset)
	}
	p.setCount(20)
	if p.offset != 13 {
		t.Errorf("after the task list shrank to 20: offset = %d, want 13", p.offset)
	}
}

func TestEventsPane(t *testing.T) {
	s := sampleSnapshot()
	newPane := func(w, h int) eventsPane {
		p := newEventsPane(testTheme())
		p.w, p.h = w, h
		p.ingest(&s)
		return p
	}
	t.Run("wide", func(t *testing.T) {
		p := newPane(90, 8)
		checkView(t, p.View(), 90, 8)
	})
	t.Run("narrow_filtered", func(t *testing.T) {
		p := newPane(49, 5)
		p.cycleFilter() // all
		p.cycleFilter() // sleep/wake
		if got := p.filters[p.filter].name; got != "sleep/wake" {
			t.Fatalf("two f presses: filter %q, want sleep/wake", got)
		}
		out := p.View()
		for _, l := range strings.Split(stripANSI(out), "\n")[1:] {
			if strings.TrimSpace(l) != "" && !strings.Contains(l, "sleep") && !strings.Contains(l, "wake") {
				t.Errorf("sleep/wake filter shows %q", l)
			}
		}
		checkView(t, out, 49, 5)
	})
	t.Run("scrolled_frozen", func(t *testing.T) {
		p := newPane(90, 6)
		p.setFocus(true)
		p, _ = p.Update(press("up"))
		p.frozen = true
		checkView(t, p.View(), 90, 6)
	})
}

// TestEventsLog checks the ring buffer behind the log: no event twice, bounded memory,
// a scrolled view that stays put while new events come in, and freezing.
func TestEventsLog(t *testing.T) {
	p := newEventsPane(testTheme())
	p.w, p.h = 80, 11 // 10 rows
	p.filter = 1      // all
	seq := uint64(0)
	feed := func(n int) {
		var s model.Snapshot
		for range n {
			seq++
			s.Events = append(s.Events, sim.Record{Seq: seq, Kind: sim.KindSleep, Time: time.Duration(seq) * time.Millisecond})
		}
		s.EventsTotal = seq
		p.ingest(&s)
	}
	feed(5)
	s := model.Snapshot{Events: []sim.Record{{Seq: 4}, {Seq: 5}}} // already seen
	p.ingest(&s)
	if p.ring.len() != 5 {
		t.Fatalf("after 5 events and a repeat of 2: ring holds %d, want 5", p.ring.len())
	}
	feed(3 * EventLogCap)
	if p.ring.len() != EventLogCap || p.ring.at(p.ring.len()-1).Seq != seq {
		t.Fatalf("ring holds %d events ending at seq %d, want %d ending at %d", p.ring.len(), p.ring.at(p.ring.len()-1).Seq, EventLogCap, seq)
	}
	p.scrollTo(20)
	top := p.ring.at(p.rows()[0]).Seq
	feed(7)
	if got := p.ring.at(p.rows()[0]).Seq; got != top || p.back != 27 {
		t.Errorf("scrolled back, 7 new events: top seq %d, back %d; want %d, 27", got, p.back, top)
	}
	p.frozen = true
	feed(3)
	if p.ring.lastSeq == seq {
		t.Error("a frozen log took new events")
	}
	p.frozen = false
	p.ingest(&model.Snapshot{Events: []sim.Record{{Seq: seq, Kind: sim.KindWake}}})
	if p.ring.lastSeq != seq {
		t.Errorf("after unfreezing: last seq %d, want %d", p.ring.lastSeq, seq)
	}
	p.reset()
	if p.ring.len() != 0 || p.ring.count(p.filters[0]) != 0 {
		t.Errorf("after reset: %d events, want 0", p.ring.len())
	}
}

// At the 120x40 layout's width the Baristas pane keeps a progress bar for a hand
// brew even with a long order number, shortening the drink's name instead.
func TestBaristasPaneKeepsTheBar(t *testing.T) {
	s := sampleSnapshot()
	s.Baristas[0].Order, s.Baristas[0].Item = 12345, "cappuccino"
	b := baristasPane{th: testTheme(), w: 38, h: 4}
	lines := strings.Split(stripANSI(b.View(&s)), "\n")
	if !strings.Contains(lines[1], "#12345") || !strings.ContainsAny(lines[1], "█░") {
		t.Errorf("brewing barista at 38 columns: %q; want the order number and a progress bar", lines[1])
	}
}
