// Package lesson holds the asyncio lessons: each a small program on the loop (lesson_NAME.go)
// with its Python twin and what CPython printed (lessons/NAME.py, NAME.out), the lesson panel
// that describes the coffee shop itself (PanelFor), and the transcript printer that
// --transcript and the tests use.
package lesson

import (
	"fmt"
	"io"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// Lesson is one of the asyncio lessons: a small program on the loop whose output
// (its tasks' say lines), order and virtual timing are what the equivalent Python
// program prints on asyncio. A lesson scenario runs its program instead of the
// coffee shop.
type Lesson struct {
	Name    string
	Summary string // one line for `brewloop scenarios`
	About   string // what the example shows (the TUI's lesson panel)
	Python  string // the equivalent Python program, written for this project
	Watch   string // what to watch on screen
	Main    sim.Func
}

// Transcript is a tracer that prints each say event as one line,
// `HH:MM:SS.mmm task-name: text`, and nothing else.
type Transcript struct {
	w   io.Writer
	err error
}

// NewTranscript returns a transcript printer writing to w.
func NewTranscript(w io.Writer) *Transcript { return &Transcript{w: w} }

// Event prints ev if it is a say event.
func (tr *Transcript) Event(ev sim.Record) {
	if ev.Kind != sim.KindSay || tr.err != nil {
		return
	}
	_, tr.err = fmt.Fprintf(tr.w, "%s %s: %s\n", TranscriptClock(ev.Time), ev.Name, ev.Detail)
}

// Err returns the first write error.
func (tr *Transcript) Err() error { return tr.err }

// TranscriptClock formats a virtual time as HH:MM:SS.mmm.
func TranscriptClock(d time.Duration) string {
	ms := int64(d / time.Millisecond)
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000)
}
