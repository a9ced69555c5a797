package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/brewloop/brewloop/model/config"
	"github.com/spf13/pflag"
)

// once wraps a single-value flag so that giving it twice is an error, not a value
// silently dropped.
type once struct {
	pflag.Value
	name string
	was  string
	set  bool
}

func (o *once) Set(s string) error {
	if o.set {
		return fmt.Errorf("--%s was given twice (%s, then %s): give it once", o.name, quote(o.was), quote(s))
	}
	if err := o.Value.Set(s); err != nil {
		return err
	}
	o.set, o.was = true, s
	return nil
}

// onlyOnce makes every single-value flag of fs an error when repeated; lists (--set)
// and switches (--json) may repeat.
func onlyOnce(fs *pflag.FlagSet) {
	fs.VisitAll(func(fl *pflag.Flag) {
		switch fl.Value.Type() {
		case "bool", "stringArray":
			return
		}
		fl.Value = &once{Value: fl.Value, name: fl.Name}
	})
}

// seedValue is --seed: a number from 0 to 2^64-1, with a message in plain words.
type seedValue uint64

func (v *seedValue) String() string { return strconv.FormatUint(uint64(*v), 10) }
func (v *seedValue) Type() string   { return "uint" }
func (v *seedValue) Set(s string) error {
	n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return fmt.Errorf("the seed must be a whole number from 0 to %d", uint64(math.MaxUint64))
	}
	*v = seedValue(n)
	return nil
}

// durationValue is --duration: a Go duration whose zero value shows no default in
// the help (the default is the config's run.duration).
type durationValue time.Duration

func (v *durationValue) String() string {
	if *v == 0 {
		return ""
	}
	return time.Duration(*v).String()
}
func (v *durationValue) Type() string { return "duration" }
func (v *durationValue) Set(s string) error {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("a duration is a number with a unit, such as 90s, 1m30s or 2h")
	}
	*v = durationValue(d)
	return nil
}

// countValue is --customers: a whole number with a message in plain words.
type countValue int

func (v *countValue) String() string { return strconv.Itoa(int(*v)) }
func (v *countValue) Type() string   { return "int" }
func (v *countValue) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("must be a whole number")
	}
	*v = countValue(n)
	return nil
}

// speedValue is replay --speed: a positive, finite number.
type speedValue float64

func (v *speedValue) String() string {
	if *v == 0 {
		return ""
	}
	return strconv.FormatFloat(float64(*v), 'g', -1, 64)
}
func (v *speedValue) Type() string { return "float" }
func (v *speedValue) Set(s string) error {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f <= 0 {
		return fmt.Errorf("the speed must be a finite number above 0, in virtual seconds per second")
	}
	*v = speedValue(f)
	return nil
}

// flagError says what is wrong with the value of flag, as the user typed it.
func (f *flags) flagError(flag string, err error) error {
	v := f.fs.Lookup(strings.TrimPrefix(flag, "--")).Value
	typed := v.String()
	if o, ok := v.(*once); ok {
		typed = o.was
	}
	var ce *config.Error
	if !errors.As(err, &ce) || len(ce.Problems) != 1 {
		return fmt.Errorf("%s %s: %w", flag, quote(typed), err)
	}
	msg := ce.Problems[0].Msg
	if i := strings.LastIndex(msg, ", got "); i >= 0 {
		msg = msg[:i] // the value is named already, as typed
	}
	return fmt.Errorf("%s %s: %s", flag, quote(typed), msg)
}
