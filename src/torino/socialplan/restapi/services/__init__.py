"""REST services, one folder per endpoint: thin, they call consultation/."""
