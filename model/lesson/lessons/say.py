"""say.py: what the brewloop lessons print, and how they start.

say(text) prints one line the way `brewloop run --transcript` does: the loop's time
since the lesson started (HH:MM:SS.mmm), the name of the task that prints, and the
text. run(main) is asyncio.run(main()) with the main task named "main".
"""

import asyncio

_start = 0.0


def now():
    """Seconds of loop time since the lesson started."""
    return asyncio.get_running_loop().time() - _start


def clock(seconds):
    """Format seconds as HH:MM:SS.mmm."""
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def say(text):
    """Print text as the current task, with the loop time."""
    print(f"{clock(now())} {asyncio.current_task().get_name()}: {text}", flush=True)


def run(main):
    """Run main() as the task "main" and note, after the transcript, when it ended."""

    async def lesson():
        global _start
        _start = asyncio.get_running_loop().time()
        asyncio.current_task().set_name("main")
        await main()
        print(f"# ended at {clock(now())}", flush=True)

    asyncio.run(lesson())
