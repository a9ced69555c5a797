# LifoQueue and PriorityQueue getters under wait_for: one times out as an item arrives at the
# deadline (the item stays), a cancelled getter passes its wake-up on.
import asyncio

import vtloop as vt


async def getter(name, q, patience):
    try:
        item = await asyncio.wait_for(q.get(), patience)
        vt.say(name, f"got {item}")
    except TimeoutError:
        vt.say(name, f"timed out, qsize={q.qsize()}")
    except asyncio.CancelledError:
        vt.say(name, "cancelled")


async def main():
    loop = asyncio.get_running_loop()
    lifo, prio = asyncio.LifoQueue(), asyncio.PriorityQueue()
    gs = [asyncio.create_task(getter("l0", lifo, 1)), asyncio.create_task(getter("l1", lifo, 3)),
          asyncio.create_task(getter("p0", prio, 3)), asyncio.create_task(getter("p1", prio, 3))]
    await asyncio.sleep(0)
    loop.call_later(1, lifo.put_nowait, "top")
    await asyncio.sleep(2)
    prio.put_nowait(2)
    prio.put_nowait(1)
    gs[2].cancel()
    await asyncio.gather(*gs)
    vt.say("main", f"lifo={lifo.qsize()} prio={prio.qsize()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
