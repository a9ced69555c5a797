# Class 2: a cancels b's task it awaits, b's cancel reaches c's task, c's reaches its sleep: the
# CancelledError then unwinds from the innermost task outwards, one hop per task.
import asyncio

import vtloop as vt


async def c():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        vt.say("c", f"caught {vt.err(e)}")
        raise


async def b():
    try:
        await asyncio.create_task(c())
    except asyncio.CancelledError as e:
        vt.say("b", f"caught {vt.err(e)}")
        raise


async def a():
    try:
        await asyncio.create_task(b())
    except asyncio.CancelledError as e:
        vt.say("a", f"caught {vt.err(e)}")
        raise


async def main():
    t = asyncio.create_task(a())
    await asyncio.sleep(1)
    t.cancel("stop the line")
    await asyncio.gather(t, return_exceptions=True)
    vt.say("main", f"a cancelled={t.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
