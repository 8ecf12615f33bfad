"""boilerstrip inside other corpus tools, each an optional extra:

- :mod:`boilerstrip.integrations.datatrove`: :class:`~.datatrove.BoilerstripStep`, a
  datatrove pipeline step (``pip install '.[datatrove]'``).
- :mod:`boilerstrip.integrations.hf`: :func:`~.hf.clean_dataset`, and :func:`~.hf.clean_batch`
  for ``datasets.Dataset.map(batched=True)`` (``pip install '.[hf]'``).
- :mod:`boilerstrip.integrations.ray`: :class:`~.ray.BoilerstripCleaner` for Ray Data's
  ``map_batches``, and the CLI's folder-in, folder-out run on Ray; and
  :mod:`boilerstrip.integrations.ray_dedup`: near-duplicate clusters computed on Ray
  (``pip install '.[ray]'``).
- :mod:`boilerstrip.integrations.minhash`: MinHash, LSH banding and clustering, NumPy only.

Every integration cleans through the same code as ``boilerstrip clean`` and gives the same
records. Nothing here is imported by ``import boilerstrip``; each submodule imports its tool
and says which extra to install when it is missing.
"""

from __future__ import annotations

from boilerstrip.integrations._rows import ROW_COLUMNS, record_from_row, reject_of_row

__all__ = ["ROW_COLUMNS", "record_from_row", "reject_of_row"]
