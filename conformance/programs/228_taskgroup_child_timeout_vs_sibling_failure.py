# A child's timeout expires at the instant a sibling fails: deadline first -> its TimeoutError and
# it carries on; the group's cancel first -> the deadline does not make it a TimeoutError.
import asyncio

import vtloop as vt


async def careful(name, budget):
    try:
        async with asyncio.timeout(budget):
            await asyncio.sleep(1)
    except TimeoutError:
        vt.say(name, f"own timeout, cancelling={asyncio.current_task().cancelling()}")
        await asyncio.sleep(0)
        vt.say(name, "carried on")
    except asyncio.CancelledError:
        vt.say(name, f"cancelled by the group, cancelling={asyncio.current_task().cancelling()}")
        raise


async def failing(secs):
    await asyncio.sleep(secs)
    raise ValueError("sibling failed")


async def round_(label, first):
    try:
        async with asyncio.TaskGroup() as tg:
            if first == "timeout":
                tg.create_task(careful(label, 0.3))
                tg.create_task(failing(0.3))
            else:
                tg.create_task(failing(0.3))
                await asyncio.sleep(0)
                tg.create_task(careful(label, 0.3))
    except* ValueError:
        vt.say("main", f"{label}: group failed t={vt.now()}")


async def main():
    await round_("r1", "timeout")
    await round_("r2", "failure")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
