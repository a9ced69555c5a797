package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/sim"
)

// eventsPane is the live event log, newest at the bottom. It keeps its own ring buffer
// (EventLogCap events) fed from Snapshot.Events, filters it by kind (the f key), and
// scrolls back through it. Scrolled back, the view stays on the same events while new
// ones arrive; while the shop is paused the log is frozen.
//
//	Events  8123 total · all but run · f ──────────────────────────────────
//	00:01:20.100     #7 barista-1    get      queue orders (#101)
//	00:01:20.100     #7 barista-1    sleep    until 00:01:21.600
//	00:01:21.634    #12 customer-12  wake     late 34ms
type eventsPane struct {
	KeyMap  ScrollKeyMap
	th      *theme
	w, h    int
	ring    eventRing
	filters []eventFilter
	filter  int
	back    int // rows of the filtered log below the view; 0 follows the newest
	total   uint64
	focused bool
	frozen  bool
	failed  int // id of a task that failed: its events are marked
}

func newEventsPane(th *theme) eventsPane {
	return eventsPane{
		KeyMap:  DefaultScrollKeyMap(),
		th:      th,
		ring:    newEventRing(EventLogCap),
		filters: eventFilters(),
	}
}

// visible is how many event rows fit below the title.
func (p eventsPane) visible() int { return max(p.h-1, 0) }

// setFocus gives the pane the keyboard, or takes it away.
func (p *eventsPane) setFocus(v bool) { p.focused = v; p.KeyMap.SetEnabled(v) }

// ingest takes the events of a snapshot that the log has not seen yet, unless frozen.
func (p *eventsPane) ingest(s *model.Snapshot) {
	if p.frozen {
		return
	}
	f := p.filters[p.filter]
	for i := range s.Events {
		ev := &s.Events[i]
		if ev.Seq <= p.ring.lastSeq {
			continue
		}
		p.ring.push(*ev)
		if p.back > 0 && f.match(ev.Kind) {
			p.back++ // keep the view on the same events
		}
	}
	p.total = s.EventsTotal
	p.scrollTo(p.back)
}

// reset empties the log, for a restarted shop.
func (p *eventsPane) reset() { p.ring.reset(); p.back, p.total = 0, 0 }

// cycleFilter moves to the next kind filter and back to the newest events.
func (p *eventsPane) cycleFilter() {
	p.filter = (p.filter + 1) % len(p.filters)
	p.back = 0
}

// scrollTo sets how many filtered rows lie below the view, within range.
func (p *eventsPane) scrollTo(back int) {
	p.back = max(min(back, p.ring.count(p.filters[p.filter])-p.visible()), 0)
}

// Update scrolls on the pane's keys and on the mouse wheel. Up is older.
func (p eventsPane) Update(msg tea.Msg) (eventsPane, tea.Cmd) {
	// back counts rows up from the newest event, so positions run the other way.
	if m, ok := p.KeyMap.move(msg, max(p.visible()-1, 1)); ok {
		p.scrollTo(-m.apply(-p.back, -p.ring.len(), 0))
	}
	return p, nil
}

// rows returns the ring indexes of the visible events, oldest first. It walks back
// from the newest event, so it touches only what it skips and shows.
func (p eventsPane) rows() []int {
	f := p.filters[p.filter]
	v := p.visible()
	idx := make([]int, v)
	k, skip := v, p.back
	for i := p.ring.len() - 1; i >= 0 && k > 0; i-- {
		if !f.match(p.ring.at(i).Kind) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		k--
		idx[k] = i
	}
	return idx[k:]
}

func (p eventsPane) lines() []string {
	t := p.th
	f := p.filters[p.filter]
	info := []span{
		{t.value, strconv.FormatUint(p.total, 10)}, {t.dim, "total ·"},
		{t.text, f.name}, {t.dim, "· f filter"},
	}
	if p.frozen {
		info = append(info, span{t.paused, " ❚❚ frozen "})
	}
	if p.back > 0 {
		info = append(info, span{t.bad, "↓ " + strconv.Itoa(p.back) + " newer"})
	}
	title := titleLine(t, p.w, p.focused, "Events", info...)
	rows := p.rows()
	wide := p.w >= 70
	nameW := 12
	if !wide {
		nameW = 10
	}
	return paneLines(p.w, p.h, title, func(i int, l *lineBuf) bool {
		if i >= len(rows) {
			if i == 0 {
				l.put(t.dim, " no events yet")
				return true
			}
			return false
		}
		ev := p.ring.at(rows[i])
		l.space(1)
		if wide {
			l.put(t.dim, fmtClockMS(ev.Time))
		} else {
			l.put(t.dim, sim.FormatClock(ev.Time))
		}
		l.space(1) // ids grow past five digits in long runs: keep them off the clock
		l.put(t.dim, padLeft("#"+strconv.Itoa(ev.Task), 6))
		l.space(1)
		if p.failed != 0 && ev.Task == p.failed {
			l.put(t.bad, padRight(ev.Name, nameW))
		} else {
			l.put(t.text, padRight(ev.Name, nameW))
		}
		l.space(1)
		l.put(t.kind(ev.Kind), padRight(ev.Kind.String(), 8))
		l.space(1)
		if ev.Object != "" {
			l.put(t.text, ev.Object)
		}
		if ev.Detail != "" {
			dp := t.dim
			if ev.Kind == sim.KindWake && strings.HasPrefix(ev.Detail, "late") && !strings.HasPrefix(ev.Detail, "late 0s") {
				dp = t.late
			}
			if ev.Object != "" {
				l.put(dp, " ("+ev.Detail+")")
			} else {
				l.put(dp, ev.Detail)
			}
		}
		return true
	})
}

// View renders the pane.
func (p eventsPane) View() string { return joinLines(p.lines()) }
