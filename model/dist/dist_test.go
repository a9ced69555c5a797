package dist

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestParseDistRoundTrip(t *testing.T) {
	tests := []struct {
		in   string
		want Dist
		str  string // canonical String()
	}{
		{"none", Dist{}, "none"},
		{"fixed(0s)", Fixed(0), "fixed(0s)"},
		{"fixed(1m30s)", Fixed(90 * time.Second), "fixed(1m30s)"},
		{"2s", Fixed(2 * time.Second), "fixed(2s)"},
		{"uniform(1s, 3s)", Uniform(time.Second, 3*time.Second), "uniform(1s, 3s)"},
		{"  uniform( 1s ,3s )  ", Uniform(time.Second, 3*time.Second), "uniform(1s, 3s)"},
		{"uniform(2s, 2s)", Uniform(2*time.Second, 2*time.Second), "uniform(2s, 2s)"},
		{"exponential(16.667s)", Exponential(16667 * time.Millisecond), "exponential(16.667s)"},
		{"exponential(1ns)", Exponential(1), "exponential(1ns)"},
		{"normal(60s, 10s)", Normal(time.Minute, 10*time.Second), "normal(1m0s, 10s)"},
		{"normal(0s, 1s)", Normal(0, time.Second), "normal(0s, 1s)"},
		{"lognormal(50s, 15s)", Lognormal(50*time.Second, 15*time.Second), "lognormal(50s, 15s)"},
		{"fixed(10000h)", Fixed(MaxParam), "fixed(10000h0m0s)"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q) error = %v, want nil", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("Parse(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
			if s := got.String(); s != tt.str {
				t.Errorf("Parse(%q).String() = %q, want %q", tt.in, s, tt.str)
			}
			again, err := Parse(got.String())
			if err != nil || again != got {
				t.Errorf("Parse(%q) = %#v, %v; want %#v (round trip)", got.String(), again, err, got)
			}
			text, err := got.MarshalText()
			if err != nil {
				t.Fatalf("%v.MarshalText() error = %v", got, err)
			}
			var back Dist
			if err := back.UnmarshalText(text); err != nil || back != got {
				t.Errorf("UnmarshalText(%q) = %#v, %v; want %#v", text, back, err, got)
			}
		})
	}
}

func TestParseDistErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string // the whole error text
	}{
		{"", `model: invalid distribution "": empty; allowed: none, fixed(D), uniform(MIN, MAX), exponential(MEAN), normal(MEAN, STDDEV), lognormal(MEAN, STDDEV)`},
		{"unifrom(1s, 3s)", `model: invalid distribution "unifrom(1s, 3s)": unknown distribution "unifrom"; did you mean "uniform"? (allowed: fixed(D), uniform(MIN, MAX), exponential(MEAN), normal(MEAN, STDDEV), lognormal(MEAN, STDDEV))`},
		{"poisson(3s)", `model: invalid distribution "poisson(3s)": unknown distribution "poisson" (allowed: fixed(D), uniform(MIN, MAX), exponential(MEAN), normal(MEAN, STDDEV), lognormal(MEAN, STDDEV))`},
		{"uniform", `model: invalid distribution "uniform": uniform needs its parameters in parentheses: uniform(MIN, MAX)`},
		{"nope", `model: invalid distribution "nope": "nope" is not a distribution; did you mean "none"? (allowed: none, fixed(D), uniform(MIN, MAX), exponential(MEAN), normal(MEAN, STDDEV), lognormal(MEAN, STDDEV))`},
		{"uniform(1s, 3s", `model: invalid distribution "uniform(1s, 3s": missing closing parenthesis; want uniform(MIN, MAX)`},
		{"uniform(1s)", `model: invalid distribution "uniform(1s)": uniform takes 2 parameters, got 1; want uniform(MIN, MAX)`},
		{"fixed()", `model: invalid distribution "fixed()": fixed takes 1 parameter, got 0; want fixed(D)`},
		{"exponential(1s, 2s)", `model: invalid distribution "exponential(1s, 2s)": exponential takes 1 parameter, got 2; want exponential(MEAN)`},
		{"fixed(5)", `model: invalid distribution "fixed(5)": value "5" is not a duration (use a Go duration such as 1.5s, 90s or 1m30s)`},
		{"uniform(1s, 3x)", `model: invalid distribution "uniform(1s, 3x)": max "3x" is not a duration (use a Go duration such as 1.5s, 90s or 1m30s)`},
		{"uniform(3s, 1s)", `model: invalid distribution "uniform(3s, 1s)": min 3s is greater than max 1s`},
		{"fixed(-1s)", `model: invalid distribution "fixed(-1s)": value must not be negative, got -1s`},
		{"-1s", `model: invalid distribution "-1s": value must not be negative, got -1s`},
		{"normal(-1s, 1s)", `model: invalid distribution "normal(-1s, 1s)": mean must not be negative, got -1s`},
		{"normal(1s, -1s)", `model: invalid distribution "normal(1s, -1s)": stddev must not be negative, got -1s`},
		{"exponential(0s)", `model: invalid distribution "exponential(0s)": mean must be greater than 0`},
		{"lognormal(0s, 1s)", `model: invalid distribution "lognormal(0s, 1s)": mean must be greater than 0`},
		{"fixed(10001h)", `model: invalid distribution "fixed(10001h)": value must be at most 10000h, got 10001h0m0s`},
		{"none()", `model: invalid distribution "none()": none takes no parameters; write it as none`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, nil; want error %q", tt.in, d, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Parse(%q) error = %q, want %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestDistValidate(t *testing.T) {
	tests := []struct {
		name string
		d    Dist
		want string // "" for valid
	}{
		{"none", Dist{}, ""},
		{"fixed zero", Fixed(0), ""},
		{"uniform equal", Uniform(time.Second, time.Second), ""},
		{"normal zero sd", Normal(time.Second, 0), ""},
		{"unknown kind", Dist{Kind: 99}, "model: invalid distribution dist(99): unknown kind 99; want none or one of " + Forms},
		{"none with params", Dist{A: time.Second}, "model: invalid distribution none: none takes 0 parameters; parameter 1 must be 0"},
		{"fixed with B", Dist{Kind: KindFixed, A: 1, B: 2}, "model: invalid distribution fixed(1ns): fixed takes 1 parameter; parameter 2 must be 0"},
		{"uniform reversed", Uniform(2*time.Second, time.Second), "model: invalid distribution uniform(2s, 1s): min 2s is greater than max 1s"},
		{"exponential huge", Exponential(math.MaxInt64), "model: invalid distribution exponential(2562047h47m16.854775807s): mean must be at most 10000h, got 2562047h47m16.854775807s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.d.Validate()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("%#v.Validate() = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}

func TestDistMean(t *testing.T) {
	tests := []struct {
		d    Dist
		want time.Duration
	}{
		{Dist{}, 0},
		{Fixed(3 * time.Second), 3 * time.Second},
		{Uniform(time.Second, 3*time.Second), 2 * time.Second},
		{Uniform(1, 2), 1}, // integer halving rounds down
		{Exponential(16667 * time.Millisecond), 16667 * time.Millisecond},
		{Normal(time.Minute, 0), time.Minute},
		// Half-normal: sigma * sqrt(2/pi) = 797.884560802865ms.
		{Normal(0, time.Second), 797884560},
		// Far from 0, truncation changes nothing measurable.
		{Normal(time.Minute, time.Second), time.Minute},
		{Lognormal(50*time.Second, 15*time.Second), 50 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			if got := tt.d.Mean(); got != tt.want {
				t.Errorf("%v.Mean() = %v, want %v", tt.d, got, tt.want)
			}
		})
	}
}

// TestDistSampleConverges draws many seeded samples and checks the sample mean against
// Mean() (and the spread against the configured stddev where there is one).
//
// Tolerance: the sample mean of n draws has standard error sd/sqrt(n); allowing 5 standard
// errors makes a false failure a 1-in-a-million event for any seed, while a wrong formula
// (say, lognormal parameterised by the log's mean) is off by far more than that. The seed is
// fixed, so the test is deterministic either way.
func TestDistSampleConverges(t *testing.T) {
	const n = 200_000
	tests := []struct {
		d      Dist
		wantSD time.Duration // 0: not checked
	}{
		{Fixed(2 * time.Second), 0},
		{Uniform(time.Second, 3*time.Second), 577350269}, // (b-a)/sqrt(12)
		{Exponential(16667 * time.Millisecond), 16667 * time.Millisecond},
		{Normal(time.Minute, 10*time.Second), 10 * time.Second},
		{Normal(time.Second, 10*time.Second), 0}, // mostly truncated: mean 8.4s, not 1s
		{Normal(0, time.Second), 0},
		{Lognormal(50*time.Second, 15*time.Second), 15 * time.Second},
		{Lognormal(time.Second, 3*time.Second), 0}, // heavy tail: sd too noisy to check
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			var sum, sumSq float64
			lo, hi := tt.d.Sample(r), time.Duration(0)
			for range n {
				x := tt.d.Sample(r)
				if x < 0 {
					t.Fatalf("%v.Sample() = %v, want >= 0", tt.d, x)
				}
				lo, hi = min(lo, x), max(hi, x)
				f := float64(x)
				sum += f
				sumSq += f * f
			}
			mean := sum / n
			sd := math.Sqrt(max(sumSq/n-mean*mean, 0))
			want := float64(tt.d.Mean())
			if tol := 5*sd/math.Sqrt(n) + 1; math.Abs(mean-want) > tol {
				t.Errorf("mean of %d samples of %v = %v, want %v ± %v", n, tt.d, time.Duration(mean), tt.d.Mean(), time.Duration(tol))
			}
			if tt.wantSD > 0 {
				if w := float64(tt.wantSD); math.Abs(sd-w) > 0.03*w {
					t.Errorf("stddev of %d samples of %v = %v, want %v ± 3%%", n, tt.d, time.Duration(sd), tt.wantSD)
				}
			}
			if tt.d.Kind == KindUniform && (lo < tt.d.A || hi > tt.d.B) {
				t.Errorf("samples of %v span [%v, %v], want within [%v, %v]", tt.d, lo, hi, tt.d.A, tt.d.B)
			}
		})
	}
}

func TestDistSampleDeterministic(t *testing.T) {
	for _, d := range []Dist{Uniform(0, time.Second), Exponential(time.Second), Normal(0, time.Second), Lognormal(time.Second, time.Second)} {
		t.Run(d.String(), func(t *testing.T) {
			a, b := rand.New(rand.NewPCG(7, 7)), rand.New(rand.NewPCG(7, 7))
			for i := range 1000 {
				if x, y := d.Sample(a), d.Sample(b); x != y {
					t.Fatalf("sample %d of %v = %v and %v with the same seed, want equal", i, d, x, y)
				}
			}
		})
	}
}

// TestDistSampleInvalid checks that hand-built invalid distributions still never sample a
// negative duration or loop for long.
func TestDistSampleInvalid(t *testing.T) {
	for _, d := range []Dist{
		{},
		{Kind: 99, A: time.Second},
		Fixed(-time.Second),
		Uniform(-2*time.Second, -time.Second),
		Uniform(3*time.Second, time.Second),
		Uniform(0, math.MaxInt64),
		Exponential(-time.Second),
		Exponential(math.MaxInt64),
		Normal(-time.Hour, time.Second),
		Lognormal(-time.Second, time.Second),
		Lognormal(time.Second, math.MaxInt64),
	} {
		t.Run(d.String(), func(t *testing.T) {
			r := rand.New(rand.NewPCG(3, 4))
			for range 1000 {
				if x := d.Sample(r); x < 0 {
					t.Fatalf("%#v.Sample() = %v, want >= 0", d, x)
				}
			}
		})
	}
}

func TestDistSampleNoAlloc(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, d := range []Dist{Fixed(1), Uniform(0, time.Second), Exponential(time.Second), Normal(time.Second, time.Second), Lognormal(time.Second, time.Second)} {
		t.Run(d.String(), func(t *testing.T) {
			if n := testing.AllocsPerRun(1000, func() { d.Sample(r) }); n != 0 {
				t.Errorf("%v.Sample() allocates %v times per call, want 0", d, n)
			}
		})
	}
}

func TestDistHelpers(t *testing.T) {
	tests := []struct {
		d                 Dist
		none, exponential bool
	}{
		{Dist{}, true, false},
		{Fixed(time.Second), false, false},
		{Exponential(time.Second), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			if got := tt.d.IsNone(); got != tt.none {
				t.Errorf("%v.IsNone() = %v, want %v", tt.d, got, tt.none)
			}
			if got := tt.d.Exponential(); got != tt.exponential {
				t.Errorf("%v.Exponential() = %v, want %v", tt.d, got, tt.exponential)
			}
		})
	}
	if got := strings.Join(KindNames(), ","); got != "none,fixed,uniform,exponential,normal,lognormal" {
		t.Errorf("KindNames() = %s, want none,fixed,uniform,exponential,normal,lognormal", got)
	}
}

func BenchmarkDistSample(b *testing.B) {
	for _, d := range []Dist{Fixed(time.Second), Uniform(time.Second, 3*time.Second), Exponential(time.Second), Normal(time.Second, time.Second), Lognormal(time.Second, time.Second)} {
		b.Run(d.Kind.String(), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 1))
			var sink time.Duration
			for b.Loop() {
				sink += d.Sample(r)
			}
			_ = sink
		})
	}
}
