# The caller awaiting shield(inner) is cancelled; inner runs on and later fails. The failure is
# not the caller's: it went on after its CancelledError. Whoever awaits inner afterwards gets the
# error; a second shield of the same running inner by another task gets it too. Class 2, API.
import asyncio

import vtloop as vt


async def brew():
    await asyncio.sleep(2)
    vt.say("brew", "machine jams")
    raise RuntimeError("jammed")


async def customer(name, inner):
    try:
        await asyncio.shield(inner)
    except asyncio.CancelledError:
        vt.say(name, f"cancelled; inner done={inner.done()}")
        raise
    except RuntimeError as e:
        vt.say(name, f"shield raised {vt.err(e)}")


async def main():
    inner = asyncio.create_task(brew(), name="brew")
    c1 = asyncio.create_task(customer("c1", inner), name="c1")
    c2 = asyncio.create_task(customer("c2", inner), name="c2")
    await asyncio.sleep(1)
    c1.cancel()
    await asyncio.sleep(0)
    vt.say("main", f"c1 done={c1.done()} cancelled={c1.cancelled()}")
    await c2
    try:
        await inner
    except RuntimeError as e:
        vt.say("main", f"await inner: {vt.err(e)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
