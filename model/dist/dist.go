// Package dist holds the probability distributions of the shop's durations (fixed, uniform,
// exponential, truncated normal, lognormal): their two text forms as config files write
// them, their checks, and sampling from a seeded stream.
package dist

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/brewloop/brewloop/internal/say"
)

// Kind is the family of a distribution.
type Kind uint8

// The distribution families. KindNone is the zero value: "no distribution", allowed only
// where a key says so (customers.patience: a customer who never reneges).
const (
	KindNone        Kind = iota // none
	KindFixed                   // fixed(D)
	KindUniform                 // uniform(MIN, MAX)
	KindExponential             // exponential(MEAN)
	KindNormal                  // normal(MEAN, STDDEV), truncated at 0
	KindLognormal               // lognormal(MEAN, STDDEV), mean and stddev of the result
	numDistKinds
)

var distKindNames = [...]string{"none", "fixed", "uniform", "exponential", "normal", "lognormal"}

// distParamNames are the parameter names per kind, as written in the mapping form
// ({dist: uniform, min: 1s, max: 3s}); the string form takes them in this order.
var distParamNames = [...][]string{
	KindNone:        nil,
	KindFixed:       {"value"},
	KindUniform:     {"min", "max"},
	KindExponential: {"mean"},
	KindNormal:      {"mean", "stddev"},
	KindLognormal:   {"mean", "stddev"},
}

// Forms is the list of accepted spellings, for error messages.
const Forms = "fixed(D), uniform(MIN, MAX), exponential(MEAN), normal(MEAN, STDDEV), lognormal(MEAN, STDDEV)"

// MaxParam bounds every distribution parameter: anything longer than this is a typo, and the
// bound keeps every sample far from time.Duration's overflow.
const MaxParam = 10000 * time.Hour

// Valid reports whether k is one of the kinds above.
func (k Kind) Valid() bool { return k < numDistKinds }

// Params returns the names of k's parameters, in the order the string form takes them,
// as the mapping form writes them ({dist: uniform, min: 1s, max: 3s}). The slice is shared:
// do not change it.
func (k Kind) Params() []string {
	if k < numDistKinds {
		return distParamNames[k]
	}
	return nil
}

// KindNames lists the distribution names in Kind order, starting with "none".
// The slice is a copy.
func KindNames() []string { return slices.Clone(distKindNames[:]) }

// String returns the kind's config name.
func (k Kind) String() string {
	if k < numDistKinds {
		return distKindNames[k]
	}
	return fmt.Sprintf("dist(%d)", k)
}

// Dist is a distribution of durations: the random times between arrivals, to take an order,
// to brew, or of a customer's patience. The zero value is KindNone.
//
// A and B are the parameters, whose meaning depends on Kind:
//
//	KindFixed        A = the value
//	KindUniform      A = min, B = max
//	KindExponential  A = mean
//	KindNormal       A = mean, B = standard deviation (of the untruncated normal)
//	KindLognormal    A = mean, B = standard deviation (of the lognormal itself, not of its log)
//
// Dist is a small comparable value; build one with Parse or the constructors
// (Fixed, Uniform, ...) and check a hand-built one with Validate.
type Dist struct {
	Kind Kind
	A, B time.Duration
}

// Fixed returns the distribution that is always d.
func Fixed(d time.Duration) Dist { return Dist{Kind: KindFixed, A: d} }

// Uniform returns the uniform distribution on [lo, hi].
func Uniform(lo, hi time.Duration) Dist { return Dist{Kind: KindUniform, A: lo, B: hi} }

// Exponential returns the exponential distribution with the given mean.
func Exponential(mean time.Duration) Dist { return Dist{Kind: KindExponential, A: mean} }

// Normal returns the normal distribution with the given mean and standard deviation,
// truncated at zero.
func Normal(mean, stddev time.Duration) Dist {
	return Dist{Kind: KindNormal, A: mean, B: stddev}
}

// Lognormal returns the lognormal distribution whose samples have the given mean and
// standard deviation.
func Lognormal(mean, stddev time.Duration) Dist {
	return Dist{Kind: KindLognormal, A: mean, B: stddev}
}

// IsNone reports whether d is KindNone (no distribution at all).
func (d Dist) IsNone() bool { return d.Kind == KindNone }

// Exponential reports whether d is an exponential distribution, the memoryless case queueing
// theory's M/M/c formulas assume.
func (d Dist) Exponential() bool { return d.Kind == KindExponential }

