# Class 6: wait_for around work that finishes exactly at the deadline. Since 3.12 wait_for is
# built on timeout(); which timer is popped first at the shared instant decides the outcome.
import asyncio

import vtloop as vt


async def brew(name, seconds):
    await asyncio.sleep(seconds)
    vt.say(name, "brewed")
    return name


async def attempt(name, seconds, limit):
    try:
        value = await asyncio.wait_for(brew(name, seconds), limit)
        vt.say(name, f"wait_for returned {value}")
    except TimeoutError as e:
        vt.say(name, f"wait_for raised {vt.err(e)}")


async def main():
    await attempt("exact", 2, 2)
    await attempt("early", 1, 2)
    await attempt("late", 3, 2)
    await asyncio.gather(attempt("g1", 1, 1), attempt("g2", 1, 1), attempt("g3", 1, 1))
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
