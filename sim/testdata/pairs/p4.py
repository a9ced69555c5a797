import asyncio, sys
sys.path.insert(0, '/tmp/vt')
from vt import VTLoop, say
async def main():
    async def bg(n, d):
        try:
            while True:
                await asyncio.sleep(d); say(n, "tick")
        except asyncio.CancelledError:
            say(n, "cancelled at shutdown")
            await asyncio.sleep(0.2)
            say(n, "cleaned up")
            raise
    async def stubborn():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            pass  # ignores the cancel
        await asyncio.sleep(0.5)
        say("stubborn", "done")
    asyncio.create_task(bg("bg1", 0.3))
    asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    say("main", "bye")
asyncio.run(main(), loop_factory=VTLoop)
