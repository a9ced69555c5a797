#!/usr/bin/env bash
# compare-builds.sh BASE_REV — build brewloop at BASE_REV and at the work tree (with
# uncommitted changes) and check that both produce the same bytes for the same runs:
# the `run --json` summary, the `--trace` JSON Lines, the `--perfetto` file, stderr
# and the exit code of every scenario; for the shop scenarios, every brew mode with
# order time, patience, queue capacity and 2 executor workers (one at a time and all
# together) and a customers-limited run that drains; and replays of recordings with
# live control changes (`replay --headless --json`, whose summary holds the trace's
# SHA-256, and `replay --verify`); and the TUI's step mode: what each Step did and
# the whole Snapshot after it, step by step with live control changes (a test added
# to both builds' model package with `go test -overlay`, so no file is written in
# either tree). It prints one line per difference and a count,
# and exits 0 when nothing differs, 1 when something does, 2 on bad usage or a
# build that fails. Outputs go to a temporary directory that is removed at the end
# (KEEP=1 keeps it).
set -uo pipefail

die() { echo "compare-builds: $*" >&2; exit 2; }
[ $# -eq 1 ] || die "usage: scripts/compare-builds.sh BASE_REV (a commit, branch or tag)"
base=$1
root=$(git rev-parse --show-toplevel 2>/dev/null) || die "not inside a git work tree"
rev=$(git -C "$root" rev-parse --verify --quiet "$base^{commit}") || die "unknown revision: $base"

tmp=$(mktemp -d) || die "cannot make a temporary directory"
if [ "${KEEP:-}" = 1 ]; then
	echo "outputs kept in $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
fi
mkdir -p "$tmp/src" "$tmp/old" "$tmp/new"
git -C "$root" archive --format=tar "$rev" | tar -x -C "$tmp/src" || die "cannot extract $base"
(cd "$tmp/src" && go build -o "$tmp/bin-old" .) || die "the build at $base fails"
(cd "$root" && go build -o "$tmp/bin-new" .) || die "the build of the work tree fails"
echo "comparing $base (${rev:0:10}) with the work tree of $root"

cases=0
diffs=0

# check NAME ARGS...: run both builds with ARGS in their own empty directories
# (relative output paths land there) and compare every file they leave.
check() {
	local name=$1 side f
	shift
	cases=$((cases + 1))
	for side in old new; do
		rm -rf "$tmp/$side" && mkdir -p "$tmp/$side"
		[ -f "$tmp/rec.json" ] && cp "$tmp/rec.json" "$tmp/$side/rec.json"
		(cd "$tmp/$side" && "$tmp/bin-$side" "$@" >stdout 2>stderr; echo $? >exit-code)
	done
	for f in $( (cd "$tmp/old" && ls; cd "$tmp/new" && ls) | sort -u); do
		if ! cmp -s "$tmp/old/$f" "$tmp/new/$f"; then
			diffs=$((diffs + 1))
			echo "DIFFERS  $name: $f ($(cd "$tmp" && cmp "old/$f" "new/$f" 2>&1 | head -1))"
		fi
	done
}

check "scenarios" scenarios
scenarios=$("$tmp/bin-new" scenarios | awk '{print $1}')
shops=$("$tmp/bin-new" scenarios | grep -v 'asyncio lesson' | awk '{print $1}')
[ -n "$shops" ] || die "no shop scenarios listed"

for s in $scenarios; do
	check "$s" run --scenario "$s" --json --trace trace.jsonl --perfetto perfetto.json
	check "$s transcript" run --scenario "$s" --transcript
done

# Each variant is a list of --set values separated by ";".
variants=(
	""
	"customers.order_time=exponential(10s)"
	"customers.patience=exponential(30s)"
	"shop.queue_capacity=3"
	"shop.executor_workers=2"
	"customers.order_time=uniform(2s, 8s);customers.patience=exponential(20s);shop.queue_capacity=3;shop.executor_workers=2"
)
modes="async hands-on blocking executor"

for s in $shops; do
	for m in $modes; do
		for v in "${variants[@]}"; do
			sets=(--set "shop.brew_mode=$m")
			IFS=';' read -ra kvs <<<"$v"
			for kv in "${kvs[@]}"; do sets+=(--set "$kv"); done
			check "$s $m ${v:-(defaults)}" run --scenario "$s" "${sets[@]}" --duration 3h \
				--json --trace trace.jsonl --perfetto perfetto.json
		done
		check "$s $m customers=300" run --scenario "$s" --set "shop.brew_mode=$m" \
			--set "customers.patience=exponential(40s)" --customers 300 --json --trace trace.jsonl
	done
done

# Live controls: a recording made by the base build, its control list replaced by
# changes that switch the brew mode while baristas are busy in each mode, let busy
# and idle baristas go, take machines away while they brew and change both rates.
min=60000000000
controls() {
	local first=$1 list="" i=0 t mode
	local order="$first hands-on blocking executor async blocking hands-on executor"
	for mode in $order; do
		t=$((i * 5 + 2))
		list+="{\"t\": $((t * min)), \"control\": \"brew_mode\", \"value\": \"$mode\"}, "
		list+="{\"t\": $(((t + 1) * min)), \"control\": \"baristas\", \"value\": \"$((i % 3 + 1))\"}, "
		list+="{\"t\": $(((t + 2) * min)), \"control\": \"machines\", \"value\": \"$((i % 2 + 1))\"}, "
		list+="{\"t\": $(((t + 3) * min + 1)), \"control\": \"baristas\", \"value\": \"$((5 - i % 3))\"}, "
		list+="{\"t\": $(((t + 3) * min + 2)), \"control\": \"arrival_rate\", \"value\": \"$((i % 3 + 1))\"}, "
		list+="{\"t\": $(((t + 4) * min)), \"control\": \"brew_rate\", \"value\": \"0.$((i % 5 + 5))\"}, "
		list+="{\"t\": $(((t + 4) * min + 500000000)), \"control\": \"machines\", \"value\": \"4\"}, "
		i=$((i + 1))
	done
	echo "${list%, }"
}

for s in $shops; do
	for m in $modes; do
		for v in "" "${variants[5]}"; do
			sets=(--set "shop.brew_mode=$m")
			IFS=';' read -ra kvs <<<"$v"
			for kv in "${kvs[@]}"; do sets+=(--set "$kv"); done
			rm -f "$tmp/rec.json"
			(cd "$tmp" && "$tmp/bin-old" run --scenario "$s" "${sets[@]}" --duration 1m --record rec.raw >/dev/null) ||
				die "the base build cannot record $s $m"
			sed -e "s/^  \"controls\": \[\],\$/  \"controls\": [$(controls "$m")],/" \
				-e 's/^  "end_ns": [0-9]*,$/  "end_ns": 2700000000000,/' "$tmp/rec.raw" >"$tmp/rec.json"
			grep -q '"control": "brew_mode"' "$tmp/rec.json" || die "could not put controls into the recording of $s"
			check "$s $m ${v:+(all variants) }live controls" replay rec.json --headless --json
			check "$s $m ${v:+(all variants) }live controls --verify" replay rec.json --verify
			rm -f "$tmp/rec.json"
		done
	done
done

# Step mode: both builds step the same shops with the same control changes, and
# print what each step did and a hash of the snapshot after it.
cat >"$tmp/steps_test.go" <<'GO'
package model

import (
	"crypto/sha256"
	"fmt"
	"os"
	"testing"
)

func TestCompareBuildsSteps(t *testing.T) {
	f, err := os.Create(os.Getenv("BREWLOOP_STEPS_OUT"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all := []string{"customers.order_time=uniform(1s, 5s)", "customers.patience=exponential(20s)",
		"shop.queue_capacity=3", "shop.executor_workers=2"}
	// 3 scenarios x 4 modes x 2 variants x 1500 steps: 36000 lines.
	for _, sc := range []string{"coffee-shop", "mmc", "rush-hour"} {
		for _, mode := range []string{"async", "hands-on", "blocking", "executor"} {
			for _, extra := range [][]string{nil, all} {
				s := newShopT(t, resolveT(t, sc, append([]string{"shop.brew_mode=" + mode}, extra...)...))
				for i := 0; i < 1500; i++ {
					switch i {
					case 300:
						compareSet(s, "baristas", "1")
					case 500:
						compareSet(s, "brew_mode", "blocking")
					case 700:
						compareSet(s, "machines", "1")
					case 900:
						compareSet(s, "baristas", "5")
						compareSet(s, "brew_mode", "executor")
					case 1100:
						compareSet(s, "brew_mode", "async")
						compareSet(s, "baristas", "2")
					case 1300:
						compareSet(s, "brew_mode", "hands-on")
						compareSet(s, "machines", "3")
					}
					s.Step()
					snap := s.Snapshot()
					theory := ""
					if snap.Theory != nil { // a pointer: print what it points to
						theory = fmt.Sprintf("%+v", *snap.Theory)
						snap.Theory = nil
					}
					fmt.Fprintf(f, "%s %s %d %s | %x %s\n", sc, mode, i, snap.LastStep,
						sha256.Sum256([]byte(fmt.Sprintf("%+v", snap))), theory)
				}
				s.Close()
			}
		}
	}
}
GO
# compareSet makes one control change through the API of the build at hand: the
# setters of model.Shop, with the brew mode in package model or in model/config,
# or a Player's Apply.
cat >"$tmp/set_model.go" <<'GO'
package model

import "strconv"

func compareSet(s *Shop, ctl, v string) {
	n, _ := strconv.Atoi(v)
	switch ctl {
	case "baristas":
		s.SetBaristas(n)
	case "machines":
		s.SetMachines(n)
	case "brew_mode":
		m, _ := ParseBrewMode(v)
		s.SetBrewMode(m)
	}
}
GO
sed -e 's#^import "strconv"#import (\n\t"strconv"\n\n\t"github.com/brewloop/brewloop/model/config"\n)#' \
	-e 's/ParseBrewMode(v)/config.ParseBrewMode(v)/' "$tmp/set_model.go" >"$tmp/set_config.go"
# A build whose shops run through a Player (model.Live) changes controls with
# one typed Apply.
cat >"$tmp/set_player.go" <<'GO'
package model

import (
	"strconv"

	"github.com/brewloop/brewloop/model/config"
)

func compareSet(p *Player, ctl, v string) {
	n, _ := strconv.Atoi(v)
	switch ctl {
	case "baristas":
		p.Apply(Baristas(n))
	case "machines":
		p.Apply(Machines(n))
	case "brew_mode":
		m, _ := config.ParseBrewMode(v)
		p.Apply(BrewMode(m))
	}
}
GO
steps_ok=1
for side in old new; do
	dir=$tmp/src
	[ "$side" = new ] && dir=$root
	set=$tmp/set_model.go
	[ -f "$dir/model/config/mode.go" ] && set=$tmp/set_config.go
	grep -q '^func Live(' "$dir/model/player.go" 2>/dev/null && set=$tmp/set_player.go
	printf '{"Replace": {"%s": "%s", "%s": "%s"}}\n' "$dir/model/zz_compare_builds_steps_test.go" "$tmp/steps_test.go" \
		"$dir/model/zz_compare_builds_set_test.go" "$set" >"$tmp/overlay-$side.json"
	(cd "$dir" && BREWLOOP_STEPS_OUT="$tmp/steps-$side.txt" go test -count=1 -overlay "$tmp/overlay-$side.json" \
		-run '^TestCompareBuildsSteps$' ./model >"$tmp/steps-$side.log" 2>&1) &
done
for side in old new; do
	wait -n || steps_ok=0
done
cases=$((cases + 1))
if [ "$steps_ok" = 0 ]; then
	diffs=$((diffs + 1))
	echo "DIFFERS  step mode: the step test did not run on both builds:"
	tail -n 5 "$tmp/steps-old.log" "$tmp/steps-new.log"
elif [ "$(wc -l <"$tmp/steps-new.txt")" -ne 36000 ]; then
	diffs=$((diffs + 1))
	echo "DIFFERS  step mode: $(wc -l <"$tmp/steps-new.txt") steps written, want 36000"
elif ! cmp -s "$tmp/steps-old.txt" "$tmp/steps-new.txt"; then
	diffs=$((diffs + 1))
	echo "DIFFERS  step mode: first different step:"
	diff "$tmp/steps-old.txt" "$tmp/steps-new.txt" | head -n 4
fi

echo "$cases cases, $diffs differences"
[ "$diffs" -eq 0 ]
