# wait(FIRST_EXCEPTION, timeout=1) where a task fails at exactly 1 s and another is cancelled then:
# if the failing task's timer was pushed first it counts as done; if wait's timer was first the
# wait returns with nothing done. Classes 6, 1, API.
import asyncio

import vtloop as vt


async def fail(name):
    await asyncio.sleep(1)
    raise OSError(name + " boiler")


async def slow():
    await asyncio.sleep(5)


def names(fs):
    return ",".join(sorted(f.get_name() for f in fs)) or "-"


async def main():
    loop = asyncio.get_running_loop()
    for label, started in (("started", True), ("fresh", False)):
        a = asyncio.create_task(fail(label + "-a"), name=label + "-a")
        b = asyncio.create_task(slow(), name=label + "-b")
        loop.call_later(1, b.cancel)
        if started:
            await asyncio.sleep(0)
        done, pending = await asyncio.wait([a, b], timeout=1, return_when=asyncio.FIRST_EXCEPTION)
        vt.say("main", f"{label}: done={names(done)} pending={names(pending)}")
        for t in (a, b):
            try:
                await t
            except BaseException as e:
                vt.say("main", f"{label}: {t.get_name()} {vt.err(e)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
