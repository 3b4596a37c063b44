"""REST API: services and serializers bound to our browser layer."""
