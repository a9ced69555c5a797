# PriorityQueue(maxsize=2): putters wait in FIFO order for slots; each get_nowait returns the
# lowest item present, and a blocked low-priority put lands only after a slot frees.
import asyncio

import vtloop as vt


async def putter(name, q, item):
    await q.put(item)
    vt.say(name, f"put {item}")


async def main():
    q = asyncio.PriorityQueue(maxsize=2)
    q.put_nowait((5, "tea"))
    q.put_nowait((3, "latte"))
    ps = [asyncio.create_task(putter(f"p{i}", q, item))
          for i, item in enumerate([(1, "espresso"), (4, "mocha"), (0, "water")])]
    await asyncio.sleep(1)
    for _ in range(5):
        vt.say("main", f"get {q.get_nowait()}")
        await asyncio.sleep(0)
        await asyncio.sleep(0)
    await asyncio.gather(*ps)
    vt.say("main", f"empty={q.empty()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
