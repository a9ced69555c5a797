# Class 6 and 11: wait_for(q.get(), 1) while an item is put at exactly 1 s. The deadline's timer
# was pushed first, so the get is cancelled; the item is not lost, it stays in the queue; a second
# getter woken by the same put takes it.
import asyncio

import vtloop as vt


async def impatient(q):
    try:
        vt.say("impatient", f"got {await asyncio.wait_for(q.get(), 1)}")
    except TimeoutError:
        vt.say("impatient", f"timed out, qsize={q.qsize()}")


async def patient(q):
    vt.say("patient", f"got {await q.get()}")


async def main():
    q = asyncio.Queue()
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(impatient(q))
    b = asyncio.create_task(patient(q))
    await asyncio.sleep(0)
    loop.call_later(1, q.put_nowait, "bagel")
    await asyncio.gather(a, b)
    vt.say("main", f"qsize={q.qsize()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
