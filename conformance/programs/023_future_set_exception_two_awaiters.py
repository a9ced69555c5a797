# A future failed with an exception: each awaiter gets the same exception, in registration order;
# setting a result twice raises InvalidStateError.
import asyncio

import vtloop as vt


async def customer(name, drink):
    try:
        vt.say(name, f"got {await drink}")
    except RuntimeError as e:
        vt.say(name, f"failed: {vt.err(e)}")


async def main():
    loop = asyncio.get_running_loop()
    drink = loop.create_future()
    tasks = [asyncio.create_task(customer(n, drink)) for n in ("ann", "bob", "cy")]
    await asyncio.sleep(1.5)
    drink.set_exception(RuntimeError("machine broke"))
    try:
        drink.set_result("tea")
    except asyncio.InvalidStateError as e:
        vt.say("main", f"second set: {vt.err(e)}")
    await asyncio.gather(*tasks)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
