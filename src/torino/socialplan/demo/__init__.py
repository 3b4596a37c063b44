"""Demo content for the torino.socialplan demo profile."""
