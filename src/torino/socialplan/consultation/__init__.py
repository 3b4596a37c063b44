"""The consultation's domain core: no views, no HTTP."""
