"""The corpus pipeline behind ``boilerstrip clean``: plan input shards, clean them in worker
processes, commit each shard's output atomically, resume after a kill, account for every
input record.

Example:
    >>> from boilerstrip.pipeline import RunConfig, run
    >>> result = run(["crawl/"], RunConfig(output="out", workers=2))  # doctest: +SKIP
    >>> result.stats["inputs"] == result.stats["kept"] + result.stats["rejected"] + result.stats["duplicates"]  # doctest: +SKIP
    True
"""

from boilerstrip.pipeline.config import RunConfig
from boilerstrip.pipeline.plan import Shard
from boilerstrip.pipeline.runner import RunError, RunResult, RunUsageError, dry_run, run
from boilerstrip.pipeline.worker import process

__all__ = ["RunConfig", "Shard", "run", "dry_run", "process", "RunResult", "RunError", "RunUsageError"]
