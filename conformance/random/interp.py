"""Runs every program of programs.json on CPython (vtloop's VirtualLoop) and writes the
transcripts to cpython.json; run.mjs runs it under pyodide."""
import asyncio, json, sys
import vtloop as vt

async def run_prog(tasks):
    q = asyncio.Queue(2)
    lock = asyncio.Lock()
    sem = asyncio.Semaphore(2)
    ev = asyncio.Event()
    cond = asyncio.Condition()
    bar = asyncio.Barrier(3)
    pool = vt.Executor(2)
    loop = asyncio.get_running_loop()
    ts = []
    async def kid(name, d, fail=False, quiet=False):
        # quiet: a TaskGroup's children are cancelled in the order of a set
        # (object identity), so they do not print then.
        try:
            await asyncio.sleep(d)
        except asyncio.CancelledError:
            if not quiet:
                vt.say(name, "kid cancelled")
            raise
        if fail:
            vt.say(name, "kid fails"); raise ValueError(name)
        vt.say(name, "kid done"); return d
    async def body(i, ops):
        me = f"t{i}"
        try:
            for op in ops:
                k = op[0]
                if k == "sleep":
                    await asyncio.sleep(op[1]); vt.say(me, f"slept {op[1]}")
                elif k == "yield":
                    await asyncio.sleep(0); vt.say(me, "yielded")
                elif k == "put":
                    await q.put(op[1]); vt.say(me, f"put {op[1]}")
                elif k == "get":
                    v = await q.get(); vt.say(me, f"got {v}")
                elif k == "lock":
                    async with lock:
                        vt.say(me, "locked"); await asyncio.sleep(op[1])
                    vt.say(me, "unlocked")
                elif k == "sem":
                    async with sem:
                        vt.say(me, "acquired"); await asyncio.sleep(op[1])
                    vt.say(me, "released")
                elif k == "set":
                    ev.set(); vt.say(me, "set")
                elif k == "clear":
                    ev.clear(); vt.say(me, "clear")
                elif k == "wait":
                    await ev.wait(); vt.say(me, "waited")
                elif k == "cancel":
                    vt.say(me, f"cancel t{op[1]} -> {ts[op[1]].cancel()}")
                elif k == "block":
                    vt.block(op[1]); vt.say(me, f"blocked {op[1]}")
                elif k == "exec":
                    v = await loop.run_in_executor(pool, vt.job(op[1], op[1])); vt.say(me, f"exec {v}")
                elif k == "cancelmsg":
                    vt.say(me, f"cancelmsg t{op[1]} -> {ts[op[1]].cancel('m' + me)}")
                elif k == "spawnwait":
                    v = await asyncio.create_task(kid(me + "k", op[1])); vt.say(me, f"kid -> {v}")
                elif k == "gatherkids":
                    await asyncio.gather(asyncio.create_task(kid(me + "a", op[1])), asyncio.create_task(kid(me + "b", op[1] / 2)))
                    vt.say(me, "gathered")
                elif k == "cwait":
                    async with cond:
                        await cond.wait(); vt.say(me, "notified")
                elif k == "cnotify":
                    async with cond:
                        cond.notify(1); vt.say(me, "notify")
                elif k == "barrier":
                    i = await bar.wait(); vt.say(me, f"barrier {i}")
                elif k == "shield":
                    kt = asyncio.create_task(kid(me + "s", op[1]))
                    await asyncio.shield(kt); vt.say(me, "shielded")
                elif k == "timeout_sleep":
                    try:
                        async with asyncio.timeout(op[1]):
                            await asyncio.sleep(0.25)
                        vt.say(me, "in time")
                    except TimeoutError:
                        vt.say(me, "timed out")
                elif k == "tg":
                    try:
                        async with asyncio.TaskGroup() as g:
                            g.create_task(kid(me + "x", op[1], quiet=True))
                            g.create_task(kid(me + "y", op[1] / 2, fail=op[1] > 0.3, quiet=True))
                        vt.say(me, "tg ok")
                    except* ValueError:
                        vt.say(me, "tg failed")
                elif k == "waitfirst":
                    a = asyncio.create_task(kid(me + "p", op[1]), name=me + "p")
                    b = asyncio.create_task(kid(me + "q", op[1] / 2), name=me + "q")
                    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
                    vt.say(me, f"first {len(done)} done")
                    for p in sorted(pending, key=lambda x: x.get_name()):
                        p.cancel()
                elif k == "uncancel":
                    vt.say(me, f"uncancel -> {asyncio.current_task().uncancel()}")
                elif k == "waitfor_get":
                    try:
                        v = await asyncio.wait_for(q.get(), op[1]); vt.say(me, f"wf got {v}")
                    except TimeoutError:
                        vt.say(me, "wf get timeout")
                elif k == "waitfor_wait":
                    try:
                        await asyncio.wait_for(ev.wait(), op[1]); vt.say(me, "wf waited")
                    except TimeoutError:
                        vt.say(me, "wf wait timeout")
            vt.say(me, "end")
        except asyncio.CancelledError as e:
            vt.say(me, f"cancelled {vt.err(e)}")
            raise
    for i, ops in enumerate(tasks):
        ts.append(asyncio.create_task(body(i, ops), name=f"t{i}"))
    async def closer():
        await asyncio.sleep(10)
        for t in ts:
            t.cancel()
    c = asyncio.create_task(closer(), name="closer")
    await asyncio.gather(*ts, return_exceptions=True)
    c.cancel()
    vt.say("main", "done")

progs = json.load(open("programs.json"))
out = []
import io, contextlib
for p in progs:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            asyncio.run(run_prog(p), loop_factory=vt.VirtualLoop)
        except BaseException as e:
            print("!! " + type(e).__name__ + ": " + str(e))
    out.append(buf.getvalue())
json.dump(out, open("cpython.json", "w"), indent=0)
