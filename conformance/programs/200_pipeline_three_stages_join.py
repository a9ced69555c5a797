# A learner's three-stage pipeline: take -> grind (Queue maxsize 1) -> brew -> serve, one worker
# per stage looping for ever with task_done; main joins each queue in turn, then cancels the
# workers and gathers them with return_exceptions. Stage times are all 0.1: they collide.
import asyncio

import vtloop as vt


async def stage(name, inbox, outbox, secs):
    try:
        while True:
            item = await inbox.get()
            await asyncio.sleep(secs)
            vt.say(name, f"{item} done")
            if outbox is not None:
                await outbox.put(item)
            inbox.task_done()
    except asyncio.CancelledError:
        vt.say(name, f"cancelled, inbox={inbox.qsize()}")
        raise


async def main():
    grind, brew, serve = asyncio.Queue(1), asyncio.Queue(1), asyncio.Queue()
    workers = [asyncio.create_task(stage("grinder", grind, brew, 0.1)),
               asyncio.create_task(stage("brewer", brew, serve, 0.1)),
               asyncio.create_task(stage("server", serve, None, 0.1))]
    for cup in ("c1", "c2", "c3"):
        await grind.put(cup)
        vt.say("main", f"put {cup}")
    for name, q in (("grind", grind), ("brew", brew), ("serve", serve)):
        await q.join()
        vt.say("main", f"{name} joined")
    for w in workers:
        w.cancel()
    res = await asyncio.gather(*workers, return_exceptions=True)
    vt.say("main", " ".join(vt.err(r) for r in res))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
