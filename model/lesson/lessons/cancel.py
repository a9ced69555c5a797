# cancel: a task created, then cancelled; what done(), cancelled() and result() say.
import asyncio

from say import run, say  # say(text) prints the loop time, the task's name and text


async def brew(drink, seconds):
    say(f"brewing {drink} ({seconds} s)")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        say(f"{drink} cancelled")
        raise
    say(f"{drink} ready")
    return drink


def report(task):
    try:
        result = f"returns {task.result()!r}"
    except (asyncio.CancelledError, asyncio.InvalidStateError) as err:
        result = f"raises {type(err).__name__}"
    say(f"{task.get_name()}: done() {task.done()}, cancelled() {task.cancelled()}, result() {result}")


async def main():
    espresso = asyncio.create_task(brew("espresso", 1), name="espresso")
    latte = asyncio.create_task(brew("latte", 5), name="latte")
    report(latte)
    await asyncio.sleep(2)
    report(espresso)
    say("latte.cancel()")
    latte.cancel()
    report(latte)  # cancel() only asks: the latte has not seen it yet
    try:
        await latte
    except asyncio.CancelledError:
        say("await latte raised CancelledError")
    report(latte)


run(main)
