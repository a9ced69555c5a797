# Closing the coffee shop with Queue.shutdown(): customers keep arriving every 0.1; at closing
# time (0.5) the order queue is shut down; late customers are turned away (QueueShutDown on put),
# baristas finish what is queued and leave when get() raises QueueShutDown.
import asyncio

import vtloop as vt


async def barista(name, orders, secs):
    made = 0
    while True:
        try:
            who = await orders.get()
        except asyncio.QueueShutDown:
            vt.say(name, f"goes home after {made} drinks")
            return made
        await asyncio.sleep(secs)
        made += 1
        vt.say(name, f"served {who}")
        orders.task_done()


async def customer(n, orders):
    try:
        await orders.put(f"c{n}")
    except asyncio.QueueShutDown:
        vt.say(f"c{n}", "turned away")


async def main():
    orders = asyncio.Queue(maxsize=2)
    bs = [asyncio.create_task(barista("kim", orders, 0.2)), asyncio.create_task(barista("lee", orders, 0.3))]
    cs = []
    for n in range(8):
        cs.append(asyncio.create_task(customer(n, orders)))
        if n == 5:
            orders.shutdown()
            vt.say("main", f"closing, qsize={orders.qsize()}")
        await asyncio.sleep(0.1)
    await asyncio.gather(*cs)
    made = await asyncio.gather(*bs)
    vt.say("main", f"made={made} t={vt.now()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
