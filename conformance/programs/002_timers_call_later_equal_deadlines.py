# Class 1: call_later/call_at handles due at the same instant fire in heapq order.
# Eight callbacks share one deadline; the heap (comparing only the due time) decides their order.
import asyncio

import vtloop as vt


def ring(n):
    vt.say("timer", f"callback {n}")


async def main():
    loop = asyncio.get_running_loop()
    for n in range(6):
        loop.call_later(2, ring, n)
    loop.call_at(loop.time() + 2, ring, 6)
    loop.call_at(2.0, ring, 7)
    vt.say("main", "scheduled 8 callbacks for 2 s")
    await asyncio.sleep(3)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
