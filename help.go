package main

// This file runs the command tree and draws help and errors without asking the
// terminal anything. fang.Execute, which did this before, queries the terminal's
// background colour (OSC 11) before every help or error screen, and a terminal that
// never answers (script, expect, a serial console) made each of them wait 2 s twice.
// Here the help keeps fang's layout and palette (fang.DefaultColorScheme), with dark
// or light picked from COLORFGBG instead of a query, and errors are one plain line.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/fang"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// execute runs root until it returns (or ctx, which main ends on an interrupt, ends), and
// hands an error to onError before returning it. Help is drawn by writeHelp;
// --version, shell completions and the hidden man command are cobra's and mango's.
func execute(ctx context.Context, root *cobra.Command, version string, onError func(io.Writer, error)) error {
	root.SilenceUsage, root.SilenceErrors = true, true
	root.Version = version
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { writeHelp(c.OutOrStdout(), c) })
	root.AddCommand(&cobra.Command{
		Use:                   "man",
		Short:                 "Generates manpages",
		Hidden:                true,
		DisableFlagsInUseLine: true,
		Args:                  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			page, err := mcobra.NewManPage(1, c.Root())
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(c.OutOrStdout(), page.Build(roff.NewDocument()))
			return err
		},
	})
	err := root.ExecuteContext(ctx)
	if err != nil {
		onError(root.ErrOrStderr(), err)
	}
	return err
}

// helpMaxWidth is the widest the help is drawn, also when the terminal is wider or
// unknown.
const helpMaxWidth = 120

// helpStyles are the looks of the help page: plain text, section titles, the code
// block with the usage and examples (and the words in it), and the command and flag
// lists.
type helpStyles struct {
	text, title, desc, deflt lipgloss.Style
	block                    lipgloss.Style
	in, out                  wordStyles // in the code block, and in the lists
}

// wordStyles colour the words of a command line.
type wordStyles struct {
	name, command, flag, arg, dim, quoted, comment lipgloss.Style
}

func newHelpStyles(cs fang.ColorScheme) helpStyles {
	words := func(bg lipgloss.Style) wordStyles {
		return wordStyles{
			name:    bg.Foreground(cs.Program),
			command: bg.Foreground(cs.Command),
			flag:    bg.Foreground(cs.Flag),
			arg:     bg.Foreground(cs.Argument),
			dim:     bg.Foreground(cs.DimmedArgument),
			quoted:  bg.Foreground(cs.QuotedString),
			comment: bg.Foreground(cs.Comment),
		}
	}
	plain := lipgloss.NewStyle()
	return helpStyles{
		text:  plain.Foreground(cs.Base),
		title: plain.Bold(true).Foreground(cs.Title).Transform(strings.ToUpper).Padding(1, 0).Margin(0, 2),
		desc:  plain.Foreground(cs.Description),
		deflt: plain.Foreground(cs.FlagDefault),
		block: plain.Background(cs.Codeblock).Foreground(cs.Base).MarginLeft(2).Padding(1, 2),
		in:    words(plain.Background(cs.Codeblock)),
		out:   words(plain),
	}
}

// darkBackground guesses the terminal's background from COLORFGBG ("fg;bg", set by
// rxvt, Konsole and others) without asking the terminal: light for colours 7 and
// 9-15, dark otherwise and when unset, as fang chose when the terminal did not answer.
func darkBackground(getenv func(string) string) bool {
	v := getenv("COLORFGBG")
	if v == "" {
		return true
	}
	bg := v[strings.LastIndexByte(v, ';')+1:]
	switch bg {
	case "7", "9", "10", "11", "12", "13", "14", "15":
		return false
	}
	return true
}

// helpWidth is the terminal's width when out is one, at most helpMaxWidth.
func helpWidth(out io.Writer) int {
	if f, ok := out.(*os.File); ok {
		if w, _, err := term.GetSize(f.Fd()); err == nil {
			return min(w, helpMaxWidth)
		}
	}
	return helpMaxWidth
}

