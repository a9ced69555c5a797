# The docs' "keep a reference" idiom: background_tasks.add(task) and
# task.add_done_callback(background_tasks.discard), plus a printing done-callback; tasks ending at
# the same instant run their callbacks in the order they ended, each callback in registration order.
import asyncio

import vtloop as vt

background_tasks = set()


def report(task):
    outcome = "cancelled" if task.cancelled() else vt.err(task.exception()) if task.exception() else task.result()
    vt.say("callback", f"{task.get_name()} -> {outcome}, left={len(background_tasks)}")


async def job(n, secs):
    await asyncio.sleep(secs)
    if n == 2:
        raise ValueError("job 2")
    return f"r{n}"


async def main():
    for n, secs in enumerate((0.2, 0.1, 0.2, 0.3, 0.1 + 0.1)):
        task = asyncio.create_task(job(n, secs), name=f"job{n}")
        if n % 2:
            task.add_done_callback(report)
            task.add_done_callback(background_tasks.discard)
        else:
            task.add_done_callback(background_tasks.discard)
            task.add_done_callback(report)
        background_tasks.add(task)
    await asyncio.sleep(0.25)
    for t in sorted(background_tasks, key=lambda t: t.get_name()):
        t.cancel()
    vt.say("main", f"left={len(background_tasks)}")
    await asyncio.sleep(0)
    vt.say("main", f"left={len(background_tasks)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
