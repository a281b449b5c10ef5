"""store stage: one keyed artifact store (content + code fingerprint, atomic write, keep-N,
prune) whose entries load as data only. See :mod:`flowdoc.store.artifacts`."""
