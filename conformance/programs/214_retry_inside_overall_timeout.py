# Retry loop under an overall budget: asyncio.timeout(1.0) around attempts, each under
# wait_for(..., 0.3), with backoffs 0.1, 0.2, 0.4; the budget ends inside the third attempt. The
# second call's budget (0.3 + 0.1 + 0.3 + 0.2 = 0.9 from its start, written as a float sum) falls
# on an attempt's own deadline.
import asyncio

import vtloop as vt


async def attempt(n):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        vt.say("attempt", f"{n} cancelled, cancelling={asyncio.current_task().cancelling()}")
        raise


async def call(name, budget):
    n = 0
    try:
        async with asyncio.timeout(budget):
            while True:
                n += 1
                try:
                    await asyncio.wait_for(attempt(n), 0.3)
                except TimeoutError:
                    backoff = 0.1 * 2 ** (n - 1)
                    vt.say(name, f"attempt {n} timed out, retry in {backoff}")
                    await asyncio.sleep(backoff)
    except TimeoutError:
        vt.say(name, f"budget spent after {n} attempts t={vt.now()}")


async def main():
    await call("first", 1.0)
    await call("second", 0.3 + 0.1 + 0.3 + 0.2)
    vt.say("main", f"cancelling={asyncio.current_task().cancelling()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
