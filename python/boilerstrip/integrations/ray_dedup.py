"""Near-duplicate documents, found on Ray: MinHash signatures computed in parallel, grouped by
LSH band, the candidate pairs joined into clusters.

    from boilerstrip.integrations.ray_dedup import near_duplicates, mark_duplicates

    clusters = near_duplicates(ds, text_column="text", id_column="id")
    ds = mark_duplicates(ds, clusters).filter(lambda r: r["dup_keep"])

The three passes: ``map_batches`` turns each batch of documents into ``(band, key, id)`` rows
(signatures and band keys in the workers); ``groupby(["band", "key"])`` brings the documents
that share a band's key together, and each group gives candidate pairs (every member with the
group's smallest id, enough to connect it); the pairs, one per duplicate rather than one per
document, come back to the driver, where union-find makes the clusters. The result is the
same as :func:`boilerstrip.integrations.minhash.near_duplicate_clusters` on one machine.

Signatures come from ``signature_fn``: by default the Rust MinHash of ``boilerstrip.dedup``
(:func:`~boilerstrip.integrations.minhash.rust_signatures`); the NumPy reference
(:func:`~boilerstrip.integrations.minhash.numpy_signatures`) has the same contract.
"""

from __future__ import annotations

import inspect
from collections import Counter
from typing import TYPE_CHECKING, Any, Sequence

from boilerstrip.integrations._optional import require
from boilerstrip.integrations.minhash import (
    MinHashConfig,
    SignatureFn,
    band_keys,
    clusters_from_edges,
    rust_signatures,
)

if TYPE_CHECKING:
    import pyarrow as pa
    import ray.data

__all__ = ["near_duplicates", "mark_duplicates"]

_pa = require("pyarrow", "ray")
_ray = require("ray", "ray")
require("ray.data", "ray")
_np = require("numpy", "ray")

_BAND_SCHEMA = _pa.schema([("band", _pa.int32()), ("key", _pa.uint64()), ("id", _pa.string())])
_EDGE_SCHEMA = _pa.schema([("a", _pa.string()), ("b", _pa.string())])


def _band_rows(
    batch: pa.Table, *, text_column: str, id_column: str, config: MinHashConfig, signature_fn: SignatureFn
) -> pa.Table:
    """One ``(band, key, id)`` row per document and band (none for texts without words)."""
    texts = [t or "" for t in batch.column(text_column).to_pylist()]
    ids = _np.array([str(x) for x in batch.column(id_column).to_pylist()], dtype=object)
    if not texts:
        return _BAND_SCHEMA.empty_table()
    keys = band_keys(signature_fn(texts, config), config)  # (n, bands)
    doc_idx, band_idx = _np.nonzero(keys)
    return _pa.table(
        {
            "band": _pa.array(band_idx.astype(_np.int32)),
            "key": _pa.array(keys[doc_idx, band_idx]),
            "id": _pa.array(ids[doc_idx].tolist(), type=_pa.string()),
        },
        schema=_BAND_SCHEMA,
    )


def _group_edges(group: pa.Table) -> pa.Table:
    """Candidate pairs of one (band, key) group: each member with the group's smallest id.
    A document gives one row per band, so an id twice in a group names two documents: it
    comes out as a pair with itself, for the driver to refuse."""
    members = group.column("id").to_pylist()
    ids = sorted(set(members))
    shared = sorted(x for x, n in Counter(members).items() if n > 1) if len(ids) < len(members) else []
    if len(ids) < 2 and not shared:
        return _EDGE_SCHEMA.empty_table()
    return _pa.table({"a": [ids[0]] * (len(ids) - 1) + shared, "b": ids[1:] + shared}, schema=_EDGE_SCHEMA)


def _groupby(ds: ray.data.Dataset, keys: list[str], num_partitions: int | None) -> Any:
    # ``num_partitions`` arrived in later Ray releases; without it a hash shuffle defaults to
    # 200 partitions, far too many for a small cluster
    if num_partitions is not None and "num_partitions" in inspect.signature(ds.groupby).parameters:
        return ds.groupby(keys, num_partitions=num_partitions)
    return ds.groupby(keys)


def near_duplicates(
    ds: ray.data.Dataset,
    *,
    text_column: str = "text",
    id_column: str = "id",
    config: MinHashConfig = MinHashConfig(),
    signature_fn: SignatureFn = rust_signatures,
    batch_size: int = 256,
    num_partitions: int | None = None,
) -> list[list[str]]:
    """Clusters of near-duplicate documents (Jaccard similarity of word ``ngram`` shingles
    around ``config.threshold()`` or above), each a sorted list of ids, sorted by first id.
    Documents in no cluster have no near duplicate. Ids must be unique: an id found on two
    documents that share a band (as exact copies do) is a ``ValueError``.

    ``num_partitions`` sets the groupby's shuffle width (default: twice the cluster's CPUs).
    """
    if num_partitions is None:
        num_partitions = max(1, 2 * int(_ray.cluster_resources().get("CPU", 1)))
    bands = ds.select_columns([id_column, text_column]).map_batches(
        _band_rows,
        fn_kwargs={"text_column": text_column, "id_column": id_column, "config": config, "signature_fn": signature_fn},
        batch_format="pyarrow",
        batch_size=batch_size,
    )
    edges = _groupby(bands, ["band", "key"], num_partitions).map_groups(_group_edges, batch_format="pyarrow")
    pairs: list[tuple[str, str]] = []
    try:
        for batch in edges.iter_batches(batch_format="pyarrow", batch_size=None):
            pairs.extend(zip(batch.column("a").to_pylist(), batch.column("b").to_pylist()))
    except Exception:
        # Ray's hash shuffle fails when every block is empty (empty blocks carry no schema):
        # a dataset of no documents has no clusters; any other failure is real
        if ds.limit(1).count() == 0:
            return []
        raise
    shared = sorted({a for a, b in pairs if a == b})
    if shared:
        raise ValueError(f"ids must be unique, and {shared[:5]!r} each name more than one document "
                         "(the cleaner's default id is the clean text's hash: give it an id column)")
    return clusters_from_edges(pairs)


def _mark(batch: pa.Table, *, cluster_of: dict[str, str], id_column: str) -> pa.Table:
    # a missing id is in no cluster (as text it would be the id "None", one for all of them)
    ids = [None if x is None else str(x) for x in batch.column(id_column).to_pylist()]
    cluster = [None if i is None else cluster_of.get(i) for i in ids]
    keep = [c is None or c == i for c, i in zip(cluster, ids)]
    for name, col in (("dup_cluster", _pa.array(cluster, type=_pa.string())), ("dup_keep", _pa.array(keep, type=_pa.bool_()))):
        # marked again (after another dedup pass): the new marks replace the old, where
        # appending made a second column of the same name
        k = batch.schema.get_field_index(name)
        batch = batch.set_column(k, name, col) if k >= 0 else batch.append_column(name, col)
    return batch


def mark_duplicates(ds: ray.data.Dataset, clusters: Sequence[Sequence[str]], *, id_column: str = "id") -> ray.data.Dataset:
    """``ds`` with ``dup_cluster`` (the cluster's first id, or null) and ``dup_keep`` (true for
    documents in no cluster and for the first of each cluster) columns. The id-to-cluster map
    holds duplicates only, so it is small enough to ship to every worker."""
    cluster_of = {doc_id: c[0] for c in clusters for doc_id in c}
    return ds.map_batches(_mark, fn_kwargs={"cluster_of": cluster_of, "id_column": id_column}, batch_format="pyarrow")
