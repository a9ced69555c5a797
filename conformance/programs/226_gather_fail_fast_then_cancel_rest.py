# The learner's fail-fast: `await gather(*tasks)` raises at the first failure; the except block
# cancels the others and gathers them again with return_exceptions while their handlers await.
# Two tasks fail at the same instant; only the first failure reaches main.
import asyncio

import vtloop as vt


async def step(name, secs, fail=False):
    try:
        await asyncio.sleep(secs)
        if fail:
            raise ValueError(f"{name} failed")
        return name
    except asyncio.CancelledError:
        await asyncio.sleep(0.05)
        vt.say(name, "cleaned up")
        raise


async def main():
    tasks = [asyncio.create_task(step("a", 0.3)), asyncio.create_task(step("b", 0.2, True)),
             asyncio.create_task(step("c", 0.1 + 0.1, True)), asyncio.create_task(step("d", 0.2))]
    try:
        await asyncio.gather(*tasks)
    except ValueError as e:
        vt.say("main", f"gather raised {vt.err(e)}")
        for t in tasks:
            t.cancel()
        res = await asyncio.gather(*tasks, return_exceptions=True)
        vt.say("main", f"{[r if isinstance(r, str) else vt.err(r) for r in res]}")
    vt.say("main", f"t={vt.now()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
