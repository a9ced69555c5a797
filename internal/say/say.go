// Package say holds the small text helpers that every user-facing message in brewloop
// shares: escaping text from files and flags before it reaches a terminal, clipping long
// values, "did you mean" suggestions, plurals and durations written the way limits are.
package say

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Clip shortens user text quoted in messages.
func Clip(s string) string {
	const max = 100
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}

// DidYouMean returns `; did you mean "x"?` for the candidate closest to s, or "" when none
// is close: within about a third of its length in edit distance, or starting with s.
// Ties go to the earlier candidate, so the suggestion is stable.
func DidYouMean(s string, candidates []string) string {
	if best := Closest(s, candidates); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}

// Closest implements DidYouMean's choice.
func Closest(s string, candidates []string) string {
	orig := s
	s = strings.ToLower(strings.TrimSpace(s))
	best, bestDist := "", math.MaxInt
	for _, c := range candidates {
		if c == orig {
			continue
		}
		limit := max(1, (len(c)+2)/3)
		if len(s) > len(c)+limit {
			continue // too long to be close; also bounds the cost of editDistance
		}
		dist := editDistance(s, c)
		if dist > limit && (len(s) < 3 || !strings.HasPrefix(c, s)) {
			continue
		}
		if dist < bestDist {
			best, bestDist = c, dist
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes (keys are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Escape returns s with every character that is not printable (control
// characters, escape sequences, invalid UTF-8) written as a Go escape, so that text
// from a file or a flag printed in a message cannot act on the terminal. Tabs are
// kept; newlines are escaped.
func Escape(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || (r != '\t' && !unicode.IsPrint(r)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r != '\t' && !unicode.IsPrint(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Hours prints a whole number of hours as "10000h" rather than "10000h0m0s".
func Hours(d time.Duration) string {
	if d != 0 && d%time.Hour == 0 {
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return d.String()
}

// Plural returns "s" unless n is 1.
func Plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
