"""Request body schemas (facts from the reference, per microversion)."""
