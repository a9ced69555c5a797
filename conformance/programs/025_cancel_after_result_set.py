# Class 2: the future a task awaits gets its result, and the task is cancelled in the same step
# before it ran. The future is already done, so the cancel is remembered (_must_cancel) and the
# task gets CancelledError instead of the value.
import asyncio

import vtloop as vt


async def customer(name, drink):
    try:
        vt.say(name, f"got {await drink}")
    except asyncio.CancelledError:
        vt.say(name, f"CancelledError although drink done={drink.done()}")
        raise


async def main():
    loop = asyncio.get_running_loop()
    d1, d2 = loop.create_future(), loop.create_future()
    t1 = asyncio.create_task(customer("ann", d1))
    t2 = asyncio.create_task(customer("bob", d2))
    await asyncio.sleep(1)
    d1.set_result("latte")
    vt.say("main", f"cancel ann after her drink is set -> {t1.cancel()}")
    vt.say("main", f"cancel bob before his drink is set -> {t2.cancel()}")
    vt.say("main", f"bob's drink cancelled={d2.cancelled()}")
    await asyncio.gather(t1, t2, return_exceptions=True)
    vt.say("main", f"ann cancelled={t1.cancelled()} bob cancelled={t2.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
