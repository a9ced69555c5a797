# Two cancel(msg) calls in one step: a task parked on a future keeps the first message (the
# future was cancelled with it; the second request only sets _must_cancel), a task in a bare
# sleep(0) gets the second (each request overwrites the message). cancelling() counts both.
# Classes 2, 4.
import asyncio

import vtloop as vt


async def victim(name, d):
    me = asyncio.current_task()
    try:
        await asyncio.sleep(d)
        vt.say(name, "slept")
    except asyncio.CancelledError as e:
        vt.say(name, f"{vt.err(e)}, cancelling={me.cancelling()}")
    try:
        await asyncio.sleep(0)
        vt.say(name, "second await passed")
    except asyncio.CancelledError as e:
        vt.say(name, f"second await: {vt.err(e)}")


async def main():
    for name, d in (("parked", 1), ("yielding", 0)):
        t = asyncio.create_task(victim(name, d), name=name)
        await asyncio.sleep(0)
        vt.say("main", f"first -> {t.cancel('first')}, second -> {t.cancel('second')}")
        await t
    t = asyncio.create_task(victim("fresh", 1), name="fresh")
    vt.say("main", f"before start: {t.cancel('one')} {t.cancel('two')} {t.cancel('three')}")
    try:
        await t
    except asyncio.CancelledError as e:
        vt.say("main", f"fresh -> {vt.err(e)}, cancelled={t.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
