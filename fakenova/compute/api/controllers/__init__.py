"""One module per resource; handlers take a Request, return a Response."""
