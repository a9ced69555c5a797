package main

import (
	"os"
	"strings"
	"testing"
)

// The README's library snippet is sim's Example_readme, word for word, so the
// code a reader copies compiles and prints what the example's Output says.
func TestReadmeSnippet(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("sim/readme_example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "\t// README snippet begins\n", "\t// README snippet ends"
	_, rest, ok := strings.Cut(string(example), begin)
	body, _, ok2 := strings.Cut(rest, end)
	if !ok || !ok2 {
		t.Fatalf("sim/readme_example_test.go has no %q ... %q markers", strings.TrimSpace(begin), strings.TrimSpace(end))
	}
	var want strings.Builder
	want.WriteString("```go\n")
	for _, line := range strings.SplitAfter(body, "\n") {
		want.WriteString(strings.TrimPrefix(line, "\t"))
	}
	want.WriteString("```\n")
	if !strings.Contains(string(readme), want.String()) {
		t.Errorf("README.md does not quote sim's Example_readme as written; want this block in it:\n%s", want.String())
	}
}
