# A watchdog: asyncio.timeout(0.3) around a stream of chunks, rescheduled to now + 0.3 after each
# chunk; gaps of 0.1, 0.2, 0.3 (the last one lands on the deadline) - then the same with gaps
# written as float sums that miss it by the last bit.
import asyncio

import vtloop as vt


async def stream(name, gaps):
    loop = asyncio.get_running_loop()
    got = 0
    try:
        async with asyncio.timeout(0.3) as cm:
            for gap in gaps:
                await asyncio.sleep(gap)
                got += 1
                cm.reschedule(loop.time() + 0.3)
                vt.say(name, f"chunk {got}, deadline {cm.when()!r}")
    except TimeoutError:
        vt.say(name, f"stalled after {got} chunks, t={vt.now()}")
    else:
        vt.say(name, f"complete, expired={cm.expired()}")


async def main():
    await stream("s1", [0.1, 0.2, 0.3, 0.1])
    await stream("s2", [0.1, 0.2, 0.1 + 0.2, 0.2 + 0.1])
    await stream("s3", [0.2 + 0.1 - 0.1, 0.29999999999999993])


asyncio.run(main(), loop_factory=vt.VirtualLoop)
