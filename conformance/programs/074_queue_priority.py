# PriorityQueue: the smallest item comes out first (a heap of tuples); equal priorities are
# broken by the second field.
import asyncio

import vtloop as vt


async def main():
    q = asyncio.PriorityQueue()
    for item in [(2, "latte"), (1, "espresso"), (3, "tea"), (1, "americano"), (2, "cappuccino")]:
        await q.put(item)
    while not q.empty():
        priority, drink = await q.get()
        vt.say("main", f"{priority} {drink}")
    waiter = asyncio.create_task(q.get())
    await asyncio.sleep(1)
    q.put_nowait((5, "water"))
    q.put_nowait((0, "vip"))
    vt.say("main", f"waiter got {(await waiter)[1]}, left {q.get_nowait()[1]}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
