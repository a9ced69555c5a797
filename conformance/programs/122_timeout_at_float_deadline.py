# timeout_at with float deadlines. A task sleeping 0.1 three times from 0 ends at
# 0.30000000000000004; a deadline at 0.3 fires in the same iteration, first, and cancels the
# awaited task. From 0.3 the task ends at 0.6 and the deadline 0.3 + (0.1 + 0.2) is a bit later,
# same iteration: the task's timer runs first but its step is only queued, so it is cancelled
# all the same. reschedule() to a float sum. Classes 12, 6, 1.
import asyncio

import vtloop as vt


async def steps(name):
    for _ in range(3):
        await asyncio.sleep(0.1)
    vt.say(name, f"done at {vt.now()}")
    return name


async def race(label, when):
    t = asyncio.create_task(steps(label), name=label)
    await asyncio.sleep(0)
    start = vt.now()
    try:
        async with asyncio.timeout_at(start + when):
            vt.say("main", f"{label}: {await t}")
    except TimeoutError:
        vt.say("main", f"{label}: TimeoutError at {vt.now()}, task cancelled={t.cancelled()}")


async def main():
    await race("exact", 0.3)
    await race("sum", 0.1 + 0.2)
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(None) as cm:
            cm.reschedule(loop.time() + 0.1 + 0.2)
            vt.say("main", f"when={cm.when()}")
            await asyncio.sleep(0.3)
            vt.say("main", "slept 0.3 inside a deadline of 0.1 + 0.2")
    except TimeoutError:
        vt.say("main", f"TimeoutError at {vt.now()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