// writeHelp draws c's help page: its description, a code block with its usage line
// and examples, then its commands and flags in aligned columns. Colours are dropped
// when out is not a terminal (or NO_COLOR is set).
func writeHelp(out io.Writer, c *cobra.Command) {
	w := colorprofile.NewWriter(out, os.Environ())
	if w.Profile <= colorprofile.ASCII {
		// Without colours there is no background to fill: the lines lose the
		// spaces that pad them to the width.
		var page bytes.Buffer
		w.Forward = &page
		defer func() { out.Write(trimLineEnds(page.Bytes())) }()
	}
	width := helpWidth(out)
	st := newHelpStyles(fang.DefaultColorScheme(lipgloss.LightDark(darkBackground(os.Getenv))))

	if text := c.Long; text != "" || c.Short != "" {
		if text == "" {
			text = c.Short
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, st.text.Width(width).PaddingLeft(2).Render(text))
	}
	usage := usageLine(c, st.in, true)
	examples := exampleLines(c, st.in)
	widest := lipgloss.Width(usage)
	for _, e := range examples {
		widest = max(widest, lipgloss.Width(e))
	}
	pad := st.block.GetHorizontalPadding()
	block := st.block.Width(min(width-pad, widest+pad))
	if w.Profile <= colorprofile.ASCII {
		block = block.PaddingTop(0).PaddingBottom(0) // no background to frame
	}
	fmt.Fprintln(w, st.title.Render("usage"))
	fmt.Fprintln(w, block.Render(usage))
	if len(examples) > 0 {
		inner := block.GetWidth() - pad
		for i, e := range examples {
			if lipgloss.Width(e) > inner {
				examples[i] = ansi.Truncate(e, inner, "…")
			}
		}
		fmt.Fprintln(w, st.title.Render("examples"))
		fmt.Fprintln(w, block.Render(strings.Join(examples, "\n")))
	}

	var sections []helpSection
	groups := append([]*cobra.Group{{ID: "", Title: "commands"}}, c.Groups()...)
	for _, g := range groups {
		s := helpSection{title: g.Title}
		for _, sub := range c.Commands() {
			if !sub.Hidden && sub.GroupID == g.ID {
				s.rows = append(s.rows, helpRow{usageLine(sub, st.out, false), st.desc.Render(titleFirstWord(sub.Short))})
			}
		}
		sections = append(sections, s)
	}
	sections = append(sections, helpSection{title: "flags", rows: flagRows(c, st)})
	keyWidth := 10
	for _, s := range sections {
		for _, r := range s.rows {
			keyWidth = max(keyWidth, lipgloss.Width(r.key)+2)
		}
	}
	indent := lipgloss.NewStyle().PaddingLeft(4)
	for _, s := range sections {
		if len(s.rows) == 0 {
			continue
		}
		fmt.Fprintln(w, st.title.Render(s.title))
		for _, r := range s.rows {
			gap := strings.Repeat(" ", keyWidth-lipgloss.Width(r.key))
			fmt.Fprintln(w, lipgloss.JoinHorizontal(lipgloss.Left, indent.Render(r.key), gap, r.help))
		}
	}
	fmt.Fprintln(w)
}

// trimLineEnds removes the spaces at the end of every line (before any trailing
// style sequences).
func trimLineEnds(b []byte) []byte {
	return lineEndSpaces.ReplaceAll(b, []byte("$1"))
}

var lineEndSpaces = regexp.MustCompile(`(?m) +((?:\x1b\[[0-9;:]*m)*)$`)

// A helpSection is a titled list of commands or flags.
type helpSection struct {
	title string
	rows  []helpRow
}

type helpRow struct{ key, help string }

// flagRows lists c's visible flags: the names, then the usage (its first word
// capitalised) and the default when it says something.
func flagRows(c *cobra.Command, st helpStyles) []helpRow {
	var rows []helpRow
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name := "--" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + " " + name
		}
		lines := strings.Split(f.Usage, "\n")
		for i, l := range lines {
			switch {
			case l == "":
			case i == 0:
				lines[i] = st.desc.Render(titleFirstWord(l))
			default:
				lines[i] = st.desc.Render(l)
			}
		}
		help := strings.Join(lines, "\n")
		switch f.DefValue {
		case "", "false", "0", "[]":
		default:
			help += st.deflt.Render(" (" + f.DefValue + ")")
		}
		rows = append(rows, helpRow{st.out.flag.Render(name), help})
	})
	return rows
}

// titleFirstWord capitalises the first word of s (title case) and joins the words
// with single spaces.
func titleFirstWord(s string) string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return s
	}
	words[0] = cases.Title(language.AmericanEnglish).String(words[0])
	return strings.Join(words, " ")
}

