# Class 8: a party cancelled while the barrier is filling leaves it (n_waiting drops); the
# barrier then needs another party to fill.
import asyncio

import vtloop as vt


async def party(name, barrier):
    try:
        index = await barrier.wait()
        vt.say(name, f"passes with index {index}")
    except asyncio.CancelledError:
        vt.say(name, f"cancelled while waiting, n_waiting={barrier.n_waiting}")
        raise


async def main():
    barrier = asyncio.Barrier(3)
    a = asyncio.create_task(party("a", barrier))
    b = asyncio.create_task(party("b", barrier))
    await asyncio.sleep(1)
    vt.say("main", f"n_waiting={barrier.n_waiting}, cancel a")
    a.cancel()
    await asyncio.sleep(1)
    vt.say("main", f"n_waiting={barrier.n_waiting}")
    c = asyncio.create_task(party("c", barrier))
    d = asyncio.create_task(party("d", barrier))
    await asyncio.gather(b, c, d)
    vt.say("main", f"a cancelled={a.cancelled()} broken={barrier.broken}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
