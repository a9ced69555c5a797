# BoundedSemaphore: releasing more than acquired raises ValueError; a plain Semaphore just grows.
import asyncio

import vtloop as vt


async def main():
    plain = asyncio.Semaphore(1)
    plain.release()
    vt.say("main", f"plain semaphore after extra release: locked={plain.locked()}")
    await plain.acquire()
    await plain.acquire()
    vt.say("main", f"plain acquired twice: locked={plain.locked()}")
    bounded = asyncio.BoundedSemaphore(2)
    await bounded.acquire()
    bounded.release()
    try:
        bounded.release()
    except ValueError as e:
        vt.say("main", f"bounded: {vt.err(e)}")
    async with bounded:
        async with bounded:
            vt.say("main", f"bounded both held: locked={bounded.locked()}")
    vt.say("main", f"bounded free again: locked={bounded.locked()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
