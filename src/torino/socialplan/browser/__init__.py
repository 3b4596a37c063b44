"""Classic UI views: thin, they read content and the consultation core."""