// Sample draws one duration from d using r. It never returns a negative duration, does not
// allocate, and returns 0 for KindNone. Samples of a Dist that fails Validate are clamped
// to [0, math.MaxInt64] rather than trusted.
func (d Dist) Sample(r *rand.Rand) time.Duration {
	switch d.Kind {
	case KindFixed:
		return max(d.A, 0)
	case KindUniform:
		if d.B <= d.A {
			return max(d.A, 0)
		}
		// Integer nanoseconds, so min and max are both reachable and nothing is lost to
		// float rounding; Uint64N keeps the span + 1 from overflowing.
		return max(d.A+time.Duration(r.Uint64N(uint64(d.B-d.A)+1)), 0)
	case KindExponential:
		return durationFromNanos(float64(d.A) * r.ExpFloat64())
	case KindNormal:
		return d.sampleNormal(r)
	case KindLognormal:
		return d.sampleLognormal(r)
	}
	return 0
}

// sampleNormal truncates at zero by resampling (rejection), not by clamping: clamping
// would pile a point mass on 0 (a run of instant brews), while rejection gives the true
// truncated normal. Validate requires mean >= 0, so each draw is accepted with probability
// at least 1/2 and the loop runs twice on average; the bound only matters for an invalid
// hand-built Dist, which then falls back to 0.
func (d Dist) sampleNormal(r *rand.Rand) time.Duration {
	if d.B <= 0 {
		return max(d.A, 0)
	}
	mean, sd := float64(d.A), float64(d.B)
	for range 64 {
		if x := mean + sd*r.NormFloat64(); x >= 0 {
			return durationFromNanos(x)
		}
	}
	return 0
}

// sampleLognormal converts the mean m and standard deviation s of the result into the
// parameters of the underlying normal: sigma^2 = ln(1 + s^2/m^2), mu = ln m - sigma^2/2.
// Computing them per sample costs two logs and a square root and needs no cached state.
func (d Dist) sampleLognormal(r *rand.Rand) time.Duration {
	if d.A <= 0 {
		return 0
	}
	if d.B <= 0 {
		return d.A
	}
	m, s := float64(d.A), float64(d.B)
	sigma2 := math.Log1p((s / m) * (s / m))
	mu := math.Log(m) - sigma2/2
	return durationFromNanos(math.Exp(mu + math.Sqrt(sigma2)*r.NormFloat64()))
}

// durationFromNanos converts a float number of nanoseconds, clamping it to
// [0, math.MaxInt64] (a float-to-int conversion out of range is implementation-defined).
func durationFromNanos(ns float64) time.Duration {
	switch {
	case !(ns > 0): // also NaN
		return 0
	case ns >= math.MaxInt64:
		return math.MaxInt64
	}
	return time.Duration(ns)
}

// Mean returns the expected value of a sample: for the truncated normal, the mean of the
// truncated distribution, which exceeds the configured mean when the stddev is large.
// KindNone has mean 0.
func (d Dist) Mean() time.Duration {
	switch d.Kind {
	case KindFixed, KindExponential, KindLognormal:
		return max(d.A, 0)
	case KindUniform:
		return d.A + (d.B-d.A)/2
	case KindNormal:
		if d.B <= 0 {
			return max(d.A, 0)
		}
		// E[X | X >= 0] = mu + sigma phi(a) / Phi(a) with a = mu/sigma.
		mu, sigma := float64(d.A), float64(d.B)
		a := mu / sigma
		phi := math.Exp(-a*a/2) / math.Sqrt(2*math.Pi)
		cdf := math.Erfc(-a/math.Sqrt2) / 2
		return durationFromNanos(mu + sigma*phi/cdf)
	}
	return 0
}

// String returns the canonical form, which Parse reads back to an equal Dist:
// "none", "fixed(1s)", "uniform(1s, 3s)", "exponential(16.667s)", "normal(1m0s, 10s)".
func (d Dist) String() string {
	if d.Kind >= numDistKinds {
		return d.Kind.String()
	}
	switch len(distParamNames[d.Kind]) {
	case 0:
		return d.Kind.String()
	case 1:
		return d.Kind.String() + "(" + d.A.String() + ")"
	}
	return d.Kind.String() + "(" + d.A.String() + ", " + d.B.String() + ")"
}

