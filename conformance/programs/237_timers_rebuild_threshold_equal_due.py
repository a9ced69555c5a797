# 101 timers in the heap, 60 due at 2 s: cancelling exactly half does not rebuild the heap (the
# cancelled ones are popped at the head); one cancel more, made by a callback at 1 s, crosses the
# threshold and heapify reorders the equal-time timers that are left. Class 1.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    fired = []
    ties = [loop.call_at(2.0, fired.append, f"t{i}") for i in range(60)]
    early = [loop.call_at(1.0 + i / 100, fired.append, f"e{i}") for i in range(40)]
    for h in ties[::2]:
        h.cancel()
    for h in early[:20]:
        h.cancel()
    vt.say("main", f"cancelled {sum(h.cancelled() for h in ties + early)} of {len(ties) + len(early)}")
    loop.call_at(1.0, lambda: ties[1].cancel())
    await asyncio.sleep(3)
    vt.say("main", f"{len(fired)} fired")
    for i in range(0, len(fired), 15):
        vt.say("main", " ".join(fired[i:i + 15]))
    fired.clear()
    hs = [loop.call_at(4.0, fired.append, f"u{i}") for i in range(102)]
    for h in hs[:51]:
        h.cancel()
    await asyncio.sleep(2)
    vt.say("main", "after 51 of 103: " + " ".join(fired[:12]))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
