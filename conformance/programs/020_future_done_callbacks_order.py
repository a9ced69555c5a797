# Class 5: a future's done-callbacks run in registration order, each as its own ready handle,
# scheduled with call_soon when the result is set (so a call_soon made just before set_result
# runs before them, one made just after runs after them). remove_done_callback drops all copies.
import asyncio

import vtloop as vt


def cb(name):
    return lambda fut: vt.say(name, f"sees {fut.result()}")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    first, second, third = cb("cb1"), cb("cb2"), cb("cb3")
    fut.add_done_callback(first)
    fut.add_done_callback(second)
    fut.add_done_callback(third)
    fut.add_done_callback(second)
    vt.say("main", f"removed {fut.remove_done_callback(second)} copies of cb2")
    loop.call_soon(vt.say, "soon-before", "ran")
    fut.set_result("espresso")
    loop.call_soon(vt.say, "soon-after", "ran")
    fut.add_done_callback(cb("cb4-late"))
    vt.say("main", "result set")
    await asyncio.sleep(0)
    vt.say("main", "after one iteration")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
