"""A province: one site per administrative division, and a thin portal over them.

A province has hundreds of thousands of items: too many for one build on one machine. Each city or
county keeps its own registry and builds its own site in its own CI job; the portal links the sites
and searches them all from one box:

    division job (one per division, in parallel)          portal job (after all of them)
    ─────────────────────────────────────────────          ──────────────────────────────
    python -m generator build  → site/                     python -m generator portal
    python -m generator partition → site/partition/ ──▶      reads every partition/ (untrusted),
        partition.json   identity, Counts, shard count         checks 八统一 across divisions,
        documents.jsonl  the finder's documents                merges the finder shard by shard,
        summary.jsonl    every published item, 八统一 fields    writes index.html + finder/data/
        postings.jsonl.gz raw postings by portal shard

The portal's finder ranks exactly as one build over the union of the partitions would: partitions
publish raw postings and their Counts, never weights (BM25 weights depend on the whole collection),
and the portal computes the weights from the summed Counts with the finder's own code.

Modules: `config` (portal.yml), `formats` (the export's files and how they are read back, with their
limits), `export` (the `partition` command), `reading` (checking a partition's export), `crosscheck`
(八统一 across partitions), `merge` (docs.json and the shards), `pages` (the portal's page and assets),
`build` (the `portal` command), `catalogue` (the codes of its findings).
"""
