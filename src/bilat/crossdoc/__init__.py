"""Across documents: event coreference (``coref``), corroboration counts
(``corroboration``) and the incremental linking of new events (``linking``)."""
