package lesson

import (
	"embed"
	"strings"
)

// pythonFS holds each lesson's equivalent Python program (lessons/NAME.py) and what it
// printed on CPython's asyncio (lessons/NAME.out, beside it): one copy, shown in
// the TUI's lesson panel and run by hand to capture the outputs the tests compare.
//
//go:embed lessons/*.py
var pythonFS embed.FS

// python returns the lesson's Python program.
func python(name string) string {
	b, err := pythonFS.ReadFile("lessons/" + name + ".py")
	if err != nil {
		panic("model: no Python program for lesson " + name) // a build-time fact, tested
	}
	return string(b)
}

// All returns the asyncio lessons, in the order they are taught. They are
// built on each call, so there is no shared mutable state.
//
// Each lesson's Python field is the program in lessons/NAME.py, and its output
// on asyncio is lessons/NAME.out; the tests check that the lesson's
// transcript has the same lines, in the same order, at the same times.
func All() []*Lesson {
	return []*Lesson{
		countLesson(),
		countSequentialLesson(),
		gatherLesson(),
		sequentialLesson(),
		blockingLesson(),
		toThreadLesson(),
		timeoutLesson(),
		cancelLesson(),
		primitivesLesson(),
	}
}

// Lookup returns the lesson with the given scenario name.
func Lookup(name string) (*Lesson, bool) {
	for _, l := range All() {
		if l.Name == name {
			return l, true
		}
	}
	return nil, false
}

// prose turns text wrapped for the source into the lesson panel's paragraphs: lines
// separated by a blank line are paragraphs, one line each, which the panel wraps
// to its width; the lines of a paragraph are joined with spaces.
func prose(s string) string {
	paras := strings.Split(strings.TrimSpace(s), "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n")
}
