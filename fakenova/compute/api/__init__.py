"""HTTP layer: WebOb requests in, Nova's JSON out."""