// usageLine draws c's usage: the full line (program, command path) for its own
// page, or its Use alone for a list; then what it takes, [command], [args], any
// other bracketed arguments, and [--flags], dimmed.
func usageLine(c *cobra.Command, ws wordStyles, full bool) string {
	u := c.Use
	if full {
		u = c.UseLine()
	}
	takesArgs := strings.Contains(u, "[args]")
	takesFlags := strings.Contains(u, "[flags]") || strings.Contains(u, "[--flags]") ||
		c.HasFlags() || c.HasPersistentFlags() || c.HasAvailableFlags()
	takesCommand := strings.Contains(u, "[command]") || c.HasAvailableSubCommands()
	for _, k := range []string{"[args]", "[flags]", "[--flags]", "[command]"} {
		u = strings.ReplaceAll(u, k, "")
	}
	var other string // from the first [ to the last ], as written
	if i, j := strings.IndexByte(u, '['), strings.LastIndexByte(u, ']'); i >= 0 && j > i {
		other, u = u[i:j+1], u[:i]+u[j+1:]
	}
	u = strings.TrimSpace(u)
	var b strings.Builder
	if prog, rest, ok := strings.Cut(u, " "); full && u != "" {
		b.WriteString(ws.name.Render(prog))
		if ok {
			b.WriteString(ws.command.Render(" " + strings.Join(strings.Fields(rest), " ")))
		}
	} else {
		b.WriteString(ws.command.Render(u))
	}
	for _, s := range []struct {
		on   bool
		text string
	}{{takesCommand, " [command]"}, {takesArgs, " [args]"}, {other != "", " " + other}, {takesFlags, " [--flags]"}} {
		if s.on {
			b.WriteString(ws.dim.Render(s.text))
		}
	}
	return b.String()
}

// exampleLines draws c's Example one line each, blank first and last lines
// dropped: a line starting "# " is a comment; otherwise the words are coloured as
// the program, its subcommands, flags (--name=value too), quoted strings and other
// arguments, separated by single dimmed spaces.
func exampleLines(c *cobra.Command, ws wordStyles) []string {
	if c.Example == "" {
		return nil
	}
	lines := strings.Split(c.Example, "\n")
	var out []string
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" && (i == 0 || i == len(lines)-1) {
			continue
		}
		if strings.HasPrefix(line, "# ") {
			out = append(out, ws.comment.Render(line))
			continue
		}
		out = append(out, exampleLine(c.Root(), line, ws))
	}
	return out
}

func exampleLine(root *cobra.Command, line string, ws wordStyles) string {
	var b strings.Builder
	at := (*cobra.Command)(nil) // the command the words so far name; nil before the program
	quoted := false
	for i, word := range strings.Fields(line) {
		if i > 0 {
			b.WriteString(ws.dim.Render(" "))
		}
		opens, closes := strings.ContainsAny(word[:1], `"'`), strings.ContainsAny(word[len(word)-1:], `"'`)
		switch {
		case quoted || opens:
			b.WriteString(ws.quoted.Render(word))
			// A lone quote opens a string outside one and closes it inside.
			quoted = !closes || (!quoted && len(word) == 1)
		case word == "|" || word == "||" || word == "&&" || word == "&" || word == "\\":
			b.WriteString(ws.dim.Render(word))
		case at == nil && (word == root.Name() || slices.Contains(root.Aliases, word)):
			b.WriteString(ws.name.Render(word))
			at = root
		case strings.HasPrefix(word, "-"):
			if name, value, ok := strings.Cut(word, "="); ok {
				b.WriteString(ws.flag.Render(name + "="))
				b.WriteString(ws.arg.Render(value))
			} else {
				b.WriteString(ws.flag.Render(word))
			}
		case at != nil && subcommand(at, word) != nil:
			at = subcommand(at, word)
			b.WriteString(ws.command.Render(word))
		default:
			b.WriteString(ws.arg.Render(word))
		}
	}
	return b.String()
}

// subcommand returns c's subcommand called name (or aliased so), or nil.
func subcommand(c *cobra.Command, name string) *cobra.Command {
	for _, sub := range c.Commands() {
		if sub.Name() == name || slices.Contains(sub.Aliases, name) {
			return sub
		}
	}
	return nil
}
