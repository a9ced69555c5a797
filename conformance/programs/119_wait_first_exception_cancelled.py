# wait(FIRST_EXCEPTION): a cancelled task does not count as an exception, a failed one does;
# with no failure it behaves as ALL_COMPLETED. The failure is not raised by wait: it stays in the
# task until someone reads it. Classes 2, API.
import asyncio

import vtloop as vt


async def brew(name, seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise ValueError(f"{name} burnt")
    return name


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def main():
    a = asyncio.create_task(brew("a", 3), name="a")
    b = asyncio.create_task(brew("b", 5), name="b")
    c = asyncio.create_task(brew("c", 4, fail=True), name="c")
    asyncio.get_running_loop().call_later(1, b.cancel)
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_EXCEPTION)
    vt.say("main", f"done={names(done)} pending={names(pending)}")
    vt.say("main", f"c.exception() = {vt.err(c.exception())}")
    d = asyncio.create_task(brew("d", 1), name="d")
    e = asyncio.create_task(brew("e", 2), name="e")
    e.cancel()
    done, pending = await asyncio.wait([d, e], return_when=asyncio.FIRST_EXCEPTION)
    vt.say("main", f"no failure: done={names(done)} pending={names(pending)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
