# A hand-made bounded buffer on a Condition: producers wait_for(len(buf) < 2), consumers
# wait_for(buf), everyone notify_all()s after a change; two producers and two consumers with equal
# pauses collide at every 0.1.
import asyncio

import vtloop as vt

buf = []


async def producer(name, cond, items):
    for item in items:
        async with cond:
            await cond.wait_for(lambda: len(buf) < 2)
            buf.append(item)
            vt.say(name, f"put {item} buf={buf}")
            cond.notify_all()
        await asyncio.sleep(0.1)


async def consumer(name, cond, n):
    for _ in range(n):
        async with cond:
            await cond.wait_for(lambda: buf)
            item = buf.pop(0)
            vt.say(name, f"took {item} buf={buf}")
            cond.notify_all()
        await asyncio.sleep(0.2)


async def main():
    cond = asyncio.Condition()
    await asyncio.gather(producer("p1", cond, ["a1", "a2", "a3"]), producer("p2", cond, ["b1", "b2", "b3"]),
                         consumer("c1", cond, 3), consumer("c2", cond, 3))
    vt.say("main", f"buf={buf}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
