# Coffee shop, hands-on mode: an arrival task lets customers in at fixed gaps into a bounded
# queue (balking when full); one barista brews each drink itself; the shop closes with shutdown.
import asyncio

import vtloop as vt


async def arrivals(queue):
    for n, gap in enumerate([0.5, 0.5, 0.25, 0.25, 0.25, 3]):
        await asyncio.sleep(gap)
        try:
            queue.put_nowait(f"c{n}")
            vt.say(f"c{n}", f"joins the queue ({queue.qsize()} waiting)")
        except asyncio.QueueFull:
            vt.say(f"c{n}", "queue full, walks away")
    queue.shutdown()


async def barista(queue):
    served = 0
    try:
        while True:
            who = await queue.get()
            vt.say("barista", f"brewing for {who}")
            await asyncio.sleep(1)
            served += 1
    except asyncio.QueueShutDown:
        vt.say("barista", f"shop closed after {served} drinks")


async def main():
    queue = asyncio.Queue(maxsize=2)
    await asyncio.gather(arrivals(queue), barista(queue))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
