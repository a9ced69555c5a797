# cancel("msg") of a task waiting in different places: the message reaches it through a sleep,
# shield, asyncio.wait, Event.wait, Lock.acquire, Queue.get and a gather of one child (whose
# own CancelledError carries the message back). Class 2, API.
import asyncio

import vtloop as vt


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    event, queue = asyncio.Event(), asyncio.Queue()
    long = asyncio.create_task(asyncio.sleep(100), name="long")
    waits = {
        "sleep": lambda: asyncio.sleep(100),
        "shield": lambda: asyncio.shield(long),
        "wait": lambda: asyncio.wait([long]),
        "event": event.wait,
        "lock": lock.acquire,
        "queue": queue.get,
        "gather": lambda: asyncio.gather(asyncio.sleep(100)),
    }

    async def waiter(name, make):
        try:
            await make()
        except asyncio.CancelledError as e:
            vt.say(name, f"{vt.err(e)}")

    tasks = [asyncio.create_task(waiter(n, m), name=n) for n, m in waits.items()]
    await asyncio.sleep(1)
    for t in tasks:
        t.cancel(f"stop {t.get_name()}")
    await asyncio.gather(*tasks)
    long.cancel()


asyncio.run(main(), loop_factory=vt.VirtualLoop)
