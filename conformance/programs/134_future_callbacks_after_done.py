# Done-callbacks and the moment a future completes: removing one before set_result stops it
# (remove returns 1); a callback added to a future already done is queued at once, behind
# handles already ready, and removing it then returns 0 and does not stop it; a callback that
# adds another one to the same done future queues it for the next iteration. Classes 5, API.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def cb(name):
        def run(f):
            vt.say(name, f"result {f.result()}")
            if name == "first":
                f.add_done_callback(cb("added-by-first"))
        return run

    first, gone, late = cb("first"), cb("gone"), cb("late")
    fut.add_done_callback(first)
    fut.add_done_callback(gone)
    vt.say("main", f"remove gone -> {fut.remove_done_callback(gone)}")
    loop.call_soon(vt.say, "soon", "queued before set_result")
    fut.set_result(7)
    loop.call_soon(vt.say, "soon", "queued after set_result")
    fut.add_done_callback(late)
    vt.say("main", f"remove late -> {fut.remove_done_callback(late)}")
    await asyncio.sleep(0)
    vt.say("main", "after one sleep(0)")
    await asyncio.sleep(0)
    vt.say("main", "after two")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
