# Nested gathers: cancelling the task awaiting gather(gather(a, b), c) cancels the inner gather,
# hence a and b; a child that catches it and returns later does not hold the caller up. Class 2.
import asyncio

import vtloop as vt


async def child(name, seconds, stubborn=False):
    try:
        await asyncio.sleep(seconds)
        return vt.say(name, "finished")
    except asyncio.CancelledError:
        vt.say(name, "cancelled")
        if stubborn:  # returns a value after all
            await asyncio.sleep(0.5)
            vt.say(name, "returns anyway")
            return name
        raise


async def caller():
    a = asyncio.create_task(child("a", 5, stubborn=True), name="a")
    b = asyncio.create_task(child("b", 5), name="b")
    c = asyncio.create_task(child("c", 5), name="c")
    inner = asyncio.gather(a, b)
    try:
        await asyncio.gather(inner, c)
    except asyncio.CancelledError as e:
        vt.say("caller", f"caught {vt.err(e)}; inner cancelled={inner.cancelled()}")
        await asyncio.sleep(1)
        vt.say("caller", f"a={a.result()} b cancelled={b.cancelled()} c cancelled={c.cancelled()}")
        raise


async def main():
    t = asyncio.create_task(caller(), name="caller")
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        vt.say("main", f"caller cancelled={t.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
