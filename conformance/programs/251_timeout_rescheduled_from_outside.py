# A timeout rescheduled by someone else: another task extends a worker's deadline, a callback
# pulls one into the past (its cancel arrives through call_soon); and a block whose deadline is
# made due (reschedule(now)) but that exits before the handle runs: no TimeoutError, and the
# next await is not cancelled. Classes 6, API.
import asyncio

import vtloop as vt


async def worker(name, boxes):
    try:
        async with asyncio.timeout(1) as cm:
            boxes[name] = cm
            await asyncio.sleep(3)
    except TimeoutError:
        vt.say(name, f"TimeoutError, when={cm.when()}")


async def main():
    loop = asyncio.get_running_loop()
    boxes = {}
    a = asyncio.create_task(worker("extended", boxes), name="extended")
    b = asyncio.create_task(worker("pulled", boxes), name="pulled")
    await asyncio.sleep(0.5)
    boxes["extended"].reschedule(loop.time() + 2)
    loop.call_later(0.25, lambda: boxes["pulled"].reschedule(0.1))
    await asyncio.gather(a, b)
    async with asyncio.timeout(5) as cm:
        cm.reschedule(loop.time())
        vt.say("main", f"due now, expired={cm.expired()}")
    await asyncio.sleep(0)
    vt.say("main", f"next await passed, expired={cm.expired()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
