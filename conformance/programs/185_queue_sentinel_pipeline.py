# A learner's pipeline: producer -> orders (maxsize 2) -> two baristas -> cups; each barista stops
# at a None sentinel; join() and gather show who finishes when.
import asyncio

import vtloop as vt


async def producer(orders):
    for i in range(5):
        await orders.put(f"o{i}")
        vt.say("producer", f"queued o{i} qsize={orders.qsize()}")
    for _ in range(2):
        await orders.put(None)


async def barista(name, orders, cups, pace):
    while True:
        order = await orders.get()
        if order is None:
            orders.task_done()
            vt.say(name, "off shift")
            return
        await asyncio.sleep(pace)
        await cups.put(f"{order}-by-{name}")
        orders.task_done()


async def main():
    orders, cups = asyncio.Queue(maxsize=2), asyncio.Queue()
    bs = [asyncio.create_task(barista("fast", orders, cups, 1)),
          asyncio.create_task(barista("slow", orders, cups, 1.5))]
    await producer(orders)
    await orders.join()
    vt.say("main", f"orders joined, cups={cups.qsize()}")
    await asyncio.gather(*bs)
    vt.say("main", " ".join(cups.get_nowait() for _ in range(cups.qsize())))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
