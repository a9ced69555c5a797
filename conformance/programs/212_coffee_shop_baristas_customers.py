# Tutorial coffee shop: customers put (drink, future) every 0.1; baristas set it unless the customer
# left (wait_for(future, patience)); main joins the queue, then cancels the baristas.
import asyncio

import vtloop as vt

async def barista(name, orders):
    while True:
        who, drink, fut = await orders.get()
        if fut.cancelled():
            vt.say(name, f"skips {who}'s {drink}")
        else:
            await asyncio.sleep({"espresso": 0.2, "latte": 0.3}[drink])
            if fut.cancelled():
                vt.say(name, f"{who}'s {drink} wasted")
            else:
                fut.set_result(f"{drink} by {name}")
        orders.task_done()

async def customer(who, drink, patience, orders):
    fut = asyncio.get_running_loop().create_future()
    await orders.put((who, drink, fut))
    try:
        got = await asyncio.wait_for(fut, patience)
        vt.say(who, f"got {got}")
    except TimeoutError:
        vt.say(who, "leaves")

async def main():
    orders = asyncio.Queue()
    bs = [asyncio.create_task(barista(n, orders)) for n in ("kim", "lee")]
    plan = [("ann", "latte", 1), ("bob", "espresso", 0.3), ("cy", "latte", 0.4),
            ("dee", "espresso", 0.4), ("eve", "espresso", 0.2)]
    cs = []
    for who, drink, patience in plan:
        cs.append(asyncio.create_task(customer(who, drink, patience, orders)))
        await asyncio.sleep(0.1)
    await orders.join()
    vt.say("main", "queue joined")
    await asyncio.gather(*cs)
    for b in bs: b.cancel()
    await asyncio.wait(bs)
    vt.say("main", f"closed t={vt.now()}")

asyncio.run(main(), loop_factory=vt.VirtualLoop)
