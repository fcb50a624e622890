"""Compute layer: the model, the store and the lifecycle rules (no HTTP)."""