// MarshalText implements encoding.TextMarshaler with the canonical String form.
func (d Dist) MarshalText() ([]byte, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with Parse.
func (d *Dist) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Parse reads a distribution in the string form: "none", "fixed(D)", "uniform(MIN, MAX)",
// "exponential(MEAN)", "normal(MEAN, STDDEV)" or "lognormal(MEAN, STDDEV)", where each
// parameter is a Go duration string ("90s", "1m30s"). A bare duration ("2s") means fixed(2s).
// The result is validated as by Dist.Validate.
func Parse(s string) (Dist, error) {
	d, msg := ParseText(s)
	if msg != "" {
		return Dist{}, fmt.Errorf("model: invalid distribution %q: %s", s, msg)
	}
	return d, nil
}

// ParseText is Parse returning a bare reason instead of an error, for the config's
// problem messages, which add their own position and key.
func ParseText(s string) (Dist, string) {
	s = strings.TrimSpace(s)
	open := strings.IndexByte(s, '(')
	if open < 0 {
		if s == "none" {
			return Dist{}, ""
		}
		if v, err := time.ParseDuration(s); err == nil {
			d := Fixed(v)
			return d, d.Check()
		}
		if k, ok := LookupKind(s); ok && k != KindNone {
			return Dist{}, fmt.Sprintf("%s needs its parameters in parentheses: %s", s, distUsage(k))
		}
		if s == "" {
			return Dist{}, "empty; allowed: none, " + Forms
		}
		return Dist{}, fmt.Sprintf("%q is not a distribution%s (allowed: none, %s)", s, say.DidYouMean(s, distKindNames[:]), Forms)
	}
	name := strings.TrimSpace(s[:open])
	k, ok := LookupKind(name)
	if !ok {
		return Dist{}, fmt.Sprintf("unknown distribution %q%s (allowed: %s)", name, say.DidYouMean(name, distKindNames[1:]), Forms)
	}
	if k == KindNone {
		return Dist{}, "none takes no parameters; write it as none"
	}
	if !strings.HasSuffix(s, ")") {
		return Dist{}, fmt.Sprintf("missing closing parenthesis; want %s", distUsage(k))
	}
	inner := strings.TrimSpace(s[open+1 : len(s)-1])
	var args []string
	if inner != "" {
		args = strings.Split(inner, ",")
	}
	params := distParamNames[k]
	if len(args) != len(params) {
		return Dist{}, fmt.Sprintf("%s takes %d parameter%s, got %d; want %s", k, len(params), say.Plural(len(params)), len(args), distUsage(k))
	}
	var vals [2]time.Duration
	for i, a := range args {
		v, msg := parseDurationArg(strings.TrimSpace(a))
		if msg != "" {
			return Dist{}, fmt.Sprintf("%s %s", params[i], msg)
		}
		vals[i] = v
	}
	d := Dist{Kind: k, A: vals[0], B: vals[1]}
	return d, d.Check()
}

// parseDurationArg parses one parameter, with a message that says what a duration looks like.
func parseDurationArg(s string) (time.Duration, string) {
	v, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Sprintf("%q is not a duration (use a Go duration such as 1.5s, 90s or 1m30s)", s)
	}
	return v, ""
}

// LookupKind finds a kind by its config name.
func LookupKind(name string) (Kind, bool) {
	for i, n := range distKindNames {
		if n == name {
			return Kind(i), true
		}
	}
	return 0, false
}

// distUsage spells a kind's string form with parameter placeholders: "uniform(MIN, MAX)".
func distUsage(k Kind) string {
	ps := distParamNames[k]
	if len(ps) == 0 {
		return k.String()
	}
	up := make([]string, len(ps))
	for i, p := range ps {
		up[i] = strings.ToUpper(p)
	}
	if k == KindFixed {
		up[0] = "D"
	}
	return k.String() + "(" + strings.Join(up, ", ") + ")"
}

// Validate reports whether d's parameters make sense: no negative durations, none above
// MaxParam, min <= max for uniform, and a positive mean for exponential and lognormal.
// The truncated normal needs mean >= 0 (see Sample).
func (d Dist) Validate() error {
	if msg := d.Check(); msg != "" {
		return fmt.Errorf("model: invalid distribution %s: %s", d, msg)
	}
	return nil
}

// Check is Validate returning a bare reason, "" when d is valid.
func (d Dist) Check() string {
	if d.Kind >= numDistKinds {
		return fmt.Sprintf("unknown kind %d; want none or one of %s", d.Kind, Forms)
	}
	params := distParamNames[d.Kind]
	vals := [2]time.Duration{d.A, d.B}
	for i := range vals {
		if i >= len(params) {
			if vals[i] != 0 {
				return fmt.Sprintf("%s takes %d parameter%s; parameter %d must be 0", d.Kind, len(params), say.Plural(len(params)), i+1)
			}
			continue
		}
		if vals[i] < 0 {
			return fmt.Sprintf("%s must not be negative, got %s", params[i], vals[i])
		}
		if vals[i] > MaxParam {
			return fmt.Sprintf("%s must be at most %s, got %s", params[i], say.Hours(MaxParam), vals[i])
		}
	}
	switch d.Kind {
	case KindUniform:
		if d.A > d.B {
			return fmt.Sprintf("min %s is greater than max %s", d.A, d.B)
		}
	case KindExponential, KindLognormal:
		if d.A == 0 {
			return "mean must be greater than 0"
		}
	}
	return ""
}
