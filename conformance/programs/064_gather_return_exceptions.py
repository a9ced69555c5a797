# gather(return_exceptions=True): results and exceptions come back in argument order, whatever
# the completion order; a cancelled child shows up as a CancelledError value.
import asyncio

import vtloop as vt


async def job(name, delay, error=None):
    await asyncio.sleep(delay)
    vt.say(name, "ends")
    if error:
        raise error
    return name


async def main():
    victim = asyncio.create_task(job("victim", 5))
    asyncio.get_running_loop().call_later(1.5, victim.cancel)
    results = await asyncio.gather(
        job("slow", 3), job("boom", 1, LookupError("no sugar")), victim, job("fast", 2),
        return_exceptions=True)
    for r in results:
        vt.say("main", vt.err(r) if isinstance(r, BaseException) else f"value {r}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
